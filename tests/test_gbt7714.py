"""A citation made from its shape (``gbt7714.from_shape``) is, byte for byte, the text
citeproc-py renders for the record itself (``gbt7714.direct``): for generated records whose
titles, addresses and authors carry what citeproc treats specially (punctuation and spaces at
either end, markup, the placeholders themselves), and for every citation of the real site."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.model.notice import Publisher
from generator.site import gbt7714
from generator.site.cite import Citation
from generator.site.plan import Site

Record = dict[str, Any]

# What a seam, the markup reader or the substitution could act on, among any other character;
# more often at the ends, where a seam is (a space, or one of the marks citeproc merges).
SEAM = ".,;:!?"
ENDS = [*".,;:!? \t\u3000。，；：！？“”‘’[]()/#<"]
TRICKY = [*ENDS, '<span class="nocase">', "</span>", "%s", "\\1", *gbt7714.PLACEHOLDERS.values()]
middles = st.lists(st.sampled_from(TRICKY) | st.characters(exclude_categories=["Cs"]), max_size=10).map("".join)
ends = st.just("") | st.sampled_from([*SEAM, " "]) | st.sampled_from(ENDS)
texts = st.builds(lambda first, middle, last: first + middle + last, ends, middles, ends)


def record(title: str, url: str, author: str | None = None, day: datetime.date = datetime.date(2099, 3, 15)) -> Record:
    """A record of the shape ``site/cite.py`` makes, as ``Citation.text`` hands it on."""
    made: Record = {
        "id": "minsheng-2099-x",
        "type": "webpage",
        "title": title,
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
        "URL": url,
        "language": "zh-CN",
        "version": "0123456",
        "accessed": {"literal": "引用日期"},
    }
    if author is not None:
        made["author"] = [{"literal": author}]
    return made


@settings(max_examples=300, deadline=None)
@given(title=texts, url=texts, author=st.none() | texts, day=st.dates(datetime.date(1000, 1, 1)))
@example(title="题名.", url="https://example.org/a.", author=None, day=datetime.date(2099, 3, 15))
@example(title=" 题名", url=" https://example.org/", author="机关", day=datetime.date(2099, 3, 15))
def test_a_citation_from_its_shape_is_citeprocs_own(title: str, url: str, author: str | None, day: datetime.date) -> None:
    rec = record(title, url, author, day)
    assert gbt7714.text(rec) == gbt7714.direct(rec)


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("题名", "https://example.org/a."),  # the entry's closing period: one, not two
        ("题名", " https://example.org/"),  # after ". ": one space, not two
        ('<span class="nocase">题名</span>', "https://example.org/"),  # markup, not text
    ],
)
def test_a_value_the_style_changes_is_not_put_in_a_placeholder(title: str, url: str) -> None:
    """These are why ``as_is`` refuses some values: put in a placeholder's place, each would
    read otherwise than citeproc prints it."""
    rec = record(title, url, "机关")
    placed = gbt7714.direct(record(*gbt7714.PLACEHOLDERS.values(), "机关"))
    for field, placeholder in gbt7714.PLACEHOLDERS.items():
        placed = placed.replace(placeholder, rec[field])
    assert placed != gbt7714.direct(rec)
    assert gbt7714.from_shape(rec) is None
    assert gbt7714.text(rec) == gbt7714.direct(rec)


def test_another_field_holding_a_placeholder_is_rendered_directly() -> None:
    rec = record("题名", "https://example.org/", gbt7714.PLACEHOLDERS["title"])
    assert gbt7714.from_shape(rec) is None
    assert gbt7714.text(rec).startswith(f"{gbt7714.PLACEHOLDERS['title']}. 题名[EB/OL]")


def test_records_of_one_shape_share_one_rendering_in_the_build_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third = (record(f"题名{n}", f"https://example.org/#{n}", "机关") for n in "一二三")
    expected = gbt7714.direct(third)
    assert gbt7714.text(first, tmp_path) == gbt7714.direct(first)
    assert gbt7714.text(second, tmp_path) == gbt7714.direct(second)
    assert len(list((tmp_path / "cite").iterdir())) == 1

    def never(rec: Record) -> str:
        raise AssertionError("a shape in the build cache was rendered again")

    monkeypatch.setattr(gbt7714, "direct", never)
    gbt7714.rendered.cache_clear()  # as a new build process starts
    assert gbt7714.text(third, tmp_path) == expected


def citations(site: Site, with_publisher: bool) -> list[str]:
    """Every citation text of ``site``'s pages and figures, with no build cache."""
    made = []
    for plan in site.plans:
        notice = plan.notice
        if with_publisher:
            notice = dataclasses.replace(notice, publisher=Publisher(name="太和县民生工程办公室"))
        cite = Citation(notice, plan.urls, plan.site_url, plan.version)
        made.append(cite.notice_text())
        for project in notice.projects:
            made.append(cite.project(project))
            made += [cite.figure(project, indicator) for indicator in project.all_indicators]
    return made


@pytest.mark.parametrize("with_publisher", [False, True], ids=["no-publisher", "publisher"])
def test_every_citation_of_the_real_site_is_made_from_its_shape_as_citeproc_renders_it(
    real_site: Site, with_publisher: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = []

    def compared(rec: Record, cache_dir: Path | None = None) -> str:
        made = gbt7714.from_shape(rec)
        assert made == gbt7714.direct(rec), rec  # and so never None: no real citation falls back
        checked.append(rec["id"])
        return made

    monkeypatch.setattr(gbt7714, "text", compared)
    assert len(citations(real_site, with_publisher)) == len(checked) > 100
