"""One row of a filled template checked on its own: which figure, what date, what value.

Every mistake is recorded against its cell; a row with a mistake gives no entry, and
nothing is guessed: a value that is not plainly a number or a date is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..data import chars
from ..data.scalars import MAX_FRACTION_DIGITS, MAX_WHOLE_DIGITS
from ..model import Indicator, Notice, Project, Reading
from ..phrases import DIRECTION_LABELS
from ..site.export import cell as escaped
from .layout import (
    CORRECTION,
    COUNTS,
    DATE,
    INDICATOR_ID,
    MET,
    NAME,
    NO,
    NOTE,
    PROGRESS,
    PROJECT_ID,
    REACHED,
    REQUIREMENT,
    SEQ,
    SOURCE,
    TARGET,
    UNIT,
    VERIFIED,
    YES,
    Line,
    notice_label,
)
from .problems import Problems
from .read import ERRORS, Row, is_empty, text

Say = Callable[[str | None, str], None]  # records a mistake in a column of the row

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")  # ASCII digits only: ٤٠ is not read as 40
PLAUSIBLE = 10  # a count above ten times its target is a typo until the row says 核实


def label(project: Project) -> str:
    """How messages name a project: 第5项 农村危房改造."""
    return f"第{project.seq}项 {project.name}"


@dataclass(frozen=True)
class Entry:
    """A valid row: one figure's state on a date, with the report's words as given."""

    row: Row
    project: Project
    indicator: Indicator
    date: str
    reading: Reading
    source: str | None
    note: str | None
    correction: bool | None  # None: the cell was left empty


class Checker:
    """Checks rows against the data; mistakes go to ``problems``."""

    def __init__(self, notice: Notice, problems: Problems) -> None:
        self.notice = notice
        self.projects = {p.id: p for p in notice.projects}
        self.problems = problems

    def entries(self, rows: list[Row]) -> list[Entry]:
        found = (self.entry(row) for row in rows if not _blank(row))
        return [e for e in found if e is not None]

    def entry(self, row: Row) -> Entry | None:
        before = len(self.problems.found)

        def error(column: str | None, message: str) -> None:
            self.problems.add(row.sheet, row.number, column, message)

        if self._unreadable(row, error):
            return None
        if all(is_empty(row.value(t)) for t in (DATE, REACHED, MET)):
            filled = "、".join(t for t in PROGRESS if not is_empty(row.value(t)))
            error(DATE, f"本行填了{filled}，但没有截至日期和累计完成；本次不报的行，请把进度各列都留空")
            return None
        found = self._figure(row, error)
        date = self._date(row, error)
        if found is None:
            return None
        project, ind = found
        self._prefilled(row, Line(project, ind, notice_label(self.notice.document)), error)
        reading = self._reading(row, ind, error)
        words = {t: text(row.value(t)) or None for t in (SOURCE, NOTE, CORRECTION)}
        correction = words[CORRECTION]
        if correction not in (None, YES, NO):
            error(CORRECTION, f"应为“是”或“否”（或留空），实际为“{correction}”")
        if len(self.problems.found) > before or date is None or reading is None:
            return None
        fixed = None if correction is None else correction == YES
        return Entry(row, project, ind, date, reading, words[SOURCE], words[NOTE], fixed)

    def _unreadable(self, row: Row, error: Say) -> bool:
        """Whether the row holds what cannot be read as a report at all: it is hidden, or a
        cell is an uncalculated formula, an error value, or has characters the data refuses."""
        before = len(self.problems.found)
        if row.hidden:
            error(None, "是隐藏的行，其中填了进度；隐藏的内容不导入，请取消隐藏、核对后再导入（本次不报的行请清空进度各列）")
        for title, cell in row.cells.items():
            shown = text(cell.value)
            if cell.error or shown in ERRORS:
                error(title, f"是表格的错误值“{shown}”（公式出错的结果），不是数据；请改正后再导入")
            elif title in PROGRESS and cell.pending:
                error(title, "是公式，但文件中没有保存计算结果；请在表格软件中打开并保存后再导入")
            elif title in (*PROGRESS, VERIFIED) and (why := _characters(title, shown)):
                error(title, why)
        return len(self.problems.found) > before

    def _figure(self, row: Row, error: Say) -> tuple[Project, Indicator] | None:
        project_id, indicator_id = text(row.value(PROJECT_ID)), text(row.value(INDICATOR_ID))
        if not project_id or not indicator_id:
            missing = PROJECT_ID if not project_id else INDICATOR_ID
            error(missing, f"本行填了进度，但没有{missing}；预填的列请不要删改")
            return None
        project = self.projects.get(project_id)
        if project is None:
            error(PROJECT_ID, f"没有编号为“{project_id}”的项目；预填的列请不要修改")
            return None
        indicators = {ind.id: ind for ind in project.all_indicators}
        ind = indicators.get(indicator_id)
        if ind is None:
            known = "、".join(i.id for i in project.all_indicators if i.has_figure) or "无"
            error(INDICATOR_ID, f"{label(project)}没有编号为“{indicator_id}”的指标（本项目的指标：{known}）")
            return None
        if not ind.has_figure:
            error(INDICATOR_ID, f"“{ind.counts}”原文为“/”，本年未设数值，不能填报进度")
            return None
        return project, ind

    def _prefilled(self, row: Row, line: Line, error: Say) -> None:
        """The site's own columns must still say what the ids say (rows not shuffled)."""
        given = line.prefilled()
        for title in (SEQ, NAME, COUNTS, TARGET, UNIT, REQUIREMENT):
            value = row.value(title)
            if is_empty(value):
                continue
            shown, expected = text(value), str(given[title])
            same = shown in (expected, escaped(expected))
            if title == TARGET and _NUMBER.fullmatch(shown):
                same = Decimal(shown) == Decimal(expected)
            if not same:
                error(title, f"应为“{expected}”，实际为“{shown}”；预填的列请不要修改（行与行之间也不要错位）")

    def _date(self, row: Row, error: Say) -> str | None:
        value = row.value(DATE)
        if is_empty(value):
            what = "是否达到" if is_empty(row.value(REACHED)) else "累计完成"
            error(DATE, f"填了{what}，但没有填截至日期")
            return None
        year = self.notice.document.year
        if isinstance(value, dt.datetime | dt.date):
            day = value.date() if isinstance(value, dt.datetime) else value
        else:
            found = _DATE.fullmatch(text(value))
            if not found:
                error(DATE, f"应为日期（如 {year}-09-30），实际为“{text(value)}”")
                return None
            try:
                day = dt.date(*map(int, found.groups()))
            except ValueError:
                error(DATE, f"“{text(value)}”不是有效日期")
                return None
        if day.year < year:
            error(DATE, f"{day.isoformat()} 早于实施年度 {year} 年")
            return None
        if day.isoformat() < self.notice.document.date:
            error(DATE, f"{day.isoformat()} 早于通知的成文日期 {self.notice.document.date}")
            return None
        if day.year > year + 1:
            error(DATE, f"{day.isoformat()} 太晚：截至日期应不晚于实施年度次年年底（{year + 1}-12-31）")
            return None
        return day.isoformat()

    def _reading(self, row: Row, ind: Indicator, error: Say) -> Reading | None:
        reached, met = row.cell(REACHED), row.value(MET)
        if ind.judged:
            what = f"“{ind.counts}”的要求是{DIRECTION_LABELS[ind.direction]}"
            if not is_empty(reached.value):
                error(REACHED, f"{what}，不填累计完成，请在是否达到列填“是”或“否”")
            if is_empty(met):
                error(MET, f"{what}，请填“是”或“否”")
            elif text(met) not in (YES, NO):
                error(MET, f"应为“是”或“否”，实际为“{text(met)}”")
            else:
                return Reading(indicator=ind.id, met=text(met) == YES)
            return None
        if not is_empty(met):
            error(MET, "只有要求为封顶、不超过的数字填是否达到；本行请填累计完成")
        if reached.pending:
            return None  # already reported: a formula without its result
        if is_empty(reached.value):
            error(REACHED, "填了截至日期，但没有填累计完成；本次不报这个数字的话，请把本行的截至日期也删去")
            return None
        number = _number(reached.value, reached.percent, ind.percent)
        if number is None:
            error(REACHED, f"应为数字，实际为“{text(reached.value)}”")
        elif too_long := _digits(number):
            error(REACHED, f"{text(reached.value)} {too_long}")
        elif number < 0:
            error(REACHED, f"不能小于 0，实际为 {text(reached.value)}")
        elif ind.percent and number > 100:
            error(REACHED, f"单位为 %，应在 0 到 100 之间，实际为 {number}")
        elif not self._plausible(row, ind, number, error):
            return None
        else:
            return Reading(indicator=ind.id, reached=number)
        return None

    def _plausible(self, row: Row, ind: Indicator, number: Decimal, error: Say) -> bool:
        """A count above ten times its target is refused unless the row says it was checked."""
        verified = text(row.value(VERIFIED)) or None
        if verified not in (None, YES, NO):
            error(VERIFIED, f"应为“是”或“否”（或留空），实际为“{verified}”")
            return False
        target = ind.number
        if ind.percent or not target or number <= target * PLAUSIBLE or verified == YES:
            return True
        error(
            REACHED,
            f"{number} 超过目标 {ind.value} {ind.unit}的 {PLAUSIBLE} 倍，"
            f"可能多打了数字或填错了单位；请核对。核实确实如此的，请在“{VERIFIED}”列填“是”",
        )
        return False


