"""Every address the site publishes, from the data: the content of the address lock.

An address is a site-relative URL (``projects/dibao/``), optionally with an
anchor (``projects/dibao/#yuanqu``), or a file (``projects/dibao/qr.svg``);
``./`` is the home page. Only what a build is sure to produce is listed: the
generated pages, their fixed sections and every id from the data, the feeds,
open data files and QR codes, and the hand-written pages of ``docs/`` (not
their heading anchors, which come from their headings' text).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from . import schema, urls
from .model import Notice, Project

HOME = "./"


def address(src_or_url: str, anchor: str = "") -> str:
    """The lock's spelling of a page (given by source path or URL) and anchor."""
    page = urls.url_of(src_or_url) or HOME
    return f"{page}#{anchor}" if anchor else page


def _project(project: Project) -> Iterator[str]:
    page = urls.project(project.id)
    yield address(page)
    yield urls.qr(project.id)
    yield urls.project_feed(project.id)
    sections = list(urls.PROJECT_ALWAYS)
    sections += ["bianzhezhu"] if project.notes else []
    sections += [urls.PROJECT_REPORTED] if project.reports else []
    sections += [urls.update_anchor(report.date) for report in project.reports]
    sections += ["guanjianci"] if project.keywords else []
    for anchor in sections:
        yield address(page, anchor)
    for item in project.items:
        yield address(page, item.id)
    for indicator in project.all_indicators:
        yield address(page, indicator.id)


def _notice(notice: Notice) -> Iterator[str]:
    page = urls.NOTICE
    yield address(page)
    for anchor in urls.NOTICE_PARAGRAPHS:
        yield address(page, anchor)
    for category in notice.categories:
        yield address(page, category.id)
        if category.intro:
            yield address(page, urls.notice_anchor("p", category.id))
    for requirement in notice.document.requirements:
        yield address(page, urls.notice_anchor("p", requirement.id))
    for project in notice.projects:
        if project.explanation:
            yield address(page, urls.notice_anchor("p", project.id))
        yield address(page, urls.notice_anchor("annex", project.id))
        for item in project.items:
            yield address(page, urls.annex_row(project.id, item.id))


def _generated(notice: Notice) -> Iterator[str]:
    yield address(urls.HOME)
    for anchor in urls.HOME_SECTIONS:
        yield address(urls.HOME, anchor)
    yield address(urls.OVERVIEW)
    for anchor in urls.OVERVIEW_SECTIONS:
        yield address(urls.OVERVIEW, anchor)
    yield from _notice(notice)
    yield address(urls.UPDATES)
    yield from (urls.FEED, urls.JSON_EXPORT, urls.CSV_EXPORT)
    yield address(urls.DATA_DICTIONARY)
    for anchor in urls.DATA_DICTIONARY_SECTIONS:
        yield address(urls.DATA_DICTIONARY, anchor)
    for name in ["Notice", *schema.build()["$defs"]]:  # one section per model class
        yield address(urls.DATA_DICTIONARY, name.lower())
    yield address(urls.REQUIREMENTS)
    for requirement in notice.document.requirements:
        yield address(urls.REQUIREMENTS, requirement.id)
    yield address(urls.GLOSSARY)
    for term in notice.glossary:
        yield address(urls.GLOSSARY, term.id)
    yield address(urls.RETIRED)
    for programme in notice.retired.programmes:
        yield address(urls.RETIRED, programme.id)
    for category in notice.categories:
        page = urls.category(category.id)
        yield address(page)
        for anchor in urls.CATEGORY_SECTIONS:
            yield address(page, anchor)
        if any(p.explanation for p in notice.projects_in(category.id)):
            yield address(page, urls.CATEGORY_EXPLAINED)
    for project in notice.projects:
        yield from _project(project)


def hand_written(docs_dir: Path) -> Iterator[str]:
    """The pages written by hand in ``docs/`` (directory URLs, as MkDocs makes them)."""
    for path in docs_dir.rglob("*.md"):
        src = path.relative_to(docs_dir).as_posix()
        if path.name in ("index.md", "README.md"):
            yield address(src.removesuffix(path.name) + "index.md")
        else:
            yield address(src.removesuffix(".md") + "/index.md")


def published(notice: Notice, docs_dir: Path | None = None) -> list[str]:
    """Every address the site publishes, sorted, each once."""
    found = set(_generated(notice))
    if docs_dir is not None:
        found.update(hand_written(docs_dir))
    return sorted(found)
