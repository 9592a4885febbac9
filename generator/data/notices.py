"""Loading the site's notices: every listed data file, each checked as ``load`` does, and
then together (a notice is known by its year: two notices of one year are refused)."""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError, DataErrors
from ..model import Notice
from .load import load
from .rules.base import Rules


def load_all(root: Path, files: list[str], place: Path | None = None) -> list[Notice]:
    """The notices of ``files`` (relative to ``root``, as listed in mkdocs.yml), in the
    listed order; raise DataErrors with the mistakes of every file at once. With ``place``
    (the build cache), each notice loaded before from the same bytes is reused (stored.py)."""
    loaded: list[tuple[str, Notice, Rules]] = []
    errors: list[DataError] = []
    failed: list[str] = []
    seen: dict[int, str] = {}
    for name in files:
        lines: dict[str, int] = {}
        try:
            notice = load(root / name, Path(name).as_posix(), lines, place)
        except DataErrors as exc:
            errors += exc.errors
            failed.append(exc.file)
            continue
        at = Rules(lines, name)  # the loader's own line of each field
        year = notice.document.year
        if year in seen:
            errors.append(DataError(name, at.line("document.year"), "document.year", f"{year} 年已有一份通知（{seen[year]}）：同一年只能有一份通知，网址以年份区分"))
            failed.append(name)
        seen.setdefault(year, name)
        loaded.append((name, notice, at))
    by_year = {n.document.year: n for _, n, _ in loaded}
    for name, notice, at in loaded:
        found = continues_errors(notice, by_year, at)
        errors += found
        failed += [name] if found else []
    if errors:
        raise DataErrors("、".join(dict.fromkeys(failed)), errors)
    return [notice for _, notice, _ in loaded]


def continues_errors(notice: Notice, by_year: dict[int, Notice], at: Rules) -> list[DataError]:
    """Each ``continues`` of ``notice`` must name an earlier notice of the site, a project
    of it, and (for an indicator) an indicator of that project. ``at`` places each error
    on the line of its field."""
    name = at.name
    errors: list[DataError] = []
    year = notice.document.year
    for i, project in enumerate(notice.projects):
        path = f"projects[{i}].continues"
        paths = _indicator_paths(notice, i)
        earlier = project.continues
        if earlier is None:
            for ind in project.all_indicators:
                if ind.continues is not None:
                    message = f"指标 {ind.id} 写了 continues，但项目没有写接续的往年项目（continues: {{year: …, project: …}}）"
                    errors.append(DataError(name, at.line(f"{paths[ind.id]}.continues"), path, message))
            continue
        if earlier.year >= year or earlier.year not in by_year:
            listed = "、".join(str(y) for y in sorted(by_year) if y < year) or "无"
            message = f"往年通知 {earlier.year} 年不在本站（mkdocs.yml 的 notices 中早于 {year} 年的有：{listed}）"
            errors.append(DataError(name, at.line(f"{path}.year"), f"{path}.year", message))
            continue
        then = by_year[earlier.year]
        if earlier.project not in {p.id for p in then.projects}:
            message = f"{earlier.year} 年的通知中没有编号为 {earlier.project} 的项目"
            errors.append(DataError(name, at.line(f"{path}.project"), f"{path}.project", message))
            continue
        old_ids = {ind.id for ind in then.project(earlier.project).all_indicators}
        for ind in project.all_indicators:
            if ind.continues is not None and ind.continues not in old_ids:
                message = f"指标 {ind.id}：{earlier.year} 年的项目 {earlier.project} 中没有编号为 {ind.continues} 的指标"
                errors.append(DataError(name, at.line(f"{paths[ind.id]}.continues"), path, message))
    return errors


def _indicator_paths(notice: Notice, i: int) -> dict[str, str]:
    """The field path of each indicator of project ``i``, by indicator id."""
    project = notice.projects[i]
    paths = {ind.id: f"projects[{i}].indicators[{j}]" for j, ind in enumerate(project.indicators)}
    for k, item in enumerate(project.items):
        paths |= {ind.id: f"projects[{i}].items[{k}].indicators[{j}]" for j, ind in enumerate(item.indicators)}
    return paths
