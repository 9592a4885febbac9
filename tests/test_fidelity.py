"""Fidelity of the built site to the notice (issue 10).

* /notice/ is the notice: its text, with whitespace and our additions (¶ links, links to
  project pages, marked editor's notes, the data version) removed, equals the source text
  (data/source/, the annex's repeated page header printed once) character for character.
* On every project, category and glossary page, every text is a passage of the notice, a
  fixed phrase of the site (generator/phrases.py and the section titles of generator/urls.py),
  a value the data's reports give, or inside an editor's note labelled as the site's; every
  number is in the notice or computed from reports. The test names what is not.
* The checks themselves are checked: a moved paragraph and a number added to a page fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from fidelity import (
    Allowed,
    article,
    editor_notes_unlabelled,
    first_difference,
    numbers_in,
    phrase_fragments,
    source_text,
    squeeze,
    text_nodes,
    text_without_ours,
    unexplained,
)

from generator import urls
from generator.model import Notice
from generator.site import planner
from generator.version import of as version_of

U = urls.Urls(2020)  # the addresses of the real notice


def page_html(site: Path, src: str) -> str:
    return (site / urls.url_of(src) / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def allowed(built_site: Path, notice: Notice) -> Allowed:
    version = version_of(ROOT / "data" / "projects.yaml")
    site_url = (built_site / "index.html").read_text(encoding="utf-8").split('rel="canonical" href="')[1].split('"')[0]
    plan = planner.make(notice, site_url, version)
    values = {squeeze(version.label), version.date or "未知"}
    values |= {squeeze(plan.citation.project(p)) for p in notice.projects}
    reports = [r for p in notice.projects for r in p.reports]
    values |= {squeeze(text) for r in reports for text in (r.source, r.note or "") if text}
    source = source_text()
    numbers = numbers_in([source, *values, *(r.date for r in reports)])
    numbers |= {str(v.reached) for r in reports for v in r.values if v.reached is not None}
    return Allowed(source, phrase_fragments(), values, numbers, url_prefix=site_url)


def test_notice_page_is_the_notice_in_printed_order(built_site: Path) -> None:
    shown = squeeze(text_without_ours(article(page_html(built_site, U.NOTICE))))
    difference = first_difference(source_text(), shown)
    assert difference is None, "通知原文页与原文不一致：\n" + difference


def test_a_moved_paragraph_is_caught(built_site: Path) -> None:
    html = page_html(built_site, U.NOTICE)
    first, second = 'id="p-nongcun-gaice"', 'id="p-chusheng-quexian"'
    a, b = html.index(first), html.index(second)
    para_a = html[html.rindex("<p ", 0, a) : html.index("</p>", a) + 4]
    para_b = html[html.rindex("<p ", 0, b) : html.index("</p>", b) + 4]
    swapped = html.replace(para_a, "\0").replace(para_b, para_a).replace("\0", para_b)
    shown = squeeze(text_without_ours(article(swapped)))
    assert first_difference(source_text(), shown) is not None


def fidelity_pages(notice: Notice) -> list[str]:
    pages = [U.project(p.id) for p in notice.projects]
    pages += [U.category(c.id) for c in notice.categories] + [U.RETIRED, U.GLOSSARY]
    return pages


def test_every_text_on_project_category_and_glossary_pages_has_a_source(
    built_site: Path, notice: Notice, allowed: Allowed
) -> None:
    problems = []
    for src in fidelity_pages(notice):
        content = article(page_html(built_site, src))
        for text in text_nodes(content, skip=("ms-ed",)):
            for piece in unexplained(text, allowed):
                problems.append(f"{urls.url_of(src)}：“{piece}”（在“{squeeze(text)[:50]}”中）")
        problems += [f"{urls.url_of(src)}：编者注没有标明：{n}" for n in editor_notes_unlabelled(content)]
    assert not problems, "页面上有无来处的文字或数字：\n" + "\n".join(problems[:40])


def test_a_number_or_sentence_added_to_a_page_is_caught(built_site: Path, notice: Notice, allowed: Allowed) -> None:
    html = page_html(built_site, U.project(notice.projects[4].id))
    added = html.replace("<article", "<article", 1).replace("</article>", "<p>本站统计：共 999 户。</p></article>", 1)
    content = article(added)
    found = [piece for text in text_nodes(content, skip=("ms-ed",)) for piece in unexplained(text, allowed)]
    assert "999" in found
    assert any("统计" in piece for piece in found)
