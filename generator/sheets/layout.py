"""What a progress template holds: its columns, its note row, and one line per figure.

Shared by the two formats (``workbook.py`` writes .xlsx, ``csvfile.py`` writes .csv) and by
the importer, which finds the columns by these titles. No I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Indicator, Notice, Project
from ..phrases import DIRECTION_LABELS


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # in characters, for the spreadsheet
    prefilled: bool  # filled by the site; the clerk fills the others


PROJECT_ID, SEQ, NAME, INDICATOR_ID = "项目编号", "序号", "项目名称", "指标编号"
COUNTS, TARGET, UNIT, REQUIREMENT = "统计内容", "目标", "单位", "要求"
DATE, REACHED, MET, SOURCE, NOTE, CORRECTION = "截至日期", "累计完成", "是否达到", "来源", "备注", "更正"
VERIFIED = "核实"  # "是": a figure far above its target was checked (entries.py)

COLUMNS = (
    Column(PROJECT_ID, 18, True),
    Column(SEQ, 6, True),
    Column(NAME, 22, True),
    Column(INDICATOR_ID, 18, True),
    Column(COUNTS, 30, True),
    Column(TARGET, 9, True),
    Column(UNIT, 8, True),
    Column(REQUIREMENT, 14, True),
    Column(DATE, 13, False),
    Column(REACHED, 11, False),
    Column(MET, 10, False),
    Column(SOURCE, 34, False),
    Column(NOTE, 24, False),
    Column(CORRECTION, 7, False),
    Column(VERIFIED, 7, False),
)
TITLES = tuple(c.title for c in COLUMNS)
# The columns of a clerk's report: a row with all of them empty is not a report.
PROGRESS = (DATE, REACHED, MET, SOURCE, NOTE, CORRECTION)
YES, NO = "是", "否"


@dataclass(frozen=True)
class Line:
    """One figure of one project: a row of the template."""

    project: Project
    indicator: Indicator

    @property
    def requirement(self) -> str:
        words = DIRECTION_LABELS[self.indicator.direction]
        return f"{words}；适用于{self.indicator.scope}" if self.indicator.scope else words

    def prefilled(self) -> dict[str, str | int]:
        """The cells the site fills, by column title; figures as printed in the notice."""
        ind = self.indicator
        return {
            PROJECT_ID: self.project.id,
            SEQ: self.project.seq,
            NAME: self.project.name,
            INDICATOR_ID: ind.id,
            COUNTS: ind.counts,
            TARGET: ind.value,
            UNIT: ind.unit,
            REQUIREMENT: self.requirement,
        }


def lines(projects: Iterable[Project]) -> list[Line]:
    """A row per figure; a "/" (no figure set this year) takes no progress and has no row."""
    return [
        Line(project, ind) for project in projects for ind in project.all_indicators if ind.has_figure
    ]


def has_template(project: Project) -> bool:
    """Whether a project gets a progress template: it has at least one figure."""
    return any(ind.has_figure for ind in project.all_indicators)


def note(notice: Notice) -> str:
    """The note row above the headers: what to fill, and how; nothing about any project."""
    year = notice.document.year
    return (
        f"填写说明（{notice.document.number}进度填报表）：每行是一个目标数字，灰色的列已由网站填好，请不要修改。"
        f"本次要报的数字，在该行填写：截至日期（如 {year}-06-30）；累计完成（截至该日累计达到的数，只填数字，不带单位；"
        "单位为 % 的填 0 到 100 之间的数）；来源（发布这些数字的文件或公告的名称）；备注（可不填）。"
        "要求为封顶、不超过的数字不填累计完成，在“是否达到”填“是”或“否”。"
        "同一项目同一截至日期的各行是一份报告，来源只需填一行。"
        "更正以前报错的数字时，用新的截至日期填报正确的数，并在“更正”填“是”。"
        "本次不报的行留空。填好后保存，交给负责发布的同志导入网站（python -m generator import 文件名）。"
    )


def title(notice: Notice, project: Project | None) -> str:
    """The template's title (document properties, sheet header)."""
    doc = notice.document
    who = f"第{project.seq}项 {project.name}" if project else f"全部{len(notice.projects)}项"
    return f"{doc.region}{doc.year}年民生工程进度填报表：{who}"
