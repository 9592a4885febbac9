"""The generated pages of a plan: for each, its metadata, sections, anchors and context.

One function per kind of page (the project and notice pages have modules of their own).
Whether a section is shown is decided here, once: the template renders what ``sections``
holds, and the address lock lists ``anchors``.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import sheets, urls
from ..data.schema import CLASS_TITLES
from ..data.schema import build as schema
from ..model import Category, Notice, Situation
from ..phrases import t
from ..sheets import layout
from ..urls import Urls
from . import notice_page, project_page
from .cite import meta_tags
from .datapackage import INDICATOR_FIELDS
from .excerpt import cut
from .export import CSV_COLUMNS
from .kit import meta, page, shown
from .plan import Page, Plan
from .years import Programme


def notice_pages(plan: Plan) -> Iterator[Page]:
    """The pages of one notice, under its addresses."""
    notice = plan.notice
    address = plan.urls
    yield home(plan, plan.urls.HOME)
    yield overview(notice, address)
    yield notice_(plan)
    yield requirements(notice, address)
    yield glossary(notice, address)
    yield retired(notice, address)
    yield updates(notice, address)
    for category in notice.categories:
        yield category_page(notice, address, category)
    for situation in notice.situations:
        yield situation_page(notice, address, situation)
    projects = notice.projects
    for i, project in enumerate(projects):
        before = projects[i - 1] if i > 0 else None
        after = projects[i + 1] if i + 1 < len(projects) else None
        yield project_page.page(plan, project, before, after)


def site_pages(latest: Plan, plans: tuple[Plan, ...]) -> Iterator[Page]:
    """The site's own pages, told by its latest notice: the home page (which also lists
    every notice, latest first), subscriptions, the data dictionary, about."""
    yield home(latest, latest.urls.SITE_HOME, plans)
    yield subscribe(latest)
    yield data_dictionary(latest.notice, latest.urls)
    yield about(latest)
    if latest.years is not None:
        for programme in latest.years.all():
            yield programme_page(latest, programme)


def programme_page(latest: Plan, programme: Programme) -> Page:
    """A programme across the years: each year's project and each figure's targets."""
    first, last = programme.years[0], programme.years[-1]
    region = latest.notice.document.region
    page_meta = meta(
        t("programme_title", name=programme.name, first=first, last=last),
        t("programme_lede", region=region, name=programme.name, years="、".join(f"{y}年" for y in programme.years)),
    )
    years_text = "、".join(f"{y}年" for y in programme.years)
    title = urls.PROJECT_SECTIONS["years"].title
    return page(
        latest.urls.programme(programme.id), "programme.md.j2", page_meta, {},
        programme=programme, years_text=years_text, years_title=title,
    )  # fmt: skip


def _year(notice: Notice) -> str:
    doc = notice.document
    return f"{doc.region}{doc.year}年民生工程"


def home(plan: Plan, src: str, plans: tuple[Plan, ...] = ()) -> Page:
    """A notice's home page at ``src``: its own (under its year), or, with every notice's
    plan in ``plans``, the site's, which leads with it and lists the others."""
    notice = plan.notice
    doc = notice.document
    n = len(notice.projects)
    page_meta = meta(
        _year(notice), f"照录{doc.number}原文，公开{doc.region}{doc.year}年{n}项民生工程的目标任务。"
    )
    sections = shown(urls.HOME_SECTIONS, situations=bool(notice.situations), years=len(plans) > 1)
    situations = [(s, notice.project_count(s)) for s in notice.situations]
    reported = [p for p in notice.projects if p.reports]
    year_list = [(p.notice.document, p.urls) for p in reversed(plans)]
    return page(src, "home.md.j2", page_meta, sections, situations=situations, reported=reported, year_list=year_list)


def overview(notice: Notice, address: Urls) -> Page:
    doc = notice.document
    page_meta = meta(
        f"项目总览（{_year(notice)}）",
        f"{doc.region}{doc.year}年全部{len(notice.projects)}项民生工程：序号、名称、类别、目标数字和进度。",
        searched=False,
    )
    counts = "、".join(t("label_count", label=c.label, n=len(notice.projects_in(c.id))) for c in notice.categories)
    return page(address.OVERVIEW, "overview.md.j2", page_meta, shown(urls.OVERVIEW_SECTIONS), counts=counts)


def notice_(plan: Plan) -> Page:
    notice, address = plan.notice, plan.urls
    doc = notice.document
    citation = meta_tags(plan.citation.notice_record(), plan.citation.publisher)
    # Not searched: its text is on the project, requirements and retired pages, which answer
    # better; as one page it would be the longest result of most searches.
    description = f"{doc.issuer}《{doc.title}》（{doc.number}）全文。"
    page_meta = meta(f"通知原文：{doc.title}", description, searched=False, citation=citation)
    context = notice_page.context(notice, address)
    return page(address.NOTICE, "notice.md.j2", page_meta, {}, context.pop("anchors"), **context)


