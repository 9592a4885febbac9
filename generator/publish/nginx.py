"""Former addresses as nginx redirects: a 301 for every page or file that moved.

The moves come from the data's ``aliases`` (``site.moves.moves``): an old project page, and
the QR code and feed that moved with it, answer ``301`` with their current address (the
browser keeps the ``#anchor``; old anchors live on in the current pages). The redirect
pages and file copies the build leaves at those addresses stay, for other hosts and for
direct requests of ``…/index.html``. ``make site`` writes the include into each release as
``nginx-redirects.conf``; the server configuration includes it where it exists (deploy/nginx/).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from ..site.configured import load_site
from ..site.moves import Moves

NAME = "nginx-redirects.conf"
# How the server configurations include it: a pattern matching only NAME ("[f]" is the
# letter f), because nginx fails on a missing included file but not on a pattern without
# a match: a build without redirects (stock `mkdocs build`) is served all the same.
INCLUDE = "nginx-redirects.con[f]"
HEADER = (
    "# 由 make site 根据数据中的 aliases（旧编号）生成，不要手工编辑：旧网址 301 转到新网址。\n"
)
# Every address is made from ids (lower-case letters, digits, hyphens): nothing in them may
# need quoting in nginx's syntax, and a character that would is refused, not escaped.
_PLAIN = re.compile(r"/[A-Za-z0-9._~/-]*")


def _path(base: str, url: str) -> str:
    path = base + url
    if not _PLAIN.fullmatch(path):
        raise ValueError(f"地址 {path!r} 含有 nginx 配置中不能直接写的字符")
    return path


def redirects(moved: Moves, base: str = "/") -> str:
    """The include: one exact ``location`` per former address; ``base`` is the site's path."""
    lines = [HEADER]
    for old, new in sorted(moved.pages.items()):
        lines.append(
            f"location = {_path(base, old)} {{ return 301 {_path(base, new)}$is_args$args; }}\n"
        )
    return "".join(lines)


def write_redirects(config_file: Path, site_dir: Path) -> Path:
    """Write the include for the site that ``config_file`` (mkdocs.yml) builds into ``site_dir``."""
    site, config = load_site(Path(config_file), dated=False)
    base = urlsplit(str(config.get("site_url") or "/")).path or "/"
    out = Path(site_dir) / NAME
    out.write_text(redirects(site.moves, base), encoding="utf-8")
    return out
