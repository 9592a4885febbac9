"""Rules for former ids (``aliases``): an old address must lead to one place only.

Each id's pattern is checked by the builder; here: no former id is a current id in the
same namespace, and no former id is claimed twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Notice, Project
from ...urls import RESERVED_ON_PROJECT
from .base import Rules


def check(rules: Rules, notice: Notice) -> None:
    project_ids = {p.id for p in notice.projects}
    former = [
        (f"projects[{i}].aliases[{k}]", old)
        for i, p in enumerate(notice.projects)
        for k, old in enumerate(p.aliases)
    ]
    for path, old in former:
        if old in project_ids:
            rules.error(path, f"旧编号 '{old}' 是现有项目的编号，不能再作旧编号")
    rules.unique(former, "旧编号")
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
    rules.unique(former, "旧编号")


def _anchors(project: Project, path: str) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(path, id, aliases) of every sub-item and indicator on a project page."""
    for k, row in enumerate(project.rows):
        row_path = f"{path}.items[{k}]" if row.item else path
        if row.item:
            yield row_path, row.item.id, row.item.aliases
        for n, ind in enumerate(row.indicators):
            yield f"{row_path}.indicators[{n}]", ind.id, ind.aliases


def _page(rules: Rules, project: Project, path: str) -> None:
    """Old anchors share the page with the current ones and its sections."""
    entries = list(_anchors(project, path))
    current = {anchor for _, anchor, _ in entries}
    former = [(f"{p}.aliases[{k}]", old) for p, _, olds in entries for k, old in enumerate(olds)]
    for fpath, old in former:
        if old in RESERVED_ON_PROJECT:
            rules.error(
                fpath, f"旧编号 '{old}' 已被页面的“{RESERVED_ON_PROJECT[old]}”栏目使用，请换一个"
            )
        elif old in current:
            rules.error(fpath, f"旧编号 '{old}' 是本页现有的锚点，不能再作旧编号")
    rules.unique(former, "本页旧锚点")
