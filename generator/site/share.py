"""Share images: the picture a chat app or social site shows beside a shared link (og:image).

One PNG per project (its name, number in the notice and year) and one for the site, 1200×630
as the sites ask, drawn with Pillow at build time in the Chinese font that the build
installs (Debian's fonts-noto-cjk: ``make fonts``, run by ``make serve`` and ``make site``).
Flat colours, drawn straight in a fixed palette of 16, keep each well under 100 kB. Like
the QR codes, an image is kept in the build cache (``generator/cache.py``) under a hash of
everything that decides its bytes (its text, the font file, Pillow's version and this
module's code) and reused byte for byte.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from functools import cache as memo
from pathlib import Path
from typing import TYPE_CHECKING

from .. import cache
from ..model import Notice, Project

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

WIDTH, HEIGHT = 1200, 630
# Debian's fonts-noto-cjk: the bold face of Noto Sans CJK, the simplified Chinese one of the
# collection (faces are found by name: the order in the file is not ours to fix).
DEBIAN_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
RED, INK, GREY, PAPER, WHITE = "#c62828", "#212121", "#4d4d4d", "#fff8f6", "#ffffff"  # the site's colours
MARGIN = 72
BAND = 120  # the last row of the red band at the top


class FontMissing(Exception):
    """No Chinese font to draw the share images with."""




@memo
def font_file() -> Path:
    """The Chinese font's file: Debian's, else the one fontconfig gives for Chinese."""
    if DEBIAN_FONT.is_file():
        return DEBIAN_FONT
    fc_match = shutil.which("fc-match")
    if fc_match is not None:
        found = subprocess.run(
            [fc_match, "-f", "%{file}", ":lang=zh:weight=bold"], capture_output=True, text=True
        ).stdout.strip()
        if found and Path(found).is_file() and _has_chinese(Path(found)):
            return Path(found)
    raise FontMissing(
        "找不到中文字体：分享图片要用 Noto Sans CJK（Debian 的 fonts-noto-cjk 包，make fonts 会安装），"
        f"找过 {DEBIAN_FONT} 和 fc-match 给出的中文字体"
    )


def _has_chinese(path: Path) -> bool:
    from PIL import ImageFont

    return ImageFont.truetype(str(path), 20).getbbox("民生")[2] > 0


@memo
def _face_index(path: Path) -> int:
    """The simplified Chinese face of a font collection (0 for a single font)."""
    from PIL import ImageFont

    for index in range(16):
        try:
            family = ImageFont.truetype(str(path), 20, index=index).getname()[0] or ""
        except OSError:
            break
        if family.endswith(" SC"):
            return index
    return 0


@memo
def _font_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Card:
    """What a share image says: a top line (the site), a title, and a bottom line."""

    site: str
    title: str
    footer: str

    @property
    def alt(self) -> str:
        """The image's text as its description (og:image:alt)."""
        return f"{self.site}：{self.title}（{self.footer}）"


def project_card(notice: Notice, project: Project) -> Card:
    doc = notice.document
    return Card(f"{doc.region}{doc.year}年民生工程", project.name, f"{doc.number} 附件第{project.seq}项")


def site_card(notice: Notice) -> Card:
    doc = notice.document
    title = f"{doc.region}{doc.year}年{len(notice.projects)}项民生工程"
    return Card(f"{doc.issuer} {doc.number}", title, "目标任务照录通知原文")


def image_meta(url: str, card: Card) -> dict[str, str | int]:
    """The page metadata of a share image at ``url`` (overrides/main.html writes og:image)."""
    return {"url": url, "alt": card.alt, "width": WIDTH, "height": HEIGHT}


def png(card: Card, cache_dir: Path | None = None) -> bytes:
    """The share image of ``card``; with ``cache_dir`` (the build cache), drawn only once."""
    place = cache_dir / "share" if cache_dir else None
    return cache.made(place, f"{key(card)}.png", lambda: draw(card))


