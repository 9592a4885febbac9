"""What every rule shares: the error list, the line of each field path, and which fields
could not be built (a rule that reads one of them is skipped: its verdict would be about
a placeholder, not about the data)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...errors import DataError

_LAST_STEP = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


def _under(path: str, top: str) -> bool:
    """Whether ``path`` is ``top`` or inside it."""
    return not top or path == top or path.startswith((top + ".", top + "["))


class Rules:
    """Collects errors, each placed at the line of its field (or of the nearest parent)."""

    def __init__(self, lines: dict[str, int], name: str, broken: Iterable[str] = ()) -> None:
        self.lines = lines
        self.name = name
        self.broken = set(broken)
        self.errors: list[DataError] = []

    def line(self, path: str) -> int:
        while path not in self.lines and path:
            path = _LAST_STEP.sub("", path)
        return self.lines.get(path, 1)

    def hit(self, path: str) -> bool:
        """Whether the field at ``path``, or a part it belongs to, could not be built."""
        return any(_under(path, b) for b in self.broken)

    def intact(self, *paths: str) -> bool:
        """Whether every field at, inside or around each of ``paths`` was built."""
        return not any(_under(b, p) or _under(p, b) for p in paths for b in self.broken)

    def error(self, path: str, message: str) -> None:
        if not self.hit(path):  # already reported as a broken field
            self.errors.append(DataError(self.name, self.line(path), path, message))

    def unique(self, entries: Iterable[tuple[str, object]], what: str) -> None:
        """Report every repeated value, naming the line where it first appeared."""
        first: dict[object, str] = {}
        for path, value in entries:
            if self.hit(path):
                continue
            if value in first:
                self.error(path, f"{what} '{value}' 重复（第 {self.line(first[value])} 行已使用）")
            else:
                first[value] = path
