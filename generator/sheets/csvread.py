"""A filled template saved as CSV, read into a table (``read.py`` finds its columns).

Excel on Chinese Windows saves "CSV" in the system's encoding (GBK, i.e. GB18030); the
site's template is UTF-8 with a BOM. The file's size was checked before (``limits.py``);
a cell is never longer than the limit of one cell, and a quote left open is named at
its line instead of swallowing the rest of the file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from . import limits
from .cells import Cell, Grid, Table
from .problems import Problems


def csv_tables(path: Path, problems: Problems) -> list[Table]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            problems.add(None, 0, None, "无法识别文件的编码；请另存为 UTF-8 编码的 CSV，或直接导入 .xlsx 文件")
            return []
    grid: Grid = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        for row in reader:
            grid.append((reader.line_num, [Cell(v if v.strip() else None) for v in row]))
            line = reader.line_num + 1
            if len(grid) > limits.MAX_ROWS or len(row) > limits.MAX_COLUMNS:
                problems.add(None, 0, None, f"超过上限 {limits.MAX_ROWS} 行、{limits.MAX_COLUMNS} 列；这不是网站提供的进度填报表")
                return []
    except csv.Error as exc:
        problems.add(None, line, None, _why(str(exc)))
        return []
    return [Table(path.stem, grid)]


def _why(error: str) -> str:
    """A csv module error in the clerk's words."""
    if "field larger than field limit" in error:
        return f"有一格超过 {csv.field_size_limit()} 个字（一格的上限是 {limits.MAX_CELL_CHARS} 个字）"
    if "end of data" in error or "expected after" in error:
        return "引号没有配对：这一行有一格以英文引号（\"）开头，却没有正确结束；请在表格软件中打开、另存为 CSV 后再导入"
    return "无法按 CSV 读取这一行；请在表格软件中打开、另存为 CSV 后再导入"
