"""The workbook a clerk gets, read back by openpyxl as an outside program reads it, is what
the layout declares (sheets/layout.py: columns, widths, which are prefilled, the rows and
the instructions; the colours and checks of sheets/workbook.py): every cell and its style,
widths, heights, merged cells, data validations and print setup. Compared with the
declarations, not with a stored copy of the bytes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import pytest
import test_generated
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from generator.data import chars
from generator.model import Notice, Project
from generator.sheets import layout
from generator.sheets.layout import COLUMNS, DATE, MET, REACHED, TITLES
from generator.sheets.workbook import (
    FIRST_ROW,
    HEADER_ROW,
    LINE_HEIGHT,
    PADDING,
    PIXEL,
    SHEET,
    row_height,
    workbook_bytes,
)

GIVEN, NOT_HERE, HEAD, LINE = "EDEDED", "BFBFBF", "DDEBF7", "A6A6A6"  # grey, darker grey, blue; borders
COL = {title: get_column_letter(number) for number, title in enumerate(TITLES, 1)}


def _read(notice: Notice, project: Project | None) -> Workbook:
    return load_workbook(io.BytesIO(workbook_bytes(notice, project)))


def _rgb(color: Any) -> str:
    return str(color.rgb)[-6:]  # ARGB: spreadsheet programs ignore the alpha of a solid colour


def _fill(cell: Any) -> str | None:
    return _rgb(cell.fill.fgColor) if cell.fill.fill_type == "solid" else None


def _boxed(cell: Any) -> bool:
    sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
    return all(side.style == "thin" and _rgb(side.color) == LINE for side in sides)


def _widths(sheet: Any) -> dict[str, float]:
    """Each column's width; one <col> element of the file may span several columns."""
    return {
        get_column_letter(number): dim.width
        for dim in sheet.column_dimensions.values()
        for number in range(dim.min, dim.max + 1)
    }


def _cases(notice: Notice, sample_notice: Notice) -> list[tuple[Notice, Project | None]]:
    """The real notice (caps, percentages, a project with no task this year: no rows) and
    the sample, whole and by project."""
    whole = [(notice, None), (sample_notice, None)]
    return [*whole, *((n, p) for n, _ in whole for p in n.projects if layout.has_template(p))]


def test_the_progress_sheet_is_what_the_layout_declares(notice: Notice, sample_notice: Notice) -> None:
    for case, project in _cases(notice, sample_notice):
        sheet = _read(case, project)[SHEET]
        lines = layout.lines(case, project)
        assert _widths(sheet) == {COL[c.title]: c.width for c in COLUMNS}
        assert [cell.value for cell in sheet[HEADER_ROW]] == list(TITLES)
        for cell in sheet[HEADER_ROW]:
            assert cell.font.b and _fill(cell) == HEAD and _boxed(cell), cell
            assert (cell.alignment.horizontal, cell.alignment.vertical) == ("center", "center")
        assert sheet.max_row == HEADER_ROW + len(lines)
        for number, line in enumerate(lines, FIRST_ROW):
            cells = line.prefilled()
            blocked = REACHED if line.indicator.judged else MET  # a cap is met or not: no count
            wrapped = [(str(cells[c.title]), c.width) for c in COLUMNS if c.prefilled]
            assert sheet.row_dimensions[number].height == row_height(wrapped)
            for column in COLUMNS:
                cell = sheet[f"{COL[column.title]}{number}"]
                assert _boxed(cell) and cell.alignment.vertical == "center", cell
                if not column.prefilled:
                    assert cell.value is None
                    assert _fill(cell) == (NOT_HERE if column.title == blocked else None), cell
                    assert cell.number_format == ("yyyy-mm-dd" if column.title == DATE else "General")
                    continue
                assert _fill(cell) == GIVEN and cell.alignment.wrap_text, cell
                value = cells[column.title]
                if column.title == layout.TARGET and re.fullmatch(r"\d+(\.\d+)?", str(value)):
                    assert cell.data_type == "n", cell  # a figure a spreadsheet can compute with
                if cell.data_type == "s":
                    assert cell.value == value, cell
                else:  # the 序号, and a target figure a spreadsheet can compute with
                    assert column.title in (layout.SEQ, layout.TARGET), cell
                    assert Decimal(str(cell.value)) == Decimal(str(value)), cell
        assert sheet.freeze_panes == f"A{FIRST_ROW}"
        assert sheet.auto_filter.ref == f"A{HEADER_ROW}:{COL[TITLES[-1]]}{FIRST_ROW + max(len(lines), 1) - 1}"
        assert _checks(sheet) == _expected_checks(case, lines)


