"""Rules for former ids (``aliases``): an old address must lead to one place only.

Each id's pattern is checked by the loader; here: no former id is a current id
in the same namespace, and no former id is claimed twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .model import Notice, Project
from .urls import PROJECT_SECTIONS

if TYPE_CHECKING:
    from .validate import _Rules


def check(rules: _Rules, notice: Notice) -> None:
    project_ids = {p.id for p in notice.projects}
    former = [
        (f"projects[{i}].aliases[{k}]", old)
        for i, p in enumerate(notice.projects)
        for k, old in enumerate(p.aliases)
    ]
    for path, old in former:
        if old in project_ids:
            rules.error(path, f"旧编号 '{old}' 是现有项目的编号，不能再作旧编号")
    rules.unique(iter(former), "旧编号")
    for i, project in enumerate(notice.projects):
        _page(rules, project, f"projects[{i}]")
    programme_ids = {p.id for p in notice.retired.programmes}
    former = [
        (f"retired.programmes[{i}].aliases[{k}]", old)
        for i, p in enumerate(notice.retired.programmes)
        for k, old in enumerate(p.aliases)
    ]
    for path, old in former:
        if old in programme_ids:
            rules.error(path, f"旧编号 '{old}' 是现有退出项目的编号，不能再作旧编号")
    rules.unique(iter(former), "旧编号")


def _anchors(project: Project, path: str) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(path, id, aliases) of every sub-item and indicator on a project page."""
    if project.items:
        for k, item in enumerate(project.items):
            ipath = f"{path}.items[{k}]"
            yield ipath, item.id, item.aliases
            for n, ind in enumerate(item.indicators):
                yield f"{ipath}.indicators[{n}]", ind.id, ind.aliases
    else:
        for n, ind in enumerate(project.indicators):
            yield f"{path}.indicators[{n}]", ind.id, ind.aliases


def _page(rules: _Rules, project: Project, path: str) -> None:
    """Old anchors share the page with the current ones and its sections."""
    entries = list(_anchors(project, path))
    current = {anchor for _, anchor, _ in entries}
    former = [(f"{p}.aliases[{k}]", old) for p, _, olds in entries for k, old in enumerate(olds)]
    for fpath, old in former:
        if old in PROJECT_SECTIONS:
            rules.error(
                fpath, f"旧编号 '{old}' 已被页面的“{PROJECT_SECTIONS[old]}”栏目使用，请换一个"
            )
        elif old in current:
            rules.error(fpath, f"旧编号 '{old}' 是本页现有的锚点，不能再作旧编号")
    rules.unique(iter(former), "本页旧锚点")
