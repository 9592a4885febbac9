"""Reading a filled template (.xlsx or .csv) into rows of cells, by column title.

Columns are found by their titles in the header row, so a clerk may move, hide or add
columns. Cells come back as the spreadsheet holds them (text, number, date), with the
spreadsheet's own row numbers, so that every message points at the cell to fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .layout import DATE, INDICATOR_ID, INSTRUCTIONS_SHEET, PROJECT_ID, REACHED, SOURCE, TITLES
from .problems import Problems

REQUIRED = (PROJECT_ID, INDICATOR_ID, DATE, REACHED, SOURCE)
# The header is looked for in the first rows: the template's is row 1 (row 2 in templates
# made before the instructions moved to their own sheet, still read).
HEADER_SEARCH = 10


@dataclass(frozen=True)
class Cell:
    value: Any  # str, int, float, datetime, or None for an empty cell
    percent: bool = False  # shown with a % format: a spreadsheet keeps 85% as 0.85
    pending: bool = False  # a formula whose result was never stored


@dataclass(frozen=True)
class Row:
    sheet: str | None  # the worksheet's name where several sheets were read
    number: int  # as the spreadsheet shows it (1 = first row)
    cells: dict[str, Cell] = field(default_factory=dict)  # by column title

    def cell(self, title: str) -> Cell:
        return self.cells.get(title) or Cell(None)

    def value(self, title: str) -> Any:
        return self.cell(title).value


Grid = list[tuple[int, list[Cell]]]


def read(path: Path, problems: Problems) -> list[Row]:
    """The rows below the header of every sheet that has one; mistakes go to ``problems``."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        tables = _csv_tables(path, problems)
    elif suffix == ".xlsx":
        tables = _xlsx_tables(path, problems)
    else:
        problems.add(None, 0, None, "只能导入 .xlsx 或 .csv 文件")
        return []
    found = [(sheet, grid, _header(grid)) for sheet, grid in tables]
    read_sheets = [sheet for sheet, _, header in found if header]
    if tables and not read_sheets:
        problems.add(None, 0, None, "找不到表头（写着“项目编号”“指标编号”等列名的一行）；请使用网站提供的进度填报表")
    rows: list[Row] = []
    for sheet, grid, header in found:
        if header is None:
            if sheet == INSTRUCTIONS_SHEET:  # the template's own: nothing to read there
                continue
            if read_sheets and any(not is_empty(c.value) for _, cells in grid for c in cells):
                problems.remark(f"工作表“{sheet}”没有“项目编号”“指标编号”等列名，没有读取")
            continue
        label = sheet if len(read_sheets) > 1 else None
        at, titles = header
        missing = [t for t in REQUIRED if t not in titles]
        twice = sorted({t for t in titles if t in TITLES and titles.count(t) > 1}, key=TITLES.index)
        for title in missing:
            problems.add(label, at, None, f"缺少“{title}”列；请使用网站提供的进度填报表")
        for title in twice:
            problems.add(label, at, None, f"“{title}”列出现了不止一次")
        if not missing and not twice:
            for number, cells in grid:
                if number > at:
                    named = {t: c for t, c in zip(titles, cells, strict=False) if t in TITLES}
                    rows.append(Row(label, number, named))
    return rows


def _header(grid: Grid) -> tuple[int, list[str]] | None:
    """The header row's number and its titles."""
    for number, cells in grid[:HEADER_SEARCH]:
        titles = [c.value.strip() if isinstance(c.value, str) else "" for c in cells]
        if PROJECT_ID in titles and INDICATOR_ID in titles:
            return number, titles
    return None


def _csv_tables(path: Path, problems: Problems) -> list[tuple[str, Grid]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Chinese Windows saves "CSV" in the system's encoding (GBK, i.e. GB18030)
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            problems.add(None, 0, None, "无法识别文件的编码；请另存为 UTF-8 编码的 CSV，或直接导入 .xlsx 文件")
            return []
    grid: Grid = []
    reader = csv.reader(io.StringIO(text, newline=""))
    for row in reader:
        grid.append((reader.line_num, [Cell(v if v.strip() else None) for v in row]))
    return [(path.stem, grid)]


def _xlsx_tables(path: Path, problems: Problems) -> list[tuple[str, Grid]]:
    from openpyxl import load_workbook  # only an import needs it, not every build

    try:
        with warnings.catch_warnings():  # openpyxl warns about features it drops on reading
            warnings.simplefilter("ignore")
            values = load_workbook(path, data_only=True)
            formulas = load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        problems.add(None, 0, None, "无法作为 .xlsx 文件打开（旧的 .xls 文件请先在表格软件中另存为 .xlsx）")
        return []
    tables = []
    for sheet in values.worksheets:
        written = formulas[sheet.title]
        grid: Grid = []
        # from A1, so that positions are the sheet's own row and column numbers
        for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), 1):
            cells = []
            for column, cell in enumerate(row, 1):
                formula = written.cell(number, column).value
                pending = isinstance(formula, str) and formula.startswith("=") and cell.value is None
                shown = cell.number_format or ""
                cells.append(Cell(cell.value, "%" in shown, pending))
            grid.append((number, cells))
        tables.append((sheet.title, grid))
    return tables


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """A cell as a person reads it: 12.5 (not 12.500000001), a date as 2099-09-30."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()
