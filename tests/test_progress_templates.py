"""The progress templates the site offers: what they hold, how they help, same bytes always."""

from __future__ import annotations

import csv
import io
import zipfile
from xml.etree import ElementTree

from openpyxl import load_workbook

from generator import sheets
from generator.model import Notice
from generator.sheets.csvfile import csv_text
from generator.sheets.layout import COLUMNS, TITLES, instructions
from generator.sheets.workbook import LINE_HEIGHT, workbook_bytes
from generator.site import planner
from generator.urls import Urls

PREFILLED = ["通知", "项目编号", "序号", "项目名称", "指标编号", "统计内容", "目标", "单位", "要求", "通知原文"]
TO_FILL = ["截至日期", "累计完成", "是否达到", "来源", "备注", "更正", "核实"]
SAMPLE_NOTICE = "2099年 测政〔2099〕1号"  # the sample's year and 文号, as the 通知 column names them


def test_columns_are_the_prefilled_ones_then_the_ones_to_fill() -> None:
    assert list(TITLES) == PREFILLED + TO_FILL


def test_a_project_template_has_a_row_per_figure_and_none_for_a_slash(sample_notice: Notice) -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(sample_notice, sample_notice.project("ceshi-xuexiao"))))
    sheet = book["进度"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == PREFILLED + TO_FILL  # the header first: no note above it
    # 新增/名教师 ("/": no figure this year) takes no progress, so it has no row
    assert rows[1:] == [
        (SAMPLE_NOTICE, "ceshi-xuexiao", 2, "测试学校建设", "xuexiao", "测试学校", 3, "所", "目标值", "建设测试学校3所", *[None] * 7)
    ]


def test_the_template_of_all_projects_lists_every_figure_in_order(sample_notice: Notice) -> None:
    sheet = load_workbook(io.BytesIO(workbook_bytes(sample_notice, None)))["进度"]
    ids = [row[TITLES.index("指标编号")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == ["licheng", "tongche", "xuexiao", "shuichang", "dibao-renshu", "dibao-biaozhun", "guer-renshu"]
    targets = [row[TITLES.index("目标")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert targets == [12.5, 100, 3, 1, 530, 6600, 55]  # numbers a spreadsheet can compute with


def test_the_sheet_helps_the_clerk(sample_notice: Notice) -> None:
    sheet = load_workbook(io.BytesIO(workbook_bytes(sample_notice, sample_notice.project("ceshi-lu"))))["进度"]
    assert sheet.freeze_panes == "A2"  # the header stays in view
    assert sheet.column_dimensions["F"].width == 30  # 统计内容
    assert sheet.column_dimensions["J"].width == 30  # 通知原文
    for cell in ("A2", "B2", "J2"):  # grey: filled by the site (通知, 项目编号, 通知原文)
        assert sheet[cell].fill.fgColor.rgb.endswith("EDEDED"), cell
    assert sheet["J2"].alignment.wrap_text  # a long clause wraps, in full
    assert sheet["K2"].number_format == "yyyy-mm-dd"
    # an operator left out of the file is "between", the format's default (a rule with two bounds)
    checks = {
        str(v.sqref): (v.type, v.operator or ("between" if v.formula2 else None), v.formula1, v.formula2)
        for v in sheet.data_validations.dataValidation
    }
    assert checks == {
        "K2 K3": ("date", "greaterThanOrEqual", "DATE(2099,1,1)", None),
        "L2": ("decimal", "greaterThanOrEqual", "0", None),  # 里程: any count from 0
        "L3": ("decimal", "between", "0", "100"),  # 通车率 (%): 0 to 100
        "P2 P3": ("list", None, '"是,否"', None),  # 更正
        "Q2 Q3": ("list", None, '"是,否"', None),  # 核实
    }
    assert sheet.auto_filter.ref == "A1:Q3"  # every column, the new ones too


def test_a_cap_gets_a_yes_no_choice_instead_of_a_count(sample_notice: Notice) -> None:
    import dataclasses

    project = sample_notice.project("ceshi-yinshui")
    cap = dataclasses.replace(project.indicators[0], direction="at-most")
    capped = dataclasses.replace(project, indicators=(cap,))
    sheet = load_workbook(io.BytesIO(workbook_bytes(sample_notice, capped)))["进度"]
    assert sheet["I2"].value == "不超过"
    assert sheet["L2"].fill.fgColor.rgb.endswith("BFBFBF")  # 累计完成: not for a cap
    lists = [str(v.sqref) for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists == ["M2", "P2", "Q2"]


def test_text_from_the_data_never_becomes_a_formula(sample_notice: Notice) -> None:
    import dataclasses

    project = dataclasses.replace(sample_notice.project("ceshi-lu"), name='=HYPERLINK("http://x","点击")')
    sheet = load_workbook(io.BytesIO(workbook_bytes(sample_notice, project)))["进度"]
    assert (sheet["D2"].value, sheet["D2"].data_type) == ('=HYPERLINK("http://x","点击")', "s")
    rows = list(csv.reader(io.StringIO(csv_text(sample_notice, project).removeprefix("\ufeff"))))
    assert rows[1][3] == "'=HYPERLINK(\"http://x\",\"点击\")"  # as in indicators.csv


def test_the_workbook_is_the_same_bytes_every_time_and_carries_no_clock(sample_notice: Notice) -> None:
    made = workbook_bytes(sample_notice, None)
    assert made == workbook_bytes(sample_notice, None)
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z" in core
    assert "openpyxl" not in core
    # the element as read (openpyxl writes it with or without a namespace declaration of
    # its own, whether lxml is installed or not)
    title = ElementTree.fromstring(core).find("{http://purl.org/dc/elements/1.1/}title")
    assert title is not None and title.text == "测试县2099年民生工程进度填报表：全部4项"


def test_the_csv_template_is_the_same_table(sample_notice: Notice) -> None:
    text = csv_text(sample_notice, sample_notice.project("ceshi-lu"))
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows == [
        PREFILLED + TO_FILL,
        [SAMPLE_NOTICE, "ceshi-lu", "1", "测试道路建设", "licheng", "新建测试道路里程", "12.5", "公里", "目标值", "2099年新建测试道路12.5公里", *[""] * 7],
        [SAMPLE_NOTICE, "ceshi-lu", "1", "测试道路建设", "tongche", "通车率", "100", "%", "不低于", "通车率达到100%", *[""] * 7],
    ]


def test_every_template_is_a_file_of_the_site_plan(sample_notice: Notice) -> None:
    plan = planner.make(sample_notice)
    files = {f.path for f in plan.files}
    expected = {"data/jindu.xlsx", "data/jindu.csv"} | {
        f"projects/{p.id}/{p.id}-jindu.{ext}" for p in sample_notice.projects for ext in ("xlsx", "csv")
    }
    assert expected <= files
    assert expected <= set(plan.addresses())  # published: kept by the address lock
    assert sheets.paths(Urls(), sample_notice.project("ceshi-lu")) == {
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


def test_the_instructions_are_on_their_own_sheet_which_opens_first(sample_notice: Notice) -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(sample_notice, sample_notice.project("ceshi-lu"))))
    assert book.sheetnames == ["填写说明", "进度"]
    guide = book.active
    assert guide is not None and guide.title == "填写说明"
    texts = [cell for row in guide.iter_rows(values_only=True) for cell in row if cell]
    assert texts[0] == "测试县2099年民生工程进度填报表：第1项 测试道路建设"
    assert all(line in texts for line in instructions(sample_notice))
    assert "截至日期（如 2099-06-30）" in "".join(texts)
    for column in COLUMNS:  # what each column of the table holds, beside its title
        assert texts[texts.index(column.title) + 1] == column.doc
    # the two columns a clerk did not see before are explained in the steps too
    assert "“通知原文”列照录通知中写这个目标数字的原话（连同限定词、单位和适用范围）：要达到什么，以它为准。" in texts
    assert "“通知”列写明本表属于哪一份通知（2099年 测政〔2099〕1号）；导入时核对，别的年份或文号的表不能导入。" in texts
    # nothing of them is left in the table: its first row is the header
    assert [c.value for c in book["进度"][1]] == PREFILLED + TO_FILL


def test_both_sheets_print_on_a4_with_the_header_on_every_page(sample_notice: Notice) -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(sample_notice, None)))
    for name, orientation in (("进度", "landscape"), ("填写说明", "portrait")):
        sheet = book[name]
        setup = sheet.page_setup
        assert (int(setup.paperSize), setup.orientation) == (9, orientation), name  # 9: A4
        # one page wide (a width left out of the file is 1, the format's default)
        assert (int(setup.fitToWidth or 1), int(setup.fitToHeight)) == (1, 0), name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True, name
    assert book["进度"].print_title_rows == "$1:$1"  # the header row, repeated
    assert book["填写说明"].print_title_rows is None


def _lines_needed(text: str, width: float) -> int:
    """Lines a wrapped cell needs, counted as a person would: a Chinese character is two
    digits wide (as spreadsheet widths count), a digit or letter one."""
    import math
    import unicodedata

    span = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return max(1, math.ceil(span / (width - 2)))


def test_rows_are_tall_enough_for_their_wrapped_text(notice: Notice) -> None:
    # The real notice's template: long names and counted items wrap in their columns; a
    # row at the default height would show one line and print over the next row.
    book = load_workbook(io.BytesIO(workbook_bytes(notice, None)))
    sheet = book["进度"]
    widths = {c.title: c.width for c in COLUMNS}
    tall = 0
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), 2):
        cells = dict(zip(TITLES, row, strict=True))
        needed = max(_lines_needed(str(cells[t]), widths[t]) for t in PREFILLED)
        height = sheet.row_dimensions[number].height
        assert height is not None and height >= needed * LINE_HEIGHT, (number, cells, height)
        assert height < (needed + 1) * LINE_HEIGHT, number  # and no taller than that
        tall += needed > 1
    assert tall > 10, "the real notice has names and items that wrap"
    guide = book["填写说明"]
    for number, (title, doc) in enumerate(guide.iter_rows(min_row=1, max_col=2, values_only=True), 1):
        if doc and title in TITLES:
            assert guide.row_dimensions[number].height >= _lines_needed(doc, 70) * LINE_HEIGHT
        elif title and doc is None and number > 1:  # an instruction, across both columns
            assert guide.row_dimensions[number].height >= _lines_needed(title, 84) * LINE_HEIGHT


def test_every_row_carries_its_clause_verbatim_and_names_its_notice(notice: Notice) -> None:
    # The real notice: the sheet never says less than the notice. Each row of both formats
    # holds the figure's whole clause (约598人次, 原则上不低于…1.3倍), word for word.
    clauses = {ind.id: ind.clause for p in notice.projects for ind in p.all_indicators}
    sheet = load_workbook(io.BytesIO(workbook_bytes(notice, None)))["进度"]
    xlsx = [dict(zip(TITLES, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    text = csv_text(notice, None).removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(xlsx) == len(rows) > 100
    for cells in [*xlsx, *rows]:
        assert cells["通知原文"] == clauses[cells["指标编号"]], cells
        assert cells["通知"] == "2020年 太政〔2020〕10号", cells
    assert "救助对象约598人次" in {c["通知原文"] for c in rows}
    assert any(c["通知原文"].endswith("原则上不低于当地最低生活保障标准的1.3倍") for c in rows)
