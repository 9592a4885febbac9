"""``python -m generator import FILE``: a filled progress template into the data file.

All or nothing: every row is checked, every mistake reported, and the data file is
written only when the whole sheet is valid, the new text passes the same strict loader
as every build, and that text holds the old one unchanged line for line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic
from ..data import load, load_bytes
from ..errors import DataErrors
from ..model import Notice, Project, Report
from .entries import Checker, label
from .origin import foreign
from .problems import Problems
from .read import read
from .reports import Found, reports
from .writer import add_reports, inline_reports, line_ends, only_added

BOM = b"\xef\xbb\xbf"


@dataclass
class Outcome:
    """What an import did, for the command line to print."""

    problems: Problems
    rows: int = 0  # rows with progress
    added: list[tuple[Project, Report]] = field(default_factory=list)
    known: list[tuple[Project, Report]] = field(default_factory=list)
    data_errors: DataErrors | None = None  # the data file as it is
    rejected: DataErrors | None = None  # the text the import would write (a guard)


def run(sheet: Path, data: Path, data_name: str) -> Outcome:
    """Check ``sheet`` against ``data`` and, if all is well, add its new reports there."""
    problems = Problems(sheet.name)
    outcome = Outcome(problems)
    try:
        notice = load(data, data_name)
    except DataErrors as exc:
        outcome.data_errors = exc
        return outcome
    rows = read(sheet, problems)
    if foreign(rows, notice.document, data_name, problems):
        return outcome  # another notice's sheet: its rows would only be misreported here
    entries = Checker(notice, problems).entries(rows)
    outcome.rows = len({(e.row.sheet, e.row.number) for e in entries})
    found = reports(entries, problems)
    if problems:
        return outcome
    outcome.known = [(f.project, f.report) for f in found if f.known]
    new = [f for f in found if not f.known]
    if new:
        _write(data, data_name, notice, new, outcome)
    return outcome


def _write(data: Path, name: str, notice: Notice, new: list[Found], outcome: Outcome) -> None:
    raw = data.read_bytes()
    bom = raw.startswith(BOM)
    old = raw.removeprefix(BOM).decode("utf-8")
    plain = old.replace("\r\n", "\n")
    if (inline := inline_reports(plain, [f.project.id for f in new])) is not None:
        line, project_id = inline
        outcome.problems.add(
            None, 0, None,
            f"{name} 第{line}行：项目“{project_id}”的 reports 写在了一行里（如 reports: []），"
            "导入只能在逐行书写的列表中添加报告；请删去这一行（没有报告时不写 reports）后再导入",
        )  # fmt: skip
        return
    text = add_reports(plain, [(f.project.id, f.report) for f in new])
    result = (BOM if bom else b"") + line_ends(old, text).encode("utf-8")
    try:
        checked = load_bytes(result, name)
    except DataErrors as exc:
        outcome.rejected = exc
        return
    lost = not only_added(plain, text) or not _holds(checked, new)
    if lost:  # a guard: the tests show it never fires; if it does, nothing is written
        outcome.problems.add(None, 0, None, f"写入 {name} 时会改动原有内容，已停止；请把这个文件交给维护网站的同志")
        return
    # all at once, through a symbolic link, synced: never a half-written data file
    atomic.write_bytes(data, result, suffix=".importing")
    outcome.added = [(f.project, f.report) for f in new]


def _holds(notice: Notice, new: list[Found]) -> bool:
    """Whether the data read back holds each new report exactly as meant."""
    return all(f.report in notice.project(f.project.id).reports for f in new)


def describe(outcome: Outcome, sheet: str) -> list[str]:
    """What the import added (per project: date, figures) and what was there already."""
    lines = [f"已读取 {sheet}：填了进度的 {outcome.rows} 行。"]
    lines += [f"注意：{remark}" for remark in outcome.problems.remarks]
    for project, report in outcome.added:
        mark = "（更正）" if report.correction else ""
        lines.append(f"新增 {label(project)} 截至 {report.date} 的报告{mark}，来源：{report.source}")
        indicators = {ind.id: ind for ind in project.all_indicators}
        for reading in report.values:
            ind = indicators[reading.indicator]
            if reading.met is not None:
                value = "已达到" if reading.met else "未达到"
            else:
                value = f"{reading.reached}{'' if ind.percent else ' '}{ind.unit}"
            lines.append(f"  {ind.counts}：{value}")
    for project, report in outcome.known:
        lines.append(f"已有 {label(project)} 截至 {report.date} 的报告，与表中相同，跳过")
    return lines
