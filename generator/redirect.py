"""The page left at a former address: it sends the reader to the current one.

The HTML is the template ``redirect.html.j2``; its script is ``assets/redirect.js``.
"""

from __future__ import annotations

import posixpath

from jinja2 import Environment, PackageLoader, StrictUndefined


def relative(from_url: str, to_url: str) -> str:
    """A link between two directory URLs of the site, e.g. ``../dibao/``."""
    path = posixpath.relpath(to_url or ".", from_url or ".")
    return "./" if path == "." else path + "/"


_env = Environment(
    loader=PackageLoader("generator", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    comment_start_string="{##",
    comment_end_string="##}",
)


def page(old_url: str, new_url: str, canonical: str, title: str, anchors: dict[str, str]) -> str:
    """The redirect page at ``old_url`` (site-relative) for the page now at ``new_url``."""
    return _env.get_template("redirect.html.j2").render(
        title=title,
        canonical=canonical,
        target=relative(old_url, new_url),
        script=posixpath.relpath("assets/redirect.js", old_url or "."),
        anchors=dict(sorted(anchors.items())),
    )
