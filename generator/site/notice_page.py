"""The notice page: the notice itself, every paragraph in the order it was printed.

The page is built as a list of groups (a heading and its paragraphs), each paragraph a
verbatim text of the data with its anchor; the template only writes them out. Our
additions (links to the project pages, anchors, the "原文如此" marks) never change or
reorder the notice's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import urls
from ..model import Category, Notice, Retired
from ..urls import Urls
from .ordinals import heading_order


@dataclass(frozen=True)
class Paragraph:
    text: str
    anchor: str
    css: str = ""
    link: str | None = None  # a page our link after the text leads to (source path)
    label: str = ""  # the phrase of that link


@dataclass(frozen=True)
class Group:
    """A heading of the notice (or none) and the paragraphs under it."""

    heading: str | None
    anchor: str | None
    level: int = 2
    paragraphs: list[Paragraph] = field(default_factory=list)
    annex: bool = False  # the annex table follows the paragraphs


def _p(key: str, text: str, css: str = "") -> Paragraph:
    return Paragraph(text, urls.notice_anchor("p", key), css)


def _part(notice: Notice, address: Urls, part: Category | Retired) -> Group:
    if isinstance(part, Retired):
        text = Paragraph(part.text, urls.notice_anchor("p", "retired"), "", address.RETIRED, "to_retired")
        return Group(part.heading, urls.NOTICE_SECTIONS["retired"].id, paragraphs=[text])
    group = Group(part.heading, part.id)
    if part.intro:
        group.paragraphs.append(_p(part.id, part.intro))
    for project_id in part.paragraphs:
        project = notice.project(project_id)
        assert project.explanation is not None  # the rules make sure of it
        anchor = urls.notice_anchor("p", project.id)
        link = address.project(project.id)
        group.paragraphs.append(Paragraph(project.explanation, anchor, "", link, "to_project"))
    return group


def groups(notice: Notice, address: Urls) -> list[Group]:
    doc = notice.document
    head = Group(None, None, paragraphs=[_p("number", doc.number, "ms-docno")])
    if doc.letterhead:
        head.paragraphs.insert(0, _p("letterhead", doc.letterhead, "ms-letterhead"))
    title = Group(doc.title, None, level=1)
    title.paragraphs.extend([_p("addressees", doc.addressees), _p("preamble", doc.preamble)])
    parts: list[Category | Retired] = [*notice.categories, notice.retired]
    parts.sort(key=lambda part: heading_order(part.heading))
    requirements = Group(doc.requirements_heading, urls.NOTICE_SECTIONS["requirements"].id)
    requirements.paragraphs.append(_p("requirements", doc.requirements_intro))
    for r in doc.requirements:
        requirements.paragraphs.append(Paragraph(r.heading + r.text, urls.notice_anchor("p", r.id)))
    requirements.paragraphs.append(_p("annex-heading", doc.annex_heading))
    requirements.paragraphs.append(_p("date", doc.date_text, "ms-date"))
    if doc.annex_mark:
        requirements.paragraphs.append(_p("annex-mark", doc.annex_mark, "ms-annex-mark"))
    annex = Group(doc.annex_title, urls.NOTICE_SECTIONS["annex"].id, annex=True)
    ending = Group(None, None)
    ending.paragraphs.extend([_p("copied-to", doc.copied_to), _p("printed", f"{doc.office}　{doc.printed}")])
    return [head, title, *(_part(notice, address, p) for p in parts), requirements, annex, ending]


def anchors(notice: Notice, page_groups: list[Group]) -> list[str]:
    """Every anchor of the notice page: headings, paragraphs and the rows of the annex."""
    found = [g.anchor for g in page_groups if g.anchor]
    found += [p.anchor for g in page_groups for p in g.paragraphs]
    for project in notice.projects:
        found.append(urls.annex_row(project.id))
        found += [urls.annex_row(project.id, item.id) for item in project.items]
    return found


def context(notice: Notice, address: Urls) -> dict[str, Any]:
    page_groups = groups(notice, address)
    return {"groups": page_groups, "anchors": anchors(notice, page_groups)}
