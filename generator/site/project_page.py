"""A project page: what the project promises, its figures, its progress, then the rest."""

from __future__ import annotations

from .. import progress, sheets, urls
from ..model import Project
from ..phrases import t
from . import share
from .cite import meta_tags
from .excerpt import cut
from .kit import meta, shown
from .kit import page as make_page
from .plan import Page, Plan


def page(plan: Plan, project: Project, before: Project | None, after: Project | None) -> Page:
    notice = plan.notice
    doc = notice.document
    category = notice.category(project.category)
    title = t("project_title", seq=project.seq, name=project.name, region=doc.region, year=doc.year)
    lede = t("no_task") + "。" if project.no_task else ""
    description = f"{doc.number} 第{project.seq}项：{project.name}（{category.label}）。{lede}" + cut(project.rows[0].target, 90)
    image_url = urls.absolute(plan.site_url, plan.urls.share_image(project.id))
    image = share.image_meta(image_url, share.project_card(notice, project))
    citation = meta_tags(plan.citation.project_record(project), plan.citation.publisher)
    page_meta = meta(title, description, feed="feed.xml", image=image, citation=citation)
    programme = plan.years.programme(doc.year, project.id) if plan.years else None
    sections = shown(
        urls.PROJECT_SECTIONS,
        years=programme is not None,
        history=bool(project.reports),
        notes=bool(project.notes),
        keywords=bool(project.keywords),
    )
    anchors = [urls.update_anchor(report.date) for report in project.reports]
    anchors += [row.id for row in project.rows if row.id is not None]
    anchors += [ind.id for ind in project.all_indicators]
    situations = list(notice.situations_of(project.id))
    return make_page(
        plan.urls.project(project.id),
        "project.md.j2",
        page_meta,
        sections,
        anchors,
        project=project,
        prog=plan.progress[project.id],
        indicators={ind.id: ind for ind in project.all_indicators},
        history=progress.history(project),
        sheets=sheets.paths(plan.urls, project) if sheets.has_template(project) else {},
        category=category,
        situations=situations,
        feed_url=urls.absolute(plan.site_url, plan.urls.project_feed(project.id)),
        programme=programme,
        prev=before,
        next=after,
    )
