"""A notice as a PDF with a text layer: body lines grouped into paragraphs, table cells by lines."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .source import PAGE_NUMBER, Cell, DraftError, Source, clean


def read(path: Path) -> Source:
    """Body paragraphs (a new one at an indent, after a short line or a gap) and table rows."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    source = Source()
    flow = _Flow()
    chars = 0
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                chars += len(page.chars)
                _page(page, source, flow)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise DraftError(f"{path.name} 已加密（设有打开密码），无法读取：请向发文单位要不加密的文件") from None
        if isinstance(cause, PDFSyntaxError):
            raise DraftError(f"{path.name} 不是有效的 PDF 文件，无法读取") from None
        raise DraftError(f"{path.name} 无法读取：{type(cause).__name__}") from None
    if chars == 0:
        raise DraftError(
            f"{path.name} 没有文字层（是扫描图片），无法读取：请向发文单位要 Word 文件或可复制文字的 PDF"
        )
    return source


def _page(page: Any, source: Source, flow: _Flow) -> None:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    body = page.filter(outside)
    lines = [ln for ln in body.extract_text_lines(strip=True) if not PAGE_NUMBER.match(ln["text"])]
    _paragraphs(lines, source, flow)
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        for row in table.extract():
            source.rows.append([_cell(text) for text in row])


class _Flow:
    """Where the body text stands between lines and pages: a paragraph goes on over a page
    break unless the last line ended short."""

    def __init__(self) -> None:
        self.ended = True  # the last line ended its paragraph (or there was none)


def _paragraphs(lines: list[dict[str, Any]], source: Source, flow: _Flow) -> None:
    """Join a page's body lines into paragraphs: a new one at an indent, after a line that
    ends short of the right margin, or after a gap."""
    if not lines:
        return
    left = min(ln["x0"] for ln in lines)
    right = max(ln["x1"] for ln in lines)
    bottom: float | None = None
    for ln in lines:
        size = ln["bottom"] - ln["top"]
        gap = bottom is not None and ln["top"] - bottom > size
        if flow.ended or gap or ln["x0"] > left + size / 2 or not source.paragraphs:
            source.paragraphs.append(clean(ln["text"]))
        else:
            source.paragraphs[-1] += clean(ln["text"])
        flow.ended = ln["x1"] < right - 2 * size
        bottom = ln["bottom"]


def _cell(text: str | None) -> Cell:
    if text is None:
        return None
    lines = [clean(t) for t in text.split("\n") if t.strip()]
    return tuple(lines) if lines else None
