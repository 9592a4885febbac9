"""Rules on projects: numbering, and the fidelity of every figure to its target text."""

from __future__ import annotations

import re

from ...model import Indicator, Notice, NotTarget, Project, Row, value_pattern
from ...urls import RESERVED_ON_PROJECT
from . import reports
from .base import Rules
from .notice import notice_date

NUMBER = re.compile(r"\d+(?:\.\d+)?|/")


def check(rules: Rules, notice: Notice) -> None:
    projects = notice.projects
    rules.unique(((f"projects[{i}].id", p.id) for i, p in enumerate(projects)), "编号")
    rules.unique(((f"projects[{i}].seq", p.seq) for i, p in enumerate(projects)), "序号")
    _numbering(rules, projects)
    category_ids = {c.id for c in notice.categories}
    categories_known = not rules.hit("categories") and all(
        not rules.hit(f"categories[{k}].id") for k in range(len(notice.categories))
    )
    date = notice_date(notice, rules)
    for i, project in enumerate(projects):
        path = f"projects[{i}]"
        if project.category not in category_ids and categories_known:
            rules.error(f"{path}.category", f"类别 '{project.category}' 未在 categories 中列出")
        rules.unique(
            ((f"{path}.keywords[{k}]", w) for k, w in enumerate(project.keywords)), "关键词"
        )
        _rows(rules, project, path)
        reports.check(rules, project, path, notice.document.year, date)


def _numbering(rules: Rules, projects: tuple[Project, ...]) -> None:
    """序号 run from 1 to the number of projects, in order, none missing."""
    n = len(projects)
    known = not rules.hit("projects")
    for i, project in enumerate(projects):
        if known and not 1 <= project.seq <= n:
            message = f"序号 {project.seq} 超出范围：共 {n} 个项目，序号应为 1 到 {n}"
            rules.error(f"projects[{i}].seq", message)
    if known and all(not rules.hit(f"projects[{i}].seq") for i in range(n)):
        missing = sorted(set(range(1, n + 1)) - {p.seq for p in projects})
        if missing:
            rules.error("projects", f"序号不连续：缺少 {'、'.join(map(str, missing))}")
    for i in range(1, n):
        before = projects[i - 1].seq
        if before > n or rules.hit(f"projects[{i - 1}].seq"):
            continue  # already reported: its order says nothing more
        if projects[i].seq < before:
            rules.error(
                f"projects[{i}].seq",
                f"项目应按序号排列：序号 {projects[i].seq} 排在序号 {projects[i - 1].seq} 之后",
            )


def _rows(rules: Rules, project: Project, path: str) -> None:
    own = [f"{path}.{name}" for name in ("items", "target", "indicators", "not_targets")]
    if any(rules.hit(p) for p in own):
        return  # which of them the project uses is not known
    if project.items and (
        project.target or project.indicators or project.not_targets or project.headline
        or project.standard
    ):
        rules.error(
            f"{path}.items",
            "已用 items 分行填写子项，项目本身不能再填 target、indicators、not_targets、headline 或 standard",
        )
        return
    if not project.items and project.target is None:
        rules.error(f"{path}.target", "缺少目标任务：请填写 target，或用 items 分行填写子项")
        return
    anchors: list[tuple[str, str]] = []
    for k, row in enumerate(project.rows):
        row_path = f"{path}.items[{k}]" if row.item else path
        if row.id is not None:
            anchors.append((f"{row_path}.id", row.id))
        whole = rules.intact(row_path) if row.item else rules.intact(*own[1:])
        _row(rules, row, row_path, anchors, whole)
        figures = {i.id for i in row.indicators if i.has_figure}
        what = "子项" if row.item else "项目"
        for key in ("headline", "standard"):
            wanted = getattr(row.item, key) if row.item else getattr(project, key)
            if whole and wanted is not None and wanted not in figures:
                rules.error(f"{row_path}.{key}", f"“{wanted}”不是本{what}中有数值的指标编号")
    for anchor_path, anchor in anchors:
        if anchor in RESERVED_ON_PROJECT:
            rules.error(
                anchor_path,
                f"编号 '{anchor}' 已被页面的“{RESERVED_ON_PROJECT[anchor]}”栏目使用，请换一个",
            )
    rules.unique(anchors, "本页锚点")


def _row(
    rules: Rules, row: Row, path: str, anchors: list[tuple[str, str]], whole: bool
) -> None:
    """Each figure must be in its text, and each number in the text accounted for
    (only when the row was built whole: a broken figure would make the text look wrong)."""
    target = row.target
    covered: list[tuple[int, int]] = []
    for k, ind in enumerate(row.indicators):
        anchors.append((f"{path}.indicators[{k}].id", ind.id))
        if not whole:
            continue
        span = _indicator_span(rules, row, ind, f"{path}.indicators[{k}]")
        _clause(rules, row, ind, f"{path}.indicators[{k}].clause")
        if span:
            start, end = span
            # a unit printed after the figure ("6639元/年人") is part of it
            if target.startswith(ind.unit, end):
                end += len(ind.unit)
            covered.append((start, end))
    if not whole:
        return
    for k, nt in enumerate(row.not_targets):
        at = _quote_start(rules, nt, target, f"{path}.not_targets[{k}]")
        if at is not None:
            covered.append((at, at + len(nt.quote)))
    for match in NUMBER.finditer(target):
        if not any(a <= match.start() and match.end() <= b for a, b in covered):
            context = target[max(0, match.start() - 6) : match.end() + 6]
            what = "“/”" if match.group() == "/" else f"数字 '{match.group()}'"
            rules.error(
                f"{path}.target",
                f"目标任务中的{what}（“{context}”）既不是指标，也未列入 not_targets",
            )


def _quote_start(rules: Rules, entry: Indicator | NotTarget, target: str, path: str) -> int | None:
    count = target.count(entry.quote)
    if count == 0:
        rules.error(f"{path}.quote", f"引文 '{entry.quote}' 不在目标任务原文中")
        return None
    if count > 1:
        rules.error(
            f"{path}.quote",
            f"引文 '{entry.quote}' 在目标任务原文中出现了 {count} 次，请多引几个字使其唯一",
        )
        return None
    return target.index(entry.quote)


def _indicator_span(rules: Rules, row: Row, ind: Indicator, path: str) -> tuple[int, int] | None:
    """Where the figure stands in the text (``Row.locate``), or an error saying why not."""
    if _quote_start(rules, ind, row.target, path) is None:
        return None
    if not value_pattern(ind.value).search(ind.quote):
        rules.error(f"{path}.value", f"数值 '{ind.value}' 不在引文 '{ind.quote}' 中")
        return None
    return row.locate(ind)


def _clause(rules: Rules, row: Row, ind: Indicator, path: str) -> None:
    """The clause shown with the figure is the notice's own words, and holds the figure."""
    if ind.clause not in row.target:
        rules.error(path, f"原文 '{ind.clause}' 不在目标任务原文中（须逐字照录，含数字及其限定词、单位）")
    elif not value_pattern(ind.value).search(ind.clause):
        rules.error(path, f"原文 '{ind.clause}' 中没有数值 '{ind.value}'")
