"""Atom feeds of progress reports: one for the site, one per project.

Timestamps come from report dates (the plan's local day, UTC+8), never from
the clock, so a rebuild of the same data gives the same bytes. Ids are ``tag:`` URIs
(RFC 4151) made from the notice and the report, not from the site's address: a mirror,
a new domain or a test build gives every entry the id it had, so a feed reader never
shows a report twice.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from .. import urls
from ..model import Notice, Project, Report
from ..urls import Urls

ATOM = "http://www.w3.org/2005/Atom"
# The tagging entity's name (RFC 4151 allows a DNS-style name): the project's own, fixed,
# because the data holds no domain of the county's and a site's address may change.
TAG_AUTHORITY = "minsheng-gongkai"


def tag(notice: Notice, *parts: str) -> str:
    """A permanent Atom id: ``tag:minsheng-gongkai,2099-03-15:2099/ceshi-lu/gengxin-2099-06-30``,
    dated by the notice, specific to the notice's year and the ids below it."""
    doc = notice.document
    return f"tag:{TAG_AUTHORITY},{doc.date}:" + "/".join((str(doc.year), *parts))


def _stamp(date: str) -> str:
    return f"{date}T00:00:00+08:00"


Entry = tuple[Report, Project, Notice, Urls]  # a report, its project, and that notice with its addresses


def entries(notice: Notice, address: Urls, updates: list[tuple[Report, Project]]) -> list[Entry]:
    """The updates of one notice as feed entries."""
    return [(report, project, notice, address) for report, project in updates]


def _entry(feed: ET.Element, site_url: str, entry_of: Entry) -> None:
    report, project, notice, address = entry_of
    anchor = urls.update_anchor(report.date)
    link = urls.absolute(site_url, address.anchor(project.id, anchor))
    entry = ET.SubElement(feed, "entry")
    ET.SubElement(entry, "id").text = tag(notice, project.id, anchor)
    year = f"{address.year}年 " if address.year is not None else ""
    title = f"{year}{project.seq}．{project.name}：{report.date} 进度更新"
    ET.SubElement(entry, "title").text = title + ("（更正）" if report.correction else "")
    ET.SubElement(entry, "updated").text = _stamp(report.date)
    ET.SubElement(entry, "link", href=link)
    summary = f"来源：{report.source}" + (f"。{report.note}" if report.note else "")
    ET.SubElement(entry, "summary").text = summary


def feed(
    notice: Notice,
    address: Urls,
    site_url: str,
    updates: list[Entry],
    project: Project | None = None,
    whole_site: bool = False,
    earliest: Notice | None = None,
) -> str:
    """The Atom XML of ``updates`` (newest first): a notice's, one of its projects', or
    (``whole_site``, with the latest ``notice`` and the ``earliest``) the site's, of every
    notice."""
    doc = notice.document
    if project is not None:
        page, own = address.project_url(project.id), address.project_feed(project.id)
        name = f"{project.seq}．{project.name}（{doc.region}{doc.year}年）"
    elif whole_site:
        page, own, name = urls.url_of(address.SITE_HOME), address.FEED, f"{doc.region}民生工程"
    else:
        page, own, name = urls.url_of(address.UPDATES), address.NOTICE_FEED, f"{doc.region}{doc.year}年民生工程"
    root = ET.Element("feed", xmlns=ATOM)
    # The site's feed keeps the id it had when the site held one notice (that of its
    # earliest notice); a notice's own feed beside it has its own.
    if project is not None:
        ET.SubElement(root, "id").text = tag(notice, project.id)
    elif whole_site:
        ET.SubElement(root, "id").text = tag(earliest or notice)
    else:
        ET.SubElement(root, "id").text = tag(notice, "feed") if address.year is not None else tag(notice)
    ET.SubElement(root, "title").text = f"{name}：进度更新"
    if not whole_site:
        ET.SubElement(root, "subtitle").text = f"依据 {doc.number}"
    ET.SubElement(root, "updated").text = _stamp(updates[0][0].date if updates else doc.date)
    ET.SubElement(ET.SubElement(root, "author"), "name").text = f"{doc.region}民生工程公开"
    ET.SubElement(root, "link", rel="self", href=urls.absolute(site_url, own))
    ET.SubElement(root, "link", rel="alternate", href=urls.absolute(site_url, page))
    for entry in updates:
        _entry(root, site_url, entry)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
