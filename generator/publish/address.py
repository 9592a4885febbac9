"""A site to publish needs its public address: ``make site`` refuses this machine's own.

``site_url`` makes every permanent address the site publishes: citations and their files,
QR codes, og:url and og:image, the feeds and the subscribe page, the sitemap. mkdocs.yml
falls back to ``http://127.0.0.1:8000/`` when ``SITE_URL`` is not set, right for ``make
serve`` and the tests but wrong in every one of those on a published site. ``make
preview`` (nginx on this machine) builds with ``--local``, which allows it.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.utils.yaml import yaml_load


def site_url(config_file: Path) -> str:
    """The ``site_url`` that a build of ``config_file`` gets (``!ENV`` resolved as MkDocs does)."""
    with open(config_file, encoding="utf-8") as f:
        config = yaml_load(f) or {}
    return str(config.get("site_url") or "")


def is_local(url: str) -> bool:
    """Whether ``url`` is missing or names this machine (localhost, a loopback address)."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def refusal(config_file: Path) -> str | None:
    """Why the site of ``config_file`` cannot be published (None if it can)."""
    url = site_url(config_file)
    if not is_local(url):
        return None
    shown = f"为本机地址 {url}" if url else "未设置"
    return (
        f"错误：网站的正式地址{shown}，引文、二维码、分享链接、订阅和 sitemap 中的网址都会指向本机。"
        "请设置正式地址再生成，如 SITE_URL=https://网站的正式地址/ make site；只在本机查看请用 make serve 或 make preview。"
    )
