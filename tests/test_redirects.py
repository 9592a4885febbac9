"""Renamed ids in Chromium: following an old link lands on the right project and section.

The sample site is built with a project, a sub-item and a figure renamed
(tests/samplesite.py), each keeping its old id in ``aliases``, and served locally.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import samplesite
from conftest import LocalServer

OLD, NEW = "2099/projects/ceshi-jiuzhu/", "2099/projects/ceshi-shehui-jiuzhu/"
# The same old page at the site's root, as it was published before the site held several
# notices: it leads to the current page as well, in one step.
ROOT_OLD = "projects/ceshi-jiuzhu/"


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The renamed sample site, served; yields its base URL."""
    root = tmp_path_factory.mktemp("renamed")
    config = samplesite.copy(root / "sample", samplesite.RENAME)
    local = LocalServer(root / "site")
    proc = samplesite.build(config, local.root, local.url)
    assert proc.returncode == 0, proc.stderr
    with local.serving() as url:
        yield url


def in_view(page, selector: str) -> bool:
    """Whether the element's top is inside the viewport (below Material's fixed header)."""
    return page.eval_on_selector(
        selector,
        """el => { const r = el.getBoundingClientRect();
                   return r.top >= 0 && r.top < window.innerHeight; }""",
    )


@pytest.mark.parametrize("old", [OLD, ROOT_OLD])
@pytest.mark.parametrize(
    ("old_anchor", "new_anchor", "target"),
    [
        ("", "", "h1"),
        ("dibao-renshu", "dibao-duixiang", "tr#dibao-duixiang"),  # a renamed figure
        ("ce-dibao", "ce-zuidi", "h3#ce-zuidi"),  # a renamed sub-item
        ("ce-guer", "ce-guer", "h3#ce-guer"),  # an anchor that did not change
    ],
)
def test_old_project_address_lands_on_the_new_page_and_section(
    page, renamed: str, old: str, old_anchor: str, new_anchor: str, target: str
) -> None:
    page.goto(renamed + old + (f"#{old_anchor}" if old_anchor else ""))
    page.wait_for_url(renamed + NEW + (f"#{new_anchor}" if new_anchor else ""))
    page.wait_for_load_state("load")
    assert page.inner_text("h1").startswith("4．测试救助")
    assert in_view(page, target)


def test_old_anchor_on_the_current_page_scrolls_to_its_section(page, renamed: str) -> None:
    page.goto(renamed + NEW + "#dibao-renshu")
    page.wait_for_load_state("load")
    assert page.url == renamed + NEW + "#dibao-renshu"  # no script needed: the old id is there
    assert in_view(page, "tr#dibao-duixiang")
    assert page.eval_on_selector("#dibao-renshu", "el => el.closest('tr').id") == "dibao-duixiang"


@pytest.mark.parametrize("notice", ["2099/notice/", "notice/"])
def test_old_annex_anchor_on_the_notice_still_finds_its_row(page, renamed: str, notice: str) -> None:
    page.goto(renamed + notice + "#annex-ceshi-jiuzhu-ce-dibao")
    # from the root, redirect.js maps the old anchor to the row's current one on the way
    page.wait_for_url(renamed + "2099/notice/#annex-ceshi-" + ("jiuzhu-ce-dibao" if notice != "notice/" else "shehui-jiuzhu-ce-zuidi"))
    page.wait_for_load_state("load")
    row = "tr#annex-ceshi-shehui-jiuzhu"  # ce-zuidi, formerly ce-dibao, is the project's first row
    assert page.eval_on_selector("#annex-ceshi-jiuzhu-ce-dibao", "el => el.closest('tr').id") == (
        "annex-ceshi-shehui-jiuzhu"
    )
    assert in_view(page, row)
    assert "测试最低生活保障" in page.inner_text(row)


@pytest.mark.parametrize("old", [OLD, ROOT_OLD])
def test_old_address_works_without_javascript(browser, renamed: str, old: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(renamed + old)
        page.wait_for_url(renamed + NEW)  # the meta refresh
        assert page.inner_text("h1").startswith("4．测试救助")
    finally:
        context.close()


def test_old_qr_code_file_is_still_served(renamed: str, page) -> None:
    new = page.request.get(renamed + NEW + "qr.svg")
    for old in (page.request.get(renamed + OLD + "qr.svg"), page.request.get(renamed + ROOT_OLD + "qr.svg")):
        assert old.status == 200 and old.body() == new.body()
        assert old.headers["content-type"] == "image/svg+xml"
