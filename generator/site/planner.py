"""Making the site plan: derive once what every page needs, then list the pages and files."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import progress
from ..model import Notice
from ..urls import Urls, of_notice, url_of
from ..version import Version
from . import files, pages
from .cite import Citation
from .glossary import Glossary
from .moves import from_root, merged, moves
from .plan import Plan, Site
from .years import Years


def make(
    notice: Notice,
    site_url: str = "",
    version: Version | None = None,
    cache_dir: Path | None = None,
    address: Urls | None = None,
    years: Years | None = None,
) -> Plan:
    """The plan of the pages and files of ``notice``, published at ``site_url`` with the
    addresses of ``address`` (by default, at the site's root); with ``cache_dir``
    (``cache.folder``), its slow files are made once and kept there."""
    version = version or Version()
    year = notice.document.year
    address = address or Urls()
    base = Plan(
        notice=notice,
        urls=address,
        site_url=site_url,
        version=version,
        moves=moves(notice, address),
        progress={p.id: progress.of(p, year) for p in notice.projects},
        updates=progress.recent(notice.projects),
        citation=Citation(notice, address, site_url, version, cache_dir),
        glossary=Glossary(notice.glossary),
        cache_dir=cache_dir,
        years=years,
    )
    planned = dataclasses.replace(base, pages=tuple(pages.notice_pages(base)))
    return dataclasses.replace(planned, files=tuple(files.notice_files(planned)))


def site(
    notices: Sequence[Notice],
    site_url: str = "",
    versions: Sequence[Version] = (),
    cache_dir: Path | None = None,
    root_year: int | None = None,
    plan_of: Callable[[Notice, str, Version, Path | None, Urls, Years], Plan] = make,
) -> Site:
    """The plan of the whole site of ``notices`` (each of another year; ``versions``, if
    given, their data versions in the same order): each under its year, oldest first, then
    the site's own pages and files. ``root_year`` is the notice whose pages stood at the
    site's root before the site held several notices: its former addresses lead there.
    Each notice's plan is made by ``plan_of`` (``make``; ``make serve`` keeps the plans
    that an edit left as they were, rebuild.py)."""
    given = list(versions) or [Version()] * len(notices)
    years = Years(notices)
    plans = tuple(
        plan_of(n, site_url, v, cache_dir, of_notice(n.document.year), years)
        for n, v in sorted(zip(notices, given, strict=True), key=lambda nv: nv[0].document.year)
    )
    latest = plans[-1]
    own_pages = tuple(pages.site_pages(latest, plans))
    own = {url_of(p.src) for p in own_pages} | {latest.urls.FEED}
    tables = [p.moves for p in plans]
    for plan in plans:
        if plan.notice.document.year == root_year:
            published = [p.url for p in plan.pages] + [f.path for f in plan.files if f.published]
            tables.append(from_root(plan.urls.prefix, plan.moves, published, own))
    all_pages = own_pages + tuple(page for plan in plans for page in plan.pages)
    owner = {page.src: latest for page in own_pages} | {page.src: p for p in plans for page in p.pages}
    base = Site(plans, all_pages, (), merged(*tables), owner)
    own_files = tuple(files.site_files(base))
    return dataclasses.replace(base, files=tuple(f for p in plans for f in p.files) + own_files)
