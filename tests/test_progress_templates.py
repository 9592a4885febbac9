"""The progress templates the site offers: what they hold, how they help, same bytes always."""

from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import load_workbook

from generator import sheets
from generator.model import Notice
from generator.sheets.csvfile import csv_text
from generator.sheets.layout import TITLES, note
from generator.sheets.workbook import workbook_bytes
from generator.site import planner

PREFILLED = ["项目编号", "序号", "项目名称", "指标编号", "统计内容", "目标", "单位", "要求"]
TO_FILL = ["截至日期", "累计完成", "是否达到", "来源", "备注", "更正", "核实"]


def test_columns_are_the_prefilled_ones_then_the_ones_to_fill() -> None:
    assert list(TITLES) == PREFILLED + TO_FILL


def test_a_project_template_has_a_row_per_figure_and_none_for_a_slash(sample_notice: Notice) -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(sample_notice, sample_notice.project("ceshi-xuexiao"))))
    sheet = book["进度"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == note(sample_notice)
    assert list(rows[1]) == PREFILLED + TO_FILL
    # 新增/名教师 ("/": no figure this year) takes no progress, so it has no row
    assert rows[2:] == [
        ("ceshi-xuexiao", 2, "测试学校建设", "xuexiao", "测试学校", 3, "所", "目标值", *[None] * 7)
    ]


def test_the_template_of_all_projects_lists_every_figure_in_order(sample_notice: Notice) -> None:
    sheet = load_workbook(io.BytesIO(workbook_bytes(sample_notice, None)))["进度"]
    ids = [row[3] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert ids == ["licheng", "tongche", "xuexiao", "shuichang", "dibao-renshu", "dibao-biaozhun", "guer-renshu"]
    targets = [row[5] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert targets == [12.5, 100, 3, 1, 530, 6600, 55]  # numbers a spreadsheet can compute with


def test_the_sheet_helps_the_clerk(sample_notice: Notice) -> None:
    sheet = load_workbook(io.BytesIO(workbook_bytes(sample_notice, sample_notice.project("ceshi-lu"))))["进度"]
    assert sheet.freeze_panes == "A3"  # the header stays in view
    assert sheet.column_dimensions["E"].width == 30
    assert sheet["A3"].fill.fgColor.rgb.endswith("EDEDED")  # grey: filled by the site
    assert sheet["I3"].number_format == "yyyy-mm-dd"
    checks = {str(v.sqref): (v.type, v.operator, v.formula1, v.formula2) for v in sheet.data_validations.dataValidation}
    assert checks == {
        "I3 I4": ("date", "greaterThanOrEqual", "DATE(2099,1,1)", None),
        "J3": ("decimal", "greaterThanOrEqual", "0", None),  # 里程: any count from 0
        "J4": ("decimal", "between", "0", "100"),  # 通车率 (%): 0 to 100
        "N3 N4": ("list", None, '"是,否"', None),  # 更正
        "O3 O4": ("list", None, '"是,否"', None),  # 核实
    }


def test_a_cap_gets_a_yes_no_choice_instead_of_a_count(sample_notice: Notice) -> None:
    import dataclasses

    project = sample_notice.project("ceshi-yinshui")
    cap = dataclasses.replace(project.indicators[0], direction="at-most")
    capped = dataclasses.replace(project, indicators=(cap,))
    sheet = load_workbook(io.BytesIO(workbook_bytes(sample_notice, capped)))["进度"]
    assert sheet["H3"].value == "不超过"
    assert sheet["J3"].fill.fgColor.rgb.endswith("BFBFBF")  # 累计完成: not for a cap
    lists = [str(v.sqref) for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists == ["K3", "N3", "O3"]


def test_text_from_the_data_never_becomes_a_formula(sample_notice: Notice) -> None:
    import dataclasses

    project = dataclasses.replace(sample_notice.project("ceshi-lu"), name='=HYPERLINK("http://x","点击")')
    sheet = load_workbook(io.BytesIO(workbook_bytes(sample_notice, project)))["进度"]
    assert (sheet["C3"].value, sheet["C3"].data_type) == ('=HYPERLINK("http://x","点击")', "s")
    rows = list(csv.reader(io.StringIO(csv_text(sample_notice, project).removeprefix("\ufeff"))))
    assert rows[2][2] == "'=HYPERLINK(\"http://x\",\"点击\")"  # as in indicators.csv


def test_the_workbook_is_the_same_bytes_every_time_and_carries_no_clock(sample_notice: Notice) -> None:
    made = workbook_bytes(sample_notice, None)
    assert made == workbook_bytes(sample_notice, None)
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z" in core
    assert "openpyxl" not in core
    assert "<dc:title>测试县2099年民生工程进度填报表：全部4项</dc:title>" in core


def test_the_csv_template_is_the_same_table(sample_notice: Notice) -> None:
    text = csv_text(sample_notice, sample_notice.project("ceshi-lu"))
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows == [
        [note(sample_notice)],
        PREFILLED + TO_FILL,
        ["ceshi-lu", "1", "测试道路建设", "licheng", "新建测试道路里程", "12.5", "公里", "目标值", *[""] * 7],
        ["ceshi-lu", "1", "测试道路建设", "tongche", "通车率", "100", "%", "不低于", *[""] * 7],
    ]


def test_every_template_is_a_file_of_the_site_plan(sample_notice: Notice) -> None:
    plan = planner.make(sample_notice)
    files = {f.path for f in plan.files}
    expected = {"data/jindu.xlsx", "data/jindu.csv"} | {
        f"projects/{p.id}/{p.id}-jindu.{ext}" for p in sample_notice.projects for ext in ("xlsx", "csv")
    }
    assert expected <= files
    assert expected <= set(plan.addresses())  # published: kept by the address lock
    assert sheets.paths(sample_notice.project("ceshi-lu")) == {
        "xlsx": "projects/ceshi-lu/ceshi-lu-jindu.xlsx",
        "csv": "projects/ceshi-lu/ceshi-lu-jindu.csv",
    }


def test_a_project_with_no_figure_gets_no_template(notice: Notice) -> None:
    plan = planner.make(notice)
    files = {f.path for f in plan.files}
    without = [p for p in notice.projects if not sheets.has_template(p)]
    assert without, "the real data has projects whose figures are all “/”"
    for project in without:
        assert not any(path.startswith(f"projects/{project.id}/{project.id}-jindu") for path in files)
        assert plan.page(f"projects/{project.id}/index.md").context["sheets"] == {}
