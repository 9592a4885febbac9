"""A project of the notice: its target texts, the figures in them, and its progress reports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .fields import (
    DATE_PATTERN,
    ID_PATTERN,
    LINK_PATTERN,
    NO_FIGURE,
    VALUE_PATTERN,
    former_ids,
    id_field,
    spec,
    value_pattern,
)

CategoryId = Literal["new", "improved", "continued"]
Direction = Literal["at-least", "at-most", "exactly", "about", "cap"]
NoteKind = Literal["no-task", "county-class", "blank", "scope", "wording", "annex"]


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One figure in a target text, as printed, with what it counts."""

    id: str = id_field("指标编号（页面锚点）")
    aliases: tuple[str, ...] = former_ids("本指标")
    counts: str = spec("统计的是什么")
    quote: str = spec("目标任务原文中含该数字的一段文字（须在原文中且只出现一次）", multiline=True)
    clause: str = spec(
        "含该数字及其限定词、单位和范围的最短原文（如“救助对象约598人次”）：凡显示该数字之处都连同这段文字显示",
        multiline=True,
    )
    value: str = spec(
        '原文数值，照印（须加引号）；原文为“/”的写 "/"，表示本年未设数值', pattern=VALUE_PATTERN
    )
    unit: str = spec("单位，照印")
    direction: Direction = spec(
        "方向：at-least 不低于、at-most 不超过、exactly 目标值、about 约、cap 封顶"
    )
    scope: str | None = spec("适用范围（仅当数字不适用于本县时填写，如“一类县”）", default=None)
    continues: str | None = spec(
        "接续的往年指标：本项目所接续的往年项目中，统计同一件事的指标编号（填了项目的 continues 才能填）",
        pattern=ID_PATTERN,
        default=None,
    )

    @property
    def has_figure(self) -> bool:
        return self.value != NO_FIGURE

    @property
    def judged(self) -> bool:
        """Caps and ceilings are reported as met or not met, not as a reached value."""
        return self.direction in ("cap", "at-most")

    @property
    def percent(self) -> bool:
        return self.unit == "%"

    @property
    def cumulative(self) -> bool:
        """A count that only grows over the year (a rate or a cap may go down)."""
        return not self.judged and not self.percent

    @property
    def number(self) -> Decimal | None:
        return Decimal(self.value) if self.has_figure else None


@dataclass(frozen=True, kw_only=True)
class NotTarget:
    """A number in a target text that is not a target (a year, an age range…)."""

    quote: str = spec("目标任务原文中含该数字的一段文字", multiline=True)
    reason: str = spec("为什么不是目标数字", example="年份")


@dataclass(frozen=True, kw_only=True)
class Item:
    """A row of the annex: a project's sub-item with its own target text."""

    id: str = id_field("子项编号（页面锚点）")
    aliases: tuple[str, ...] = former_ids("本子项")
    name: str = spec("子项名称，照附件")
    target: str = spec("目标任务，照抄附件原文", multiline=True)
    indicators: tuple[Indicator, ...] = spec("目标任务中的每个数字", default=())
    not_targets: tuple[NotTarget, ...] = spec("目标任务中不是目标的数字", default=())
    headline: str | None = spec(
        "最要紧的数字（本子项的指标编号），显示在分组页和页面顶部；不填则取第一个有数值的数字",
        pattern=ID_PATTERN,
        default=None,
    )
    standard: str | None = spec(
        "每人享受的金额或标准（本子项的指标编号），页面上排在最前；这是本站的编排，不是通知的分类",
        pattern=ID_PATTERN,
        default=None,
    )
    annex_group: str | None = spec(
        "附件“项目”栏在本行另印的文字（与项目名称不同时填写，照附件）", default=None
    )


@dataclass(frozen=True)
class Row:
    """A target text with its figures: a sub-item, or the project's own target (``item`` None)."""

    item: Item | None
    target: str
    indicators: tuple[Indicator, ...]
    not_targets: tuple[NotTarget, ...]
    headline_id: str | None = None  # the project's own headline, for a project without items
    standard_id: str | None = None  # the project's own standard, for a project without items
    no_task: bool = False  # the notice says the county has no task this year (无任务)

    @property
    def id(self) -> str | None:
        return self.item.id if self.item else None

    @property
    def name(self) -> str | None:
        return self.item.name if self.item else None

    @property
    def standard(self) -> Indicator | None:
        """The amount or standard per person, if the data names one (an editorial choice)."""
        wanted = self.item.standard if self.item else self.standard_id
        return next((i for i in self.indicators if i.id == wanted and i.has_figure), None)

    @property
    def headline(self) -> Indicator | None:
        """The figure shown first: the standard, else the one the data names, else the first
        with a value; none where the county has no task this year."""
        if self.no_task:
            return None
        if self.standard:
            return self.standard
        wanted = self.item.headline if self.item else self.headline_id
        figures = [ind for ind in self.indicators if ind.has_figure]
        return next((i for i in figures if i.id == wanted), figures[0] if figures else None)

    @property
    def ordered(self) -> tuple[Indicator, ...]:
        """The figures in the notice's order, the standard (if any) moved first."""
        first = self.standard
        return (first, *(i for i in self.indicators if i is not first)) if first else self.indicators

    def locate(self, indicator: Indicator) -> tuple[int, int] | None:
        """Where the indicator's value stands in the target text, if its quote is there once."""
        if self.target.count(indicator.quote) != 1:
            return None
        match = value_pattern(indicator.value).search(indicator.quote)
        if not match:
            return None
        start = self.target.index(indicator.quote)
        return start + match.start(), start + match.end()


