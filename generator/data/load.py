"""Load a data file: read, decode, compose, build the model, apply the rules.

Every stage collects all its errors; the first stage with errors raises them together.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError, DataErrors
from ..model import Notice
from . import messages
from .build import MAX_TEXT, Builder
from .compose import compose
from .longtext import over_long
from .rules import validate


def load(path: str | Path, display: str | None = None) -> Notice:
    """Load and validate a data file; raise DataErrors listing every mistake."""
    name = display or str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        reason = next((m for c, m in messages.OS_ERRORS.items() if isinstance(exc, c)), None)
        message = f"无法读取文件：{reason or exc.strerror}"
        raise DataErrors(name, [DataError(name, 0, "", message)]) from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> Notice:
    """Decode, compose, build and validate; raise DataErrors if anything is wrong."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a BOM from Windows Notepad is harmless
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "文件不是 UTF-8 编码，此处有无法识别的字节，请用 UTF-8 保存"
        raise DataErrors(name, [DataError(name, line, "", message)]) from None
    if not text.strip():
        raise DataErrors(name, [DataError(name, 1, "", "文件为空")])
    too_long = over_long(text, name, MAX_TEXT)  # fast, before the slow pure-Python reader
    if too_long:
        raise DataErrors(name, too_long)
    root, anchored = compose(text, name)
    if root is None:
        raise DataErrors(name, [DataError(name, 1, "", "文件中没有数据（只有注释或空行）")])
    builder = Builder(name, anchored)
    notice = builder.build(root, Notice, "")
    if builder.errors:
        raise DataErrors(name, builder.errors)
    errors = validate(notice, builder.lines, name)
    if errors:
        raise DataErrors(name, errors)
    assert isinstance(notice, Notice)
    return notice
