"""Rules on progress reports: dated, in order, about real figures, counts never falling
unexplained."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ...model import Project
from ...phrases import DIRECTION_LABELS
from .base import Rules


def check(rules: Rules, project: Project, path: str, year: int) -> None:
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