def key(card: Card) -> str:
    """The cache name of an image: changes when anything that decides its bytes changes."""
    font = font_file()
    return cache.key(
        card.site, card.title, card.footer, _font_hash(font), cache.package("pillow"),
        cache.source(Path(__file__)),
    )  # fmt: skip


def _lines(font: FreeTypeFont, text: str, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (Chinese breaks between characters),
    each as long as fits, and at least one character."""
    lines = []
    while text:
        # The longest start that fits, found by halving (a longer start is never narrower):
        # each measurement lays the text out anew, too slow to make for every length.
        fits = bisect.bisect_right(range(1, len(text) + 1), width, key=lambda n: font.getlength(text[:n]))
        lines.append(text[: max(fits, 1)])
        text = text[max(fits, 1) :]
    return lines


@memo
def font(size: int) -> FreeTypeFont:
    """The Chinese font at ``size`` pixels (loading the 20 MB collection is the slow part)."""
    from PIL import ImageFont

    path = font_file()
    return ImageFont.truetype(str(path), size, index=_face_index(path))


def draw(card: Card) -> bytes:
    from PIL import Image, ImageDraw

    # Drawn in palette indices ("L" until putpalette makes it "P"), not in full colour and
    # quantized afterwards: no image three times the size to fill, and no colour search.
    image = Image.new("L", (WIDTH, HEIGHT), _index(PAPER))
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, BAND), fill=_index(RED))
    pen.text((MARGIN, BAND // 2), card.site, font=font(48), fill=_index(WHITE), anchor="lm")
    # The title as large as fits in three lines.
    width, room = WIDTH - 2 * MARGIN, HEIGHT - BAND - 190
    for size in (96, 84, 72, 60, 52, 44):
        title_font = font(size)
        lines = _lines(title_font, card.title, width)
        if len(lines) <= 3 and len(lines) * size * 1.3 <= room:
            break
    if len(lines) > 3:  # never in real data: a name cut short says so
        lines = [*lines[:2], lines[2][:-1] + "…"]
    top = BAND + 60
    for n, line in enumerate(lines):
        pen.text((MARGIN, top + n * size * 1.3), line, font=title_font, fill=_index(INK), anchor="la")
    footer = (_lines(font(40), card.footer, width) or [""])[0]
    pen.text((MARGIN, HEIGHT - 70), footer, font=font(40), fill=_index(GREY), anchor="ls")
    pen.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=_index(RED))
    image.putpalette([value for colour in _colours() for value in colour])
    out = io.BytesIO()
    # zlib's run-length strategy: the image is long runs of one index, and looking only for
    # those is several times faster than the default search, for files no larger
    image.save(out, format="PNG", compress_type=zlib.Z_RLE)
    return out.getvalue()


@memo
def _colours() -> list[tuple[int, ...]]:
    """The image's 16 colours: the site's, and the steps from each text colour to the colour
    under it (the letters' smoothed edges). Fixed rather than chosen for each image: choosing
    (Pillow's median cut) was the slowest step of drawing, and a fixed palette keeps the
    site's colours exact.

    A text colour, its steps and the colour under it are neighbours in index order, so
    Pillow, smoothing a letter's edge on the image of indices as it would grey levels,
    blends the two index numbers and lands on the step nearest the pixel's coverage."""
    from PIL import ImageColor

    def chain(ink: str, under: str, count: int) -> list[tuple[int, ...]]:
        a, b = ImageColor.getrgb(ink), ImageColor.getrgb(under)
        return [tuple(round(x + (y - x) * k / count) for x, y in zip(a, b, strict=True)) for k in range(count + 1)]

    # white letters on red; ink on paper, then grey from paper (paper is under both)
    return chain(WHITE, RED, 5) + chain(INK, PAPER, 5) + chain(GREY, PAPER, 4)[::-1][1:]


def _index(colour: str) -> int:
    """The palette index of one of the site's colours."""
    from PIL import ImageColor

    return _colours().index(ImageColor.getrgb(colour))
