"""The generated pages of a plan: for each, its metadata, sections, anchors and context.

One function per kind of page. Whether a section is shown is decided here, once: the
template renders what ``sections`` holds, and the address lock lists ``anchors``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from .. import progress, sheets, urls
from ..data.schema import build as schema
from ..model import Category, Notice, Project
from ..urls import Section
from .export import CSV_COLUMNS
from .plan import Page, Plan
from .text import for_theme

_ORDINAL = re.compile(r"^([一二三四五六七八九十]+)、(.*)$", re.S)
_NUMERALS = "一二三四五六七八九十"


def heading_parts(heading: str) -> tuple[str, str]:
    """A notice heading split into its ordinal and its words: ``("一", "新增3项民生工程")``."""
    found = _ORDINAL.match(heading)
    return (found.group(1), found.group(2)) if found else ("", heading)


def _order(heading: str) -> int:
    """The position of a heading among the notice's parts, by its Chinese ordinal (一…十九)."""
    ordinal = heading_parts(heading)[0]
    if not ordinal:
        return 0
    if ordinal.startswith("十"):
        return 10 + (_NUMERALS.index(ordinal[1]) + 1 if len(ordinal) > 1 else 0)
    return _NUMERALS.index(ordinal[0]) + 1


def _meta(title: str, description: str, boost: float, **extra: Any) -> dict[str, Any]:
    """Front matter, in the order MkDocs and the theme read it."""
    meta: dict[str, Any] = {"title": for_theme(title), "description": for_theme(description)}
    if "feed" in extra:
        meta["feed"] = extra["feed"]
    if extra.get("tags"):
        meta["tags"] = [for_theme(t) for t in extra["tags"]]
    meta["search"] = {"boost": boost}
    return meta


def _shown(kind: Mapping[str, Section], **shown: bool) -> dict[str, Section | None]:
    """A page's sections: each of its kind, or None where ``shown`` says it is not shown."""
    return {key: section if shown.get(key, True) else None for key, section in kind.items()}


def _page(
    src: str,
    template: str,
    meta: dict[str, Any],
    sections: Mapping[str, Section | None],
    anchors: list[str] | tuple[str, ...] = (),
    **context: Any,
) -> Page:
    own = [s.id for s in sections.values() if s is not None]
    return Page(src, template, meta, dict(sections), tuple(own + list(anchors)), context)


def all_pages(plan: Plan) -> Iterator[Page]:
    notice = plan.notice
    yield home(notice)
    yield overview(notice)
    yield notice_page(notice)
    yield requirements(notice)
    yield glossary(notice)
    yield retired(notice)
    yield updates(notice)
    yield data_dictionary(notice)
    for category in notice.categories:
        yield category_page(notice, category)
    projects = notice.projects
    for i, project in enumerate(projects):
        before = projects[i - 1] if i > 0 else None
        after = projects[i + 1] if i + 1 < len(projects) else None
        yield project_page(plan, project, before, after)


def home(notice: Notice) -> Page:
    doc = notice.document
    n = len(notice.projects)
    meta = _meta(
        f"{doc.region}{doc.year}年民生工程",
        f"照录{doc.number}原文，公开{doc.region}{doc.year}年{n}项民生工程的目标任务。",
        1,
    )
    reported = [p for p in notice.projects if p.reports]
    return _page(urls.HOME, "home.md.j2", meta, _shown(urls.HOME_SECTIONS), reported=reported)


def overview(notice: Notice) -> Page:
    doc = notice.document
    meta = _meta(
        "项目总览",
        f"{doc.region}{doc.year}年全部{len(notice.projects)}项民生工程：序号、名称、类别、目标数字和进度。",
        0.5,
    )
    return _page(urls.OVERVIEW, "overview.md.j2", meta, _shown(urls.OVERVIEW_SECTIONS))


