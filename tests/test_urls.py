"""Addresses in one place: page paths, links between them, former ids and redirect pages."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLE_DIR

from generator import urls
from generator.data import load_bytes
from generator.sheets.layout import has_template
from generator.site import planner
from generator.site.moves import Moves, moves
from generator.site.render import redirect_page

U = urls.Urls()  # the addresses of a notice published at the site's root

# --------------------------------------------------------------------------
# Paths and links
# --------------------------------------------------------------------------


def test_pages_are_named_by_ids_and_published_at_directory_urls() -> None:
    assert U.project("dibao") == "projects/dibao/index.md"
    assert U.project_url("dibao") == "projects/dibao/"
    assert urls.url_of(U.HOME) == ""
    assert urls.url_of(U.NOTICE) == "notice/"
    assert urls.url_of(U.FEED) == "feed.xml"
    assert U.anchor("dibao", "renshu") == "projects/dibao/#renshu"
    assert U.project_feed("dibao") == "projects/dibao/feed.xml"
    assert U.qr("dibao") == "projects/dibao/qr.svg"
    assert U.redirect("old") == "projects/old/index.html"
    assert urls.update_anchor("2099-06-30") == "gengxin-2099-06-30"
    assert urls.annex_row("dibao") == "annex-dibao"
    assert urls.annex_row("dibao", "guer") == "annex-dibao-guer"


def test_a_notice_of_a_year_has_its_pages_under_the_year_and_shares_the_sites_own() -> None:
    u = urls.Urls(2021)
    assert u.project("dibao") == "2021/projects/dibao/index.md"
    assert u.project_url("dibao") == "2021/projects/dibao/"
    assert urls.url_of(u.HOME) == "2021/"
    assert u.progress_sheet(None, "csv") == "2021/data/jindu.csv"
    assert u.progress_sheet("dibao", "xlsx") == "2021/projects/dibao/dibao-jindu.xlsx"
    assert (u.CSV_EXPORT, u.JSON_EXPORT) == ("2021/data/indicators.csv", "2021/data/projects.json")
    # the site's own pages are where they were, whichever notice links them
    assert (u.SITE_HOME, u.ABOUT, u.SUBSCRIBE, u.FEED) == (U.SITE_HOME, U.ABOUT, U.SUBSCRIBE, U.FEED)
    assert urls.relative(u.project("dibao"), U.project("dibao")) == "../../../projects/dibao/"


@pytest.mark.parametrize(
    ("here", "there", "anchor", "link"),
    [
        (U.HOME, U.project("dibao"), "", "projects/dibao/"),
        (U.project("dibao"), U.HOME, "", "../../"),
        (U.project("dibao"), U.project("dibao"), "", "./"),
        (U.project("dibao"), U.project("guer"), "renshu", "../guer/#renshu"),
        (U.project("dibao"), U.OVERVIEW, "", "../"),
        (U.project("dibao"), U.project_feed("dibao"), "", "feed.xml"),
        (U.NOTICE, U.JSON_EXPORT, "", "../data/projects.json"),
        (U.category("new"), U.NOTICE, "annex-dibao", "../../notice/#annex-dibao"),
        ("projects/old/", "projects/new/", "", "../new/"),
    ],
)
def test_relative_links(here: str, there: str, anchor: str, link: str) -> None:
    assert urls.relative(here, there, anchor) == link


def test_permanent_addresses_under_the_site_url() -> None:
    assert urls.absolute("https://example.org/ms/", "projects/x/") == "https://example.org/ms/projects/x/"
    assert urls.absolute("https://example.org/ms", "projects/x/") == "https://example.org/ms/projects/x/"
    assert urls.absolute("", "projects/x/") == "projects/x/"


def test_no_fixed_section_shares_an_anchor_with_another_on_its_page() -> None:
    for sections in (urls.PROJECT_SECTIONS, urls.HOME_SECTIONS, urls.CATEGORY_SECTIONS,
                     urls.DATA_SECTIONS, urls.NOTICE_SECTIONS):  # fmt: skip
        ids = [s.id for s in sections.values()]
        assert len(ids) == len(set(ids))
    assert set(urls.RESERVED_ON_PROJECT) >= {s.id for s in urls.PROJECT_SECTIONS.values()}


# --------------------------------------------------------------------------
# Former ids
# --------------------------------------------------------------------------

RENAMED = (SAMPLE_DIR / "projects.yaml").read_text(encoding="utf-8")
for old, new in [
    ("  - id: ceshi-jiuzhu\n", "  - id: ceshi-shehui-jiuzhu\n    aliases: [ceshi-jiuzhu]\n"),
    ("      - id: ce-dibao\n", "      - id: ce-zuidi\n        aliases: [ce-dibao]\n"),
    ("          - id: dibao-renshu\n", "          - id: dibao-duixiang\n            aliases: [dibao-renshu]\n"),
    ("indicator: dibao-renshu\n", "indicator: dibao-duixiang\n"),
    ("    - id: ceshi-jiu\n", "    - id: ceshi-jiu-xiangmu\n      aliases: [ceshi-jiu]\n"),
    ("[ceshi-yinshui, ceshi-jiuzhu#ce-dibao]", "[ceshi-yinshui, ceshi-shehui-jiuzhu#ce-zuidi]"),
    ("member: ceshi-jiuzhu#ce-dibao", "member: ceshi-shehui-jiuzhu#ce-zuidi"),
]:
    assert old in RENAMED
    RENAMED = RENAMED.replace(old, new)


@pytest.fixture(scope="module")
def renamed():
    return load_bytes(RENAMED.encode(), "projects.yaml")


def test_every_former_address_leads_to_its_current_place(renamed) -> None:
    table = moves(renamed, U)
    new_page = "projects/ceshi-shehui-jiuzhu/"
    assert table.pages == {
        "projects/ceshi-jiuzhu/": new_page,
        "projects/ceshi-jiuzhu/qr.svg": "projects/ceshi-shehui-jiuzhu/qr.svg",
        "projects/ceshi-jiuzhu/feed.xml": "projects/ceshi-shehui-jiuzhu/feed.xml",
        "projects/ceshi-jiuzhu/share.png": "projects/ceshi-shehui-jiuzhu/share.png",
        "projects/ceshi-jiuzhu/cite.json": "projects/ceshi-shehui-jiuzhu/cite.json",
        "projects/ceshi-jiuzhu/cite.ris": "projects/ceshi-shehui-jiuzhu/cite.ris",
        "projects/ceshi-jiuzhu/cite.bib": "projects/ceshi-shehui-jiuzhu/cite.bib",
        "projects/ceshi-jiuzhu/ceshi-jiuzhu-jindu.xlsx": "projects/ceshi-shehui-jiuzhu/ceshi-shehui-jiuzhu-jindu.xlsx",
        "projects/ceshi-jiuzhu/ceshi-jiuzhu-jindu.csv": "projects/ceshi-shehui-jiuzhu/ceshi-shehui-jiuzhu-jindu.csv",
    }
    assert table.anchors[new_page] == {"ce-dibao": "ce-zuidi", "dibao-renshu": "dibao-duixiang"}
    assert table.anchors["categories/retired/"] == {"ceshi-jiu": "ceshi-jiu-xiangmu"}
    notice = table.anchors["notice/"]
    assert notice["annex-ceshi-jiuzhu"] == "annex-ceshi-shehui-jiuzhu"
    assert notice["annex-ceshi-jiuzhu-ce-dibao"] == "annex-ceshi-shehui-jiuzhu-ce-zuidi"
    assert notice["annex-ceshi-shehui-jiuzhu-ce-dibao"] == "annex-ceshi-shehui-jiuzhu-ce-zuidi"
    assert notice["annex-ceshi-jiuzhu-ce-guer"] == "annex-ceshi-shehui-jiuzhu-ce-guer"
    assert table.resolve("projects/ceshi-jiuzhu/#dibao-renshu") == new_page + "#dibao-duixiang"
    assert table.resolve("projects/ceshi-jiuzhu/#ce-guer") == new_page + "#ce-guer"
    assert table.resolve("notice/#p-preamble") == "notice/#p-preamble"
    assert table.old_anchors(new_page, "ce-zuidi") == ["ce-dibao"]
    assert Moves().resolve("a/#b") == "a/#b"


def test_redirect_page_at_a_former_project_address(renamed) -> None:
    site = planner.site([renamed], "https://example.org/ms/", root_year=2099)
    new = "2099/projects/ceshi-shehui-jiuzhu/"
    latest = site.latest
    anchors = site.moves.anchors[new]
    page = redirect_page(latest.urls, latest.site_url, latest.cache_dir, anchors, "2099/projects/ceshi-jiuzhu/", new, "4．测试救助")
    assert '<link rel="canonical" href="https://example.org/ms/2099/projects/ceshi-shehui-jiuzhu/">' in page
    assert '<noscript><meta http-equiv="refresh" content="0; url=../ceshi-shehui-jiuzhu/"></noscript>' in page
    assert "<title>页面已迁移：4．测试救助</title>" in page
    script = re.search(r"<script [^>]*></script>", page)
    assert script is not None, "no script element"
    assert 'src="../../../assets/redirect.js"' in script.group()
    assert 'data-target="../ceshi-shehui-jiuzhu/"' in script.group()
    assert (
        "data-anchors='{\"ce-dibao\": \"ce-zuidi\", \"dibao-renshu\": \"dibao-duixiang\"}'"
        in script.group()
    )
    assert "<script>" not in page, "an inline script would be refused by the CSP"
    files = {f.path: f for f in site.files}
    assert files["2099/projects/ceshi-jiuzhu/index.html"].make() == page.replace("4．测试救助", "4．测试救助（测试县2099年民生工程）")
    assert not files["2099/projects/ceshi-jiuzhu/index.html"].published
    new_qr = files["2099/projects/ceshi-shehui-jiuzhu/qr.svg"].make()
    assert files["2099/projects/ceshi-jiuzhu/qr.svg"].make() == new_qr
    # and the root addresses from before the site held several notices lead there too
    assert site.moves.resolve("projects/ceshi-jiuzhu/#dibao-renshu") == "2099/projects/ceshi-shehui-jiuzhu/#dibao-duixiang"
    assert files["projects/ceshi-jiuzhu/qr.svg"].make() == new_qr


def test_the_files_beside_a_project_page_are_the_ones_its_plan_makes(renamed) -> None:
    """Declared once: moves.py pairs a renamed project's files through beside_project, so it
    must name every file the plan publishes beside a project page, and nothing more."""
    plan = planner.make(renamed)
    made = {f.path for f in plan.files if f.published}
    for project in renamed.projects:
        folder = U.project_url(project.id)
        beside = {path for path in made if path.startswith(folder)}
        assert beside == set(U.beside_project(project.id, has_template(project))), project.id
