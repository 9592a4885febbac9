"""Share images (generator/site/share.py): a 1200×630 PNG under 100 kB per project and one
for the site, drawn in the build's Chinese font, cached like the QR codes, and named by
og:image and twitter:image (with size and description) on every page."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from htmltree import parse_file
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageColor, ImageDraw

from generator import cache, urls
from generator.model import Notice
from generator.site import share

CARD = share.Card("测试县2099年民生工程", "测试救助" * 12, "测政〔2099〕1号 附件第4项")
MAX_BYTES = 100_000


def _never() -> bytes:
    raise AssertionError("an image in the cache was drawn again")


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size == (share.WIDTH, share.HEIGHT) == (1200, 630)
    return image


def test_an_image_is_a_small_png_with_its_title_drawn() -> None:
    data = share.draw(CARD)
    assert len(data) <= MAX_BYTES
    # The title's ink: dark pixels in the body (between the red bands), none in a blank one.
    assert dark_pixels(opened(data)) > 10_000
    assert dark_pixels(opened(share.draw(share.Card("", "", "")))) == 0


def dark_pixels(image: Image.Image) -> int:
    body = image.convert("L").crop((0, 150, share.WIDTH, 480))
    return sum(body.histogram()[:80])


def test_an_image_has_16_colours_and_the_site_s_own_exactly() -> None:
    image = opened(share.draw(CARD))
    assert image.mode == "P" and len(image.getcolors() or []) <= 16
    pixels = image.convert("RGB")
    assert pixels.getpixel((5, 5)) == ImageColor.getrgb(share.RED)  # the top band
    assert pixels.getpixel((5, 300)) == ImageColor.getrgb(share.PAPER)
    assert pixels.getpixel((5, share.HEIGHT - 5)) == ImageColor.getrgb(share.RED)  # the bottom band
    # The letters' ink is the site's: each text's fullest pixels are its colour itself.
    assert ImageColor.getrgb(share.WHITE) in colours(pixels, (0, 0, share.WIDTH, share.BAND))
    assert ImageColor.getrgb(share.INK) in colours(pixels, (0, 150, share.WIDTH, 480))
    assert ImageColor.getrgb(share.GREY) in colours(pixels, (0, 500, share.WIDTH, share.HEIGHT - 24))


def colours(image: Image.Image, box: tuple[int, int, int, int]) -> set[tuple[int, ...]]:
    return {colour for _, colour in image.crop(box).getcolors() or []}


def chain(*names: str) -> set[tuple[int, ...]]:
    """The palette's colours from the first of ``names`` to the last, in index order."""
    palette = share._colours()
    ends = sorted(palette.index(ImageColor.getrgb(name)) for name in names)
    return set(palette[ends[0] : ends[-1] + 1])


def test_letters_edges_are_steps_between_their_ink_and_the_colour_under_it() -> None:
    pixels = opened(share.draw(CARD)).convert("RGB")
    assert len(share._colours()) == 16
    assert colours(pixels, (0, 0, share.WIDTH, share.BAND + 1)) == chain(share.WHITE, share.RED)
    assert colours(pixels, (0, share.BAND + 1, share.WIDTH, 480)) == chain(share.INK, share.PAPER)  # the title
    assert colours(pixels, (0, 500, share.WIDTH, share.HEIGHT - 24)) == chain(share.GREY, share.PAPER)  # the footer


