"""Filling a progress template as a clerk would: open the site's template, type into cells.

Used by the import tests. The template comes from the generator (the same bytes the site
publishes); xlsx files are filled with openpyxl, CSV files with the csv module.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from generator.model import Notice
from generator.sheets.csvfile import csv_text
from generator.sheets.layout import INDICATOR_ID, TITLES
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
) -> Path:
    """The template of a project (or all), with cells filled and rows added, saved at
    ``dest`` (.xlsx or .csv)."""
    project = notice.project(project_id) if project_id else None
    if dest.suffix == ".xlsx":
        _fill_xlsx(workbook_bytes(notice, project), dest, fills, added, retitle or {})
    else:
        text = csv_text(notice, project).removeprefix("\ufeff")
        _fill_csv(text, dest, fills, added, retitle or {}, encoding)
    return dest


def _fill_xlsx(template: bytes, dest: Path, fills: Sequence[Fill], added: Sequence[Mapping[str, Any]], retitle: Mapping[str, str]) -> None:
    book = load_workbook(io.BytesIO(template))
    sheet = book[SHEET]
    col = {title: i + 1 for i, title in enumerate(TITLES)}
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
    for old, new in retitle.items():
        sheet.cell(HEADER_ROW, col[old], new)
    book.save(dest)


def _as_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _fill_csv(text: str, dest: Path, fills: Sequence[Fill], added: Sequence[Mapping[str, Any]], retitle: Mapping[str, str], encoding: str) -> None:
    table = list(csv.reader(io.StringIO(text, newline="")))
    header = table[HEADER_ROW - 1]
    col = {title: header.index(title) for title in TITLES}
    rows = {row[col[INDICATOR_ID]]: row for row in table[HEADER_ROW:]}
    for entry in fills:
        row = rows[entry["row"]]
        for title, value in entry.items():
            if title not in ("row", PERCENT_FORMAT):
                row[col[title]] = _as_text(value)
    for values in added:
        row = [""] * len(TITLES)
        for title, value in values.items():
            row[col[title]] = _as_text(value)
        table.append(row)
    for old, new in retitle.items():
        header[col[old]] = new
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table)
    dest.write_bytes(out.getvalue().encode(encoding))
