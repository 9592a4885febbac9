"""The annex table: each row a project, or a sub-item of the project above, as printed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .source import CJK, Cell, clean

HEADER = "序号"
# A sub-item's name printed at the head of its target cell ("职业病防治 完成不少于…"): a few
# Chinese characters (quotes allowed), then a gap, then Chinese text (a number after the gap
# is the target's own figure: "全年组织实施技能脱贫培训 400 人次").
NAME = re.compile(rf"^[{CJK}“”、]{{4,15}}$")
STARTS_CHINESE = re.compile(rf"^[{CJK}“]")


@dataclass
class Row:
    """One printed row of a project: its item name (if any), target, and what to confirm."""

    name: str | None
    target: str
    group: str | None = None
    review: list[str] = field(default_factory=list)


@dataclass
class AnnexProject:
    seq: int
    name: str | None
    rows: list[Row] = field(default_factory=list)
    review: list[str] = field(default_factory=list)


def join(lines: tuple[str, ...]) -> str:
    """A cell's lines as one text: Chinese has no spaces, Latin words keep theirs."""
    out = ""
    for line in lines:
        if out and out[-1].isascii() and out[-1].isalpha() and line[:1].isascii() and line[:1].isalpha():
            out += " "
        out += line
    return clean(out)


def _leading_name(lines: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    if len(lines) >= 2 and NAME.match(lines[0]) and STARTS_CHINESE.match(lines[1]):
        return lines[0], lines[1:]
    return None, lines


def parse(rows: list[list[Cell]]) -> list[AnnexProject]:
    """Projects in printed order; a row with no 序号 belongs to the project above it."""
    projects: list[AnnexProject] = []
    for cells in rows:
        filled = [c for c in cells if c]
        if not filled or join(filled[0]) == HEADER:
            continue
        first = join(filled[0])
        seq = int(first) if first.isdigit() else None
        if seq is not None:
            filled = filled[1:]
        if not filled:
            continue
        names = [join(c) for c in filled[:-1]]
        leading, target_lines = _leading_name(filled[-1])
        target = join(target_lines)
        if seq is not None:
            project = AnnexProject(seq, names[0] if names else None)
            projects.append(project)
            item = names[1] if len(names) > 1 else leading
            project.rows.append(Row(item, target, review=[]))
            if len(names) == 1 and leading is None:
                project.rows[-1].group = names[0]  # a project or a sub-item name: decided later
            continue
        if not projects:
            continue
        project = projects[-1]
        if leading is not None:
            group = names[0] if names else None
            project.rows.append(Row(leading, target, group=group))
        elif names:
            project.rows.append(Row(names[-1], target))
        else:  # a row broken over a page: its text goes on in the row above
            project.rows[-1].target += target
    for project in projects:
        _settle(project)
    return projects


def _settle(project: AnnexProject) -> None:
    """Decide what the project column's text was: the project's name or its first sub-item's."""
    first = project.rows[0]
    if len(project.rows) == 1:
        first.group = None
        if first.name is not None and project.name is None:
            project.name, first.name = first.name, None
        return
    if first.group is not None:  # the project column holds sub-item names, row by row
        first.name, first.group = first.group, None
        project.name = None
        project.review.append("附件本项未印项目名称，名称取自正文，请核对")
    for row in project.rows[1:]:
        if row.group is not None and row.group == project.name:
            row.group = None
