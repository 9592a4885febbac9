"""Rows into reports: the rows of one project with one date form one report.

Each report is then held against the data: one already there with the same date and
figures is skipped (importing a sheet twice changes nothing); one there with other
figures is an error, since a published figure is corrected by a new report, never
edited; a new one must keep cumulative counts from falling, unless marked a correction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Project, Reading, Report
from .entries import Entry, label
from .layout import CORRECTION, INDICATOR_ID, MET, NOTE, REACHED, SOURCE
from .problems import Problems


@dataclass(frozen=True)
class Found:
    """A report of the sheet: new, or already in the data (``known``)."""

    project: Project
    report: Report
    entries: tuple[Entry, ...]
    known: bool = False


def reports(entries: list[Entry], problems: Problems) -> list[Found]:
    """The sheet's reports in the data's order (project, then date); mistakes recorded."""
    groups: dict[tuple[int, str], list[Entry]] = {}
    for entry in entries:
        groups.setdefault((entry.project.seq, entry.date), []).append(entry)
    found = []
    for key in sorted(groups):
        report = _report(groups[key], problems)
        if report is not None:
            found.append(Found(groups[key][0].project, report, tuple(groups[key])))
    return [_against_data(f, found, problems) for f in found]


def _error(problems: Problems, entry: Entry, column: str, message: str) -> None:
    problems.add(entry.row.sheet, entry.row.number, column, message)


def _other(other: Entry, entry: Entry) -> str:
    """Another row, as seen from ``entry``'s row: 第5行, or 工作表“9月”第5行 on another sheet."""
    sheet = f"工作表“{other.row.sheet}”" if other.row.sheet != entry.row.sheet else ""
    return f"{sheet}第{other.row.number}行"


def _shared(group: list[Entry], column: str, pick: Callable[[Entry], object], problems: Problems) -> object:
    """A value given for the whole report: on one row or more, the same on each."""
    given = [(e, pick(e)) for e in group if pick(e) is not None]
    if not given:
        return None
    first, value = given[0]
    for entry, other in given[1:]:
        if other != value:
            _error(
                problems, entry, column,
                f"与{_other(first, entry)}不同；同一项目同一截至日期的各行是一份报告，{column}应相同",
            )  # fmt: skip
    return value


def _report(group: list[Entry], problems: Problems) -> Report | None:
    before = len(problems.found)
    seen: dict[str, Entry] = {}
    for entry in group:
        twin = seen.setdefault(entry.indicator.id, entry)
        if twin is not entry:
            _error(
                problems, entry, INDICATOR_ID,
                f"与{_other(twin, entry)}重复：同一截至日期的同一个数字只能填一行",
            )  # fmt: skip
    source = _shared(group, SOURCE, lambda e: e.source, problems)
    note = _shared(group, NOTE, lambda e: e.note, problems)
    correction = _shared(group, CORRECTION, lambda e: e.correction, problems)
    first = group[0]
    if source is None:
        _error(
            problems, first, SOURCE,
            f"{label(first.project)} 截至 {first.date} 的报告没有来源；请写明发布这些数字的文件或公告的名称",
        )  # fmt: skip
    if len(problems.found) > before:
        return None
    order = [ind.id for ind in first.project.all_indicators]
    values = sorted((e.reading for e in group), key=lambda r: order.index(r.indicator))
    return Report(
        date=first.date,
        source=str(source),
        note=None if note is None else str(note),
        correction=correction is True,
        values=tuple(values),
    )


def _shown(reading: Reading) -> str:
    if reading.met is not None:
        return "是" if reading.met else "否"
    return str(reading.reached)


def _against_data(found: Found, sheet: list[Found], problems: Problems) -> Found:
    project, report = found.project, found.report
    same_day = next((r for r in project.reports if r.date == report.date), None)
    if same_day is None:
        _never_falls(found, sheet, problems)
        return found
    where = f"{label(project)} 截至 {report.date} 的报告已在数据中"
    published = {r.indicator: r for r in same_day.values}
    for entry in found.entries:
        column = MET if entry.indicator.judged else REACHED
        old = published.get(entry.indicator.id)
        if old is None:
            _error(problems, entry, column, f"{where}，其中没有这个数字；已发布的报告不能补充，请用新的截至日期另报")
        elif (old.reached, old.met) != (entry.reading.reached, entry.reading.met):
            _error(
                problems, entry, column,
                f"{where}，其中这个数字为 {_shown(old)}，表中为 {_shown(entry.reading)}；"
                "已发布的数字不能改动。如果原来的数字有误，请用新的截至日期填报正确的数字，并在更正列填“是”",
            )  # fmt: skip
    for column, old_text, new_text in (
        (SOURCE, same_day.source, report.source),
        (NOTE, same_day.note, report.note),
    ):
        if new_text is not None and new_text != old_text:
            entry = next(e for e in found.entries if (e.source if column == SOURCE else e.note))
            _error(problems, entry, column, f"{where}，{column}为“{old_text or ''}”；已发布的报告不能改动")
    return Found(project, report, found.entries, known=True)


def _never_falls(found: Found, sheet: list[Found], problems: Problems) -> None:
    """A cumulative count never falls from one report to the next, unless corrected."""
    project, report = found.project, found.report
    others = [*project.reports] + [
        f.report for f in sheet if f.project is project and f.report is not report
    ]
    for entry in found.entries:
        ind = entry.indicator
        value = entry.reading.reached
        if not ind.cumulative or value is None:
            continue
        dated = [
            (r.date, v.reached, r.correction)
            for r in others
            for v in r.values
            if v.indicator == ind.id and v.reached is not None
        ]
        before = max((d for d in dated if d[0] < report.date), default=None)
        after = min((d for d in dated if d[0] > report.date), default=None)
        if before and value < before[1] and not report.correction:
            _error(
                problems, entry, REACHED,
                f"累计数 {value} 低于截至 {before[0]} 的 {before[1]}；累计数不会减少。"
                "如果是更正以前报错的数字，请在更正列填“是”",
            )  # fmt: skip
        if after and after[1] < value and not after[2]:
            _error(
                problems, entry, REACHED,
                f"累计数 {value} 高于之后截至 {after[0]} 已发布的 {after[1]}；请核对截至日期和数字",
            )  # fmt: skip
