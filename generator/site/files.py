"""The files of a plan besides its pages: feeds and open data, progress templates, QR
codes, and what stays at a former address (a redirect page for a page, an unchanged copy
for a file)."""

from __future__ import annotations

import functools
import html
from collections.abc import Iterator

from .. import sheets, urls
from . import qr, share
from .citefiles import WRITERS
from .datapackage import to_datapackage
from .export import to_csv, to_csv_all, to_json, to_json_all
from .feeds import entries, feed
from .plan import OutFile, Plan, Site
from .render import redirect_page
from .robots import robots_txt


def notice_files(plan: Plan) -> Iterator[OutFile]:
    """The files of one notice: its feeds, open data, progress templates and QR codes."""
    notice, address = plan.notice, plan.urls
    yield OutFile(
        address.NOTICE_FEED,
        functools.partial(feed, notice, address, plan.site_url, entries(notice, address, plan.updates)),
    )
    yield OutFile(address.JSON_EXPORT, functools.partial(to_json, notice))
    yield OutFile(address.CSV_EXPORT, functools.partial(to_csv, notice, plan.progress))
    yield OutFile(
        address.DATA_PACKAGE,
        functools.partial(to_datapackage, notice, address, plan.site_url, sheets.paths(address, None)["csv"]),
    )
    records = [(address.NOTICE, plan.citation.notice_record())]
    records += [(address.project(p.id), plan.citation.project_record(p)) for p in notice.projects]
    for src, record in records:
        for ext, write in WRITERS.items():
            yield OutFile(urls.citation_file(src, ext), functools.partial(write, record))
    for path, make in sheets.outputs(address, notice, plan.cache_dir):
        yield OutFile(path, make)
    for project in notice.projects:
        updates = plan.project_updates(project)
        yield OutFile(
            address.project_feed(project.id),
            functools.partial(feed, notice, address, plan.site_url, entries(notice, address, updates), project),
        )
        permanent = urls.absolute(plan.site_url, address.project_url(project.id))
        title = f"{notice.document.year}年 {project.seq}．{project.name}"
        yield OutFile(address.qr(project.id), functools.partial(qr.svg, permanent, f"{title}：{permanent}", plan.cache_dir))
        card = share.project_card(notice, project)
        yield OutFile(address.share_image(project.id), functools.partial(share.png, card, plan.cache_dir))


def site_files(site: Site) -> Iterator[OutFile]:
    """The site's own files (its feed of every notice's updates), and what stays at each
    former address: a redirect page where a page was, an unchanged copy where a file was
    (a downloaded QR code or a subscribed feed keeps working; a file cannot redirect)."""
    latest = site.latest
    yield OutFile(latest.urls.ROBOTS, functools.partial(robots_txt, latest.urls, latest.site_url))
    yield OutFile(latest.urls.SHARE_IMAGE, functools.partial(share.png, share.site_card(latest.notice), latest.cache_dir))
    every = [e for plan in site.plans for e in entries(plan.notice, plan.urls, plan.updates)]
    every.sort(key=lambda e: e[0].date, reverse=True)  # stable: a notice's own order kept
    site_feed = functools.partial(feed, latest.notice, latest.urls, latest.site_url, every, whole_site=True, earliest=site.plans[0].notice)
    yield OutFile(latest.urls.FEED, site_feed)
    yield OutFile(latest.urls.JSON_ALL, functools.partial(to_json_all, [p.notice for p in site.plans]))
    every_csv = [(p.notice, p.progress) for p in site.plans]
    yield OutFile(latest.urls.CSV_ALL, functools.partial(to_csv_all, every_csv))
    made = {f.path: f for plan in site.plans for f in plan.files}
    pages = {page.url: page for page in site.pages}
    for old, new in sorted(site.moves.pages.items()):
        if new in pages:
            title = html.unescape(pages[new].meta["title"])
            anchors = site.moves.anchors.get(new, {})
            make = functools.partial(redirect_page, latest.urls, latest.site_url, latest.cache_dir, anchors, old, new, title)
            yield OutFile(f"{old}index.html", make, published=False)
        elif new in made:
            yield OutFile(old, made[new].make, published=False)
