"""The progress template as CSV: the same rows as the workbook, for any program.

UTF-8 with a BOM and CRLF, like indicators.csv, so that Excel opens it as Chinese text.
The first line is the header, as in the workbook's sheet, so that any CSV reader gets the
columns and a row number means the same line in either; the instructions are on the
workbook's own sheet and on the data page (earlier templates had them in a first row,
which the importer still reads past).
"""

from __future__ import annotations

import csv
import io

from ..model import Notice, Project
from ..site.export import cell
from . import layout
from .layout import TITLES


def csv_text(notice: Notice, project: Project | None) -> str:
    """The template of one project, or (``project`` None) of every project."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TITLES)
    for line in layout.lines(notice, project):
        given = line.prefilled()
        writer.writerow([cell(given.get(title, "")) for title in TITLES])
    return "\ufeff" + out.getvalue()
