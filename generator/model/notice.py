"""The notice as a whole: the document, its categories, retired programmes, projects, terms."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from .fields import DATE_PATTERN, ID_PATTERN, MEMBER_PATTERN, former_ids, id_field, spec
from .project import CategoryId, Item, Project

Basis = Literal["notice", "site", "cited"]


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

    letterhead: str | None = spec("文头（版头），照原文，如“某县人民政府文件”", default=None)
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
    annex_mark: str | None = spec("附件首页左上角的“附件”字样，照原文", default=None)
    annex_title: str = spec("附件表格标题")
    copied_to: str = spec("抄送")
    office: str = spec("印发机关")
    printed: str = spec("印发日期，照原文书写")
    sic: tuple[str, ...] = spec(
        "原文中看似有误、但照录的文字（须在原文中），页面上在其后标注“原文如此”", default=()
    )


@dataclass(frozen=True, kw_only=True)
class Category:
    """新增 / 完善 / 继续实施: how a project stands relative to last year."""

    id: CategoryId = spec("类别编号")
    label: str = spec("类别名称", example="新增")
    heading: str = spec("正文中的标题", example="一、新增3项民生工程")
    count: int = spec("通知所称本类项目数")
    intro: str | None = spec("正文中本类的总述段落（如有）", default=None, multiline=True)
    paragraphs: tuple[str, ...] = spec(
        "正文中本类各段项目说明的顺序：按原文先后写项目编号（本类有项目填了 explanation 时必填）",
        pattern=ID_PATTERN,
        default=(),
    )


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
class Source:
    """A published document that an editor's explanation cites for a fact outside the notice."""

    title: str = spec("文件或出版物的标题")
    number: str | None = spec("文号（有文号时填写；与 publisher 至少填一项）", default=None)
    publisher: str | None = spec("发布机关或出版者（与 number 至少填一项）", default=None)
    date: str = spec("发布日期（YYYY-MM-DD，须加引号）", pattern=DATE_PATTERN)


@dataclass(frozen=True, kw_only=True)
class Term:
    """A term of the notice, explained by the notice's own words where it has them."""

    id: str = id_field("名词编号（名词解释页的锚点）")
    term: str = spec("名词，照原文", example="两免一补")
    aliases: tuple[str, ...] = spec("原文中的其他写法", default=())
    definition: str = spec("释义：basis 为 notice 时须照抄通知原文", multiline=True)
    basis: Basis = spec(
        "释义来源：notice 照抄通知原文；site 本站自己的用语（通知中没有的词，只讲本站怎样用它）；"
        "cited 引自其他公开文件（须填 source）"
    )
    source: Source | None = spec("释义所引的文件（basis 为 cited 时必填）", default=None)


@dataclass(frozen=True, kw_only=True)
class Tie:
    """Why a member is in a group: the notice's own words, and whom the notice limits it to."""

    member: str = spec("成员：项目编号，或“项目编号#子项编号”", pattern=MEMBER_PATTERN)
    words: str = spec("通知中把这一项与本组联系起来的原文（照录，显示在分组页上）")
    limit: str | None = spec(
        "通知限定的受益对象（照录原文，如“建档立卡贫困人口”；显示在数字旁）", default=None
    )


@dataclass(frozen=True, kw_only=True)
class Situation:
    """A group of projects by the situation a resident is in (the site's grouping, not the notice's)."""

    id: str = id_field("分组编号（网址的一部分）")
    name: str = spec("分组名称：群众所处的情况，如“老年人”“孩子上学”", example="老年人")
    members: tuple[str, ...] = spec(
        "本组的项目或子项：项目编号，或“项目编号#子项编号”", pattern=MEMBER_PATTERN
    )
    ties: tuple[Tie, ...] = spec("每个成员与本组相关的通知原文（每个成员一条）", default=())

    def tie(self, member: str) -> Tie | None:
        return next((t for t in self.ties if t.member == member), None)


@dataclass(frozen=True, kw_only=True)
class Contact:
    """An official way to ask, as published by the office that runs it."""

    label: str = spec("渠道名称", example="咨询电话")
    value: str = spec("号码、地址或网址，照公布的原样")
    source: str = spec("这条联系方式正式公布在哪里（文件或公告名称）")


