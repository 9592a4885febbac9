"""Limits checked before a filled template is read (generator/sheets/limits.py): each
refusal names its limit, and comes before the file is read into memory (openpyxl is never
called, a CSV's bytes never read), so that no file can take the import's time or memory."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.sheets import limits
from generator.sheets.problems import Problems
from generator.sheets.read import read


def _never(*args: object, **kwargs: object) -> None:
    raise AssertionError("the file was read although a limit refuses it")


def _refused(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", _never)
    monkeypatch.setattr(Path, "read_bytes", _never)
    problems = Problems(path.name)
    assert read(path, problems) == []
    return problems.lines()


def _book(path: Path, sheet_xml: str | bytes, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A minimal workbook with one sheet, 进度, holding ``sheet_xml``."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", compression) as book:
        book.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="进度" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x"/></Relationships>',
        )
        book.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def test_a_cell_at_row_a_million_without_a_declared_range_is_refused_unread(tmp_path: Path, monkeypatch) -> None:
    xml = '<worksheet><sheetData><row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
    path = _book(tmp_path / "进度.xlsx", xml)
    assert path.stat().st_size < 7_000
    assert _refused(path, monkeypatch) == [
        "进度.xlsx：工作表“进度”第1000000行有内容，超过上限 20000 行；请删去多余的行后另存"
    ]


def test_a_zip_bomb_shaped_sheet_is_refused_by_its_ratio(tmp_path: Path, monkeypatch) -> None:
    row = '<row r="1"><c r="A1"><v>1</v></c></row>'
    xml = "<worksheet><sheetData>" + row * 200_000 + "</sheetData></worksheet>"  # ~7.6 MB
    path = _book(tmp_path / "进度.xlsx", xml)
    (line,) = _refused(path, monkeypatch)
    assert line.startswith("进度.xlsx：其中 xl/worksheets/sheet1.xml 的压缩比是 ")
    assert line.endswith(
        ":1，超过上限 100:1（内容几乎全是重复的，像是“压缩炸弹”）；这不是网站提供的进度填报表"
    )


def test_what_a_workbook_unpacks_to_is_limited(tmp_path: Path, monkeypatch) -> None:
    path = _book(tmp_path / "进度.xlsx", b"<worksheet/>" + b" " * (limits.MAX_UNPACKED), zipfile.ZIP_STORED)
    monkeypatch.setattr(limits, "MAX_FILE", 2 * limits.MAX_UNPACKED)  # the unpacked size is what is refused
    assert _refused(path, monkeypatch) == [
        "进度.xlsx：解压后有 50 MB，超过上限 50 MB；这不是网站提供的进度填报表"
    ]


def test_too_many_cells_are_refused(tmp_path: Path, monkeypatch) -> None:
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHIJKL") + "</row>" for r in range(1, 17_000))
    path = _book(tmp_path / "进度.xlsx", f"<worksheet><sheetData>{rows}</sheetData></worksheet>")
    assert _refused(path, monkeypatch) == [
        "进度.xlsx：单元格超过上限 200000 个；这不是网站提供的进度填报表"
    ]


def test_a_20_mb_csv_is_refused_unread(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "进度.csv"
    with open(path, "wb") as out:
        out.truncate(20 * 1024 * 1024)
    assert _refused(path, monkeypatch) == [
        "进度.csv：文件有 20.0 MB，超过导入的上限 5 MB；网站提供的进度填报表只有几十 kB，请确认选对了文件"
    ]


def test_a_fifo_is_not_waited_on(tmp_path: Path, monkeypatch) -> None:
    import os

    path = tmp_path / "进度.csv"
    os.mkfifo(path)
    assert _refused(path, monkeypatch) == ["进度.csv：不是普通文件，不能导入"]