def notice_page(notice: Notice) -> Page:
    doc = notice.document
    meta = _meta("通知原文", f"{doc.issuer}《{doc.title}》（{doc.number}）全文。", 0.5)
    paragraphs = {key: urls.notice_anchor("p", key) for key in urls.NOTICE_PARAGRAPHS}
    # The numbered parts (一、二、三…) in the notice's own order: categories and the
    # part on retired programmes.
    parts: list[tuple[str, Any]] = [("category", c) for c in notice.categories]
    parts.append(("retired", notice.retired))
    parts.sort(key=lambda part: _order(part[1].heading))
    anchors = list(paragraphs.values())
    for category in notice.categories:
        anchors.append(category.id)
        if category.intro:
            anchors.append(urls.notice_anchor("p", category.id))
    anchors += [urls.notice_anchor("p", r.id) for r in doc.requirements]
    for project in notice.projects:
        if project.explanation:
            anchors.append(urls.notice_anchor("p", project.id))
        anchors.append(urls.annex_row(project.id))
        anchors += [urls.annex_row(project.id, item.id) for item in project.items]
    return _page(
        urls.NOTICE,
        "notice.md.j2",
        meta,
        _shown(urls.NOTICE_SECTIONS),
        anchors,
        paragraphs=paragraphs,
        parts=parts,
    )


def requirements(notice: Notice) -> Page:
    doc = notice.document
    meta = _meta(
        "工作要求",
        f"{doc.number}“{doc.requirements_heading}”：{len(doc.requirements)}条。",
        1,
    )
    return _page(urls.REQUIREMENTS, "requirements.md.j2", meta, {}, [r.id for r in doc.requirements])


def glossary(notice: Notice) -> Page:
    doc = notice.document
    terms = "、".join(t.term for t in notice.glossary)
    meta = _meta("名词解释", f"{doc.number}中的名词：{terms}", 1)
    return _page(urls.GLOSSARY, "glossary.md.j2", meta, {}, [t.id for t in notice.glossary])


def retired(notice: Notice) -> Page:
    part = notice.retired
    meta = _meta(part.heading, f"{notice.document.number}：{part.text[:100]}", 1)
    return _page(urls.RETIRED, "retired.md.j2", meta, {}, [p.id for p in part.programmes])


def updates(notice: Notice) -> Page:
    doc = notice.document
    meta = _meta("最近更新", f"{doc.region}{doc.year}年民生工程的进度更新，最新的在前。", 0.5)
    return _page(urls.UPDATES, "updates.md.j2", meta, {})


def data_dictionary(notice: Notice) -> Page:
    doc = notice.document
    meta = _meta(
        "开放数据",
        f"下载{doc.region}{doc.year}年民生工程的全部数据（JSON）和指标进度表（CSV），以及每个字段的说明。",
        0.5,
    )
    defs = schema()
    # one section per part of the data file, anchored by its model class
    classes = [("Notice", defs), *defs["$defs"].items()]
    return _page(
        urls.DATA_DICTIONARY,
        "data_dictionary.md.j2",
        meta,
        _shown(urls.DATA_SECTIONS),
        [name.lower() for name, _ in classes],
        csv_columns=CSV_COLUMNS,
        sheets=sheets.paths(None),
        classes=[(name, name.lower(), definition) for name, definition in classes],
    )


def category_page(notice: Notice, category: Category) -> Page:
    members = notice.projects_in(category.id)
    meta = _meta(
        f"{category.label}的{len(members)}项民生工程",
        f"{notice.document.number}：{category.heading}。",
        1,
    )
    sections = _shown(urls.CATEGORY_SECTIONS, explained=any(p.explanation for p in members))
    return _page(
        urls.category(category.id),
        "category.md.j2",
        meta,
        sections,
        category=category,
        members=members,
    )


def project_page(plan: Plan, project: Project, before: Project | None, after: Project | None) -> Page:
    notice = plan.notice
    category = notice.category(project.category)
    meta = _meta(
        f"{project.seq}．{project.name}",
        f"{notice.document.number} 第{project.seq}项：{project.name}（{category.label}）。"
        + project.rows[0].target[:90],
        3,
        feed="feed.xml",
        tags=project.keywords,
    )
    sections = _shown(
        urls.PROJECT_SECTIONS,
        history=bool(project.reports),
        notes=bool(project.notes),
        keywords=bool(project.keywords),
    )
    anchors = [urls.update_anchor(report.date) for report in project.reports]
    anchors += [row.id for row in project.rows if row.id is not None]
    anchors += [ind.id for ind in project.all_indicators]
    return _page(
        urls.project(project.id),
        "project.md.j2",
        meta,
        sections,
        anchors,
        project=project,
        prog=plan.progress[project.id],
        indicators={ind.id: ind for ind in project.all_indicators},
        history=progress.history(project),
        sheets=sheets.paths(project) if sheets.has_template(project) else {},
        category=category,
        category_part=heading_parts(category.heading),
        prev=before,
        next=after,
    )
