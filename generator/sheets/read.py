"""Reading a filled template (.xlsx or .csv) into rows of cells, by column title.

Columns are found by their titles in the header row, never by position: a clerk may move
or hide columns, and templates made before a column was added (通知, 通知原文, 核实) read
as before. A title the template does not have, a required one missing or one given twice
is refused: a column the importer passed over would lose what was written in it. The
descriptive columns (``layout.DESCRIPTIVE``) are never read. Cells come back as the
spreadsheet holds them (text, number, date), with the spreadsheet's own row numbers, so
that every message points at the cell to fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import limits
from .cells import ERRORS, Cell, Grid, Table, column_letter
from .layout import (
    DATE,
    DESCRIPTIVE,
    INDICATOR_ID,
    INSTRUCTIONS_SHEET,
    PROJECT_ID,
    REACHED,
    SOURCE,
    TITLES,
)
from .problems import Problems

__all__ = ["ERRORS", "Cell", "Row", "is_empty", "read", "text"]
REQUIRED = (PROJECT_ID, INDICATOR_ID, DATE, REACHED, SOURCE)
# The header is looked for in the first rows: the template's is row 1 (row 2 in templates
# made before the instructions moved to their own sheet, still read).
HEADER_SEARCH = 10


@dataclass(frozen=True)
class Row:
    sheet: str | None  # the worksheet's name where several sheets were read
    number: int  # as the spreadsheet shows it (1 = first row)
    cells: dict[str, Cell] = field(default_factory=dict)  # by column title
    hidden: bool = False  # hidden in the spreadsheet: what it holds was not seen

    def cell(self, title: str) -> Cell:
        return self.cells.get(title) or Cell(None)

    def value(self, title: str) -> Any:
        return self.cell(title).value


def read(path: Path, problems: Problems) -> list[Row]:
    """The rows below the header of every sheet that has one; mistakes go to ``problems``."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        problems.add(None, 0, None, "只能导入 .xlsx 或 .csv 文件")
        return []
    refusal = limits.file_refusal(path) or (limits.xlsx_refusal(path) if suffix == ".xlsx" else None)
    if refusal is not None:
        problems.add(None, 0, None, refusal)
        return []
    if suffix == ".csv":
        from .csvread import csv_tables

        tables = csv_tables(path, problems)
    else:
        from .xlsxread import xlsx_tables

        tables = xlsx_tables(path, problems)
    found = [(table, _header(table.grid)) for table in tables]
    read_sheets = [table.name for table, header in found if header]
    if tables and not read_sheets and not problems:
        problems.add(None, 0, None, _no_header(tables))
    rows: list[Row] = []
    for table, header in found:
        sheet, grid = table.name, table.grid
        if header is None:
            if sheet == INSTRUCTIONS_SHEET:  # the template's own: nothing to read there
                continue
            if read_sheets and any(not is_empty(c.value) for _, cells in grid for c in cells):
                problems.remark(f"工作表“{sheet}”没有“项目编号”“指标编号”等列名，没有读取")
            continue
        if table.hidden:
            problems.add(
                None, 0, None,
                f"工作表“{sheet}”是隐藏的工作表；隐藏的内容不导入，请在表格软件中取消隐藏、核对后再导入，或删去这个工作表",
            )  # fmt: skip
            continue
        label = sheet if len(read_sheets) > 1 else None
        at, titles = header
        if _columns(titles, label, at, problems) and not _merged(table, at, titles, label, problems):
            for number, cells in grid:
                if number > at:
                    named = {t: c for t, c in zip(titles, cells, strict=False) if t in TITLES and t not in DESCRIPTIVE}
                    _lengths(named, label, number, problems)
                    rows.append(Row(label, number, named, number in table.hidden_rows))
    return rows


def _no_header(tables: list[Table]) -> str:
    first = [c.value for t in tables for _, cells in t.grid[:HEADER_SEARCH] for c in cells]
    if any(isinstance(v, str) and PROJECT_ID in v and (";" in v or "\t" in v) for v in first):
        return "各列是用分号或制表符隔开的，不是逗号；请在表格软件中另存为“CSV（逗号分隔）”，或直接导入 .xlsx 文件"
    return "找不到表头（写着“项目编号”“指标编号”等列名的一行）；请使用网站提供的进度填报表"


def _columns(titles: list[str], label: str | None, at: int, problems: Problems) -> bool:
    """Whether the header names every required column, each column once, and none that
    the template does not have. Columns with an empty title are passed over, as before."""
    before = len(problems.found)
    for title in REQUIRED:
        if title not in titles:
            problems.add(label, at, None, f"缺少“{title}”列；请使用网站提供的进度填报表")
    first: dict[str, str] = {}  # title -> the column where it stands first
    for number, title in enumerate(titles, 1):
        column = column_letter(number)
        if not title:
            continue
        if title not in TITLES:
            problems.add(
                label, at, column,
                f"列名“{title}”不是进度填报表的列；导入不读这样的列，请删去这一列，"
                "或改回网站提供的列名（要说明的事请写在“备注”列）",
            )  # fmt: skip
        elif title in first:
            problems.add(label, at, column, f"“{title}”列出现了不止一次（{first[title]}列也是“{title}”）")
        else:
            first[title] = column
    return len(problems.found) == before


def _merged(table: Table, at: int, titles: list[str], label: str | None, problems: Problems) -> bool:
    """Merged cells below the header, refused: only the first holds a value, the others
    would read empty (and be misreported as missing). Whether there were any."""
    below = [m for m in table.merged if m[2] > at]
    for ref, first, _, column in below:
        title = titles[column - 1] if column <= len(titles) and titles[column - 1] in TITLES else None
        problems.add(
            label, max(first, at + 1), title,
            f"合并了单元格（{ref}）；合并后只有第一格有值，请取消合并、每行分别填写后再导入",
        )  # fmt: skip
    return bool(below)


def _lengths(named: dict[str, Cell], label: str | None, number: int, problems: Problems) -> None:
    for title, cell in named.items():
        if isinstance(cell.value, str) and len(cell.value) > limits.MAX_CELL_CHARS:
            problems.add(
                label, number, title,
                f"有 {len(cell.value)} 个字，超过一格的上限 {limits.MAX_CELL_CHARS} 个字",
            )  # fmt: skip


def _header(grid: Grid) -> tuple[int, list[str]] | None:
    """The header row's number and its titles."""
    for number, cells in grid[:HEADER_SEARCH]:
        titles = [c.value.strip() if isinstance(c.value, str) else "" for c in cells]
        if PROJECT_ID in titles and INDICATOR_ID in titles:
            return number, titles
    return None


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
