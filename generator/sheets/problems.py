"""Mistakes in a filled template, each pointing at its cell: file, sheet, row, column."""

from __future__ import annotations

from dataclasses import dataclass

from .cells import column_number
from .layout import TITLES


@dataclass(frozen=True)
class Problem:
    sheet: str | None  # named only when the workbook has several sheets that were read
    row: int  # the spreadsheet's row number; 0 for the whole file
    column: str | None  # a column title, or a column letter (in the header row)
    message: str

    def key(self) -> tuple[str, int, int, str]:
        """The order of the sheet: row, then column (by title; a header's by its letter)."""
        if self.column in TITLES:
            column = TITLES.index(self.column)
        elif self.column and self.column.isascii() and self.column.isupper():
            column = len(TITLES) + column_number(self.column)
        else:
            column = -1
        return (self.sheet or "", self.row, column, self.message)


class Problems:
    """Every mistake found in one file, and the remarks that are not mistakes."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[Problem] = []
        self.remarks: list[str] = []

    def add(self, sheet: str | None, row: int, column: str | None, message: str) -> None:
        self.found.append(Problem(sheet, row, column, message))

    def remark(self, message: str) -> None:
        self.remarks.append(message)

    def __bool__(self) -> bool:
        return bool(self.found)

    def where(self, problem: Problem) -> str:
        place = self.name
        if problem.sheet:
            place += f" 工作表“{problem.sheet}”"
        if problem.row:
            place += f" 第{problem.row}行"
        if problem.column:
            place += f" {problem.column}列"
        return place

    def lines(self) -> list[str]:
        """One line per mistake, in the order of the sheet (row, then column)."""
        unique = sorted(set(self.found), key=Problem.key)
        return [f"{self.where(p)}：{p.message}" for p in unique]

    def summary(self) -> str:
        return f"错误：{self.name} 有 {len(self.lines())} 处错误，数据文件没有改动。"
