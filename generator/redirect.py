"""The page left at a former address: it sends the reader to the current one.

Plain HTML that works on any static host: a canonical link and a meta refresh,
a visible link for readers without either, and a one-line script that keeps the
``#anchor`` (mapped through the former anchors) on the way. The meta refresh
sits in ``<noscript>``: a refresh would otherwise race the script and drop the
anchor.
"""

from __future__ import annotations

import html
import json
import posixpath


def relative(from_url: str, to_url: str) -> str:
    """A link between two directory URLs of the site, e.g. ``../dibao/``."""
    path = posixpath.relpath(to_url or ".", from_url or ".")
    return "./" if path == "." else path + "/"


def page(old_url: str, new_url: str, canonical: str, title: str, anchors: dict[str, str]) -> str:
    """The redirect page at ``old_url`` (site-relative) for the page now at ``new_url``."""
    target = relative(old_url, new_url)
    # no "</" can end the script early: ids and the relative target use only [a-z0-9./-]
    script = (
        f"var m={json.dumps(anchors, sort_keys=True)},h=location.hash.slice(1);"
        f"location.replace({json.dumps(target)}+(h?'#'+(m[h]||h):''));"
    )
    esc_target = html.escape(target)
    esc_title = html.escape(title)
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>页面已迁移：{esc_title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{html.escape(canonical)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc_title}">
<meta property="og:url" content="{html.escape(canonical)}">
<meta name="twitter:card" content="summary">
<script>{script}</script>
<noscript><meta http-equiv="refresh" content="0; url={esc_target}"></noscript>
</head>
<body>
<p>本页网址已更改。“{esc_title}”现在的网址是：<a href="{esc_target}">{html.escape(canonical)}</a></p>
</body>
</html>
"""
