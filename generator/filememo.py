"""What ``make serve`` reads from the files of its site folder, kept between rebuilds.

A rebuild writes again only what changed (rebuild.py), but the finish step digested every
file of the site (the offline worker's version) and the address check read every page's
anchors: at 7 notices, ~3,500 files read on each save. A value worked out from a file is
kept with the file's size and modification time, as git keeps its index, and worked out
again when either differs. Only the live preview keeps them: ``make site`` and ``make
check`` read every file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


class FileMemo(Generic[T]):
    """``compute`` of a file's bytes, computed again only when the file changed."""

    def __init__(self, compute: Callable[[bytes], T]) -> None:
        self._compute = compute
        self._kept: dict[str, tuple[int, int, T]] = {}

    def __call__(self, path: str | Path) -> T:
        path = os.fspath(path)
        info = os.stat(path)
        kept = self._kept.get(path)
        if kept is not None and kept[:2] == (info.st_size, info.st_mtime_ns):
            return kept[2]
        with open(path, "rb") as file:
            value = self._compute(file.read())
        self._kept[path] = (info.st_size, info.st_mtime_ns, value)
        return value
