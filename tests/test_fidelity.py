"""Fidelity of the built site to the notice (issue 10).

* /notice/ is the notice: its text, with whitespace and our additions (¶ links, links to
  project pages, marked editor's notes, the data version) removed, equals the source text
  (data/source/, the annex's repeated page header printed once) character for character.
* On every project, category and glossary page, every text is a passage of the notice, a
  fixed phrase of the site (generator/phrases.py and the section titles of generator/urls.py),
  a value the data's reports give, or inside an editor's note labelled as the site's; every
  number is in the notice or computed from reports. The test names what is not.
* The checks themselves are checked: a moved paragraph and a number added to a page fail.
* Every figure shown on any page stands with its clause: the qualifier, unit and scope the
  notice gives it (tests/figures.py); a figure of a project without a task this year is
  never shown as a target; share texts end at a clause boundary. A copy of the templates
  that drops a qualifier is caught, naming the figure and the missing words.
"""

from __future__ import annotations

import csv
import io
import shutil
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
from figures import violations as figure_violations
from htmltree import parse

from generator import urls
from generator.model import Notice, Project
from generator.phrases import DIRECTION_LABELS
from generator.site import planner
from generator.site.render import render
from generator.version import of as version_of

U = urls.Urls(2020)  # the addresses of the real notice


