"""The open data as outside readers take it: a Frictionless data package, CSVs that start
with their header row.

``frictionless validate`` (the reference implementation of the Data Package and Table
Schema standards) checks the package published with the built site, every row of every
CSV against its schema; Python's csv module reads each published CSV as a plain reader
(pandas.read_csv among them) would: the first row gives the columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import urls
from generator.model import Notice
from generator.sheets.layout import COLUMNS, TITLES, note
from generator.site import planner
from generator.site.datapackage import indicator_schema, template_schema
from generator.site.export import CSV_COLUMNS

FRICTIONLESS = Path(sys.executable).with_name("frictionless")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _write_data(notice: Notice, dest: Path) -> Path:
    """The plan's files under data/ (the package and what it lists), as a build writes them."""
    for out in planner.make(notice, "https://example.org/ms/").files:
        if out.path.startswith("data/"):
            made = out.make()
            path = dest / out.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(made if isinstance(made, bytes) else made.encode("utf-8"))
    return dest / urls.Urls().DATA_PACKAGE


def _validate(package: Path) -> dict:
    """``frictionless validate`` as a person runs it, its JSON report."""
    proc = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", package.name],
        cwd=package.parent, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    report = json.loads(proc.stdout)
    assert (proc.returncode == 0) == report["valid"]
    return report


def _errors(report: dict) -> list[str]:
    return [e["message"] for task in report["tasks"] for e in task["errors"]] + [e["message"] for e in report["errors"]]


def test_each_csv_has_a_schema_of_its_columns_in_chinese() -> None:
    assert [f["name"] for f in indicator_schema()["fields"]] == CSV_COLUMNS
    assert [f["name"] for f in template_schema()["fields"]] == list(TITLES)
    for field in indicator_schema()["fields"] + template_schema()["fields"]:
        assert CJK.search(field["title"]) and CJK.search(field["description"]), field
        assert field["type"] in ("string", "integer", "number", "date"), field
    descriptions = {f["name"]: f["description"] for f in template_schema()["fields"]}
    assert descriptions == {c.title: c.doc for c in COLUMNS}  # the instruction sheet's words


@pytest.mark.slow  # runs frictionless, as a person does
def test_the_package_of_the_real_data_is_valid(notice: Notice, tmp_path: Path) -> None:
    package = _write_data(notice, tmp_path)
    report = _validate(package)
    assert report["valid"], _errors(report)
    tasks = {t["name"]: t for t in report["tasks"]}
    assert set(tasks) == {"indicators", "jindu", "projects"}
    indicators = sum(len(p.all_indicators) for p in notice.projects)
    assert tasks["indicators"]["stats"]["rows"] == indicators
    assert tasks["indicators"]["stats"]["fields"] == len(CSV_COLUMNS)
    meta = json.loads(package.read_text(encoding="utf-8"))
    assert meta["title"] == "太和县2020年民生工程公开数据"
    assert meta["homepage"] == "https://example.org/ms/data/"
    assert "太政〔2020〕10号" in meta["sources"][0]["title"]
    assert all(CJK.search(r["title"]) and CJK.search(r["description"]) for r in meta["resources"])


def test_frictionless_reads_typed_values_of_the_sample_with_progress(sample_notice: Notice, tmp_path: Path) -> None:
    from frictionless import Package

    package = Package(str(_write_data(sample_notice, tmp_path)))
    rows = package.get_resource("indicators").read_rows()
    dibao = next(r for r in rows if r["指标编号"] == "dibao-renshu")
    assert (dibao["序号"], dibao["目标值"], dibao["最新数值"], dibao["完成率%"]) == (4, "530", 480, 91)
    assert dibao["报告日期"].isoformat() == "2099-07-31"
    assert next(r for r in rows if r["指标编号"] == "jiaoshi")["目标值"] == "/"


@pytest.mark.slow  # runs frictionless, as a person does
def test_a_wrong_value_or_a_note_above_the_header_is_found(sample_notice: Notice, tmp_path: Path) -> None:
    # The validation is not a formality: a figure that is not one, and the old templates'
    # note row above the header, are both reported.
    package = _write_data(sample_notice, tmp_path)
    indicators = package.with_name("indicators.csv")
    good = indicators.read_text(encoding="utf-8")
    indicators.write_text(good.replace(",licheng,新建测试道路里程,12.5,", ",licheng,新建测试道路里程,约12.5,", 1), encoding="utf-8")
    report = _validate(package)
    assert not report["valid"]
    assert any("约12.5" in m and "目标值" in m for m in _errors(report)), _errors(report)
    indicators.write_text(good, encoding="utf-8")
    sheet = package.with_name("jindu.csv")
    sheet.write_text("\ufeff" + note(sample_notice) + "\r\n" + sheet.read_text(encoding="utf-8-sig"), encoding="utf-8")
    report = _validate(package)
    assert not report["valid"]
    assert {t["name"] for t in report["tasks"] if not t["valid"]} == {"jindu"}


def _published_csvs(site: Path) -> list[Path]:
    return sorted(site.rglob("*.csv"))


@pytest.mark.slow
def test_the_built_site_publishes_a_valid_package_and_csvs_that_start_with_their_header(sample_site: Path) -> None:
    package = sample_site / urls.Urls().DATA_PACKAGE
    report = _validate(package)
    assert report["valid"], _errors(report)
    for resource in json.loads(package.read_text(encoding="utf-8"))["resources"]:
        assert (package.parent / resource["path"]).is_file()
    found = _published_csvs(sample_site)
    assert len(found) >= 2 + 3  # indicators.csv, jindu.csv and each project's template
    from frictionless import Package

    for path in found:
        text = path.read_bytes().decode("utf-8-sig")
        header = next(csv.reader(io.StringIO(text, newline="")))
        assert header in (CSV_COLUMNS, list(TITLES)), (path, header[:3])
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert rows and all(None not in row for row in rows), path  # no row longer than the header
        if header == list(TITLES):  # each project's template is the same table: valid too
            single = Package({"resources": [{**json.loads(package.read_text(encoding="utf-8"))["resources"][1], "path": path.name}]}, basepath=str(path.parent))
            assert single.validate().valid, path
