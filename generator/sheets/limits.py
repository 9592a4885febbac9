"""Limits checked before a filled template is read, so that no file can take the import's
time or memory: its size, what it unpacks to, and (for .xlsx) each sheet's declared and
real extent, found by streaming its XML without building a table.

A template of the site holds a row per figure (a few hundred for a county's notice): the
limits are far above that, and far below what a spreadsheet program allows (a 7 kB .xlsx
may declare a million rows, which openpyxl would fill in). Each refusal names its limit.
"""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

MB = 1024 * 1024
MAX_FILE = 5 * MB  # the bytes of a .xlsx or .csv
MAX_UNPACKED = 50 * MB  # what the parts of a .xlsx unpack to, together
MAX_RATIO = 100  # unpacked to packed, of a part over 1 MB (a template's is about 10)
MAX_ROWS = 20_000
MAX_COLUMNS = 100
MAX_CELLS = 200_000  # cells with content, in every sheet together
MAX_CELL_CHARS = 2_000  # characters in one cell (a 来源 or 备注 is a line or two)

_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml")


def _number(letters: str) -> int:
    n = 0
    for char in letters:
        n = n * 26 + ord(char) - 64
    return n


def file_refusal(path: Path) -> str | None:
    """Why a file is not read at all (not a regular file, too big), or None."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        return "不是普通文件，不能导入"
    if info.st_size > MAX_FILE:
        return (
            f"文件有 {info.st_size / MB:.1f} MB，超过导入的上限 {MAX_FILE // MB} MB；"
            "网站提供的进度填报表只有几十 kB，请确认选对了文件"
        )
    return None


def xlsx_refusal(path: Path) -> str | None:
    """Why a .xlsx is not read (what it unpacks to, its sheets' extent), or None. A file
    that is not a zip is left to the reader, which says so."""
    try:
        with zipfile.ZipFile(path) as book:
            parts = book.infolist()
            unpacked = sum(p.file_size for p in parts)
            if unpacked > MAX_UNPACKED:
                return f"解压后有 {unpacked / MB:.0f} MB，超过上限 {MAX_UNPACKED // MB} MB；这不是网站提供的进度填报表"
            for part in parts:
                ratio = part.file_size / max(part.compress_size, 1)
                if part.file_size > MB and ratio > MAX_RATIO:
                    return (
                        f"其中 {part.filename} 的压缩比是 {ratio:.0f}:1，超过上限 {MAX_RATIO}:1"
                        "（内容几乎全是重复的，像是“压缩炸弹”）；这不是网站提供的进度填报表"
                    )
            cells, names = 0, _sheet_names(book)
            for part in parts:
                if _SHEET.fullmatch(part.filename):
                    where = f"工作表“{names.get(part.filename, part.filename)}”"
                    found, cells = _extent(book, part.filename, where, cells)
                    if found:
                        return found
    except (zipfile.BadZipFile, ParseError, OSError, EOFError, ValueError, KeyError):
        return None
    return None


def _sheet_names(book: zipfile.ZipFile) -> dict[str, str]:
    """The name a person sees of each sheet's part: xl/worksheets/sheet1.xml → 进度."""
    targets = {
        attrs.get("Id", ""): "xl/" + attrs.get("Target", "").removeprefix("/xl/")
        for tag, attrs in _starts(book, "xl/_rels/workbook.xml.rels")
        if tag == "Relationship"
    }
    return {
        targets.get(rid, ""): attrs.get("name", "")
        for tag, attrs in _starts(book, "xl/workbook.xml")
        if tag == "sheet"
        for key, rid in attrs.items()
        if key.endswith("}id")
    }


def _extent(book: zipfile.ZipFile, name: str, where: str, cells: int) -> tuple[str | None, int]:
    """A sheet's refusal (declared range, a row or column past the limits, too many
    cells) and the count of cells so far; the XML is streamed, never kept."""
    for tag, attrs in _starts(book, name):
        if tag == "dimension":
            refs = _REF.findall(attrs.get("ref", ""))
            rows = max((int(r) for _, r in refs), default=0)
            columns = max((_number(c) for c, _ in refs), default=0)
            if rows > MAX_ROWS or columns > MAX_COLUMNS:
                ref = attrs.get("ref", "")
                return f"{where}声明的范围是 {ref}，超过上限 {MAX_ROWS} 行、{MAX_COLUMNS} 列；请删去多余的行和列后另存", cells
        elif tag == "row" and int(attrs.get("r", "0") or 0) > MAX_ROWS:
            return f"{where}第{attrs['r']}行有内容，超过上限 {MAX_ROWS} 行；请删去多余的行后另存", cells
        elif tag == "c":
            cells += 1
            found = _REF.fullmatch(attrs.get("r", ""))
            if found and (_number(found.group(1)) > MAX_COLUMNS or int(found.group(2)) > MAX_ROWS):
                return f"{where}的单元格 {found.group(0)} 超出上限 {MAX_ROWS} 行、{MAX_COLUMNS} 列；请删去多余的内容后另存", cells
            if cells > MAX_CELLS:
                return f"单元格超过上限 {MAX_CELLS} 个；这不是网站提供的进度填报表", cells
    return None, cells


def _starts(book: zipfile.ZipFile, name: str) -> Iterator[tuple[str, dict[str, str]]]:
    """The local name and attributes of each element of a part, as it is read."""
    with book.open(name) as part:
        for event, element in iterparse(part, events=("start", "end")):
            if event == "start":
                yield element.tag.rsplit("}", 1)[-1], dict(element.attrib)
            elif element.tag.endswith(("}row", "}c")):
                element.clear()