def _characters(title: str, shown: str) -> str | None:
    """What the data refuses in a cell's characters (``data/chars.py``): a line break is
    allowed only in 备注, a paragraph in the data (``Report.note``); digits other than 0–9
    only in words (来源, 备注), never in a date or a figure."""
    figure = title in (DATE, REACHED) and chars.foreign_digit(shown)
    return chars.problem(shown, multiline=title == NOTE) or figure or None


def _digits(number: Decimal) -> str | None:
    """What is wrong with the length of a figure, in the data's own limits (scalars.py)."""
    whole, _, decimals = format(number, "f").partition(".")
    fraction = len(decimals)
    if fraction > MAX_FRACTION_DIGITS:
        return f"有 {fraction} 位小数，最多 {MAX_FRACTION_DIGITS} 位；公式算出的数请先取整（ROUND），或直接填数字"
    if len(whole) > MAX_WHOLE_DIGITS:
        return f"位数过多（整数部分 {len(whole)} 位，最多 {MAX_WHOLE_DIGITS} 位）"
    return None


def _blank(row: Row) -> bool:
    """A row whose progress cells are all empty: not reported this time."""
    return all(is_empty(row.value(t)) or (t == CORRECTION and text(row.value(t)) == NO) for t in PROGRESS)


def _number(value: Any, shown_as_percent: bool, percent: bool) -> Decimal | None:
    """A count or a percentage as written; a spreadsheet keeps 85% as 0.85."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        figure = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if shown_as_percent:
            figure *= 100
        return _plain(figure)
    written = text(value)
    if percent and written.endswith(("%", "％")):
        written = written[:-1].strip()
    return Decimal(written) if _NUMBER.fullmatch(written) else None


def _plain(figure: Decimal) -> Decimal:
    """300.0 as 300, 0.5 as 0.5: what a person typed, not how a float stores it."""
    if figure == figure.to_integral_value():
        return figure.quantize(Decimal(1))
    return figure.normalize()
