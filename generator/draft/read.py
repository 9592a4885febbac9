"""Pick the reader by the file's kind; refuse what cannot be read, in words for the clerk."""
from __future__ import annotations

from pathlib import Path

from .source import DraftError, Source

FORMATS = ".docx、.pdf 或 .txt"
MAX_MB = 50  # a notice with its annex is well under 1 MB as text, a few MB as PDF


def read(path: Path) -> Source:
    """The notice's paragraphs and table rows, whatever the format it came in."""
    if not path.exists():
        raise DraftError(f"找不到文件 {path}")
    if not path.is_file():
        raise DraftError(f"{path} 不是文件")
    if path.stat().st_size > MAX_MB * 1024 * 1024:
        raise DraftError(f"{path.name} 超过 {MAX_MB} MB，不像一份通知，没有读取")
    suffix = path.suffix.lower()
    head = path.read_bytes()[:8]
    if suffix == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DraftError(f"{path.name} 是旧版 Word 文件（.doc），无法读取：请在 Word 中“另存为”.docx 格式后再试")
    if suffix == ".docx":
        from . import read_docx

        return read_docx.read(path)
    if suffix == ".pdf":
        if not head.startswith(b"%PDF"):
            raise DraftError(f"{path.name} 不是有效的 PDF 文件，无法读取")
        from . import read_pdf

        return read_pdf.read(path)
    if suffix == ".txt":
        from . import read_txt

        return read_txt.read(path)
    raise DraftError(f"{path.name} 的格式无法读取：请提供 {FORMATS} 文件")
