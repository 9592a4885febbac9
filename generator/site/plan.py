"""The site plan: everything one build publishes, declared once.

Made once per build from the validated notices. A notice's ``Plan`` derives what its
pages need (progress, former addresses, updates, citations) under the notice's
addresses (``urls.Urls``); the ``Site`` gathers every notice's plan with the site's own
pages and files. Each lists its outputs: each page (source path, template, metadata,
the sections and anchors it shows, its context) and each file (path, and how to make
it). Templates take their anchors from here; the address lock, redirects, feeds and
open data all read the plan, so no address is spelled in two places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..model import Notice, Project, Report
from ..progress import ProjectProgress
from ..urls import Section, Urls, url_of
from ..version import Version
from .cite import Citation
from .glossary import Glossary
from .moves import Moves
from .years import Years

HOME = "./"  # how the address lock spells the home page


@dataclass(frozen=True)
class Page:
    """A generated page."""

    src: str  # source path, e.g. projects/dibao/index.md
    template: str
    meta: Mapping[str, Any]  # front matter: title, description… (text escaped for the theme)
    sections: Mapping[str, Section | None]  # the page kind's sections; None: not shown
    anchors: tuple[str, ...]  # every anchor the page shows: its sections and ids from the data
    context: Mapping[str, Any] = field(default_factory=dict)  # the rest its template needs

    @property
    def url(self) -> str:
        return url_of(self.src)


@dataclass(frozen=True)
class OutFile:
    """A generated file that is not a page (a feed, open data, a QR code, a redirect,
    a progress template)."""

    path: str
    make: Callable[[], str | bytes]  # bytes for a binary file (a spreadsheet)
    # False for what stands at a former address (a redirect page, a copy of a moved file):
    # the lock keeps those through ``moves``, not as addresses of their own.
    published: bool = True


@dataclass(frozen=True, repr=False)
class Plan:
    """One notice's part of the site: its pages and files, and what they are made from."""

    def __repr__(self) -> str:  # short: a failed test's message would print every page
        return f"Plan({self.notice.document.number}, {len(self.pages)} pages, {len(self.files)} files)"

    notice: Notice
    urls: Urls  # the notice's addresses
    site_url: str  # "" for site-relative addresses
    version: Version
    moves: Moves
    progress: Mapping[str, ProjectProgress]  # by project id
    updates: list[tuple[Report, Project]]  # every report with its project, newest first
    citation: Citation
    glossary: Glossary  # marks the notice's terms in the texts of pages
    pages: tuple[Page, ...] = ()
    files: tuple[OutFile, ...] = ()
    cache_dir: Path | None = None  # where slow files made before are kept (cache.py)
    years: Years | None = None  # the site's notices year over year (None: this one alone)

    @cached_property
    def by_src(self) -> dict[str, Page]:
        return {p.src: p for p in self.pages}

    def page(self, src: str) -> Page:
        return self.by_src[src]

    def project_updates(self, project: Project) -> list[tuple[Report, Project]]:
        return self._updates_by_project.get(id(project), [])

    @cached_property
    def _updates_by_project(self) -> dict[int, list[tuple[Report, Project]]]:
        # grouped once: a scan of every update per project grows with their product
        grouped: dict[int, list[tuple[Report, Project]]] = {}
        for report, project in self.updates:
            grouped.setdefault(id(project), []).append((report, project))
        return grouped

    def addresses(self, docs_dir: Path | None = None) -> list[str]:
        """Every address the notice's pages and files publish: see ``Site.addresses``."""
        return addresses(self.pages, self.files, docs_dir)


@dataclass(frozen=True, repr=False)
class Site:
    """Everything one build publishes: each notice's plan (oldest first) and the site's
    own pages (rendered with the latest notice's plan) and files."""

    def __repr__(self) -> str:
        return f"Site({', '.join(map(repr, self.plans))}, {len(self.pages)} pages, {len(self.files)} files)"

    plans: tuple[Plan, ...]
    pages: tuple[Page, ...]  # every page of the site, the notices' and its own
    files: tuple[OutFile, ...]
    moves: Moves  # every former address of the site, with its current place
    owner: Mapping[str, Plan]  # by page source path: the plan a page is rendered with

    @property
    def latest(self) -> Plan:
        return self.plans[-1]

    @cached_property
    def by_src(self) -> dict[str, Page]:
        return {p.src: p for p in self.pages}

    def nav(self, entries: Any) -> Any:
        """The menu of mkdocs.yml (``nav``) for this site: it names a notice's pages as
        they stood at the site's root (``projects/index.md``); each now means the latest
        notice's page (``2021/projects/index.md``). The site's own pages stay."""
        prefix = self.latest.urls.prefix

        def place(entry: Any) -> Any:
            if isinstance(entry, str):
                return prefix + entry if entry not in self.by_src and prefix + entry in self.by_src else entry
            if isinstance(entry, list):
                return [place(e) for e in entry]
            if isinstance(entry, dict):
                return {title: place(e) for title, e in entry.items()}
            return entry

        return place(entries)

    def addresses(self, docs_dir: Path | None = None) -> list[str]:
        """Every address the site publishes (the content of the address lock), sorted.

        A page is spelled by its URL (``./`` for the home page), an anchor as
        ``page#anchor``, a file by its path. Hand-written pages of ``docs_dir`` count
        (not their heading anchors, which come from their headings' text).
        """
        return addresses(self.pages, self.files, docs_dir)


def addresses(pages: tuple[Page, ...], files: tuple[OutFile, ...], docs_dir: Path | None) -> list[str]:
    found = set(hand_written(docs_dir)) if docs_dir is not None else set()
    for page in pages:
        url = page.url or HOME
        found.add(url)
        found.update(f"{url}#{anchor}" for anchor in page.anchors)
    found.update(f.path for f in files if f.published)
    return sorted(found)


def hand_written(docs_dir: Path) -> Iterator[str]:
    """The pages written by hand in ``docs/`` (directory URLs, as MkDocs makes them)."""
    for path in docs_dir.rglob("*.md"):
        src = path.relative_to(docs_dir).as_posix()
        if path.name in ("index.md", "README.md"):
            yield url_of(src.removesuffix(path.name) + "index.md") or HOME
        else:
            yield url_of(src.removesuffix(".md") + "/index.md")