@dataclass(frozen=True, kw_only=True)
class Reading:
    """One indicator's state on a report's date."""

    indicator: str = spec("指标编号（本项目中的指标 id）", pattern=ID_PATTERN)
    reached: Decimal | None = spec("截至报告日期累计达到的数值（数字，不带单位）", default=None)
    met: bool | None = spec("是否已达到目标（封顶、不超过类指标必填 true 或 false）", default=None)


@dataclass(frozen=True, kw_only=True)
class Report:
    """A dated progress report on a project, with its source."""

    date: str = spec("报告截止日期（YYYY-MM-DD，须加引号）", pattern=DATE_PATTERN)
    source: str = spec("数据来源：发布进度的文件或公告名称")
    link: str | None = spec("来源链接（如有）", pattern=LINK_PATTERN, default=None)
    note: str | None = spec("简短说明", default=None, multiline=True)
    correction: bool = spec("本报告更正了以前报告的数值时写 true", default=False)
    values: tuple[Reading, ...] = spec("各指标的进度")


@dataclass(frozen=True, kw_only=True)
class Note:
    """An editor's note on something special about a project's source text."""

    kind: NoteKind = spec("类别")
    text: str = spec("编者注（只说明原文，不增加事实）", multiline=True)


@dataclass(frozen=True, kw_only=True)
class Responsible:
    """Whom to ask about a project, as an official document or announcement names it."""

    unit: str = spec("主管单位或责任单位，照来源原文")
    contact: str | None = spec("咨询电话或其他联系方式，照来源原文（来源没有写就不填）", default=None)
    source: str = spec("写明这个单位（和联系方式）的文件或公告名称；不得自拟")


@dataclass(frozen=True, kw_only=True)
class Continues:
    """The project of an earlier notice that a project continues."""

    year: int = spec("往年通知的年份（本站收录的）")
    project: str = spec("往年通知中该项目的编号", pattern=ID_PATTERN)


@dataclass(frozen=True, kw_only=True)
class Project:
    """One livelihood project. Its target is either one text or split into items."""

    id: str = id_field("项目编号（网址的一部分）")
    aliases: tuple[str, ...] = former_ids("本项目")
    seq: int = spec("序号")
    name: str = spec("项目名称，照附件（附件未印时照正文，并把 name_in_annex 写为 false）")
    name_in_annex: bool = spec(
        "附件中印有本项目名称时为 true；附件未印、名称取自正文时写 false", default=True
    )
    body_name: str | None = spec("正文中的名称（与附件不同时填写）", default=None)
    category: CategoryId = spec("类别：new 新增、improved 完善、continued 继续实施")
    explanation: str | None = spec(
        "正文中对本项目的说明段落，照抄原文", default=None, multiline=True
    )
    keywords: tuple[str, ...] = spec("搜索关键词：群众常用的简称", default=())
    notes: tuple[Note, ...] = spec("编者注", default=())
    target: str | None = spec(
        "目标任务，照抄附件原文（无子项时填写）", default=None, multiline=True
    )
    indicators: tuple[Indicator, ...] = spec("目标任务中的每个数字", default=())
    not_targets: tuple[NotTarget, ...] = spec("目标任务中不是目标的数字", default=())
    items: tuple[Item, ...] = spec("子项（附件分行列出时填写）", default=())
    headline: str | None = spec(
        "最要紧的数字（指标编号，无子项时填写），显示在分组页和页面顶部；不填则取第一个有数值的数字",
        pattern=ID_PATTERN,
        default=None,
    )
    standard: str | None = spec(
        "每人享受的金额或标准（指标编号，无子项时填写），页面上排在最前；这是本站的编排，不是通知的分类",
        pattern=ID_PATTERN,
        default=None,
    )
    responsible: Responsible | None = spec(
        "谁负责、到哪里问（可选；只填正式文件或公告写明的单位和联系方式）", default=None
    )
    reports: tuple[Report, ...] = spec("进度报告，按日期先后排列", default=())
    continues: Continues | None = spec(
        "接续的往年项目（往年通知中的同一项工程）：写明年份和项目编号，页面据此列出历年目标", default=None
    )

    @property
    def rows(self) -> tuple[Row, ...]:
        """The target rows: one per sub-item, or the project's own target as one row."""
        if self.items:
            return tuple(
                Row(i, i.target, i.indicators, i.not_targets, no_task=self.no_task) for i in self.items
            )
        return (
            Row(None, self.target or "", self.indicators, self.not_targets, self.headline,
                self.standard, self.no_task),
        )

    @property
    def no_task(self) -> bool:
        """The notice says the county has no task in this project this year (无任务)."""
        return any(note.kind == "no-task" for note in self.notes)

    @property
    def all_indicators(self) -> tuple[Indicator, ...]:
        return tuple(ind for row in self.rows for ind in row.indicators)
