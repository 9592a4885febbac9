"""Rules across fields: counts, uniqueness, and fidelity of figures to their text.

The loader has already checked every field's type; here we check what a
single field cannot show. Each rule adds errors and goes on, so a clerk sees
every mistake at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

from .errors import DataError
from .model import DIRECTION_LABELS, Indicator, Item, Notice, NotTarget, Project, value_pattern
from .urls import PROJECT_SECTIONS
from .validate_aliases import check as _aliases

NUMBER = re.compile(r"\d+(?:\.\d+)?|/")


class _Rules:
    def __init__(self, lines: dict[str, int], name: str) -> None:
        self.lines = lines
        self.name = name
        self.errors: list[DataError] = []

    def line(self, path: str) -> int:
        while path not in self.lines and path:
            path = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path)
        return self.lines.get(path, 1)

    def error(self, path: str, message: str) -> None:
        self.errors.append(DataError(self.name, self.line(path), path, message))

    def unique(self, entries: Iterator[tuple[str, object]], what: str) -> None:
        """Report every repeated value, naming the line where it first appeared."""
        first: dict[object, str] = {}
        for path, value in entries:
            if value in first:
                self.error(path, f"{what} '{value}' 重复（第 {self.line(first[value])} 行已使用）")
            else:
                first[value] = path


def validate(notice: Notice, lines: dict[str, int], name: str) -> list[DataError]:
    """Every cross-field mistake in a notice whose fields are each well-typed."""
    rules = _Rules(lines, name)
    _document(rules, notice)
    _projects(rules, notice)
    _retired(rules, notice)
    _glossary(rules, notice)
    _aliases(rules, notice)
    return rules.errors


def _document(rules: _Rules, notice: Notice) -> None:
    doc = notice.document
    try:
        date = dt.date.fromisoformat(doc.date)
    except ValueError:
        rules.error("document.date", f"日期 '{doc.date}' 不是有效日期")
    else:
        if date.year != doc.year:
            rules.error("document.date", f"成文日期 {doc.date} 不在实施年度 {doc.year} 年内")
    if doc.project_count != len(notice.projects):
        rules.error(
            "document.project_count",
            f"通知称有 {doc.project_count} 个项目，但项目清单列出了 {len(notice.projects)} 个",
        )
    rules.unique(
        ((f"document.requirements[{i}].id", r.id) for i, r in enumerate(doc.requirements)),
        "编号",
    )
    rules.unique(((f"categories[{i}].id", c.id) for i, c in enumerate(notice.categories)), "类别")
    for i, cat in enumerate(notice.categories):
        members = notice.projects_in(cat.id)
        if cat.count != len(members):
            seqs = "、".join(str(p.seq) for p in members) or "无"
            rules.error(
                f"categories[{i}].count",
                f"“{cat.label}”类通知称有 {cat.count} 个项目，但清单中有 {len(members)} 个（序号 {seqs}）",
            )


def _projects(rules: _Rules, notice: Notice) -> None:
    projects = notice.projects
    rules.unique(((f"projects[{i}].id", p.id) for i, p in enumerate(projects)), "编号")
    rules.unique(((f"projects[{i}].seq", p.seq) for i, p in enumerate(projects)), "序号")
    seqs = {p.seq for p in projects}
    missing = sorted(set(range(1, max(seqs, default=0) + 1)) - seqs)
    if missing:
        rules.error("projects", f"序号不连续：缺少 {'、'.join(map(str, missing))}")
    for i in range(1, len(projects)):
        if projects[i].seq < projects[i - 1].seq:
            rules.error(
                f"projects[{i}].seq",
                f"项目应按序号排列：序号 {projects[i].seq} 排在序号 {projects[i - 1].seq} 之后",
            )
    category_ids = {c.id for c in notice.categories}
    for i, project in enumerate(projects):
        path = f"projects[{i}]"
        if project.category not in category_ids:
            rules.error(f"{path}.category", f"类别 '{project.category}' 未在 categories 中列出")
        rules.unique(
            ((f"{path}.keywords[{k}]", w) for k, w in enumerate(project.keywords)), "关键词"
        )
        _project_rows(rules, project, path)
        _reports(rules, project, path, notice.document.year)


def _project_rows(rules: _Rules, project: Project, path: str) -> None:
    if project.items and (project.target or project.indicators or project.not_targets):
        rules.error(
            f"{path}.items",
            "已用 items 分行填写子项，项目本身不能再填 target、indicators 或 not_targets",
        )
        return
    if not project.items and project.target is None:
        rules.error(f"{path}.target", "缺少目标任务：请填写 target，或用 items 分行填写子项")
        return
    anchors: list[tuple[str, str]] = []
    if project.items:
        for k, item in enumerate(project.items):
            anchors.append((f"{path}.items[{k}].id", item.id))
            _row(rules, item, f"{path}.items[{k}]", anchors)
    else:
        _row(rules, project.rows[0], path, anchors)
    for anchor_path, anchor in anchors:
        if anchor in PROJECT_SECTIONS:
            rules.error(
                anchor_path,
                f"编号 '{anchor}' 已被页面的“{PROJECT_SECTIONS[anchor]}”栏目使用，请换一个",
            )
    rules.unique(iter(anchors), "本页锚点")


def _row(rules: _Rules, row: Item, path: str, anchors: list[tuple[str, str]]) -> None:
    """Each figure must be in its text, and each number in the text accounted for."""
    target = row.target
    covered: list[tuple[int, int]] = []
    for k, ind in enumerate(row.indicators):
        anchors.append((f"{path}.indicators[{k}].id", ind.id))
        span = _indicator_span(rules, ind, target, f"{path}.indicators[{k}]")
        if span:
            start, end = span
            # a unit printed after the figure ("6639元/年人") is part of it
            if target.startswith(ind.unit, end):
                end += len(ind.unit)
            covered.append((start, end))
    for k, nt in enumerate(row.not_targets):
        start = _quote_start(rules, nt, target, f"{path}.not_targets[{k}]")
        if start is not None:
            covered.append((start, start + len(nt.quote)))
    for match in NUMBER.finditer(target):
        if not any(a <= match.start() and match.end() <= b for a, b in covered):
            context = target[max(0, match.start() - 6) : match.end() + 6]
            what = "“/”" if match.group() == "/" else f"数字 '{match.group()}'"
            rules.error(
                f"{path}.target",
                f"目标任务中的{what}（“{context}”）既不是指标，也未列入 not_targets",
            )


def _quote_start(rules: _Rules, entry: Indicator | NotTarget, target: str, path: str) -> int | None:
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


def _indicator_span(
    rules: _Rules, ind: Indicator, target: str, path: str
) -> tuple[int, int] | None:
    start = _quote_start(rules, ind, target, path)
    if start is None:
        return None
    match = value_pattern(ind.value).search(ind.quote)
    if not match:
        rules.error(f"{path}.value", f"数值 '{ind.value}' 不在引文 '{ind.quote}' 中")
        return None
    return start + match.start(), start + match.end()


def _retired(rules: _Rules, notice: Notice) -> None:
    retired = notice.retired
    if retired.count != len(retired.programmes):
        rules.error(
            "retired.count",
            f"通知称调整和退出 {retired.count} 个项目，但清单列出了 {len(retired.programmes)} 个",
        )
    rules.unique(
        ((f"retired.programmes[{i}].id", p.id) for i, p in enumerate(retired.programmes)), "编号"
    )
    project_ids = {p.id for p in notice.projects}
    for i, programme in enumerate(retired.programmes):
        for k, part in enumerate(programme.parts):
            path = f"retired.programmes[{i}].parts[{k}]"
            if part.text not in programme.text:
                rules.error(f"{path}.text", f"文字 '{part.text}' 不在该项目的原文中")
            if part.project is not None and part.project not in project_ids:
                rules.error(f"{path}.project", f"项目编号 '{part.project}' 不存在")


def _glossary(rules: _Rules, notice: Notice) -> None:
    terms = notice.glossary
    rules.unique(((f"glossary[{i}].id", t.id) for i, t in enumerate(terms)), "编号")
    rules.unique(((f"glossary[{i}].term", t.term) for i, t in enumerate(terms)), "名词")
    texts = notice.texts()
    for i, term in enumerate(terms):
        if term.basis == "notice" and not any(term.definition in t for t in texts):
            rules.error(
                f"glossary[{i}].definition",
                "释义注明来自通知原文（basis: notice），但这段文字不在通知中；"
                "请照抄原文，或改为 basis: explanatory",
            )


def _reports(rules: _Rules, project: Project, path: str, year: int) -> None:
    """Dated, in order, about real figures, and cumulative counts never falling unexplained."""
    indicators = {ind.id: ind for ind in project.all_indicators}
    rules.unique(
        ((f"{path}.reports[{r}].date", x.date) for r, x in enumerate(project.reports)), "报告日期"
    )
    last: dict[str, tuple[Decimal, str]] = {}
    previous_date = ""
    for r, report in enumerate(project.reports):
        rpath = f"{path}.reports[{r}]"
        try:
            date = dt.date.fromisoformat(report.date)
        except ValueError:
            rules.error(f"{rpath}.date", f"日期 '{report.date}' 不是有效日期")
            continue
        if date.year < year:
            rules.error(f"{rpath}.date", f"报告日期 {report.date} 早于实施年度 {year} 年")
        if report.date < previous_date:
            rules.error(
                f"{rpath}.date", f"报告应按日期先后排列：{report.date} 排在 {previous_date} 之后"
            )
        previous_date = max(previous_date, report.date)
        rules.unique(
            ((f"{rpath}.values[{v}].indicator", x.indicator) for v, x in enumerate(report.values)),
            "指标",
        )
        for v, reading in enumerate(report.values):
            vpath = f"{rpath}.values[{v}]"
            ind = indicators.get(reading.indicator)
            if ind is None:
                known = "、".join(indicators) or "无"
                rules.error(
                    f"{vpath}.indicator",
                    f"指标 '{reading.indicator}' 不存在（本项目的指标：{known}）",
                )
                continue
            if not ind.has_figure:
                rules.error(
                    f"{vpath}.indicator",
                    f"指标 '{ind.id}' 原文为“/”，本年未设数值，不能填报进度",
                )
                continue
            if ind.judged:
                if reading.met is None or reading.reached is not None:
                    rules.error(
                        vpath,
                        f"指标 '{ind.id}' 是{DIRECTION_LABELS[ind.direction]}类目标，"
                        "请只填写 met: true 或 met: false",
                    )
                continue
            if reading.reached is None:
                rules.error(vpath, f"缺少 reached：指标 '{ind.id}' 截至 {report.date} 达到的数值")
                continue
            if ind.percent and reading.reached > 100:
                rules.error(
                    f"{vpath}.reached", f"百分比应在 0 到 100 之间，实际为 {reading.reached}"
                )
            before = last.get(ind.id)
            if ind.cumulative and before and reading.reached < before[0] and not report.correction:
                rules.error(
                    f"{vpath}.reached",
                    f"累计数值 {reading.reached} 低于上次报告（{before[1]}）的 {before[0]}；"
                    "如果是更正，请在本报告中写 correction: true",
                )
            last[ind.id] = (reading.reached, report.date)
