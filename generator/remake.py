"""What ``make serve`` makes again after an edit: only the pages, files and plans whose
inputs differ from the last build's (``sameness.py`` compares them), and the notices read
anew, sharing with the last ones what the edit left alone. ``rebuild.py`` then writes only
the outputs that changed. Only a rebuild is spared: ``make site`` and ``make check`` make
everything."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import meta

from . import offline
from .filememo import FileMemo
from .model import Notice
from .rebuild import Memory, templates_state
from .sameness import Same, same, same_call, share
from .site import lock, planner, render
from .site.plan import OutFile, Page, Plan, Site
from .site.years import Years
from .themefiles import Listing
from .urls import Urls
from .version import Version

# The templates whose pages show, of their notice's projects, only those in the page's
# context (a project page: its own, and the one before and after it; a programme page:
# its projects of every year). Such a page is rendered again after an edit of another
# project only if the rest of the notice changed. tests/test_rebuild.py renders each such
# page of the real and fixture notices with every other project changed, and expects the
# same text.
CONTEXT_PROJECTS = frozenset({"project.md.j2", "programme.md.j2"})


def _rest_of(plan: Plan, page: Page) -> tuple[Any, ...]:
    """What a page of ``CONTEXT_PROJECTS`` may show of its notice besides its context: every
    part of the notice but its projects, their number, and the page's former anchors."""
    notice = plan.notice
    rest = [getattr(notice, f.name) for f in dataclasses.fields(notice) if f.name != "projects"]
    return (*rest, len(notice.projects), plan.moves.anchors.get(page.url))


