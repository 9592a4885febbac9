"""The data model: what a notice of livelihood projects says. No I/O here.

The dataclasses are the single description of the data file: the loader builds
them field by field (so an unknown key is an error) and ``schema.py`` turns the
same fields into the JSON Schema that editors use. Each field's ``doc`` is the
Chinese description a county clerk sees in both places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# A figure exactly as the notice prints it, or "/" where it sets none this year.
VALUE_PATTERN = r"^(\d+(\.\d+)?|/)$"
LINK_PATTERN = r"^https?://[^\s<>\"']+$"
NO_FIGURE = "/"

CategoryId = Literal["new", "improved", "continued"]
Direction = Literal["at-least", "at-most", "exactly", "about", "cap"]
NoteKind = Literal["no-task", "county-class", "template", "annex"]
Basis = Literal["notice", "explanatory"]

DIRECTION_LABELS: dict[str, str] = {
    "at-least": "不低于",
    "at-most": "不超过",
    "exactly": "目标值",
    "about": "约",
    "cap": "封顶（上限）",
}
NOTE_LABELS: dict[str, str] = {
    "no-task": "本年无任务",
    "county-class": "按县的类别设目标",
    "template": "沿用上级模板表述",
    "annex": "附件与正文的差异",
}


def spec(doc: str, *, pattern: str | None = None, default: Any = ..., example: Any = None) -> Any:
    """A field with its Chinese description (and optional text pattern) as metadata."""
    meta = {"doc": doc, "pattern": pattern, "example": example}
    if default is ...:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def _id(doc: str) -> Any:
    return spec(doc + "（永久编号：小写字母、数字和连字符，发布后不得更改）", pattern=ID_PATTERN)


def _former(what: str) -> Any:
    """Former ids: their published addresses keep working (see aliases.py)."""
    return spec(
        f"旧编号：{what}以前用过的编号。改编号时把旧编号写在这里，旧网址和旧锚点会转到现在的位置；发布后不得删除",
        pattern=ID_PATTERN,
        default=(),
    )


@dataclass(frozen=True, kw_only=True)
class Upstream:
    """A higher-level notice that this one implements."""

    number: str = spec("文号", example="某市政〔2099〕1号")
    title: str = spec("标题")


@dataclass(frozen=True, kw_only=True)
class Requirement:
    """One of the work requirements (工作要求)."""

    id: str = _id("工作要求编号")
    heading: str = spec("小标题，照抄原文")
    text: str = spec("正文，照抄原文")


@dataclass(frozen=True, kw_only=True)
class Document:
    """The notice itself: who issued it, when, and its body text."""

    number: str = spec("文号", example="某县政〔2099〕1号")
    issuer: str = spec("发文机关")
    region: str = spec("县（市、区）名称")
    year: int = spec("实施年度")
    title: str = spec("通知标题")
    date: str = spec("成文日期（YYYY-MM-DD，须加引号）", pattern=DATE_PATTERN)
    date_text: str = spec("成文日期，照原文书写")
    addressees: str = spec("主送机关")
    preamble: str = spec("导语段落，照抄原文")
    upstream: tuple[Upstream, ...] = spec("依据的上级通知")
    project_count: int = spec("通知所称民生工程项目数，须与项目清单一致")
    lead: str = spec("牵头部门的原文表述")
    requirements_heading: str = spec("工作要求的标题")
    requirements_intro: str = spec("工作要求的总述段落")
    requirements: tuple[Requirement, ...] = spec("各条工作要求")
    annex_heading: str = spec("附件说明行")
    annex_title: str = spec("附件表格标题")
    copied_to: str = spec("抄送")
    office: str = spec("印发机关")
    printed: str = spec("印发日期，照原文书写")


@dataclass(frozen=True, kw_only=True)
class Category:
    """新增 / 完善 / 继续实施: how a project stands relative to last year."""

    id: CategoryId = spec("类别编号")
    label: str = spec("类别名称", example="新增")
    heading: str = spec("正文中的标题", example="一、新增3项民生工程")
    count: int = spec("通知所称本类项目数")
    intro: str | None = spec("正文中本类的总述段落（如有）", default=None)


@dataclass(frozen=True, kw_only=True)
class RetiredPart:
    """A part of a retired programme and where it went."""

    part: str = spec("该部分的名称")
    text: str = spec("原文中讲其去向的文字")
    project: str | None = spec("并入的项目编号（如有）", default=None)


@dataclass(frozen=True, kw_only=True)
class RetiredProgramme:
    """A programme adjusted or retired this year (section 三)."""

    id: str = _id("退出项目编号")
    aliases: tuple[str, ...] = _former("本退出项目")
    name: str = spec("名称")
    text: str = spec("原文")
    parts: tuple[RetiredPart, ...] = spec("各部分的去向")


@dataclass(frozen=True, kw_only=True)
class Retired:
    """Section 三: programmes adjusted or retired."""

    heading: str = spec("正文中的标题")
    text: str = spec("正文段落，照抄原文")
    count: int = spec("通知所称调整和退出项目数")
    programmes: tuple[RetiredProgramme, ...] = spec("各调整和退出项目")


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One figure in a target text, as printed, with what it counts."""

    id: str = _id("指标编号（页面锚点）")
    aliases: tuple[str, ...] = _former("本指标")
    counts: str = spec("统计的是什么")
    quote: str = spec("目标任务原文中含该数字的一段文字（须在原文中且只出现一次）")
    value: str = spec(
        '原文数值，照印（须加引号）；原文为“/”的写 "/"，表示本年未设数值', pattern=VALUE_PATTERN
    )
    unit: str = spec("单位，照印")
    direction: Direction = spec(
        "方向：at-least 不低于、at-most 不超过、exactly 目标值、about 约、cap 封顶"
    )
    scope: str | None = spec("适用范围（仅当数字不适用于本县时填写，如“一类县”）", default=None)

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

    quote: str = spec("目标任务原文中含该数字的一段文字")
    reason: str = spec("为什么不是目标数字", example="年份")


