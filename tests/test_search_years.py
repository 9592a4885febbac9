"""Search on a site of several notices (issue 18): every result says its notice's year, the
latest year comes first, and a year filter keeps to one year. In Chromium at 360 px, on the
fixture site of the real 2020 notice and an invented 2021 one (tests/fixtures/notices). That a
site of one notice shows no year filter is checked on the real site (test_search.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, LocalServer, build_site
from test_a11y import axe_violations, check
from test_search import DIALOG, search

FIXTURE = ROOT / "tests" / "fixtures" / "notices" / "mkdocs.yml"
# In both notices (2020: 10．, 2021: 3．城乡困难群体法律援助 …), and in a page of no year (历年目标)
BOTH_YEARS = ["法律援助", "危房改造", "养老保险"]
YEAR_OF_PATH = re.compile(r"^/(\d{4})/")
CHOSEN = """([query, year]) => { const d = document.querySelector('dialog.ms-search');
    return d.dataset.state === 'done' && d.dataset.query === query && d.dataset.year === year; }"""


@pytest.fixture(scope="module")
def two_notices(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site of two notices, built and served; yields its base URL."""
    local = LocalServer(tmp_path_factory.mktemp("two-notices"))
    build_site(FIXTURE, local.root, local.url)
    with local.serving() as url:
        yield url


@pytest.fixture
def phone_page(browser) -> Iterator:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def shown(page) -> list[tuple[str, str]]:
    """Each result as (its path, the year it says: "" when it says none)."""
    return page.eval_on_selector_all(
        f"{DIALOG} .ms-search-results a",
        """links => links.map(a => [new URL(a.href).pathname,
            a.querySelector('.ms-search-when')?.innerText ?? ''])""",
    )


def choose(page, query: str, year: str) -> list[tuple[str, str]]:
    page.select_option("#ms-search-year", year)
    page.wait_for_function(CHOSEN, arg=[query, year])
    return shown(page)


def shown_after(page, query: str, year: str) -> list[tuple[str, str]]:
    box = page.locator("#ms-search-input")
    box.fill("")
    box.focus()
    page.keyboard.type(query)
    page.keyboard.press("End")  # Playwright's typing of Chinese fires no keyup
    page.wait_for_function(CHOSEN, arg=[query, year])
    return shown(page)


def says_its_year(results: list[tuple[str, str]]) -> None:
    for path, said in results:
        of = YEAR_OF_PATH.match(path)
        assert said == (f"{of.group(1)}年" if of else ""), (path, said)


def test_results_say_their_year_and_the_latest_comes_first(two_notices: str, phone_page) -> None:
    page = phone_page
    page.goto(two_notices)
    for query in BOTH_YEARS:
        search(page, query)
        results = shown(page)
        says_its_year(results)
        # The project pages first, the latest year's first; pages of no year (the programme's
        # 历年目标 page) after those of a year.
        projects = [said for path, said in results if "/projects/" in path]
        assert projects[0] == "2021年" and "2020年" in projects, (query, results)
        assert projects == sorted(projects, reverse=True), (query, results)
        dated = [bool(said) for _, said in results]
        assert dated == sorted(dated, reverse=True) and not dated[-1], (query, results)


def test_choosing_a_year_shows_only_that_years_results(two_notices: str, phone_page) -> None:
    page = phone_page
    page.goto(two_notices)
    query = "法律援助"
    every = search(page, query)
    status = page.locator(f"{DIALOG} .ms-search-status")
    for year in ["2020", "2021"]:
        results = choose(page, query, year)
        assert results and {said for _, said in results} == {f"{year}年"}, results
        assert all(path.startswith(f"/{year}/") for path, _ in results), results
        assert status.inner_text().startswith(f"{year}年的通知中：找到 {len(results)} 个"), (
            status.inner_text()
        )
    assert [path for path, _ in choose(page, query, "")] == every  # 全部年份 again
    # A year holds for the searches that follow, relaxed ones too (小孩 is on no page).
    choose(page, query, "2020")
    assert {said for _, said in shown_after(page, "农村危房改造小孩", "2020")} == {"2020年"}


def test_every_result_opens_its_years_page(two_notices: str, phone_page) -> None:
    page = phone_page
    page.goto(two_notices)
    search(page, "法律援助")
    results = shown(page)
    assert len(results) >= 3, results
    for at, (path, said) in enumerate(results):
        search(page, "法律援助")
        page.locator(f"{DIALOG} .ms-search-results a").nth(at).click()
        page.wait_for_url(lambda url, path=path: urlsplit(url).path == path)
        marks = page.locator("[data-pagefind-meta^='year:']")
        year = (
            marks.get_attribute("data-pagefind-meta").removeprefix("year:") if marks.count() else ""
        )
        assert said == (f"{year}年" if year else ""), (path, said, year)
        assert page.locator(".md-content h1").is_visible()


def test_the_year_filter_is_a_labelled_list_for_a_phone(
    two_notices: str, phone_page, results_dir: Path
) -> None:
    page = phone_page
    page.goto(two_notices + "2020/projects/falv-yuanzhu/")
    search(page, "法律援助")
    pick = page.locator("#ms-search-year")
    assert page.locator("label[for='ms-search-year']").inner_text() == "年份"
    assert pick.locator("option").all_inner_texts() == ["全部年份", "2021年", "2020年"]
    assert pick.input_value() == ""  # all years unless the resident chooses one
    box = pick.bounding_box()
    assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('#ms-search-year')).fontSize)"
    )
    assert size >= 16, size
    # Reached from the search box with the keyboard (after 关闭), as the page reads.
    page.locator("#ms-search-input").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ms-search-year"
    page.screenshot(path=str(results_dir / "search-years-360px.png"))
    check("search（两份通知，手机）", axe_violations(page), results_dir)