class Renders:
    """Each generated page's Markdown as last rendered, and what it was rendered from.

    A page's Markdown is a function of its notice, the notice's data version and addresses,
    the site's address, the page (its sections and context: a project page's context holds
    its programme across the years), what it tells of the other notices (the latest year,
    the years on the site, the same project in the latest notice) and the templates. When
    all are the same as last time, the last text is the text; the notice is the same object
    only when its file's bytes are (the loader keeps it, data/load.py). A rebuild at 7
    notices rendered ~500 pages again, half its CPU time, for an edit that changed one.
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[tuple[Any, ...], str]] = {}
        self._read: dict[str, tuple[str, str, dict[str, Any]]] = {}

    def render(self, plan: Plan, page: Page, templates: str, compare: Same) -> str:
        # A page of one project depends on the rest of its notice, not on its other projects.
        narrow = page.template in CONTEXT_PROJECTS
        notice, rest = (None, _rest_of(plan, page)) if narrow else (plan.notice, None)
        inputs = (notice, plan.version, plan.site_url, page, _told(plan, page), templates, rest)
        last = self._last.get(page.src)
        if last is not None and last[0][0] is notice and compare(last[0][1:], inputs[1:]):
            return last[1]
        text = render.render(plan, page)
        self._last[page.src] = (inputs, text)
        return text

    def read_source(self, page: MkDocsPage, config: MkDocsConfig) -> None:
        """``page.read_source``, for a page kept from the last build (its menu needs its
        title): the text is the one rendered then, so its front matter is not read again."""
        source = config.plugins.on_page_read_source(page=page, config=config)
        if source is None:
            source = page.file.content_string
        last = self._read.get(page.file.src_uri)
        if last is None or (last[0] is not source and last[0] != source):
            last = (source, *meta.get_data(source))
            self._read[page.file.src_uri] = last
        page.markdown, page.meta = last[1], dict(last[2])


class Outputs:
    """Each generated file's content as last made, and the call that made it: a file is
    made again only when its maker or what it is given differs (each maker is a function
    of what it is given; the templates' state is part of it, for the redirect pages)."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[Any, str | bytes]] = {}

    def make(self, file: OutFile, templates: str, compare: Same) -> str | bytes:
        call = (file.make, templates)
        last = self._last.get(file.path)
        if last is not None and last[0][1] == templates and same_call(last[0][0], file.make, compare):
            return last[1]
        content = file.make()
        self._last[file.path] = (call, content)
        return content


class Plans:
    """Each notice's plan as last made (``planner.make``), by year: made again only when
    what it is made from differs. A plan depends on the other notices only through its
    projects' programmes, which its project pages hold (a project page shows its programme
    year by year): a page whose programme changed is given the new one, and the kept plan
    the site's years of this build, which its pages' banners and year marks read when they
    are rendered. tests/test_rebuild.py compares kept plans with plans made anew."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[tuple[Any, ...], Plan]] = {}

    def make(self, notice: Notice, site_url: str, version: Version, cache_dir: Path | None, address: Urls, years: Years) -> Plan:
        year = notice.document.year
        programmes = {p.id: years.programme(year, p.id) for p in notice.projects}
        inputs = (notice, site_url, version, cache_dir, address)
        last = self._last.get(year)
        if last is not None and last[0][0] is notice and same(last[0][1:], inputs[1:]):
            kept = _with_programmes(last[1], programmes)
            if kept is not None:
                self._last[year] = (inputs, kept)
                return dataclasses.replace(kept, years=years)
        plan = planner.make(notice, site_url, version, cache_dir, address, years)
        self._last[year] = (inputs, plan)
        return plan


def _with_programmes(plan: Plan, programmes: Mapping[str, Any]) -> Plan | None:
    """``plan`` with each project page holding its project's programme of ``programmes``;
    None if a project gained or lost its programme (its page then shows another section)."""
    pages, changed = [], False
    for page in plan.pages:
        project = page.context.get("project")
        if project is not None and "programme" in page.context:  # a project page
            old, new = page.context["programme"], programmes[project.id]
            if (old is None) != (new is None):
                return None
            if not same(old, new):
                page, changed = dataclasses.replace(page, context={**page.context, "programme": new}), True
        pages.append(page)
    return dataclasses.replace(plan, pages=tuple(pages)) if changed else plan


class Notices:
    """The notices of the last build, by file: a notice read anew after an edit shares with
    the last one every part the edit left alone (``share``), so that comparing what a page
    or file is made from (``Renders``, ``Outputs``) stops at ``is`` for all of them."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[Notice, Notice]] = {}  # file: (as read, as shared)

    def keep(self, names: Sequence[str], notices: Sequence[Notice]) -> list[Notice]:
        kept: dict[str, tuple[Notice, Notice]] = {}
        for name, notice in zip(names, notices, strict=True):
            read, shared = self._last.get(name, (notice, notice))
            kept[name] = (read, shared) if read is notice else (notice, share(shared, notice))
        self._last = kept
        return [shared for _, shared in kept.values()]


def _told(plan: Plan, page: Page) -> tuple[Any, ...]:
    """What a page of ``plan`` tells of the site's other notices beyond its context (its
    year marks and its banner, render.py)."""
    years = plan.years
    if years is None:
        return ()
    project = page.context.get("project")
    now = years.in_latest(plan.notice.document.year, project.id) if project is not None else None
    return years.latest_year, tuple(n.document.year for n in years.notices), now, page.src in plan.by_src


@dataclass
class Kept:
    """What one ``make serve`` keeps from a build to the next: the last build's outputs,
    each page's Markdown and each file as made, the notices as read and each one's plan,
    the site files' digests and pages' anchors (by size and time, ``filememo.py``), our
    scripts and styles as minified, and the installed theme's files (``themefiles.py``)."""

    memory: Memory = field(default_factory=Memory)
    renders: Renders = field(default_factory=Renders)
    outputs: Outputs = field(default_factory=Outputs)
    notices: Notices = field(default_factory=Notices)
    plans: Plans = field(default_factory=Plans)
    hashed: FileMemo[bytes] = field(default_factory=lambda: FileMemo(offline.sha256))
    anchors: FileMemo[set[str]] = field(default_factory=lambda: FileMemo(lock.anchors))
    minified: dict[bytes, bytes] = field(default_factory=dict)  # our scripts and styles, minify.py
    theme_files: Listing = field(default_factory=dict)  # the installed theme's, themefiles.py

    def made(self, site: Site) -> list[tuple[str, str | bytes]]:
        """Every generated page's Markdown and file's content (by source path), each made
        again only when what it is made from differs from the last build."""
        templates, compare = templates_state(), Same()
        made = [(p.src, self.renders.render(site.owner[p.src], p, templates, compare)) for p in site.pages]
        return made + [(f.path, self.outputs.make(f, templates, compare)) for f in site.files]
