"""Filling a progress template as a clerk would: open the site's template, type into cells.

Used by the import tests. The template comes from the generator (the same bytes the site
publishes), or is a file made earlier (``tests/fixtures/sheets-before-clause``: sheets
already handed out); xlsx files are filled with openpyxl, CSV files with the csv module.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from generator.model import Notice
from generator.sheets.csvfile import csv_text
from generator.sheets.layout import INDICATOR_ID
from generator.sheets.workbook import FIRST_ROW, HEADER_ROW, SHEET, workbook_bytes

PERCENT_FORMAT = "_percent_format"  # a fill key: show 累计完成 as a percentage (85% is 0.85)

Fill = Mapping[str, Any]  # 指标编号 of the row to fill (key "row"), then cells by column title


def fill(
    notice: Notice,
    project_id: str | None,
    dest: Path,
    fills: Sequence[Fill] = (),
    added: Sequence[Mapping[str, Any]] = (),
    retitle: Mapping[str, str] | None = None,
    encoding: str = "utf-8-sig",
    columns: Sequence[str] | None = None,
    template: Path | None = None,
) -> Path:
    """The template of a project (or all), with cells filled and rows added, saved at
    ``dest`` (.xlsx or .csv). Columns are found by the titles in the header row.

    ``columns``: the titles of the saved sheet's columns, in order, as a clerk may leave
    out, move or add columns (a new title gets an empty column). ``template``: a template
    file made earlier (a sheet already handed out) to fill instead of today's."""
    project = notice.project(project_id) if project_id else None
    edits = _Edits(fills, added, retitle or {}, columns)
    if dest.suffix == ".xlsx":
        made = template.read_bytes() if template else workbook_bytes(notice, project)
        _fill_xlsx(made, dest, edits)
    else:
        text = template.read_bytes().decode("utf-8-sig") if template else csv_text(notice, project)
        _fill_csv(text.removeprefix("\ufeff"), dest, edits, encoding)
    return dest


@dataclass(frozen=True)
class _Edits:
    """What the clerk does to the template, in this order."""

    fills: Sequence[Fill]
    added: Sequence[Mapping[str, Any]]
    retitle: Mapping[str, str]
    columns: Sequence[str] | None


def _fill_xlsx(template: bytes, dest: Path, edits: _Edits) -> None:
    fills, added, retitle, columns = edits.fills, edits.added, edits.retitle, edits.columns
    book = load_workbook(io.BytesIO(template))
    sheet = book[SHEET]
    col = {cell.value: cell.column for cell in sheet[HEADER_ROW] if cell.value}
    rows = {sheet.cell(r, col[INDICATOR_ID]).value: r for r in range(FIRST_ROW, sheet.max_row + 1)}
    for entry in fills:
        r = rows[entry["row"]]
        for title, value in entry.items():
            if title in ("row", PERCENT_FORMAT):
                continue
            cell = sheet.cell(r, col[title], value)
            if title == "累计完成" and entry.get(PERCENT_FORMAT):
                cell.number_format = "0%"
    end = sheet.max_row
    for i, values in enumerate(added, 1):
        for title, value in values.items():
            sheet.cell(end + i, col[title], value)
    if columns is not None:
        _rearrange_xlsx(sheet, col, columns)
        col = {title: i for i, title in enumerate(columns, 1)}
    for old, new in retitle.items():
        sheet.cell(HEADER_ROW, col[old], new)
    book.save(dest)


def _rearrange_xlsx(sheet: Any, col: Mapping[str, int], columns: Sequence[str]) -> None:
    """The sheet's columns in the order of ``columns`` (values and number formats)."""
    height, width = sheet.max_row, sheet.max_column
    kept = {
        title: [(sheet.cell(r, c).value, sheet.cell(r, c).number_format) for r in range(1, height + 1)]
        for title, c in col.items()
    }
    for r in range(1, height + 1):
        for c in range(1, width + 1):
            sheet.cell(r, c).value = None
    for c, title in enumerate(columns, 1):
        for r, (value, shown) in enumerate(kept.get(title, [(title, "General")]), 1):
            cell = sheet.cell(r, c, value)
            cell.number_format = shown


def _as_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _fill_csv(text: str, dest: Path, edits: _Edits, encoding: str) -> None:
    fills, added, retitle, columns = edits.fills, edits.added, edits.retitle, edits.columns
    table = list(csv.reader(io.StringIO(text, newline="")))
    header = table[HEADER_ROW - 1]
    col = {title: i for i, title in enumerate(header)}
    rows = {row[col[INDICATOR_ID]]: row for row in table[HEADER_ROW:]}
    for entry in fills:
        row = rows[entry["row"]]
        for title, value in entry.items():
            if title not in ("row", PERCENT_FORMAT):
                row[col[title]] = _as_text(value)
    for values in added:
        row = [""] * len(header)
        for title, value in values.items():
            row[col[title]] = _as_text(value)
        table.append(row)
    if columns is not None:
        table = [
            list(columns),
            *([row[col[title]] if title in col else "" for title in columns] for row in table[HEADER_ROW:]),
        ]
        header, col = table[HEADER_ROW - 1], {title: i for i, title in enumerate(columns)}
    for old, new in retitle.items():
        header[col[old]] = new
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table)
    dest.write_bytes(out.getvalue().encode(encoding))
