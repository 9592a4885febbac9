"""Progress in spreadsheets: the templates the site offers, and importing filled ones.

``outputs`` lists the template files of a notice (for the site plan); ``importer.run``
reads a filled template and adds its reports to the data file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from .. import urls
from ..model import Notice, Project
from .csvfile import csv_text
from .layout import has_template


def paths(project: Project | None) -> dict[str, str]:
    """The template files of a project (or, for None, of every project), by format."""
    return {ext: urls.progress_sheet(project.id if project else None, ext) for ext in urls.PROGRESS_SHEET_FORMATS}


def _workbook(notice: Notice, project: Project | None) -> bytes:
    # openpyxl is loaded only when a workbook is made, not by `check` on every commit
    from .workbook import workbook_bytes

    return workbook_bytes(notice, project)


def outputs(notice: Notice) -> Iterator[tuple[str, Callable[[], str | bytes]]]:
    """Every template file of the notice: (path, how to make it)."""
    makers: dict[str, Callable[[Notice, Project | None], str | bytes]] = {
        "xlsx": _workbook,
        "csv": csv_text,
    }
    for project in [None, *filter(has_template, notice.projects)]:
        for ext, path in paths(project).items():
            yield path, partial(makers[ext], notice, project)


__all__ = ["has_template", "outputs", "paths"]
