"""A notice as plain text, as extracted from its Word file or PDF: tabs separate table cells."""
from __future__ import annotations

from pathlib import Path

from .source import PAGE_NUMBER, Cell, DraftError, Source, segments


def read(path: Path) -> Source:
    """Paragraphs are runs of lines between blank lines; a line with a tab is a table row."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = path.read_bytes().decode("gb18030")
        except UnicodeDecodeError:
            raise DraftError(f"{path.name} 不是可读的文本文件（既不是 UTF-8 也不是 GBK 编码）") from None
    source = Source()
    pending: list[str] = []

    def flush() -> None:
        if pending:
            source.paragraphs.append("".join(pending))
            pending.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if "\t" in line:
            flush()
            source.rows.append([_cell(c) for c in line.split("\t")])
        elif not line.strip() or PAGE_NUMBER.match(line.strip()):
            flush()
        else:
            pending.append(line.strip())
    flush()
    return source


def _cell(text: str) -> Cell:
    parts = segments(text)
    return tuple(parts) if parts else None
