"""A project page is the resident's first (issue 21): her part first, whom to ask, and what
media and staff need folded below it; pages for staff labelled and out of her search.

No MkDocs build: pages are planned and rendered in this process (as in test_pages.py).
The first screen on a phone is checked in Chromium by test_phone.py.
"""

from __future__ import annotations

import dataclasses
import re

import markdown
import pytest
import yaml
from conftest import MAIN_CONFIG, ROOT
from htmltree import Element, parse

from generator import sheets, urls
from generator.model import Notice, Responsible
from generator.site import planner, render
from generator.site.plan import Plan
from generator.version import Version

U = urls.Urls()  # the addresses of a notice published at the site's root

SITE_URL = "https://example.org/minsheng/"
VERSION = Version("0123456789abcdef0123456789abcdef01234567", "2099-10-01")
EXTENSIONS = ["attr_list", "md_in_html", "toc"]
# Fictional, as the sample notice is: the real data names no unit per project.
ASKED = Responsible(
    unit="测试县民政局（虚构）",
    contact="咨询电话 0000-0000000（虚构）",
    source="测试县民政局关于救助工作的公告（虚构）",
)


def html_of(plan: Plan, src: str) -> Element:
    body = render.render(plan, plan.page(src)).split("\n---\n", 1)[1]
    return parse(markdown.markdown(body, extensions=EXTENSIONS))


def one(root: Element, tag: str | None = None, **attrs: str) -> Element:
    found = root.find(tag, **attrs)
    assert found is not None, f"没有找到 {tag} {attrs}"
    return found


@pytest.fixture(scope="module")
def real(notice: Notice) -> Plan:
    return planner.make(notice, SITE_URL, VERSION)


@pytest.fixture(scope="module")
def asked(sample_notice: Notice) -> Plan:
    """The sample notice with a responsible unit on 测试救助 (contact given) and on 测试饮水
    (no contact)."""
    projects = tuple(
        dataclasses.replace(p, responsible=ASKED)
        if p.id == "ceshi-jiuzhu"
        else dataclasses.replace(p, responsible=dataclasses.replace(ASKED, contact=None))
        if p.id == "ceshi-yinshui"
        else p
        for p in sample_notice.projects
    )
    return planner.make(dataclasses.replace(sample_notice, projects=projects), SITE_URL, VERSION)


def test_page_names_the_responsible_unit_contact_and_source(asked: Plan) -> None:
    line = one(html_of(asked, U.project("ceshi-jiuzhu")), "p", class_="ms-ask").text
    assert line == (
        "问谁：本项目的主管单位是测试县民政局（虚构），联系方式：咨询电话 0000-0000000（虚构）。"
        "出处：测试县民政局关于救助工作的公告（虚构）。"
    )
    line = one(html_of(asked, U.project("ceshi-yinshui")), "p", class_="ms-ask").text
    assert line == "问谁：本项目的主管单位是测试县民政局（虚构）。出处：测试县民政局关于救助工作的公告（虚构）。"


def test_without_a_responsible_unit_the_page_quotes_who_leads(real: Plan, notice: Notice) -> None:
    lead = notice.document.lead
    for project in notice.projects:
        assert project.responsible is None, "真实数据中不应有未经核实的主管单位"
        line = one(html_of(real, U.project(project.id)), "p", class_="ms-ask").text
        assert line == f"问谁：太政〔2020〕10号写明“{lead}”；通知没有逐项写明各项目的主管单位。"


def test_no_page_and_no_footer_says_not_filled(real: Plan) -> None:
    assert "发布单位" not in render.footer_html(real)  # the data names no publisher
    for page in real.pages:
        assert "未填写" not in render.render(real, page), page.src


def test_staff_material_is_folded_below_the_resident_part(real: Plan, notice: Notice) -> None:
    for project in notice.projects:
        page = html_of(real, U.project(project.id))
        fold = one(page, "details", class_="ms-staff")
        assert "open" not in fold.attrs, project.id
        assert one(fold, "summary").text == "供媒体和工作人员：引用本页、二维码、数据版本、进度填报表"
        # the citation (its anchor too), the data version, the QR code, the templates
        assert fold.find(id=urls.PROJECT_SECTIONS["cite"].id) is not None
        staff = ["ms-cite", "ms-version", "ms-qr"] + (["ms-sheets"] if sheets.has_template(project) else [])
        for cls in staff:
            found = page.find_all(class_=cls)
            assert found and all(fold in f.ancestors() for f in found), f"{project.id}：{cls} 不在折叠部分中"
        # it ends the page: nothing of the resident's part comes after it
        assert fold.parent is not None
        siblings = [c for c in fold.parent.children if isinstance(c, Element)]
        assert siblings[-1] is fold, project.id


def test_a_project_with_one_target_shows_its_first_figure_at_the_top(real: Plan, notice: Notice) -> None:
    page = html_of(real, U.project("xuesheng-zizhu"))
    lede = one(page, "div", class_="ms-lede")
    figures = one(lede, "ul", class_="ms-glance-figures").find_all("a")
    shown = [ind for ind in notice.project("xuesheng-zizhu").indicators if ind.has_figure]
    # one figure, with the notice's words for it (a clause can take five lines on a phone)
    assert [a.attrs["href"] for a in figures] == [f"#{shown[0].id}"]
    assert one(figures[0], "span", class_="ms-clause").text == shown[0].clause
    assert one(lede, "p", class_="ms-glance-more").text == f"数字的说明是本站概括；另有{len(shown) - 1}个数字，见下面的目标任务。"


def _nav() -> list[dict[str, object]]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load(MAIN_CONFIG.read_text(encoding="utf-8"), Loader)["nav"]


def test_menu_has_every_life_situation_and_labels_staff_pages(notice: Notice) -> None:
    nav = {title: where for entry in _nav() for title, where in entry.items()}
    situations = [(s.name, U.situation(s.id)) for s in notice.situations]
    assert [(t, w) for entry in nav["按生活情况找"] for t, w in entry.items()] == situations
    staff = {w for entry in nav["供媒体和工作人员"] for w in entry.values()}
    assert staff == {"guide.md", U.DATA_DICTIONARY}
    assert not {"guide.md", U.DATA_DICTIONARY} & {w for w in nav.values() if isinstance(w, str)}


def test_staff_pages_are_left_out_of_search(notice: Notice) -> None:
    site = planner.site([notice], SITE_URL, [VERSION])
    assert site.by_src[U.DATA_DICTIONARY].meta["search"] == {"exclude": True}
    front = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8").split("---\n")[1]
    assert yaml.safe_load(front)["search"] == {"exclude": True}


def test_fictional_examples_of_the_guide_say_so() -> None:
    """Every paragraph of the clerks' guide that tells of the invented sample's reports says 虚构."""
    text = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    paragraphs = re.split(r"\n\s*\n", re.sub(r"```.*?```", "", text, flags=re.S))
    prose = [p for p in paragraphs if any(w in p for w in ("2099", "测试县", "测试道路", "测政", "上面的例子"))]
    assert prose, "指南中没有找到例子"
    assert all("虚构" in p for p in prose), [p[:40] for p in prose if "虚构" not in p]


def test_every_anchor_of_the_fold_is_planned(real: Plan) -> None:
    """The anchors in the fold are in the plan (and so in data/urls.lock): folding moved none."""
    page = real.page(U.project("kunnan-jiuzhu"))
    html = html_of(real, page.src)
    fold_ids = {el.attrs["id"] for el in one(html, "details", class_="ms-staff").iter() if "id" in el.attrs}
    assert fold_ids and fold_ids <= set(page.anchors)

