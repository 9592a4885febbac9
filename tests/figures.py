"""The figure rule of a built page (issue 20): a figure is never shown with less than the
notice says about it.

* Every figure a page shows as a target (an ``ms-value`` element, or a line of a project's
  history naming a figure) stands next to its clause: the notice's shortest words holding
  the number with its qualifier (约, 不低于, 以上, 原则上 …), unit and scope.
* A figure of a project the county has no task in this year (无任务) is never shown as a
  target.

Used by tests/test_fidelity.py. Pure functions over HTML text; no browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from fidelity import squeeze
from htmltree import Element, parse

from generator.model import Indicator, Notice, Project

# Words that narrow a figure: one left out changes what the figure promises.
QUALIFIERS = (
    "约", "不低于", "不少于", "不超过", "以上", "左右", "预计", "原则上", "分别", "均为",
    "基本", "计划", "新增", "每人每月", "每人每年", "省下达基数", "一类县", "二类县",
)  # fmt: skip
# What holds one figure on a page: a table row (a figure's card on phones), else the
# nearest list item or paragraph.
HOLDERS = ("li", "p", "td", "th")
PROJECT_LINK = re.compile(r"projects/([a-z0-9-]+)/")


@dataclass(frozen=True)
class Shown:
    """A figure as a page shows it: the number, the text around it, whose it may be."""

    value: str
    text: str
    candidates: tuple[tuple[Project, Indicator], ...]


def missing(indicator: Indicator, text: str) -> list[str]:
    """The qualifiers, scope and unit of the indicator's clause that ``text`` leaves out."""
    clause = squeeze(indicator.clause)
    words = [q for q in QUALIFIERS if q in clause]
    if indicator.scope:
        words.append(indicator.scope)
    if indicator.unit in clause:
        words.append(indicator.unit)
    return [w for w in words if w not in text]


def _holder(el: Element) -> Element:
    row = next((a for a in el.ancestors() if a.tag == "tr"), None)
    return row or next((a for a in el.ancestors() if a.tag in HOLDERS), el)


def _project_of(el: Element, page_project: Project | None, notice: Notice) -> Project | None:
    """The project a figure belongs to: the page's, or the one its link goes to."""
    if page_project is not None:
        return page_project
    for a in (el, *el.ancestors()):
        if a.tag == "a" and (m := PROJECT_LINK.search(a.attrs.get("href", ""))):
            return next((p for p in notice.projects if p.id == m.group(1)), None)
    return None


def shown_figures(root: Element, notice: Notice, page_project: Project | None) -> Iterator[Shown]:
    """Every figure shown as a target in ``root``, with what holds it."""
    for el in root.find_all(class_="ms-value"):
        holder = _holder(el)
        project = _project_of(holder, page_project, notice)
        pool = [project] if project else list(notice.projects)
        value = squeeze(el.text)
        candidates = [(p, i) for p in pool for i in p.all_indicators if i.value == value]
        if holder.tag == "tr" and page_project is not None:  # a row of the figures table
            candidates = [(p, i) for p, i in candidates if i.id == holder.attrs.get("id")]
        yield Shown(value, squeeze(holder.text), tuple(candidates))
    if page_project is None:
        return
    for history in root.find_all("ol", class_="ms-history"):
        for a in history.find_all("a"):
            ind = next((i for i in page_project.all_indicators if f"#{i.id}" == a.attrs.get("href")), None)
            if ind is not None and not ind.judged:
                yield Shown(ind.value, squeeze(a.text), ((page_project, ind),))


def violations(html: str, notice: Notice, where: str, page_project: Project | None = None) -> list[str]:
    """What the page ``where`` shows of a figure with less than its clause, or as a target
    where the county has no task; one line each, naming the figure."""
    root = parse(html)
    article = root.find("article") or root
    found: list[str] = []
    for shown in shown_figures(article, notice, page_project):
        if not shown.candidates:
            found.append(f"{where}：数字 {shown.value}（在“{shown.text[:40]}”中）不是任何指标的数字")
            continue
        owners = {p.id for p, _ in shown.candidates}
        idle = [p for p in notice.projects if p.id in owners and p.no_task]
        if idle and len(owners) == 1:
            found.append(f"{where}：{idle[0].name} 本年无任务，数字 {shown.value} 却显示为目标")
            continue
        if any(squeeze(i.clause) in shown.text for _, i in shown.candidates):
            continue
        nearest = min((i for _, i in shown.candidates), key=lambda i: len(missing(i, shown.text)))
        lacking = "、".join(f"“{w}”" for w in missing(nearest, shown.text)) or "原文分句"
        found.append(
            f"{where}：数字 {shown.value} 显示时缺少{lacking}（通知原文：{nearest.clause}；"
            f"页面：“{shown.text[:40]}”）"
        )
    return found
