"""What every rule shares: the error list and the line of each field path."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...errors import DataError

_LAST_STEP = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


class Rules:
    """Collects errors, each placed at the line of its field (or of the nearest parent)."""

    def __init__(self, lines: dict[str, int], name: str) -> None:
        self.lines = lines
        self.name = name
        self.errors: list[DataError] = []

    def line(self, path: str) -> int:
        while path not in self.lines and path:
            path = _LAST_STEP.sub("", path)
        return self.lines.get(path, 1)

    def error(self, path: str, message: str) -> None:
        self.errors.append(DataError(self.name, self.line(path), path, message))

    def unique(self, entries: Iterable[tuple[str, object]], what: str) -> None:
        """Report every repeated value, naming the line where it first appeared."""
        first: dict[object, str] = {}
        for path, value in entries:
            if value in first:
                self.error(path, f"{what} '{value}' 重复（第 {self.line(first[value])} 行已使用）")
            else:
                first[value] = path
