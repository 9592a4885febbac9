"""Progress from dated reports: computation, pages, feeds and open data."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml
from conftest import ROOT, SAMPLE_DIR, LocalServer, build_site

from generator import progress
from generator.model import Notice
from generator.site.export import CSV_COLUMNS
from generator.version import of as version_of

ATOM = "{http://www.w3.org/2005/Atom}"


def test_elapsed_share_is_days_gone_over_days_in_year() -> None:
    assert progress.elapsed("2099-01-01", 2099) == Decimal(100) / 365
    assert progress.percent(progress.elapsed("2099-06-30", 2099)) == 50  # 181/365 = 49.6%
    assert progress.elapsed("2020-12-31", 2020) == 100  # a leap year has 366 days
    assert progress.elapsed("2021-03-01", 2020) == 100  # a report after the plan year


def test_sample_projects_get_each_status(sample_notice: Notice) -> None:
    status = {p.id: progress.of(p, 2099).status for p in sample_notice.projects}
    assert status == {
        "ceshi-lu": "ongoing",  # 9.5/12.5 = 76% on 09-30, 序时 75%
        "ceshi-xuexiao": "behind",  # 1/3 = 33% on 08-31, 序时 67%
        "ceshi-yinshui": "done",
        "ceshi-jiuzhu": "ongoing",
    }


def test_a_correction_replaces_the_latest_value(sample_notice: Notice) -> None:
    jiuzhu = next(p for p in sample_notice.projects if p.id == "ceshi-jiuzhu")
    state = progress.latest(jiuzhu, 2099)["dibao-renshu"]
    assert state.reading.reached == Decimal(480)
    assert state.report.date == "2099-07-31"
    assert progress.percent(state.share) == 91  # 480/530


def test_rollup_caps_each_share_at_100(sample_notice: Notice) -> None:
    lu = next(p for p in sample_notice.projects if p.id == "ceshi-lu")
    total = progress.of(lu, 2099).total
    assert (total.reported, total.total, total.met) == (2, 2, 0)
    assert total.average == (Decimal("9.5") * 100 / Decimal("12.5") + 80) / 2


def test_real_data_has_no_progress_and_says_so(notice: Notice, built_site: Path) -> None:
    assert not any(p.reports for p in notice.projects)
    for project in notice.projects:
        html = (built_site / "2020" / "projects" / project.id / "index.html").read_text(encoding="utf-8")
        state = "我县2020年无任务）”" if project.no_task else "这是2020年度的目标；本站没有收到完成情况。"
        assert state in html, project.id
        assert "本站没有收到本项目的进度报告。" in html, project.id
        assert "ms-bar" not in html, f"{project.id} shows a progress bar without data"
        cells = re.findall(r'<td class="ms-progress"[^>]*>(.*?)</td>', html, re.S)
        assert len(cells) == len(project.all_indicators), project.id
        shown = {re.sub(r"<[^>]+>", "", c) for c in cells}
        assert shown <= ({"本年无任务"} if project.no_task else {"未收到", "本年未设数值"}), f"{project.id}: {shown}"
    overview = (built_site / "2020" / "projects" / "index.html").read_text(encoding="utf-8")
    unpublished = re.findall(r'data-value="unpublished"[^>]*>未收到<', overview)
    assert len(unpublished) == len(notice.projects) - 1
    assert re.search(r'data-value="no-task"[^>]*>本年无任务<', overview)  # no. 8


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, f"{path}.{key}")
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _leaves(child, f"{path}[{i}]")
    else:
        yield path, value


def _at(data: Any, path: str) -> Any:
    for key in path.replace("[", ".[").strip(".").split("."):
        data = data[int(key[1:-1])] if key.startswith("[") else data[key]
    return data


@pytest.mark.parametrize("site_fixture, data_file", [
    ("built_site", ROOT / "data" / "projects.yaml"),
    ("sample_site", SAMPLE_DIR / "projects.yaml"),
])  # fmt: skip
@pytest.mark.slow
def test_json_export_holds_every_value_of_the_yaml(
    site_fixture: str, data_file: Path, request: pytest.FixtureRequest
) -> None:
    site = request.getfixturevalue(site_fixture)
    exported = json.loads((site / "data" / "projects.json").read_text(encoding="utf-8"))
    source = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    leaves = list(_leaves(source))
    assert len(leaves) > 50
    for path, value in leaves:
        got = _at(exported, path)
        # reached values are exported as the digits written, never through a float
        assert got == value or got == str(value), f"{path}: YAML {value!r}, JSON {got!r}"


def test_csv_has_a_bom_and_one_row_per_indicator(sample_site: Path, sample_notice: Notice) -> None:
    raw = (sample_site / "data" / "indicators.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == CSV_COLUMNS
    indicators = [i for p in sample_notice.projects for i in p.all_indicators]
    assert [r["指标编号"] for r in rows] == [i.id for i in indicators]
    dibao = next(r for r in rows if r["指标编号"] == "dibao-renshu")
    assert (dibao["目标值"], dibao["最新数值"], dibao["完成率%"], dibao["报告日期"]) == (
        "530", "480", "91", "2099-07-31",
    )  # fmt: skip
    blank = next(r for r in rows if r["指标编号"] == "jiaoshi")
    assert (blank["目标值"], blank["最新数值"]) == ("/", "")


def _parse_atom(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    for element in (root, *root.findall(f"{ATOM}entry")):
        for required in ("id", "title", "updated"):
            assert (element.findtext(f"{ATOM}{required}") or "").strip(), required
    return root


def test_feeds_are_valid_atom_with_one_entry_per_report(
    sample_site: Path, sample_notice: Notice
) -> None:
    site_feed = _parse_atom(sample_site / "feed.xml")
    reports = [r for p in sample_notice.projects for r in p.reports]
    entries = site_feed.findall(f"{ATOM}entry")
    assert len(entries) == len(reports)
    dates = [e.findtext(f"{ATOM}updated") for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert site_feed.findtext(f"{ATOM}updated") == dates[0]
    for project in sample_notice.projects:
        feed = _parse_atom(sample_site / "projects" / project.id / "feed.xml")
        assert len(feed.findall(f"{ATOM}entry")) == len(project.reports)


def test_pages_link_their_feed_for_autodiscovery(sample_site: Path) -> None:
    page = (sample_site / "2099" / "projects" / "ceshi-lu" / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in page
    assert 'href="feed.xml"' in page


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    local = LocalServer(tmp_path_factory.mktemp("sample-served"))
    build_site(SAMPLE_DIR / "mkdocs.yml", local.root, local.url)
    thread = threading.Thread(target=local.httpd.serve_forever, daemon=True)
    thread.start()
    yield local.url
    local.httpd.shutdown()
    local.httpd.server_close()


def test_project_page_shows_progress_in_the_browser(page, sample_server: str) -> None:
    page.goto(sample_server + "2099/projects/ceshi-lu/")
    row = page.locator("tr#licheng")
    assert "9.5" in row.inner_text() and "76%" in row.inner_text()
    assert "序时进度75%" in row.inner_text()
    bar = row.locator("progress.ms-bar")
    assert bar.evaluate("e => e.position") == pytest.approx(0.76)
    assert bar.is_visible()
    history = page.locator("#gengxin ~ * li[id^='gengxin-'], .ms-history > li").all_inner_texts()
    assert history[0].startswith("2099-09-30") and history[1].startswith("2099-06-30")
    assert "进行中" in page.locator(".ms-status").inner_text()
    behind = sample_server + "2099/projects/ceshi-xuexiao/"
    page.goto(behind)
    assert "滞后" in page.locator(".ms-status").inner_text()
    assert "落后" in page.locator("tr#xuexiao").inner_text()
    assert all(url.startswith(sample_server) for url in page.requests)


def test_every_page_shows_the_data_version_and_date(built_site: Path) -> None:
    version = version_of(ROOT / "data" / "projects.yaml")
    pages = list(built_site.rglob("index.html"))
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        line = re.search(r'<p class="ms-dataversion"[^>]*>(.*?)</p>', html)
        if line is None and 'http-equiv="refresh"' in html:
            continue  # a redirect page left at a former address
        assert line, path
        assert f"<code>{version.label}</code>" in line.group(1), path
        assert f"数据最后修改于 {version.date}" in line.group(1), path


def test_csv_cells_never_start_a_formula() -> None:
    from generator.site.export import cell as _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell("低保") == "低保"
    assert _cell(530) == 530
