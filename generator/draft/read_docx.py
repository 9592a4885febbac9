"""A notice as a Word file (.docx): body paragraphs, and the annex as a table with merged cells."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from .source import PAGE_NUMBER, Cell, DraftError, Source, segments


def read(path: Path) -> Source:
    """Paragraphs and table rows in document order; merged cells become ``None``."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise DraftError(f"{path.name} 不是有效的 Word 文件（.docx），无法读取") from None
    source = Source()
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text and not PAGE_NUMBER.match(text):
                source.paragraphs.append(text)
        elif isinstance(block, Table):
            source.rows.extend(_rows(block))
    return source


def _rows(table: Any) -> list[list[Cell]]:
    """Each row's cells; a cell that continues the one above or to its left is ``None``."""
    rows: list[list[Cell]] = []
    above: list[Any] = []
    for row in table.rows:
        cells: list[Cell] = []
        tcs: list[Any] = []
        for k, cell in enumerate(row.cells):
            tc = cell._tc
            merged = (tcs and tcs[-1] is tc) or (k < len(above) and above[k] is tc)
            tcs.append(tc)
            if merged:
                cells.append(None)
                continue
            lines = [s for p in cell.paragraphs for s in segments(p.text)]
            cells.append(tuple(lines) if lines else None)
        above = tcs
        rows.append(cells)
    return rows