def _checks(sheet: Any) -> set[tuple[str, str, str | None, str | None, str | None]]:
    """(cell, type, operator, bounds) of every data validation; each shows its message
    when its cell is chosen and refuses a wrong value with the same message."""
    found = set()
    for check in sheet.data_validations.dataValidation:
        assert check.allow_blank and check.showInputMessage and check.showErrorMessage
        assert check.prompt and check.error == check.prompt and check.errorTitle.startswith(check.promptTitle)
        # an operator left out of the file is "between", the format's default (a rule with two bounds)
        operator = check.operator or ("between" if check.formula2 else None)
        for cell in str(check.sqref).split():
            column = TITLES[ord(cell[0]) - ord("A")]
            assert check.promptTitle.startswith(column), (cell, check.promptTitle)  # it names its column
            found.add((cell, check.type, operator, check.formula1, check.formula2))
    return found


def _expected_checks(notice: Notice, lines: list[layout.Line]) -> set[tuple[str, str, str | None, str | None, str | None]]:
    yes_no = ("list", None, '"是,否"', None)
    expected = set()
    for number, line in enumerate(lines, FIRST_ROW):
        if line.indicator.judged:
            expected.add((f"{COL[MET]}{number}", *yes_no))
        elif line.indicator.percent:
            expected.add((f"{COL[REACHED]}{number}", "decimal", "between", "0", "100"))
        else:
            expected.add((f"{COL[REACHED]}{number}", "decimal", "greaterThanOrEqual", "0", None))
        expected.add((f"{COL[DATE]}{number}", "date", "greaterThanOrEqual", f"DATE({notice.document.year},1,1)", None))
        expected |= {(f"{COL[title]}{number}", *yes_no) for title in (layout.CORRECTION, layout.VERIFIED)}
    return expected


def test_the_instruction_sheet_is_what_the_layout_declares(sample_notice: Notice) -> None:
    project = sample_notice.project("ceshi-lu")
    book = _read(sample_notice, project)
    assert book.sheetnames == [layout.INSTRUCTIONS_SHEET, SHEET]
    guide = book.active
    assert guide is not None and guide.title == layout.INSTRUCTIONS_SHEET  # open on opening
    assert _widths(guide) == {"A": 14, "B": 70}
    title = guide["A1"]
    assert (title.value, title.font.b, title.font.sz) == (layout.title(sample_notice, project), True, 13)
    steps = layout.instructions(sample_notice)
    merged = {"A1:B1"}
    for number, step in enumerate(steps, 3):  # a blank row under the title
        cell = guide[f"A{number}"]
        assert (cell.value, cell.data_type, cell.alignment.wrap_text, cell.alignment.vertical) == (step, "s", True, "top")
        assert guide.row_dimensions[number].height == row_height([(step, 14 + 70)])
        merged.add(f"A{number}:B{number}")
    assert {str(r) for r in guide.merged_cells.ranges} == merged
    head = 3 + len(steps) + 1  # after a blank row
    assert [guide[f"{c}{head}"].value for c in "AB"] == ["列名", "说明"]
    assert all(guide[f"{c}{head}"].font.b and _fill(guide[f"{c}{head}"]) == HEAD for c in "AB")
    for number, column in enumerate(COLUMNS, head + 1):
        name, doc = guide[f"A{number}"], guide[f"B{number}"]
        assert (name.value, doc.value) == (column.title, column.doc)
        assert _boxed(name) and _boxed(doc) and doc.alignment.wrap_text
        assert _fill(name) == (GIVEN if column.prefilled else None)  # grey as in the table
        assert guide.row_dimensions[number].height == row_height([(column.doc, 70)])
    assert guide.max_row == head + len(COLUMNS)


