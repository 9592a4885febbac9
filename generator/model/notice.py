"""The notice as a whole: the document, its categories, retired programmes, projects, terms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .fields import DATE_PATTERN, former_ids, id_field, spec
from .project import CategoryId, Project

Basis = Literal["notice", "explanatory"]


@dataclass(frozen=True, kw_only=True)
class Upstream:
    """A higher-level notice that this one implements."""

    number: str = spec("文号", example="某市政〔2099〕1号")
    title: str = spec("标题")


@dataclass(frozen=True, kw_only=True)
class Requirement:
    """One of the work requirements (工作要求)."""

    id: str = id_field("工作要求编号")
    heading: str = spec("小标题，照抄原文")
    text: str = spec("正文，照抄原文", multiline=True)


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
    preamble: str = spec("导语段落，照抄原文", multiline=True)
    upstream: tuple[Upstream, ...] = spec("依据的上级通知")
    project_count: int = spec("通知所称民生工程项目数，须与项目清单一致")
    lead: str = spec("牵头部门的原文表述")
    requirements_heading: str = spec("工作要求的标题")
    requirements_intro: str = spec("工作要求的总述段落", multiline=True)
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
    intro: str | None = spec("正文中本类的总述段落（如有）", default=None, multiline=True)


@dataclass(frozen=True, kw_only=True)
class RetiredPart:
    """A part of a retired programme and where it went."""

    part: str = spec("该部分的名称")
    text: str = spec("原文中讲其去向的文字", multiline=True)
    project: str | None = spec("并入的项目编号（如有）", default=None)


@dataclass(frozen=True, kw_only=True)
class RetiredProgramme:
    """A programme adjusted or retired this year (section 三)."""

    id: str = id_field("退出项目编号")
    aliases: tuple[str, ...] = former_ids("本退出项目")
    name: str = spec("名称")
    text: str = spec("原文", multiline=True)
    parts: tuple[RetiredPart, ...] = spec("各部分的去向")


@dataclass(frozen=True, kw_only=True)
class Retired:
    """Section 三: programmes adjusted or retired."""

    heading: str = spec("正文中的标题")
    text: str = spec("正文段落，照抄原文", multiline=True)
    count: int = spec("通知所称调整和退出项目数")
    programmes: tuple[RetiredProgramme, ...] = spec("各调整和退出项目")


@dataclass(frozen=True, kw_only=True)
class Term:
    """A term of the notice, defined by the notice's own words where it has them."""

    id: str = id_field("名词编号（名词解释页的锚点）")
    term: str = spec("名词，照原文", example="两免一补")
    aliases: tuple[str, ...] = spec("原文中的其他写法", default=())
    definition: str = spec("释义：basis 为 notice 时须照抄通知原文", multiline=True)
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
            texts += [p.name, p.explanation or ""] + [(r.name or "") + r.target for r in p.rows]
        return texts
