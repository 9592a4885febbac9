"""Making the site plan: derive once what every page needs, then list the pages and files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .. import progress
from ..model import Notice
from ..urls import Urls
from ..version import Version
from . import files, pages
from .cite import Citation
from .glossary import Glossary
from .moves import moves
from .plan import Plan


def make(
    notice: Notice,
    site_url: str = "",
    version: Version | None = None,
    cache_dir: Path | None = None,
    address: Urls | None = None,
) -> Plan:
    """The plan of the site of ``notice``, published at ``site_url`` with the addresses
    of ``address`` (by default, at the site's root); with ``cache_dir`` (``cache.folder``),
    its slow files are made once and kept there."""
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
    )
    planned = dataclasses.replace(base, pages=tuple(pages.all_pages(base)))
    return dataclasses.replace(planned, files=tuple(files.all_files(planned)))