def page_html(site: Path, src: str) -> str:
    return (site / urls.url_of(src) / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def allowed(built_site: Path, notice: Notice) -> Allowed:
    version = version_of(ROOT / "data" / "projects.yaml")
    site_url = (built_site / "index.html").read_text(encoding="utf-8").split('rel="canonical" href="')[1].split('"')[0]
    plan = planner.make(notice, site_url, version, address=U)
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


# --------------------------------------------------------------------------
# Figures: never shown with less than their clause (issue 20)
# --------------------------------------------------------------------------


def _project_at(site: Path, page: Path, notice: Notice) -> Project | None:
    parts = page.relative_to(site).parts
    if len(parts) == 3 and parts[0] == "projects":
        return next((p for p in notice.projects if p.id == parts[1]), None)
    return None


def test_every_figure_on_every_page_is_shown_with_its_clause(built_site: Path, notice: Notice) -> None:
    problems: list[str] = []
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 50
    figures = 0
    for page in pages:
        where = "/" + str(page.parent.relative_to(built_site)) + "/"
        html = page.read_text(encoding="utf-8")
        figures += html.count('class="ms-value"')
        problems += figure_violations(html, notice, where, _project_at(built_site, page, notice))
    assert figures > len(notice.projects) * 3  # the figure tables, the glance lists, the situations
    assert not problems, "数字显示时少了限定词、单位或范围：\n" + "\n".join(problems[:40])


def test_a_project_without_a_task_is_never_shown_with_a_target(built_site: Path, notice: Notice) -> None:
    idle = [p for p in notice.projects if p.no_task]
    assert [p.name for p in idle] == ["贫困地区义务教育学生营养改善"]
    project = idle[0]
    page = article(page_html(built_site, U.project(project.id)))
    assert not page.find_all(class_="ms-value")
    assert "我县2020年无任务" in squeeze(page.text)
    assert all("本年无任务" in squeeze(th.text) for th in page.find_all("th", scope="row"))
    shangxue = article(page_html(built_site, U.situation("shangxue")))
    member = next(li for li in shangxue.find_all("li") if f"projects/{project.id}/" in li.find("a").attrs["href"])
    assert "本年无任务" in squeeze(member.text) and not member.find_all(class_="ms-value")
    overview = article(page_html(built_site, U.OVERVIEW))
    row = next(tr for tr in overview.find_all("tr") if project.name in tr.text)
    assert "本年无任务" in squeeze(row.text)
    raw = (built_site / U.CSV_EXPORT).read_text(encoding="utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(raw)) if r["项目编号"] == project.id]
    assert rows and {r["要求"] for r in rows} == {"本年无任务"}


def test_csv_requirements_are_in_chinese_and_carry_the_clause(built_site: Path, notice: Notice) -> None:
    raw = (built_site / U.CSV_EXPORT).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert {r["要求"] for r in rows} <= {*DIRECTION_LABELS.values(), "本年无任务"}
    clauses = {i.id: i.clause for p in notice.projects for i in p.all_indicators}
    assert all(r["通知原文"] == clauses[r["指标编号"]] for r in rows)
    jiuzhu = next(r for r in rows if r["指标编号"] == "jiuzhu-duixiang")
    assert (jiuzhu["要求"], jiuzhu["通知原文"]) == ("约", "救助对象约598人次")


def test_share_text_ends_at_a_clause_boundary(built_site: Path, notice: Notice) -> None:
    problems, cut = [], 0
    for project in notice.projects:
        head = parse(page_html(built_site, U.project(project.id))).find("meta", property="og:description")
        assert head is not None
        shown = head.attrs["content"]
        target = project.rows[0].target
        cut_at = shown.find(target[:8])
        text = shown[cut_at:]
        whole = text == target
        at_boundary = text.endswith("…") and target.startswith(text[:-1]) and target[len(text) - 1] in "，；。！？："
        cut += at_boundary
        if cut_at < 0 or not (whole or at_boundary):
            problems.append(f"{project.name}：“{shown}”")
    assert cut > 10  # most targets are longer than a share text
    assert not problems, "分享摘要没有在分句处截断：\n" + "\n".join(problems)


# (template, what the broken copy writes instead, page, the violation it must cause)
BROKEN = [
    ("situation.md.j2", "{{ clause_html(head) }}",
     '<span class="ms-value">{{ head.value }}</span> <span class="ms-unit">{{ head.unit }}</span>',
     U.situation("kanbing"), "数字 18500 显示时缺少“约”"),
    ("_figures.j2", "{{ ind.clause | quote }}", "{{ ind.quote | quote }}",
     U.project("kunnan-jiuzhu"), "数字 1.3 显示时缺少“不低于”、“原则上”"),
]  # fmt: skip


@pytest.mark.parametrize(("template", "good", "bad", "src", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_template_that_drops_a_qualifier_is_caught(
    tmp_path: Path, notice: Notice, template: str, good: str, bad: str, src: str, expected: str
) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(ROOT / "generator" / "templates", copy)
    plan = planner.make(notice, "https://example.org/", address=U)
    page = plan.page(src)
    project = next((p for p in notice.projects if U.project(p.id) == src), None)
    assert not figure_violations(render(plan, page, copy), notice, src, project)  # the copy as it is
    text = (copy / template).read_text(encoding="utf-8")
    assert good in text
    (copy / template).write_text(text.replace(good, bad), encoding="utf-8")
    found = figure_violations(render(plan, page, copy), notice, src, project)
    assert any(expected in line for line in found), found


def test_each_situation_member_shows_the_notice_words_that_tie_it_and_its_limit(
    built_site: Path, notice: Notice
) -> None:
    problems = []
    for situation in notice.situations:
        page = article(page_html(built_site, U.situation(situation.id)))
        items = page.find_all("li")
        assert len(items) == len(situation.members)
        for ref, li in zip(situation.members, items, strict=True):
            tie = situation.tie(ref)
            assert tie is not None
            text = squeeze(li.text)
            if f"通知原文：“{squeeze(tie.words)}”" not in text:
                problems.append(f"{situation.name}：{ref} 没有显示分组理由“{tie.words}”")
            if tie.limit and f"通知限定的对象：{squeeze(tie.limit)}" not in text:
                problems.append(f"{situation.name}：{ref} 没有显示受益对象“{tie.limit}”")
    assert not problems, "\n".join(problems)
    kunnan = squeeze(article(page_html(built_site, U.situation("kunnan"))).text)
    assert "健康脱贫综合医疗保障" in kunnan and "通知限定的对象：建档立卡贫困人口" in kunnan
    old = squeeze(article(page_html(built_site, U.situation("laonianren"))).text)
    assert "特困" not in old  # the notice says nothing of age for 特困供养


def test_the_standard_per_person_comes_first_and_is_labelled_as_ours(built_site: Path, notice: Notice) -> None:
    project = notice.project("kunnan-jiuzhu")
    standards = {row.id: row.standard for row in project.rows if row.standard is not None}
    assert {r: s.id for r, s in standards.items() if s} == {
        "dibao": "dibao-biaozhun", "guer": "sanju-biaozhun", "canji-butie": "yi-erji-biaozhun",
    }  # fmt: skip
    page = article(page_html(built_site, U.project(project.id)))
    glance = {a.attrs["href"][1:]: squeeze(a.text) for a in page.find("ul", class_="ms-glance").find_all("a")}
    for row_id, standard in standards.items():
        assert glance[row_id].endswith(squeeze(standard.clause)), glance[row_id]
        figures = {i.id for r in project.rows if r.id == row_id for i in r.indicators}
        first = next(tr for tr in page.find_all("tr") if tr.attrs.get("id") in figures)
        assert first.attrs["id"] == standard.id
        assert "本站编排" in squeeze(first.text)


def test_the_glossary_share_text_keeps_the_sites_own_terms_apart(built_site: Path, notice: Notice) -> None:
    head = parse(page_html(built_site, U.GLOSSARY)).find("meta", property="og:description")
    assert head is not None
    of_notice, _, ours = head.attrs["content"].partition("；本站用语：")
    site_terms = [term.term for term in notice.glossary if term.basis == "site"]
    assert site_terms == ["序时进度"]
    assert "序时进度" not in of_notice and ours == "序时进度"
