"""Progress in spreadsheets: the templates the site offers, and importing filled ones.

``outputs`` lists the template files of a notice (for the site plan); ``importer.run``
reads a filled template and adds its reports to the data file.
"""

from __future__ import annotations

import platform
import zlib
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from .. import cache
from ..model import Notice, Project
from ..urls import PROGRESS_SHEET_FORMATS, Urls
from . import layout
from .csvfile import csv_text
from .layout import has_template


def paths(address: Urls, project: Project | None) -> dict[str, str]:
    """The template files of a project (or, for None, of every project), by format."""
    return {ext: address.progress_sheet(project.id if project else None, ext) for ext in PROGRESS_SHEET_FORMATS}


def _workbook(notice: Notice, project: Project | None, cache_dir: Path | None = None) -> bytes:
    """A workbook, from the build cache if it was made before."""

    def make() -> bytes:
        # XlsxWriter is loaded only when a workbook is made: not by `check` on every
        # commit, nor by a build whose workbooks are all in the cache
        from .workbook import workbook_bytes

        return workbook_bytes(notice, project)

    place = cache_dir / "xlsx" if cache_dir else None
    return cache.made(place, f"{workbook_key(notice, project)}.xlsx", make)


def workbook_key(notice: Notice, project: Project | None) -> str:
    """The cache name of a workbook: a hash of everything ``workbook_bytes`` reads (the
    title, the note, the year and each row's cells), the code that writes it, and the
    versions of what else decides its bytes (XlsxWriter, Python's zipfile, zlib's deflate)."""
    rows = layout.lines(notice, project)
    return cache.key(
        layout.title(notice, project),
        layout.note(notice),
        notice.document.year,
        [(row.prefilled(), row.indicator.judged, row.indicator.percent) for row in rows],
        [cache.source(Path(__file__).with_name(name)) for name in ("workbook.py", "layout.py")],
        cache.package("xlsxwriter"),
        platform.python_version(),
        zlib.ZLIB_RUNTIME_VERSION,
    )


def outputs(
    address: Urls, notice: Notice, cache_dir: Path | None = None
) -> Iterator[tuple[str, Callable[[], str | bytes]]]:
    """Every template file of the notice: (path, how to make it); workbooks made before
    are taken from ``cache_dir`` (the build cache) when it is given."""
    for project in [None, *filter(has_template, notice.projects)]:
        for ext, path in paths(address, project).items():
            if ext == "xlsx":
                yield path, partial(_workbook, notice, project, cache_dir)
            else:
                yield path, partial(csv_text, notice, project)


__all__ = ["has_template", "outputs", "paths"]
