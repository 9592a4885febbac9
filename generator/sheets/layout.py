"""What a progress template holds: its columns, its instructions, and one line per figure.

Shared by the two formats (``workbook.py`` writes .xlsx, ``csvfile.py`` writes .csv) and by
the importer, which finds the columns by these titles. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document, Indicator, Notice, Project
from ..phrases import DIRECTION_LABELS


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # in characters, for the spreadsheet
    prefilled: bool  # filled by the site; the clerk fills the others
    doc: str  # what it holds: on the instruction sheet, the data page and in datapackage.json


NOTICE = "通知"  # which notice the sheet belongs to: checked on import (sheets/origin.py)
PROJECT_ID, SEQ, NAME, INDICATOR_ID = "项目编号", "序号", "项目名称", "指标编号"
COUNTS, TARGET, UNIT, REQUIREMENT = "统计内容", "目标", "单位", "要求"
CLAUSE = "通知原文"  # the indicator's clause, as in indicators.csv: never read on import
DATE, REACHED, MET, SOURCE, NOTE, CORRECTION = "截至日期", "累计完成", "是否达到", "来源", "备注", "更正"
VERIFIED = "核实"  # "是": a figure far above its target was checked (entries.py)

COLUMNS = (
    Column(NOTICE, 24, True, "本表属于哪一份通知：实施年度和文号（网站已填）；导入时核对，别的通知的表不能导入"),
    Column(PROJECT_ID, 18, True, "项目的永久编号（网站已填）"),
    Column(SEQ, 6, True, "项目在通知附件中的序号（网站已填）"),
    Column(NAME, 22, True, "项目名称，照录通知（网站已填）"),
    Column(INDICATOR_ID, 18, True, "目标数字的永久编号（网站已填）"),
    Column(COUNTS, 30, True, "这个数字统计的内容，照录通知（网站已填）"),
    Column(TARGET, 9, True, "通知定的目标数字（网站已填）"),
    Column(UNIT, 8, True, "目标数字的单位（网站已填）"),
    Column(REQUIREMENT, 14, True, "目标的要求（不低于、约、封顶等）和适用范围（网站已填）"),
    Column(
        CLAUSE,
        30,
        True,
        "通知中写这个目标数字的原话，连同限定词、单位和适用范围，照录通知；要达到的是什么，以它为准（网站已填，导入时不读这一列）",
    ),
    Column(DATE, 13, False, "本次进度截至的日期（年-月-日）"),
    Column(REACHED, 11, False, "截至该日累计达到的数，只填数字，不带单位；单位为 % 的填 0 到 100 之间的数"),
    Column(MET, 10, False, "封顶、不超过的目标：是否达到，填“是”或“否”（这类目标不填累计完成）"),
    Column(SOURCE, 34, False, "发布这些数字的文件或公告的名称；同一项目同一截至日期只需填一行"),
    Column(NOTE, 24, False, "备注，可不填"),
    Column(CORRECTION, 7, False, "更正以前报错的数字时填“是”，否则留空"),
    Column(VERIFIED, 7, False, "累计完成超过目标 10 倍、经核实无误时填“是”，否则留空"),
)
TITLES = tuple(c.title for c in COLUMNS)
# Columns that only describe the figure: never read on import, whatever they hold (the
# other prefilled columns are held against the data, to catch rows moved out of place).
DESCRIPTIVE = (CLAUSE,)
# The workbook's sheet of instructions: it has no header row, and the importer passes it by.
INSTRUCTIONS_SHEET = "填写说明"
# The columns of a clerk's report: a row with all of them empty is not a report.
PROGRESS = (DATE, REACHED, MET, SOURCE, NOTE, CORRECTION)
YES, NO = "是", "否"


def notice_label(document: Document) -> str:
    """How a sheet names its notice (the 通知 column), such as 2099年 测政〔2099〕1号."""
    return f"{document.year}年 {document.number}"


@dataclass(frozen=True)
class Line:
    """One figure of one project: a row of the template."""

    project: Project
    indicator: Indicator
    notice: str  # notice_label of the notice it belongs to

    @property
    def requirement(self) -> str:
        words = DIRECTION_LABELS[self.indicator.direction]
        return f"{words}；适用于{self.indicator.scope}" if self.indicator.scope else words

    def prefilled(self) -> dict[str, str | int]:
        """The cells the site fills, by column title; figures as printed in the notice."""
        ind = self.indicator
        return {
            NOTICE: self.notice,
            PROJECT_ID: self.project.id,
            SEQ: self.project.seq,
            NAME: self.project.name,
            INDICATOR_ID: ind.id,
            COUNTS: ind.counts,
            TARGET: ind.value,
            UNIT: ind.unit,
            REQUIREMENT: self.requirement,
            CLAUSE: ind.clause,
        }


def lines(notice: Notice, project: Project | None) -> list[Line]:
    """The rows of one project's template (or, for None, of every project's): a row per
    figure; a "/" (no figure set this year) takes no progress and has no row, nor does a
    project the county has no task in this year (无任务)."""
    label = notice_label(notice.document)
    return [
        Line(project, ind, label)
        for project in ([project] if project else notice.projects)
        if not project.no_task
        for ind in project.all_indicators
        if ind.has_figure
    ]


def has_template(project: Project) -> bool:
    """Whether a project gets a progress template: it has at least one figure. (A project
    without a task this year keeps its published template address; the template has no rows.)"""
    return any(ind.has_figure for ind in project.all_indicators)


def instructions(notice: Notice) -> list[str]:
    """How to fill the template, one step a line: on the workbook's instruction sheet and
    on the data page (never in the table itself, whose first row is its header)."""
    year = notice.document.year
    return [
        f"这是{notice.document.number}的进度填报表：每行是一个目标数字，第一行是列名。",
        "灰色的列已由网站填好，请不要修改。",
        f"“{CLAUSE}”列照录通知中写这个目标数字的原话（连同限定词、单位和适用范围）：要达到什么，以它为准。",
        f"“{NOTICE}”列写明本表属于哪一份通知（{notice_label(notice.document)}）；导入时核对，别的年份或文号的表不能导入。",
        f"本次要报的数字，在该行填写：截至日期（如 {year}-06-30）；累计完成（截至该日累计达到的数，只填数字，不带单位；"
        "单位为 % 的填 0 到 100 之间的数）；来源（发布这些数字的文件或公告的名称）；备注（可不填）。",
        "要求为封顶、不超过的数字不填累计完成，在“是否达到”填“是”或“否”。",
        "同一项目同一截至日期的各行是一份报告，来源只需填一行。",
        "更正以前报错的数字时，用新的截至日期填报正确的数，并在“更正”填“是”。",
        "累计完成超过目标 10 倍的行，核实无误后在“核实”填“是”，否则不会导入（防止多打零、填错单位）。",
        "本次不报的行留空。",
        "填好后保存，交给负责发布的同志导入网站（python -m generator import 文件名）。",
    ]


def note(notice: Notice) -> str:
    """The instructions as one paragraph."""
    return "".join(instructions(notice))


def title(notice: Notice, project: Project | None) -> str:
    """The template's title (document properties, sheet header)."""
    doc = notice.document
    who = f"第{project.seq}项 {project.name}" if project else f"全部{len(notice.projects)}项"
    return f"{doc.region}{doc.year}年民生工程进度填报表：{who}"