def value_pattern(value: str) -> re.Pattern[str]:
    """A figure as a whole number: '3' must not match inside '0.3' or '35'."""
    if value == NO_FIGURE:
        return re.compile(re.escape(NO_FIGURE))
    return re.compile(rf"(?<![\d.]){re.escape(value)}(?!\d|\.\d)")


@dataclass(frozen=True, kw_only=True)
class Item:
    """A row of the annex: a project's sub-item with its own target text."""

    id: str = _id("子项编号（页面锚点）")
    aliases: tuple[str, ...] = _former("本子项")
    name: str = spec("子项名称，照附件")
    target: str = spec("目标任务，照抄附件原文")
    indicators: tuple[Indicator, ...] = spec("目标任务中的每个数字", default=())
    not_targets: tuple[NotTarget, ...] = spec("目标任务中不是目标的数字", default=())

    def locate(self, indicator: Indicator) -> tuple[int, int] | None:
        """Where the indicator's value stands in the target text, if it is there once."""
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
    note: str | None = spec("简短说明", default=None)
    correction: bool = spec("本报告更正了以前报告的数值时写 true", default=False)
    values: tuple[Reading, ...] = spec("各指标的进度")


@dataclass(frozen=True, kw_only=True)
class Note:
    """An editor's note on something special about a project's source text."""

    kind: NoteKind = spec("类别")
    text: str = spec("编者注（只说明原文，不增加事实）")


@dataclass(frozen=True, kw_only=True)
class Project:
    """One livelihood project. Its target is either one text or split into items."""

    id: str = _id("项目编号（网址的一部分）")
    aliases: tuple[str, ...] = _former("本项目")
    seq: int = spec("序号")
    name: str = spec("项目名称，照附件")
    body_name: str | None = spec("正文中的名称（与附件不同时填写）", default=None)
    category: CategoryId = spec("类别：new 新增、improved 完善、continued 继续实施")
    explanation: str | None = spec("正文中对本项目的说明段落，照抄原文", default=None)
    keywords: tuple[str, ...] = spec("搜索关键词：群众常用的简称", default=())
    notes: tuple[Note, ...] = spec("编者注", default=())
    target: str | None = spec("目标任务，照抄附件原文（无子项时填写）", default=None)
    indicators: tuple[Indicator, ...] = spec("目标任务中的每个数字", default=())
    not_targets: tuple[NotTarget, ...] = spec("目标任务中不是目标的数字", default=())
    items: tuple[Item, ...] = spec("子项（附件分行列出时填写）", default=())
    reports: tuple[Report, ...] = spec("进度报告，按日期先后排列", default=())

    @property
    def rows(self) -> tuple[Item, ...]:
        """The target rows: the sub-items, or the project's own target as one row."""
        if self.items:
            return self.items
        return (
            Item(
                id="",
                name="",
                target=self.target or "",
                indicators=self.indicators,
                not_targets=self.not_targets,
            ),
        )

    @property
    def all_indicators(self) -> tuple[Indicator, ...]:
        return tuple(ind for row in self.rows for ind in row.indicators)


@dataclass(frozen=True, kw_only=True)
class Term:
    """A term of the notice, defined by the notice's own words where it has them."""

    id: str = _id("名词编号（名词解释页的锚点）")
    term: str = spec("名词，照原文", example="两免一补")
    aliases: tuple[str, ...] = spec("原文中的其他写法", default=())
    definition: str = spec("释义：basis 为 notice 时须照抄通知原文")
    basis: Basis = spec("释义来源：notice 通知原文、explanatory 编者解释（非通知内容）")


@dataclass(frozen=True, kw_only=True)
class Notice:
    """The whole data file: the document, its categories, retired programmes and projects."""

    document: Document = spec("通知")
    categories: tuple[Category, ...] = spec("项目类别")
    retired: Retired = spec("调整和退出的项目")
    projects: tuple[Project, ...] = spec("全部项目，按序号排列")
    glossary: tuple[Term, ...] = spec("名词解释", default=())

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def projects_in(self, category_id: str) -> tuple[Project, ...]:
        return tuple(p for p in self.projects if p.category == category_id)

    def project(self, project_id: str) -> Project:
        return next(p for p in self.projects if p.id == project_id)

    def texts(self) -> list[str]:
        """Every text the notice prints, for checking quotes against it."""
        doc = self.document
        texts = [doc.title, doc.addressees, doc.preamble, doc.lead, doc.requirements_intro]
        texts += [r.heading + r.text for r in doc.requirements]
        texts += [c.intro or "" for c in self.categories] + [self.retired.text]
        for p in self.projects:
            texts += [p.name, p.explanation or ""] + [r.name + r.target for r in p.rows]
        return texts
