"""Loading the site's notices: every listed data file, each checked as ``load`` does, and
then together (a notice is known by its year: two notices of one year are refused)."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DataError, DataErrors
from ..model import Notice
from .load import load

_YEAR = re.compile(r"^\s+year:", re.MULTILINE)


def load_all(root: Path, files: list[str]) -> list[Notice]:
    """The notices of ``files`` (relative to ``root``, as listed in mkdocs.yml), in the
    listed order; raise DataErrors with the mistakes of every file at once."""
    notices: list[Notice] = []
    errors: list[DataError] = []
    failed: list[str] = []
    seen: dict[int, str] = {}
    for name in files:
        path = root / name
        try:
            notice = load(path, Path(name).as_posix())
        except DataErrors as exc:
            errors += exc.errors
            failed.append(exc.file)
            continue
        year = notice.document.year
        if year in seen:
            errors.append(DataError(name, _year_line(path), "document.year", f"{year} 年已有一份通知（{seen[year]}）：同一年只能有一份通知，网址以年份区分"))
            failed.append(name)
        seen.setdefault(year, name)
        notices.append(notice)
    if errors:
        raise DataErrors("、".join(dict.fromkeys(failed)), errors)
    return notices


def _year_line(path: Path) -> int:
    """The line of the notice's year (the data file's first ``year:``), 0 if not found."""
    text = path.read_text(encoding="utf-8-sig")
    found = _YEAR.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 0
