"""Progress derived from dated reports: latest values, 序时进度, roll-ups, status.

Pure functions of the model; nothing here reads a clock, so the same data
always gives the same pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .model import Indicator, Project, Reading, Report
from .phrases import STATUS_LABELS

HUNDRED = Decimal(100)


def percent(value: Decimal) -> Decimal:
    """A percentage rounded to a whole number, for display."""
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def elapsed(date: str, year: int) -> Decimal:
    """序时进度: the share of the plan year elapsed at the end of ``date``, in percent."""
    day = dt.date.fromisoformat(date)
    if day.year > year:
        return HUNDRED
    start = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - start).days
    return Decimal((day - start).days + 1) * HUNDRED / Decimal(days)


@dataclass(frozen=True)
class Latest:
    """An indicator's most recent reported state."""

    indicator: Indicator
    reading: Reading
    report: Report
    expected: Decimal  # 序时进度 at the report's date, percent

    @property
    def share(self) -> Decimal | None:
        """Reached as a percentage of the target; None for a cap or ceiling."""
        target = self.indicator.number
        if self.indicator.judged or self.reading.reached is None or not target:
            return None
        return self.reading.reached * HUNDRED / target

    @property
    def met(self) -> bool:
        if self.indicator.judged:
            return bool(self.reading.met)
        share = self.share
        return share is not None and share >= HUNDRED

    @property
    def credit(self) -> Decimal:
        """This indicator's part of a roll-up, 0-100."""
        if self.indicator.judged:
            return HUNDRED if self.met else Decimal(0)
        return min(self.share or Decimal(0), HUNDRED)

    @property
    def ahead(self) -> bool:
        """At or ahead of 序时进度 (a cap or ceiling: simply met)."""
        if self.indicator.judged:
            return self.met
        return self.met or self.credit >= self.expected


def counted(ind: Indicator) -> bool:
    """Whether an indicator takes part in roll-ups and status."""
    return ind.has_figure and ind.scope is None


def latest(project: Project, year: int) -> dict[str, Latest]:
    """Each reported indicator's latest state, by indicator id."""
    by_id = {ind.id: ind for ind in project.all_indicators}
    out: dict[str, Latest] = {}
    for report in project.reports:  # in date order: later reports win
        for reading in report.values:
            out[reading.indicator] = Latest(
                by_id[reading.indicator], reading, report, elapsed(report.date, year)
            )
    return out


@dataclass(frozen=True)
class Rollup:
    reported: int  # indicators with a published state
    total: int  # indicators that count
    met: int
    average: Decimal | None  # percent, None when nothing is reported


def rollup(indicators: tuple[Indicator, ...], states: dict[str, Latest]) -> Rollup:
    counting = [ind for ind in indicators if counted(ind)]
    known = [states[ind.id] for ind in counting if ind.id in states]
    average = sum((s.credit for s in known), Decimal(0)) / len(known) if known else None
    return Rollup(len(known), len(counting), sum(s.met for s in known), average)


def status(project: Project, states: dict[str, Latest]) -> str:
    """未公布 / 进行中 / 已完成 / 滞后 / 本年无任务."""
    if any(note.kind == "no-task" for note in project.notes):
        return "no-task"
    counting = [ind for ind in project.all_indicators if counted(ind)]
    known = [states[ind.id] for ind in counting if ind.id in states]
    if not known:
        return "unpublished"
    if len(known) == len(counting) and all(s.met for s in known):
        return "done"
    if any(not s.ahead for s in known):
        return "behind"
    return "ongoing"


@dataclass(frozen=True)
class ProjectProgress:
    """Everything a page needs to show a project's progress."""

    states: dict[str, Latest]
    status: str
    total: Rollup
    rows: dict[str | None, Rollup]  # by item id (None: the target of a project without items)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def of(project: Project, year: int) -> ProjectProgress:
    states = latest(project, year)
    rows = {row.id: rollup(row.indicators, states) for row in project.rows}
    return ProjectProgress(
        states, status(project, states), rollup(project.all_indicators, states), rows
    )


def history(project: Project) -> list[Report]:
    """Reports newest first, as the update history shows them."""
    return sorted(project.reports, key=lambda r: r.date, reverse=True)


def recent(projects: Iterable[Project]) -> list[tuple[Report, Project]]:
    """Every report with its project, newest first; on one day, in 序号 order."""
    pairs = [(r, p) for p in projects for r in p.reports]  # already in 序号 order
    return sorted(pairs, key=lambda rp: rp[0].date, reverse=True)  # stable: ties keep it
