"""Which notice a filled sheet belongs to: its 通知 column, held against the data file's.

Templates name their notice on every row (``layout.notice_label``: 2099年 测政〔2099〕1号),
so that the name survives whatever a clerk's program keeps of the file (a CSV keeps cells,
not a title line) and rows copied in from another year's sheet are caught one by one. A
sheet made before the column existed names no notice and is read as before; so is a row
where the cell was left empty (a row a clerk added).
"""

from __future__ import annotations

import re

from ..model import Document
from .layout import NOTICE, notice_label
from .problems import Problems
from .read import Row, is_empty, text

_LABEL = re.compile(r"(\d{4})\s*年\s*(\S.*)")


def foreign(rows: list[Row], document: Document, data_name: str, problems: Problems) -> bool:
    """Whether a row names another notice than ``document`` (the data file's, read from
    ``data_name``); each other notice is reported once, at the first row that names it."""
    own = notice_label(document)
    seen: set[tuple[str | None, str]] = set()
    for row in rows:
        value = row.value(NOTICE)
        shown = text(value)
        found = _LABEL.fullmatch(shown)
        named = (int(found[1]), _plain(found[2])) if found else None
        if is_empty(value) or named == (document.year, _plain(document.number)) or (row.sheet, shown) in seen:
            continue
        seen.add((row.sheet, shown))
        if named is None:
            message = f"应为本表所属通知的实施年度和文号，如“{own}”，实际为“{shown}”；预填的列请不要修改"
        else:
            year, number = named
            message = (
                f"进度表属于 {year} 年的通知（{number}），不能导入 {data_name}"
                f"（{document.year} 年的通知 {document.number}）；"
                "请导入那份通知的数据文件，或从网站下载本通知的填报表重新填写"
            )
        problems.add(row.sheet, row.number, NOTICE, message)
    return bool(seen)


def _plain(number: str) -> str:
    """A 文号 as compared: spaces a program or a person put in do not make another notice."""
    return re.sub(r"\s+", "", number)