def test_letters_are_as_drawn_in_full_colour_to_half_a_step() -> None:
    """Drawn in palette indices, each pixel is the step nearest the colour that drawing the
    same card in full colour gives it: the letters, and their smoothing, are where they were."""
    card = share.Card("测试县2099年民生工程", "困难群众救助", "测政〔2099〕1号 附件第4项")  # a one-line title, 96 px
    image = opened(share.draw(card)).convert("RGB")
    full = Image.new("RGB", image.size, share.PAPER)
    pen = ImageDraw.Draw(full)
    pen.rectangle((0, 0, share.WIDTH, share.BAND), fill=share.RED)
    pen.text((share.MARGIN, share.BAND // 2), card.site, font=share.font(48), fill=share.WHITE, anchor="lm")
    pen.text((share.MARGIN, share.BAND + 60), card.title, font=share.font(96), fill=share.INK, anchor="la")
    pen.text((share.MARGIN, share.HEIGHT - 70), card.footer, font=share.font(40), fill=share.GREY, anchor="ls")
    pen.rectangle((0, share.HEIGHT - 24, share.WIDTH, share.HEIGHT), fill=share.RED)
    # the widest step is ink to paper in red, (255 - 33) / 5; half of it, and a rounding
    assert max(high for _, high in ImageChops.difference(image, full).getextrema()) <= 23
    ink = ImageChops.difference(full, Image.new("RGB", full.size, share.PAPER)).convert("L")
    assert sum(ink.crop((0, share.BAND + 1, share.WIDTH, share.HEIGHT - 24)).histogram()[24:]) > 10_000  # letters there


def test_a_title_too_long_for_three_lines_is_cut_with_an_ellipsis() -> None:
    font = share.font(44)
    lines = share._lines(font, "很" * 200, share.WIDTH - 2 * share.MARGIN)
    assert len(lines) > 3  # so draw() must cut it: it still makes a valid image
    assert len(share.draw(share.Card("站", "很" * 200, "脚"))) <= MAX_BYTES


@given(st.text("民生工程救助ABCgijlWM0189.,…（）《》“” -—", max_size=60), st.integers(1, 1056), st.sampled_from([40, 96]))
def test_a_title_breaks_where_the_next_character_would_not_fit(text: str, width: int, size: int) -> None:
    font = share.font(size)
    lines = share._lines(font, text, width)
    assert "".join(lines) == text and "" not in lines
    for line, after in zip(lines, [*lines[1:], ""], strict=False):
        assert len(line) == 1 or font.getlength(line) <= width  # a character wider than a line stands alone
        if after:
            assert font.getlength(line + after[0]) > width


def test_cached_image_is_byte_identical_and_not_drawn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = share.draw(CARD)
    stored = share.png(CARD, tmp_path)
    assert [p.name for p in (tmp_path / "share").iterdir()] == [f"{share.key(CARD)}.png"]
    monkeypatch.setattr(share, "draw", lambda card: _never())
    assert share.png(CARD, tmp_path) == stored == drawn


def test_key_changes_with_the_text_the_font_pillow_and_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = {share.key(CARD), share.key(share.Card(CARD.site, CARD.title + "x", CARD.footer))}
    monkeypatch.setattr(share, "_font_hash", lambda path: "another font")
    keys.add(share.key(CARD))
    monkeypatch.setattr(cache, "package", lambda name: "0.0.0")
    keys.add(share.key(CARD))
    monkeypatch.setattr(cache, "source", lambda path: "other code")
    keys.add(share.key(CARD))
    assert len(keys) == 5


def test_no_chinese_font_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(share, "DEBIAN_FONT", tmp_path / "none.ttc")
    monkeypatch.setenv("PATH", str(tmp_path))  # no fc-match
    share.font_file.cache_clear()
    try:
        with pytest.raises(share.FontMissing) as raised:
            share.font_file()
    finally:
        share.font_file.cache_clear()
    assert str(raised.value) == (
        "找不到中文字体：分享图片要用 Noto Sans CJK（Debian 的 fonts-noto-cjk 包，make fonts 会安装），"
        f"找过 {tmp_path / 'none.ttc'} 和 fc-match 给出的中文字体"
    )


def test_cards_say_the_project_name_and_the_year(notice: Notice) -> None:
    project = notice.projects[0]
    card = share.project_card(notice, project)
    assert card == share.Card("太和县2020年民生工程", project.name, f"太政〔2020〕10号 附件第{project.seq}项")
    assert share.site_card(notice) == share.Card("太和县人民政府 太政〔2020〕10号", "太和县2020年33项民生工程", "目标任务照录通知原文")


def meta(doc, key: str) -> str | None:
    for el in doc.find_all("meta"):
        if key in (el.attrs.get("property"), el.attrs.get("name")):
            return el.attrs.get("content")
    return None


def test_every_page_has_a_share_image_that_exists(built_site: Path, notice: Notice) -> None:
    site_url = parse_file(built_site / "index.html").find("link", rel="canonical").attrs["href"]
    pages = [p for p in sorted(built_site.rglob("*.html")) if 'http-equiv="refresh"' not in p.read_text("utf-8")]
    assert len(pages) > len(notice.projects)
    images: dict[str, int] = {}
    for path in pages:
        doc = parse_file(path)
        where = path.relative_to(built_site).as_posix()
        url = meta(doc, "og:image")
        assert url and url.startswith(site_url), where
        assert meta(doc, "twitter:image") == url, where
        assert meta(doc, "twitter:card") == "summary_large_image", where
        assert (meta(doc, "og:image:width"), meta(doc, "og:image:height")) == ("1200", "630"), where
        assert meta(doc, "og:image:type") == "image/png", where
        assert meta(doc, "og:image:alt") and meta(doc, "twitter:image:alt") == meta(doc, "og:image:alt"), where
        file = built_site / url.removeprefix(site_url)
        if url not in images:
            data = file.read_bytes()
            assert len(data) <= MAX_BYTES, url
            opened(data)
            images[url] = len(data)
    address = urls.Urls(notice.document.year)  # the notice's pages are under its year
    for project in notice.projects:
        doc = parse_file(built_site / address.project_url(project.id) / "index.html")
        assert meta(doc, "og:image") == f"{site_url}{address.share_image(project.id)}"
        assert project.name in meta(doc, "og:image:alt")
    assert meta(parse_file(built_site / "index.html"), "og:image") == f"{site_url}share.png"
    assert len(images) == len(notice.projects) + 1
