"""robots.txt: every page may be indexed; the sitemap (written by MkDocs) is named.

Crawlers read robots.txt only at a host's root, and a sitemap only by its absolute
address: a site deployed under a path (``https://owner.github.io/repo/``) still gets the
file, which a server at the root may serve or ignore.
"""

from __future__ import annotations

from .. import urls
from ..urls import Urls


def robots_txt(address: Urls, site_url: str) -> str:
    """The file's text; without a site address (a site-relative build) no Sitemap line."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append("Sitemap: " + urls.absolute(site_url, address.SITEMAP))
    return "\n".join(lines) + "\n"