def test_both_sheets_print_on_a4_one_page_wide_and_the_file_names_no_one_and_no_date(sample_notice: Notice) -> None:
    book = _read(sample_notice, None)
    for name, orientation, titles in ((SHEET, "landscape", "$1:$1"), (layout.INSTRUCTIONS_SHEET, "portrait", None)):
        sheet = book[name]
        setup = sheet.page_setup
        assert (int(setup.paperSize), setup.orientation) == (9, orientation)  # 9: A4
        assert (int(setup.fitToWidth or 1), int(setup.fitToHeight)) == (1, 0)  # left out: 1, the default
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == titles  # the header on every page
        assert sheet.sheet_state == "visible"
    props = book.properties
    assert props.title == layout.title(sample_notice, None)
    assert (props.creator, props.lastModifiedBy) == (None, None)
    assert props.created == props.modified == dt.datetime(1980, 1, 1)


def test_row_heights_are_whole_pixels_and_never_less_than_the_lines() -> None:
    # (text, column width, lines it wraps to): a Chinese character is two digits wide
    for text, width, lines in (("", 10, 1), ("短", 10, 1), ("一二三四五六七八九十" * 3, 22, 3), ("x" * 500, 6, 125)):
        height, needed = row_height([(text, width)]), lines * LINE_HEIGHT + PADDING
        assert height % PIXEL == 0 and needed <= height < needed + PIXEL, (text, height)


_TEXT = st.lists(
    st.one_of(st.sampled_from([*test_generated.SYNTAX, "_x0041_", "12", "0.5", " "]), st.text(test_generated._ALLOWED, max_size=6)),
    min_size=1, max_size=5,
).map("".join).filter(lambda text: chars.problem(text) is None)  # fmt: skip


@given(name=_TEXT, counts=_TEXT, unit=_TEXT, clause=_TEXT)
def test_any_text_of_the_data_comes_back_as_that_text(
    sample_notice: Notice, name: str, counts: str, unit: str, clause: str
) -> None:
    project = sample_notice.project("ceshi-lu")
    figure = dataclasses.replace(project.indicators[0], counts=counts, unit=unit, clause=clause)
    project = dataclasses.replace(project, name=name, indicators=(figure, *project.indicators[1:]))
    book = _read(sample_notice, project)
    row = {title: book[SHEET][f"{COL[title]}{FIRST_ROW}"] for title in TITLES}
    for title, text in ((layout.NAME, name), (layout.COUNTS, counts), (layout.UNIT, unit), (layout.CLAUSE, clause)):
        assert (row[title].value, row[title].data_type) == (text, "s"), title  # never a formula, nor a number
    title = layout.title(sample_notice, project)
    assert book[layout.INSTRUCTIONS_SHEET]["A1"].value == title
    # XlsxWriter escapes a literal "_x0041_" in the document's title too, as cells need, where
    # readers take it as written: such a name is not to be expected, the cell shows it right
    if not re.search(r"_x[0-9A-Fa-f]{4}_", name):
        assert book.properties.title == title


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"点击\")", "+1", "-1", "@SUM(A1)", "2020", "_x0041_"])
def test_text_that_looks_like_a_formula_or_a_number_stays_text(sample_notice: Notice, text: str) -> None:
    project = dataclasses.replace(sample_notice.project("ceshi-lu"), name=text)
    cell = _read(sample_notice, project)[SHEET][f"{COL[layout.NAME]}{FIRST_ROW}"]
    assert (cell.value, cell.data_type) == (text, "s")
    # the title begins with the region's name
    notice = dataclasses.replace(sample_notice, document=dataclasses.replace(sample_notice.document, region=text))
    title = _read(notice, project)[layout.INSTRUCTIONS_SHEET]["A1"]
    assert (title.value, title.data_type) == (layout.title(notice, project), "s")
