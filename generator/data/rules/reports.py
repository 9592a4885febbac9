"""Rules on progress reports: dated within the notice's year (or the next), in order,
about real figures, counts never falling unexplained."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ...model import Indicator, Project
from ...phrases import DIRECTION_LABELS
from .base import Rules


def _indicators(project: Project, path: str) -> dict[str, tuple[Indicator, str]]:
    """Each figure of a project by id, with its field path."""
    found: dict[str, tuple[Indicator, str]] = {}
    for k, row in enumerate(project.rows):
        row_path = f"{path}.items[{k}]" if row.item else path
        for n, ind in enumerate(row.indicators):
            found.setdefault(ind.id, (ind, f"{row_path}.indicators[{n}]"))
    return found


def _date(rules: Rules, path: str, text: str, year: int, notice: dt.date | None) -> bool:
    """Whether a report's date is a real day from the notice's date to the end of the
    next year (a year's final figures come out in the spring after)."""
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        rules.error(path, f"日期 '{text}' 不是有效日期")
        return False
    if notice is not None and date < notice:
        rules.error(path, f"报告日期 {text} 早于通知的成文日期 {notice.isoformat()}")
        return False
    if date.year > year + 1 and not rules.hit("document.year"):
        rules.error(path, f"报告日期 {text} 太晚：应不晚于实施年度次年年底（{year + 1}-12-31）")
        return False
    return True


def check(rules: Rules, project: Project, path: str, year: int, notice: dt.date | None) -> None:
    indicators = _indicators(project, path)
    ids_known = all(rules.intact(f"{p}.id") for _, p in indicators.values())
    rules.unique(
        ((f"{path}.reports[{r}].date", x.date) for r, x in enumerate(project.reports)), "报告日期"
    )
    last: dict[str, tuple[Decimal, str]] = {}
    previous_date = ""
    for r, report in enumerate(project.reports):
        rpath = f"{path}.reports[{r}]"
        if rules.hit(f"{rpath}.date") or not _date(rules, f"{rpath}.date", report.date, year, notice):
            last.clear()  # a report out of place: no comparison across it
            continue
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
            found = indicators.get(reading.indicator)
            if found is None or not rules.intact(vpath, found[1]):
                if found is None and ids_known and not rules.hit(vpath):
                    known = "、".join(indicators) or "无"
                    rules.error(
                        f"{vpath}.indicator",
                        f"指标 '{reading.indicator}' 不存在（本项目的指标：{known}）",
                    )
                last.pop(reading.indicator, None)
                continue
            ind = found[0]
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
            before = None if rules.hit(f"{rpath}.correction") else last.get(ind.id)
            if ind.cumulative and before and reading.reached < before[0] and not report.correction:
                rules.error(
                    f"{vpath}.reached",
                    f"累计数值 {reading.reached} 低于上次报告（{before[1]}）的 {before[0]}；"
                    "如果是更正，请在本报告中写 correction: true",
                )
            last[ind.id] = (reading.reached, report.date)