def requirements(notice: Notice, address: Urls) -> Page:
    doc = notice.document
    page_meta = meta(
        f"工作要求（{_year(notice)}）",
        f"{doc.number}“{doc.requirements_heading}”：{len(doc.requirements)}条。",
    )
    return page(address.REQUIREMENTS, "requirements.md.j2", page_meta, {}, [r.id for r in doc.requirements])


def glossary(notice: Notice, address: Urls) -> Page:
    doc = notice.document
    # the site's own words (basis: site, such as 序时进度) are not terms of the notice
    terms = "、".join(term.term for term in notice.glossary if term.basis != "site")
    ours = "、".join(term.term for term in notice.glossary if term.basis == "site")
    description = f"{doc.number}中的名词：{terms}" + (f"；本站用语：{ours}" if ours else "")
    page_meta = meta(f"名词解释（{_year(notice)}）", description)
    return page(address.GLOSSARY, "glossary.md.j2", page_meta, {}, [term.id for term in notice.glossary])


def retired(notice: Notice, address: Urls) -> Page:
    part = notice.retired
    page_meta = meta(f"{part.heading}（{_year(notice)}）", f"{notice.document.number}：{cut(part.text, 100)}")
    anchors = [p.id for p in part.programmes]
    return page(address.RETIRED, "retired.md.j2", page_meta, {}, anchors)


def updates(notice: Notice, address: Urls) -> Page:
    doc = notice.document
    page_meta = meta(f"最近更新（{_year(notice)}）", f"{doc.region}{doc.year}年民生工程的进度更新，最新的在前。", searched=False)
    return page(address.UPDATES, "updates.md.j2", page_meta, {})


def subscribe(plan: Plan) -> Page:
    page_meta = meta(t("subscribe_title"), t("subscribe_lede"))
    site_feed = urls.absolute(plan.site_url, plan.urls.FEED)
    return page(plan.urls.SUBSCRIBE, "subscribe.md.j2", page_meta, {}, site_feed=site_feed)


def data_dictionary(notice: Notice, address: Urls) -> Page:
    doc = notice.document
    page_meta = meta(
        f"开放数据（{_year(notice)}）",
        f"下载{doc.region}{doc.year}年民生工程的全部数据（JSON）和指标进度表（CSV），以及每个字段的说明。",
        searched=False,  # for media and staff (the menu says so): not among a resident's results
    )
    defs = schema()
    # one section per part of the data file, anchored by its model class
    classes = [("Notice", defs), *defs["$defs"].items()]
    return page(
        address.DATA_DICTIONARY,
        "data_dictionary.md.j2",
        page_meta,
        shown(urls.DATA_SECTIONS),
        [name.lower() for name, _ in classes],
        csv_columns=[(name, INDICATOR_FIELDS[name]["description"]) for name in CSV_COLUMNS],
        sheets=sheets.paths(address, None),
        instructions=layout.instructions(notice),
        classes=[(CLASS_TITLES[name], name.lower(), definition) for name, definition in classes],
    )


def about(plan: Plan) -> Page:
    doc = plan.notice.document
    page_meta = meta(t("about_title"), t("about_lede", issuer=doc.issuer, title=doc.title, number=doc.number))
    example = urls.absolute(plan.site_url, plan.urls.project_url(plan.notice.projects[0].id))
    return page(plan.urls.ABOUT, "about.md.j2", page_meta, shown(urls.ABOUT_SECTIONS), example=example)


def category_page(notice: Notice, address: Urls, category: Category) -> Page:
    members = notice.projects_in(category.id)
    page_meta = meta(
        f"{category.label}的{len(members)}项民生工程（{_year(notice)}）",
        f"{notice.document.number}：{category.heading}。",
        searched=False,
    )
    sections = shown(urls.CATEGORY_SECTIONS, explained=any(p.explanation for p in members))
    return page(address.category(category.id), "category.md.j2", page_meta, sections, category=category, members=members)


def situation_page(notice: Notice, address: Urls, situation: Situation) -> Page:
    # each member with the notice's words that tie it to the group (checked to be there)
    members = [(*found, situation.tie(ref)) for ref in situation.members if (found := notice.member(ref))]
    page_meta = meta(f"{situation.name}（{_year(notice)}）", t("site_grouping"), searched=False)
    return page(address.situation(situation.id), "situation.md.j2", page_meta, {}, situation=situation, members=members)
