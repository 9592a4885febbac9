"""The files of a plan besides its pages: feeds and open data, progress templates, QR
codes, and what stays at a former address (a redirect page for a page, an unchanged copy
for a file)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from .. import sheets, urls
from . import qr, share
from .citefiles import WRITERS
from .datapackage import to_datapackage
from .export import to_csv, to_json
from .feeds import feed
from .plan import OutFile, Plan
from .render import redirect_page
from .robots import robots_txt


def all_files(plan: Plan) -> Iterator[OutFile]:
    notice, address = plan.notice, plan.urls
    made: dict[str, OutFile] = {}

    def out(path: str, make: Callable[[], str | bytes], published: bool = True) -> OutFile:
        made[path] = OutFile(path, make, published)
        return made[path]

    yield out(address.FEED, functools.partial(feed, notice, address, plan.site_url, plan.updates))
    yield out(address.ROBOTS, functools.partial(robots_txt, address, plan.site_url))
    yield out(address.JSON_EXPORT, functools.partial(to_json, notice))
    yield out(address.CSV_EXPORT, functools.partial(to_csv, notice, dict(plan.progress)))
    yield out(
        address.DATA_PACKAGE,
        functools.partial(to_datapackage, notice, address, plan.site_url, sheets.paths(address, None)["csv"]),
    )
    yield out(address.SHARE_IMAGE, functools.partial(share.png, share.site_card(notice), plan.cache_dir))
    records = [(address.NOTICE, plan.citation.notice_record())]
    records += [(address.project(p.id), plan.citation.project_record(p)) for p in notice.projects]
    for src, record in records:
        for ext, write in WRITERS.items():
            yield out(urls.citation_file(src, ext), functools.partial(write, record))
    for path, make in sheets.outputs(address, notice, plan.cache_dir):
        yield out(path, make)
    for project in notice.projects:
        updates = plan.project_updates(project)
        yield out(
            address.project_feed(project.id),
            functools.partial(feed, notice, address, plan.site_url, updates, project),
        )
        permanent = urls.absolute(plan.site_url, address.project_url(project.id))
        title = f"{project.seq}．{project.name}"
        yield out(address.qr(project.id), functools.partial(qr.svg, permanent, f"{title}：{permanent}", plan.cache_dir))
        card = share.project_card(notice, project)
        yield out(address.share_image(project.id), functools.partial(share.png, card, plan.cache_dir))
        for old in project.aliases:
            yield OutFile(
                address.redirect(old),
                functools.partial(redirect_page, plan, address.project_url(old), project),
                published=False,
            )
    # A file that moved (not a page) is also served, unchanged, at its former path:
    # a downloaded QR code or a subscribed feed keeps working; a file cannot redirect.
    for old, new in plan.moves.pages.items():
        if new in made:
            yield OutFile(old, made[new].make, published=False)