@dataclass(frozen=True, kw_only=True)
class Publisher:
    """Who publishes this site, and the official channels for questions (only published ones)."""

    name: str = spec("本站的发布单位")
    contacts: tuple[Contact, ...] = spec("正式公布的咨询渠道（没有就不填，不得自拟）", default=())


@dataclass(frozen=True, kw_only=True)
class Notice:
    """The whole data file: the document, its categories, retired programmes and projects."""

    document: Document = spec("通知")
    categories: tuple[Category, ...] = spec("项目类别")
    retired: Retired = spec("调整和退出的项目")
    projects: tuple[Project, ...] = spec("全部项目，按序号排列")
    glossary: tuple[Term, ...] = spec("名词解释", default=())
    publisher: Publisher | None = spec("本站的发布单位和咨询渠道（可选；只填有正式来源的信息）", default=None)
    situations: tuple[Situation, ...] = spec(
        "按群众生活情况分的组（本站的分组，不是通知的分类）；填写时每个项目至少属于一组", default=()
    )
    draft: bool = spec(
        "草稿：写 true 时 make serve 在每页标出“草稿”，make site 拒绝发布；核对完毕后删去这一行", default=False
    )

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def projects_in(self, category_id: str) -> tuple[Project, ...]:
        return tuple(p for p in self.projects if p.category == category_id)

    def project(self, project_id: str) -> Project:
        return self._by_id[project_id]

    @cached_property
    def _by_id(self) -> dict[str, Project]:
        """Projects by id, the first of a repeated id (the rules report the repeat): one
        look-up per reference, so that 3,300 projects do not cost 3,300 scans each."""
        index: dict[str, Project] = {}
        for p in self.projects:
            index.setdefault(p.id, p)
        return index

    @cached_property
    def _situations_by_project(self) -> dict[str, tuple[Situation, ...]]:
        groups: dict[str, list[Situation]] = {}
        for s in self.situations:
            for project_id in dict.fromkeys(ref.partition("#")[0] for ref in s.members):
                groups.setdefault(project_id, []).append(s)
        return {k: tuple(v) for k, v in groups.items()}

    def situations_of(self, project_id: str) -> tuple[Situation, ...]:
        """The situations that name the project or one of its items, in their order."""
        return self._situations_by_project.get(project_id, ())

    def texts(self) -> list[str]:
        """Every text the notice prints, for checking quotes against it."""
        doc = self.document
        texts = [doc.letterhead or "", doc.number, doc.title, doc.addressees, doc.preamble]
        texts += [doc.lead, doc.requirements_heading, doc.requirements_intro]
        texts += [r.heading + r.text for r in doc.requirements]
        texts += [doc.annex_heading, doc.date_text, doc.annex_mark or "", doc.annex_title]
        texts += [doc.copied_to, doc.office, doc.printed]
        texts += [c.heading for c in self.categories] + [c.intro or "" for c in self.categories]
        texts += [self.retired.heading, self.retired.text]
        for p in self.projects:
            texts += [p.name, p.explanation or ""]
            texts += [(r.item.annex_group or "") if r.item else "" for r in p.rows]
            texts += [(r.name or "") + r.target for r in p.rows]
        return texts

    def body_texts(self) -> list[str]:
        """The notice's body paragraphs (not the annex), where project names are also given."""
        return [c.intro or "" for c in self.categories] + [p.explanation or "" for p in self.projects]

    def project_count(self, situation: Situation) -> int:
        """How many projects a situation holds (a project counts once, however many items)."""
        return len({ref.partition("#")[0] for ref in situation.members})

    def member_texts(self, ref: str) -> tuple[str, ...]:
        """The notice's texts of a member: its names and target texts (a project's with its
        body paragraph and every sub-item)."""
        found = self.member(ref)
        if found is None:
            return ()
        project, item = found
        if item is not None:
            return (item.name, item.target, item.annex_group or "")
        texts = [project.name, project.body_name or "", project.explanation or "", project.target or ""]
        return (*texts, *(t for i in project.items for t in (i.name, i.target)))

    def member(self, ref: str) -> tuple[Project, Item | None] | None:
        """A situation's member, ``project`` or ``project#item``; None if there is none."""
        project_id, _, item_id = ref.partition("#")
        project = self._by_id.get(project_id)
        if project is None or not item_id:
            return (project, None) if project else None
        item = next((i for i in project.items if i.id == item_id), None)
        return (project, item) if item else None
