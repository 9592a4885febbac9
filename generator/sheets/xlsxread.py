"""A filled template saved as .xlsx, read into tables (``read.py`` finds the columns).

Read twice by openpyxl: for the values Excel stored (a formula's last result) and for
the formulas, so that a formula never calculated is told from an empty cell. What the
spreadsheet hides or merges, and its error values, are kept for the checks. The file's
extent was checked before (``limits.py``): openpyxl fills in every row a sheet declares.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

from .cells import Cell, Grid, Table
from .problems import Problems


def xlsx_tables(path: Path, problems: Problems) -> list[Table]:
    from openpyxl import load_workbook  # only an import needs it, not every build

    try:
        with warnings.catch_warnings():  # openpyxl warns about features it drops on reading
            warnings.simplefilter("ignore")
            values = load_workbook(path, data_only=True)
            formulas = load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError):
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
                cells.append(Cell(cell.value, "%" in shown, pending, cell.data_type == "e"))
            grid.append((number, cells))
        hidden_rows = frozenset(n for n, d in sheet.row_dimensions.items() if d.hidden)
        merged = tuple((str(r.coord), r.min_row, r.max_row, r.min_col) for r in sheet.merged_cells.ranges)
        tables.append(Table(sheet.title, grid, sheet.sheet_state != "visible", hidden_rows, merged))
    return tables
