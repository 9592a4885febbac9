"""The progress template as an Excel workbook (.xlsx), the same bytes on every build.

openpyxl stamps a workbook with the clock twice: the document's created/modified dates
and each zip entry's time. Both are fixed here to 1980-01-01, the zip format's first day
(a date that claims nothing), so that a build is reproducible
(tests/test_reproducible.py compares two builds made 400 days apart byte for byte).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..model import Notice, Project
from . import layout
from .layout import COLUMNS, DATE, MET, REACHED, TITLES

SHEET = "进度"  # the sheet's name; the importer reads every sheet with the header row
HEADER_ROW, FIRST_ROW = 1, 2  # the header first, as in the CSV: the instructions have their own sheet
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# Row heights, in points, for wrapped text: a line of 11 pt CJK text (Excel's and
# LibreOffice's CJK fonts set it about 1.4 times the size), and a little padding.
LINE_HEIGHT, PADDING = 16, 4

_GIVEN = PatternFill("solid", fgColor="EDEDED")  # filled by the site: leave as is
_NOT_HERE = PatternFill("solid", fgColor="BFBFBF")  # not for this figure (a cap's 累计完成…)
_HEAD = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_NOTE = Alignment(wrap_text=True, vertical="top")
_WRAP = Alignment(wrap_text=True, vertical="center")
_MIDDLE = Alignment(vertical="center")


def workbook_bytes(notice: Notice, project: Project | None) -> bytes:
    """The template of one project, or (``project`` None) of every project."""
    book = Workbook()
    guide = book.active
    assert isinstance(guide, Worksheet)
    guide.title = layout.INSTRUCTIONS_SHEET  # first, and open on opening: read before filling
    sheet = book.create_sheet(SHEET)
    title = layout.title(notice, project)
    book.properties.title = title
    book.properties.creator = None  # openpyxl would sign it "openpyxl"
    # no clock in the file: openpyxl requires dates here, so the zip format's first day
    book.properties.created = book.properties.modified = dt.datetime(*ZIP_EPOCH)
    _instruct(guide, notice, title)
    _fill(sheet, notice, project)
    return _stable_zip(book)


def _instruct(sheet: Worksheet, notice: Notice, title: str) -> None:
    """The instruction sheet: what to do, then what each column of the table holds."""
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 14, 70
    sheet.cell(1, 1, title).font = Font(bold=True, size=13)
    sheet.merge_cells("A1:B1")
    row = 2
    for line in layout.instructions(notice):
        row += 1
        sheet.merge_cells(f"A{row}:B{row}")
        sheet.cell(row, 1, line).alignment = _NOTE
        sheet.row_dimensions[row].height = row_height([(line, 14 + 70)])
    row += 2
    for col, head in enumerate(("列名", "说明"), 1):
        cell = sheet.cell(row, col, head)
        cell.font, cell.fill, cell.border = Font(bold=True), _HEAD, _BOX
    for column in COLUMNS:
        row += 1
        name, doc = sheet.cell(row, 1, column.title), sheet.cell(row, 2, column.doc)
        name.border, doc.border, doc.alignment = _BOX, _BOX, _NOTE
        if column.prefilled:
            name.fill = _GIVEN
        sheet.row_dimensions[row].height = row_height([(column.doc, 70)])
    _print_on_a4(sheet, "portrait")


def row_height(texts: Sequence[tuple[str, float]]) -> float:
    """The height (points) a row needs to show each (text, column width) wrapped in full:
    openpyxl cannot measure text, and a row left at the default height shows one line
    and prints the rest over the next row. Widths count a digit as 1 and a Chinese
    character as 2, as spreadsheet column widths do."""
    lines = 1
    for text, width in texts:
        span = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
        lines = max(lines, math.ceil(span / max(width - 2, 1)))  # a little for the cell's margins
    return lines * LINE_HEIGHT + PADDING


def _print_on_a4(sheet: Worksheet, orientation: Literal["portrait", "landscape"]) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4  # openpyxl's default is none: US Letter
    sheet.page_setup.orientation = orientation
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0  # all columns, any pages
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _fill(sheet: Worksheet, notice: Notice, project: Project | None) -> None:
    last = get_column_letter(len(COLUMNS))
    for col, column in enumerate(COLUMNS, 1):
        head = sheet.cell(HEADER_ROW, col, column.title)
        head.font, head.fill, head.border = Font(bold=True), _HEAD, _BOX
        head.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(col)].width = column.width
    sheet.freeze_panes = f"A{FIRST_ROW}"  # the header stays in view
    lines = layout.lines(notice, project)
    end = FIRST_ROW + max(len(lines), 1) - 1
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{end}"
    checks = _Checks(notice.document.year)
    for row, line in enumerate(lines, FIRST_ROW):
        given = line.prefilled()
        for col, column in enumerate(COLUMNS, 1):
            cell = sheet.cell(row, col, _number(given[column.title]) if column.title in given else None)
            cell.border = _BOX
            cell.alignment = _MIDDLE
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text from the data is never a formula, even "=…"
            if column.prefilled:
                cell.fill = _GIVEN
                cell.alignment = _WRAP
            elif column.title == DATE:
                cell.number_format = "yyyy-mm-dd"
        wrapped = [(str(given[c.title]), c.width) for c in COLUMNS if c.prefilled]
        sheet.row_dimensions[row].height = row_height(wrapped)
        reached, met = _at(row, REACHED), _at(row, MET)
        if line.indicator.judged:
            sheet[reached].fill = _NOT_HERE
            checks.add(checks.yes_no, met)
        else:
            sheet[met].fill = _NOT_HERE
            checks.add(checks.percent if line.indicator.percent else checks.count, reached)
        checks.add(checks.date, _at(row, DATE))
        checks.add(checks.correction, _at(row, layout.CORRECTION))
        checks.add(checks.verified, _at(row, layout.VERIFIED))
    for check in checks.all():
        if check.sqref:
            sheet.add_data_validation(check)
    _print_on_a4(sheet, "landscape")
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"  # the header on every printed page


def _at(row: int, title: str) -> str:
    return f"{get_column_letter(TITLES.index(title) + 1)}{row}"


def _number(value: str | int) -> str | int | float:
    """A target figure as a number the spreadsheet can compute with; text stays text."""
    if isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value) if "." in value else int(value)
    return value


class _Checks:
    """Data validation: what a spreadsheet program can refuse as it is typed."""

    def __init__(self, year: int) -> None:
        self.date = _check(
            "date", "greaterThanOrEqual", f"DATE({year},1,1)",
            "截至日期", f"请填写 {year} 年以后的日期，如 {year}-06-30。",
        )  # fmt: skip
        self.count = _check(
            "decimal", "greaterThanOrEqual", "0",
            "累计完成", "请只填数字（截至该日累计达到的数，不带单位），不小于 0。",
        )  # fmt: skip
        self.percent = _check(
            "decimal", "between", "0",
            "累计完成（%）", "单位为 %：请填 0 到 100 之间的数字，不带 % 号。", "100",
        )  # fmt: skip
        self._cells: dict[int, list[str]] = {}
        self.yes_no = _check("list", None, '"是,否"', "是否达到", "请选择“是”或“否”。")
        self.correction = _check(
            "list", None, '"是,否"', "更正", "更正以前报错的数字时选“是”，否则留空。"
        )
        self.verified = _check(
            "list", None, '"是,否"', "核实", "累计完成超过目标 10 倍、经核实确实如此时选“是”，否则留空。"
        )

    def add(self, check: DataValidation, cell: str) -> None:
        """Mark ``cell`` for ``check``. Kept here and given to openpyxl at once (``all``):
        its own ``add`` compares each new cell with every cell before it, which made the
        whole notice's template quadratic (3,300 projects: minutes)."""
        self._cells.setdefault(id(check), []).append(cell)

    def all(self) -> tuple[DataValidation, ...]:
        checks = (self.date, self.count, self.percent, self.yes_no, self.correction, self.verified)
        for check in checks:
            if cells := self._cells.get(id(check)):
                check.sqref = MultiCellRange(" ".join(cells))
        return checks


def _check(
    kind: Literal["date", "decimal", "list"],
    operator: Literal["greaterThanOrEqual", "between"] | None,
    formula1: str,
    what: str,
    message: str,
    formula2: str | None = None,
) -> DataValidation:
    return DataValidation(
        type=kind,
        operator=operator,
        formula1=formula1,
        formula2=formula2,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=f"{what}填写有误",
        error=message,
        promptTitle=what,
        prompt=message,
    )


def _stable_zip(book: Workbook) -> bytes:
    """The workbook's zip with every entry dated ZIP_EPOCH, in openpyxl's order."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:  # compressed once, below
        ExcelWriter(book, archive).write_data()
    stable = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(stable, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return stable.getvalue()
