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


def _entry(feed: ET.Element, notice: Notice, address: Urls, site_url: str, project: Project, report: Report) -> None:
    anchor = urls.update_anchor(report.date)
    link = urls.absolute(site_url, address.anchor(project.id, anchor))
    entry = ET.SubElement(feed, "entry")
    ET.SubElement(entry, "id").text = tag(notice, project.id, anchor)
    title = f"{project.seq}．{project.name}：{report.date} 进度更新"
    ET.SubElement(entry, "title").text = title + ("（更正）" if report.correction else "")
    ET.SubElement(entry, "updated").text = _stamp(report.date)
    ET.SubElement(entry, "link", href=link)
    summary = f"来源：{report.source}" + (f"。{report.note}" if report.note else "")
    ET.SubElement(entry, "summary").text = summary


def feed(
    notice: Notice,
    address: Urls,
    site_url: str,
    updates: list[tuple[Report, Project]],
    project: Project | None = None,
) -> str:
    """The Atom XML of ``updates`` (newest first): the site's, or one project's."""
    doc = notice.document
    page = address.project_url(project.id) if project else urls.url_of(address.UPDATES)
    own = address.project_feed(project.id) if project else address.FEED
    root = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(root, "id").text = tag(notice, project.id) if project else tag(notice)
    name = f"{project.seq}．{project.name}" if project else f"{doc.region}{doc.year}年民生工程"
    ET.SubElement(root, "title").text = f"{name}：进度更新"
    ET.SubElement(root, "subtitle").text = f"依据 {doc.number}"
    ET.SubElement(root, "updated").text = _stamp(updates[0][0].date if updates else doc.date)
    ET.SubElement(ET.SubElement(root, "author"), "name").text = f"{doc.region}民生工程公开"
    ET.SubElement(root, "link", rel="self", href=urls.absolute(site_url, own))
    ET.SubElement(root, "link", rel="alternate", href=urls.absolute(site_url, page))
    for report, p in updates:
        _entry(root, notice, address, site_url, p, report)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
