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
    loaded: list[tuple[str, Notice]] = []
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
        loaded.append((name, notice))
    by_year = {n.document.year: n for _, n in loaded}
    for name, notice in loaded:
        found = continues_errors(notice, by_year, (root / name).read_text(encoding="utf-8-sig"), name)
        errors += found
        failed += [name] if found else []
    if errors:
        raise DataErrors("、".join(dict.fromkeys(failed)), errors)
    return [notice for _, notice in loaded]


def continues_errors(notice: Notice, by_year: dict[int, Notice], text: str, name: str) -> list[DataError]:
    """Each ``continues`` of ``notice`` must name an earlier notice of the site, a project
    of it, and (for an indicator) an indicator of that project."""
    errors: list[DataError] = []
    year = notice.document.year
    for i, project in enumerate(notice.projects):
        path = f"projects[{i}].continues"
        line = _line_after(text, f"id: {project.id}", "continues:")
        earlier = project.continues
        if earlier is None:
            for ind in project.all_indicators:
                if ind.continues is not None:
                    message = f"指标 {ind.id} 写了 continues，但项目没有写接续的往年项目（continues: {{year: …, project: …}}）"
                    errors.append(DataError(name, _line_after(text, f"id: {ind.id}", "continues:"), path, message))
            continue
        if earlier.year >= year or earlier.year not in by_year:
            listed = "、".join(str(y) for y in sorted(by_year) if y < year) or "无"
            message = f"往年通知 {earlier.year} 年不在本站（mkdocs.yml 的 notices 中早于 {year} 年的有：{listed}）"
            errors.append(DataError(name, line, f"{path}.year", message))
            continue
        then = by_year[earlier.year]
        if earlier.project not in {p.id for p in then.projects}:
            message = f"{earlier.year} 年的通知中没有编号为 {earlier.project} 的项目"
            errors.append(DataError(name, line, f"{path}.project", message))
            continue
        old_ids = {ind.id for ind in then.project(earlier.project).all_indicators}
        for ind in project.all_indicators:
            if ind.continues is not None and ind.continues not in old_ids:
                message = f"指标 {ind.id}：{earlier.year} 年的项目 {earlier.project} 中没有编号为 {ind.continues} 的指标"
                errors.append(DataError(name, _line_after(text, f"id: {ind.id}", "continues:"), path, message))
    return errors


def _line_after(text: str, anchor: str, key: str) -> int:
    """The line of the first ``key`` after the line holding ``anchor`` (0 if none)."""
    start = text.find(anchor)
    at = text.find(key, start) if start >= 0 else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else 0


def _year_line(path: Path) -> int:
    """The line of the notice's year (the data file's first ``year:``), 0 if not found."""
    text = path.read_text(encoding="utf-8-sig")
    found = _YEAR.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 0
