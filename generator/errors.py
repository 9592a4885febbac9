"""Data errors: one shape for every mistake found in a data file."""

from __future__ import annotations

from dataclasses import dataclass

MOST_SHOWN = 200  # errors listed in one report: more are one mistake repeated, not news


@dataclass(frozen=True, order=True)
class DataError:
    """One mistake, located by file, line and field path, explained in Chinese."""

    file: str
    line: int
    path: str
    message: str
    # The field in words, for the clerk: "第5项 农村危房改造 进度报告第1份 的 累计完成数"
    where: str = ""

    def __str__(self) -> str:
        said = f"{self.where}：{self.message}" if self.where else self.message
        return f"{self.file}:{self.line}: {self.path or '(整个文件)'}: {said}"


class DataErrors(Exception):
    """Every error found in one file; raised once, after all were collected."""

    def __init__(self, file: str, errors: list[DataError]) -> None:
        self.file = file
        self.errors = sorted(set(errors), key=lambda e: (e.line, e.path, e.message))
        super().__init__(self.summary())

    def summary(self, consequence: str = "") -> str:
        """One line: how many errors, and (for a build) what did not happen because of them."""
        return f"错误：{self.file} 有 {len(self.errors)} 处数据错误{consequence}。"

    def report(self, most: int = MOST_SHOWN) -> str:
        """The errors, one per line (at most ``most`` of them), then the one-line summary."""
        lines = [str(e) for e in self.errors[:most]]
        if len(self.errors) > most:
            lines.append(f"……另有 {len(self.errors) - most} 处错误未列出，请先改正以上错误")
        return "\n".join([*lines, self.summary()])
