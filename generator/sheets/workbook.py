"""The progress template as an Excel workbook (.xlsx), the same bytes on every build.

Written with XlsxWriter, a write-only library: each style is made once per workbook and
handed to the cells that wear it (openpyxl hashed a style object for every cell it set,
and a build with an empty cache writes a workbook per project). openpyxl stays the
reader: the importer and the tests read these files as any other program would.

No clock in the file: written in memory, XlsxWriter dates every zip entry 1980-01-01, the
zip format's first day (a date that claims nothing); the document's dates are set to the
same day and it names no author, so that a build is reproducible (tests/test_reproducible.py
compares two builds made 400 days apart byte for byte).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from ..model import Notice, Project
from . import layout
from .layout import COLUMNS, DATE, MET, REACHED, TARGET, TITLES

SHEET = "进度"  # the sheet's name; the importer reads every sheet with the header row
# The sheet's own row numbers (XlsxWriter counts from 0): the header first, as in the
# CSV; the instructions have their own sheet.
HEADER_ROW, FIRST_ROW = 1, 2
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# Row heights, in points, for wrapped text: a line of 11 pt CJK text (Excel's and
# LibreOffice's CJK fonts set it about 1.4 times the size), and a little padding.
LINE_HEIGHT, PADDING = 16, 4
PIXEL = 0.75  # points: Excel keeps row heights in whole pixels (96 dpi), as XlsxWriter writes them
CHARACTER = 7  # pixels: a column width of 1 in the default font (Calibri 11), padding included

_BOX = {"border": 1, "border_color": "#A6A6A6"}  # thin, grey
_GIVEN = {"pattern": 1, "bg_color": "#EDEDED"}  # filled by the site: leave as is
_NOT_HERE = {"pattern": 1, "bg_color": "#BFBFBF"}  # not for this figure (a cap's 累计完成…)
_HEAD = {"bold": True, "pattern": 1, "bg_color": "#DDEBF7", **_BOX}
_NOTE = {"text_wrap": True, "valign": "top"}
_MIDDLE = {"valign": "vcenter", **_BOX}


def workbook_bytes(notice: Notice, project: Project | None) -> bytes:
    """The template of one project, or (``project`` None) of every project."""
    out = io.BytesIO()
    book = Workbook(out, {"in_memory": True})  # on disk, it would date the entries by the clock
    title = layout.title(notice, project)
    # "created" dates "modified" too; without it, both would be now
    book.set_properties({"title": title, "created": dt.datetime(*ZIP_EPOCH)})
    # the instructions first, and open on opening: read before filling
    _instruct(book, book.add_worksheet(layout.INSTRUCTIONS_SHEET), notice, title)
    _fill(book, book.add_worksheet(SHEET), notice, project)
    book.close()
    return out.getvalue()


def _instruct(book: Workbook, sheet: Worksheet, notice: Notice, title: str) -> None:
    """The instruction sheet: what to do, then what each column of the table holds."""
    _widths(sheet, [14, 70])
    strong, note = book.add_format({"bold": True, "font_size": 13}), book.add_format(_NOTE)
    # merged blank, then the text written as text (merge_range would read "=…" as a formula)
    sheet.merge_range(0, 0, 0, 1, "", strong)
    _write(sheet, 0, 0, title, strong)
    row = 1
    for line in layout.instructions(notice):
        row += 1
        sheet.merge_range(row, 0, row, 1, "", note)
        _write(sheet, row, 0, line, note)
        sheet.set_row(row, row_height([(line, 14 + 70)]))
    row += 2
    head, doc = book.add_format(_HEAD), book.add_format({**_BOX, **_NOTE})
    given, plain = book.add_format({**_BOX, **_GIVEN}), book.add_format(_BOX)
    _write(sheet, row, 0, "列名", head)
    _write(sheet, row, 1, "说明", head)
    for column in COLUMNS:
        row += 1
        _write(sheet, row, 0, column.title, given if column.prefilled else plain)
        _write(sheet, row, 1, column.doc, doc)
        sheet.set_row(row, row_height([(column.doc, 70)]))
    _print_on_a4(sheet)


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    """Column widths as the file stores them: characters, Excel's cell padding included
    (``set_column`` would add the padding on top, and each column would come out wider
    than the layout says and than the row heights were reckoned for)."""
    for col, width in enumerate(widths):
        sheet.set_column_pixels(col, col, width * CHARACTER)


def row_height(texts: Sequence[tuple[str, float]]) -> float:
    """The height (points) a row needs to show each (text, column width) wrapped in full:
    text cannot be measured here, and a row left at the default height shows one line
    and prints the rest over the next row. Widths count a digit as 1 and a Chinese
    character as 2, as spreadsheet column widths do. Up to a whole pixel."""
    lines = 1
    for text, width in texts:
        span = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
        lines = max(lines, math.ceil(span / max(width - 2, 1)))  # a little for the cell's margins
    return math.ceil((lines * LINE_HEIGHT + PADDING) / PIXEL) * PIXEL


def _print_on_a4(sheet: Worksheet, landscape: bool = False) -> None:
    sheet.set_paper(9)  # A4; without it, the printer's default (often US Letter)
    if landscape:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # every column on one page's width, as many pages as it takes


def _fill(book: Workbook, sheet: Worksheet, notice: Notice, project: Project | None) -> None:
    head = book.add_format({**_HEAD, "align": "center", "valign": "vcenter"})
    given = book.add_format({**_MIDDLE, **_GIVEN, "text_wrap": True})
    to_fill, not_here = book.add_format(_MIDDLE), book.add_format({**_MIDDLE, **_NOT_HERE})
    date = book.add_format({**_MIDDLE, "num_format": "yyyy-mm-dd"})
    _widths(sheet, [column.width for column in COLUMNS])
    for col, title in enumerate(TITLES):
        _write(sheet, HEADER_ROW - 1, col, title, head)
    sheet.freeze_panes(FIRST_ROW - 1, 0)  # the header stays in view
    lines = layout.lines(notice, project)
    sheet.autofilter(HEADER_ROW - 1, 0, FIRST_ROW + max(len(lines), 1) - 2, len(COLUMNS) - 1)
    checks = _Checks(notice.document.year)
    for row, line in enumerate(lines, FIRST_ROW - 1):
        cells, judged = line.prefilled(), line.indicator.judged
        blank = {DATE: date, REACHED if judged else MET: not_here}  # a cap is met or not: no count
        for col, column in enumerate(COLUMNS):
            if not column.prefilled:
                sheet.write_blank(row, col, None, blank.get(column.title, to_fill))
            elif column.title == TARGET:
                _write(sheet, row, col, _number(cells[TARGET]), given)
            else:
                _write(sheet, row, col, cells[column.title], given)
        wrapped = [(str(cells[c.title]), c.width) for c in COLUMNS if c.prefilled]
        sheet.set_row(row, row_height(wrapped))
        if judged:
            checks.add(checks.yes_no, row, MET)
        else:
            checks.add(checks.percent if line.indicator.percent else checks.count, row, REACHED)
        checks.add(checks.date, row, DATE)
        checks.add(checks.correction, row, layout.CORRECTION)
        checks.add(checks.verified, row, layout.VERIFIED)
    checks.give(sheet)
    _print_on_a4(sheet, landscape=True)
    sheet.repeat_rows(HEADER_ROW - 1)  # the header on every printed page


def _write(sheet: Worksheet, row: int, col: int, value: str | int | float, style: Format) -> None:
    """Text as text, never a formula (even "=…"); a number as a number. What XlsxWriter
    refuses (it only warns: a text over Excel's 32,767 characters, which it would cut)
    stops the build rather than reach a clerk cut short."""
    if isinstance(value, str):
        refused = sheet.write_string(row, col, value, style)
    else:
        refused = sheet.write_number(row, col, value, style)
    if refused:
        raise ValueError(f"XlsxWriter refused cell {xl_rowcol_to_cell(row, col)}: {str(value)[:40]}…")


def _number(value: str | int) -> str | int | float:
    """A target figure as a number the spreadsheet can compute with; text stays text."""
    if isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value) if "." in value else int(value)
    return value


@dataclass(frozen=True)
class _Rule:
    options: dict[str, Any]  # XlsxWriter's data_validation options
    cells: list[str] = field(default_factory=list)  # A1 references


class _Checks:
    """Data validation: what a spreadsheet program can refuse as it is typed. One rule
    of each kind, over every cell it checks (a list of ranges), not a rule per cell."""

    def __init__(self, year: int) -> None:
        self.date = _rule(
            {"validate": "date", "criteria": ">=", "value": f"DATE({year},1,1)"},
            "截至日期", f"请填写 {year} 年以后的日期，如 {year}-06-30。",
        )  # fmt: skip
        self.count = _rule(
            {"validate": "decimal", "criteria": ">=", "value": 0},
            "累计完成", "请只填数字（截至该日累计达到的数，不带单位），不小于 0。",
        )  # fmt: skip
        self.percent = _rule(
            {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100},
            "累计完成（%）", "单位为 %：请填 0 到 100 之间的数字，不带 % 号。",
        )  # fmt: skip
        yes_no = {"validate": "list", "source": [layout.YES, layout.NO]}
        self.yes_no = _rule(yes_no, "是否达到", "请选择“是”或“否”。")
        self.correction = _rule(yes_no, "更正", "更正以前报错的数字时选“是”，否则留空。")
        self.verified = _rule(
            yes_no, "核实", "累计完成超过目标 10 倍、经核实确实如此时选“是”，否则留空。"
        )

    def add(self, rule: _Rule, row: int, title: str) -> None:
        """Mark the cell of ``row`` (from 0) in column ``title`` for ``rule``."""
        rule.cells.append(xl_rowcol_to_cell(row, TITLES.index(title)))

    def give(self, sheet: Worksheet) -> None:
        """Add each rule that checks any cell to ``sheet``. A rule XlsxWriter refuses (it
        only warns) stops the build: a check is never silently missing."""
        rules = (self.date, self.count, self.percent, self.yes_no, self.correction, self.verified)
        for rule in filter(lambda rule: rule.cells, rules):
            # the cells are multi_range's; the first cell is only checked for being on the sheet
            options = {**rule.options, "multi_range": " ".join(rule.cells)}
            if sheet.data_validation(0, 0, 0, 0, options):
                raise ValueError(f"XlsxWriter refused the data validation {rule.options}")


def _rule(kind: dict[str, Any], what: str, message: str) -> _Rule:
    """A rule that shows ``message`` when its cell is chosen and when a value is refused."""
    prompt = {"input_title": what, "input_message": message}
    return _Rule({**kind, **prompt, "error_title": f"{what}填写有误", "error_message": message})
