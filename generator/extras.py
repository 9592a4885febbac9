"""The files made from the data besides Markdown pages: feeds and open data, QR codes
and redirect pages, and the copies of moved files (QR codes, feeds) left at their
former paths."""

from __future__ import annotations

from . import qr, redirect, urls
from .aliases import Moves
from .export import to_csv, to_json
from .feeds import feed
from .model import Notice


def data_files(notice: Notice, site_url: str) -> dict[str, str]:
    """Feeds and open data files, by their path in the site."""
    files = {
        urls.FEED: feed(notice, site_url),
        urls.JSON_EXPORT: to_json(notice),
        urls.CSV_EXPORT: to_csv(notice),
    }
    for project in notice.projects:
        files[urls.project_feed(project.id)] = feed(notice, site_url, project)
    return files


def files(notice: Notice, site_url: str, moves: Moves) -> dict[str, str]:
    """Source path -> content of every QR code and every redirect page."""
    out: dict[str, str] = {}
    for project in notice.projects:
        url = urls.project_url(project.id)
        permanent = urls.absolute(site_url, url)
        image = qr.svg(permanent, f"{project.seq}．{project.name}：{permanent}")
        out[urls.qr(project.id)] = image
        for old in project.aliases:
            out[urls.redirect(old)] = redirect.page(
                urls.project_url(old),
                url,
                permanent,
                f"{project.seq}．{project.name}",
                moves.anchors.get(url, {}),
            )
    return out


def moved(generated: dict[str, str], moves: Moves) -> dict[str, str]:
    """A file that moved (not a page) is also served, unchanged, at its former path.

    A downloaded QR code or a subscribed feed keeps working: a file cannot redirect.
    """
    return {old: generated[new] for old, new in moves.pages.items() if new in generated}
