"""Open data: the whole data set as JSON, and one CSV row per indicator."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from .. import progress
from ..model import Indicator, Notice, Project
from ..phrases import DIRECTION_LABELS, t
from ..progress import ProjectProgress


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)  # exactly as written in the data, never a float
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# Each notice's JSON and CSV rows as last written, by the objects they were written from:
# the model is frozen, and ``make serve`` rebuilds with the notices it read before
# (data/load.py) and the plans an edit left alone (remake.py), so at 7 notices a save
# wrote every notice's open data again for one changed. The objects are held with the
# text, so that their ids are not reused; the least recently used go first.
_WRITTEN: OrderedDict[tuple[str, tuple[int, ...]], tuple[tuple[object, ...], str]] = OrderedDict()
_KEEP = 64


def _written(kind: str, inputs: tuple[object, ...], write: Callable[[], str]) -> str:
    key = (kind, tuple(map(id, inputs)))
    kept = _WRITTEN.get(key)
    if kept is not None and all(a is b for a, b in zip(kept[0], inputs, strict=True)):
        _WRITTEN.move_to_end(key)
        return kept[1]
    text = write()
    _WRITTEN[key] = (inputs, text)
    while len(_WRITTEN) > _KEEP:
        _WRITTEN.popitem(last=False)
    return text


def to_json(notice: Notice) -> str:
    """Every field of the data file, reports included, in the same structure."""
    return _written("json", (notice,), lambda: json.dumps(_plain(dataclasses.asdict(notice)), ensure_ascii=False, indent=1) + "\n")


def to_json_all(notices: list[Notice]) -> str:
    """Every notice of the site, oldest first: a list of what ``to_json`` gives for each.

    The same text as ``json.dumps`` of that list (tests/test_export.py), made from each
    notice's own text, which ``make serve`` keeps: inside a list, each line of an item is
    indented one step more, and no JSON string holds a line break."""
    if not notices:
        return "[]\n"
    items = (" " + to_json(n).rstrip("\n").replace("\n", "\n ") for n in notices)
    return "[\n" + ",\n".join(items) + "\n]\n"


CSV_COLUMNS = [
    "年份", "文号", "序号", "项目编号", "项目", "子项编号", "子项", "指标编号", "统计内容",
    "目标值", "单位", "要求", "适用范围", "最新数值", "是否达到", "完成率%", "报告日期",
    "序时进度%", "来源", "通知原文",
]  # fmt: skip


def cell(value: object) -> object:
    """A spreadsheet must not run data as a formula: text starting with = + - @ gets a '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def requirement(project: Project, ind: Indicator) -> str:
    """The 要求 column in words (不低于, 约…); a project without a task this year says so."""
    return t("no_task") if project.no_task else DIRECTION_LABELS[ind.direction]


def to_csv(notice: Notice, states: Mapping[str, ProjectProgress]) -> str:
    """One row per indicator with its latest progress; UTF-8 with BOM so Excel opens it.

    ``states`` is each project's progress, by project id. Text that a spreadsheet would
    read as a formula is prefixed with ' (see ``cell``); projects.json keeps every text
    exactly as written.
    """
    return to_csv_all([(notice, states)])


def to_csv_all(notices: Sequence[tuple[Notice, Mapping[str, ProjectProgress]]]) -> str:
    """``to_csv`` of several notices in one table: one row per notice and indicator. Made
    of each notice's rows (a CSV writer writes each row alone: the same text as one writer
    for all, tests/test_export.py), kept as ``to_json`` keeps each notice's JSON."""
    rows = (_written("csv", (n, states), partial(_notice_rows, n, states)) for n, states in notices)
    return "\ufeff" + _csv_text([CSV_COLUMNS]) + "".join(rows)


def _notice_rows(notice: Notice, states: Mapping[str, ProjectProgress]) -> str:
    return _csv_text(_rows(notice, states))


def _csv_text(rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _rows(notice: Notice, states: Mapping[str, ProjectProgress]) -> Iterator[Iterable[object]]:
    for project in notice.projects:
        latest = states[project.id].states
        for row in project.rows:
            for ind in row.indicators:
                st = latest.get(ind.id)
                yield map(cell, [
                    notice.document.year, notice.document.number, project.seq, project.id, project.name,
                    row.id or "", row.name or "", ind.id, ind.counts,
                    ind.value, ind.unit, requirement(project, ind), ind.scope or "",
                    "" if st is None or st.reading.reached is None else st.reading.reached,
                    "" if st is None else ("是" if st.met else "否"),
                    "" if st is None or st.share is None else progress.percent(st.share),
                    "" if st is None else st.report.date,
                    "" if st is None else progress.percent(st.expected),
                    "" if st is None else st.report.source,
                    ind.clause,
                ])  # fmt: skip
