"""Data errors: one shape for every mistake found in a data file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One mistake, located by file, line and field path, explained in Chinese."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path or '(整个文件)'}: {self.message}"


class DataErrors(Exception):
    """Every error found in one file; raised once, after all were collected."""

    def __init__(self, file: str, errors: list[DataError]) -> None:
        self.file = file
        self.errors = sorted(set(errors), key=lambda e: (e.line, e.path, e.message))
        super().__init__(self.summary())

    def summary(self) -> str:
        return f"错误：{self.file} 有 {len(self.errors)} 处数据错误，未生成网站。"

    def report(self) -> str:
        """All errors, one per line, then the one-line summary."""
        return "\n".join([*map(str, self.errors), self.summary()])
