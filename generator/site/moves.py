"""Former ids (``aliases``): where every old address lives now.

A project, sub-item, indicator or retired programme may list the ids it had before.
This module turns them into one table, used three ways: the redirect pages left at old
project addresses, the invisible old anchors kept on the current pages, and the address
lock's check that nothing published was lost.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .. import urls
from ..model import Notice
from ..sheets.layout import has_template
from ..urls import Urls


@dataclass(frozen=True)
class Moves:
    """Old page URLs and old anchors, each with its current place (site-relative)."""

    pages: dict[str, str] = field(default_factory=dict)  # old URL -> current URL
    anchors: dict[str, dict[str, str]] = field(default_factory=dict)  # page -> {old: current}

    def resolve(self, address: str) -> str:
        """Where an address (``page#anchor``) lives now; itself if it never moved."""
        page, sep, anchor = address.partition("#")
        page = self.pages.get(page, page)
        if sep:
            anchor = self.anchors.get(page, {}).get(anchor, anchor)
        return page + sep + anchor

    def old_anchors(self, page: str, anchor: str) -> list[str]:
        """The former anchors on ``page`` (a URL) that now mean ``anchor``."""
        return sorted(old for old, new in self.anchors.get(page, {}).items() if new == anchor)


def moves(notice: Notice, address: Urls) -> Moves:
    """Every former address the data declares, with its current place (the addresses of
    ``address``)."""
    pages: dict[str, str] = {}
    anchors: dict[str, dict[str, str]] = defaultdict(dict)
    on_notice = anchors[urls.url_of(address.NOTICE)]
    for project in notice.projects:
        page = address.project_url(project.id)
        for old in project.aliases:
            pages[address.project_url(old)] = page
            sheets = has_template(project)
            pages.update(zip(address.beside_project(old, sheets), address.beside_project(project.id, sheets), strict=True))
            on_notice[urls.notice_anchor("p", old)] = urls.notice_anchor("p", project.id)
            on_notice[urls.annex_row(old)] = urls.annex_row(project.id)
        for item in project.items:
            for old in item.aliases:
                anchors[page][old] = item.id
            for pid in (project.id, *project.aliases):
                for rid in (item.id, *item.aliases):
                    if (pid, rid) != (project.id, item.id):
                        on_notice[urls.annex_row(pid, rid)] = urls.annex_row(project.id, item.id)
        for indicator in project.all_indicators:
            for old in indicator.aliases:
                anchors[page][old] = indicator.id
    for programme in notice.retired.programmes:
        for old in programme.aliases:
            anchors[urls.url_of(address.RETIRED)][old] = programme.id
    return Moves(pages, {page: table for page, table in anchors.items() if table})


def from_root(prefix: str, moved: Moves, published: list[str], kept: set[str]) -> Moves:
    """A notice's addresses from before the site held several notices, when its pages and
    files stood at the site's root, each with its place now under the notice's ``prefix``
    (the year and a slash): ``published`` lists the notice's addresses now (page URLs and file paths),
    ``moved`` its former ids (their root addresses lead straight to the current place),
    ``kept`` the site's own addresses, which stay where they were (the home page, the
    site's feed)."""
    pages: dict[str, str] = {}
    for old, new in [*((a, a) for a in published), *moved.pages.items()]:
        at_root = old.removeprefix(prefix)
        if at_root and at_root != old and at_root not in kept:
            pages[at_root] = new
    return Moves(pages, {})


def merged(*tables: Moves) -> Moves:
    """One table of the former addresses of several parts of the site (no two share one)."""
    return Moves(
        {old: new for t in tables for old, new in t.pages.items()},
        {page: anchors for t in tables for page, anchors in t.anchors.items()},
    )
