"""Accessibility: axe-core in Chromium on the pages residents use most.

axe-core comes from the npm package pinned in package.json / package-lock.json
(``npm ci`` in ``make test`` installs it into node_modules/); it is injected into
the page from that file, never from another host. A violation of impact
``serious`` or ``critical`` fails the test; the others are printed (run with
``-s`` to see them) and written to test-results/a11y.txt.

Also checked without axe: progress is readable without colour, i.e. every
progress bar has its figure in text beside it (on the sample site, whose invented
progress reports exercise every kind of bar).

Nothing here is ever skipped: without Chromium or axe-core the test fails and says
how to get them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from htmltree import parse_file

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING = {"serious", "critical"}
IMPACTS = ["critical", "serious", "moderate", "minor"]

PAGES = {
    "home": "",
    "project": "projects/kunnan-jiuzhu/",
    "notice": "notice/",
    "glossary": "glossary/",
    "overview": "projects/",
    "category": "categories/new/",
    "situation": "situations/laonianren/",
    "subscribe": "subscribe/",
    "data": "data/",
    "about": "about/",
}
SEARCH_QUERY = "低保"

_report: dict[str, list[dict]] = {}


def axe_violations(page) -> list[dict]:
    """axe-core's violations for the document as it is now."""
    if not AXE.is_file():
        pytest.fail(
            f"找不到 axe-core（{AXE.relative_to(ROOT)}）：请先运行 npm ci（make test 会运行）"
        )
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          summary: n.failureSummary})),
            }));
        }"""
    )


def describe(name: str, violations: list[dict]) -> str:
    counts = {impact: 0 for impact in IMPACTS}
    for v in violations:
        counts[v["impact"]] += len(v["nodes"])
    head = f"{name}: " + ", ".join(f"{impact} {n}" for impact, n in counts.items())
    lines = [head]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} 处)")
        for node in v["nodes"][:5]:
            lines.append(f"      {node['target']}")
            lines.extend(f"        {s}" for s in (node["summary"] or "").splitlines()[:4])
    return "\n".join(lines)


def check(name: str, violations: list[dict], results_dir: Path) -> None:
    _report[name] = violations
    text = "\n\n".join(describe(n, v) for n, v in _report.items())
    (results_dir / "a11y.txt").write_text(text + "\n", encoding="utf-8")
    print("\n" + describe(name, violations))
    bad = [v for v in violations if v["impact"] in FAILING]
    assert not bad, "axe-core 发现严重的无障碍问题：\n" + describe(name, bad)


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_page(server: str, page, name: str, results_dir: Path) -> None:
    page.goto(server + PAGES[name])
    page.wait_for_load_state("load")
    check(name, axe_violations(page), results_dir)


@pytest.mark.parametrize("name", ["home", "project", "notice", "overview"])
def test_axe_page_on_a_phone_in_large_text(server: str, phone, name: str, results_dir: Path) -> None:
    """The card layout of narrow screens, and the large-text mode, are checked too."""
    phone.goto(server + PAGES[name])
    phone.locator(".ms-large-switch").click()
    check(f"{name}（手机，大字）", axe_violations(phone), results_dir)


def test_axe_search_results(server: str, page, results_dir: Path) -> None:
    from test_search import search

    page.goto(server)
    assert search(page, SEARCH_QUERY), "搜索没有结果"
    check("search", axe_violations(page), results_dir)


# --------------------------------------------------------------------------
# Progress without colour
# --------------------------------------------------------------------------

PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


@pytest.mark.slow
@pytest.mark.parametrize("which", ["sample", "real"])
def test_progress_is_readable_without_colour(request, which: str) -> None:
    """Every bar is hidden from screen readers and its figure is written beside it.

    The bar's width is the share done, capped at 100%; the text beside it (in the
    same table cell or chart row) must give that share as a number, or, for an
    empty bar, say in words why there is none (e.g. 尚未公布).
    """
    site = request.getfixturevalue("sample_site" if which == "sample" else "built_site")
    bars = 0
    for html_file in sorted(site.rglob("*.html")):
        tree = parse_file(html_file)
        for bar in tree.find_all("progress", class_="ms-bar"):
            bars += 1
            where = html_file.relative_to(site).as_posix()
            assert bar.attrs.get("aria-hidden") == "true", f"进度条没有 aria-hidden：{where}"
            assert bar.attrs.get("max") == "100", f"进度条不是百分制：{where}"
            drawn = float(bar.attrs["value"])
            beside = bar.parent.text.strip()
            written = [float(m) for m in PERCENT.findall(beside)]
            if any(min(w, 100.0) == drawn for w in written):
                continue
            assert drawn == 0 and re.search(r"[\u4e00-\u9fff]", beside), (
                f"进度条（{drawn}%）旁没有写出数字：{where}：{beside!r}"
            )
    assert bars > 0, "网站上没有进度条"


# --------------------------------------------------------------------------
# The copied material partial
# --------------------------------------------------------------------------
