"""Text is text: every string from the data is escaped here, once, for where it lands.

A generated page is Markdown, but no data string is ever read as Markdown, HTML, YAML or
a template. The design, by destination:

* Page body: templates write data inside raw HTML blocks (``<div>…</div>``), which
  Python-Markdown passes through untouched; Jinja's autoescape (``html.escape``) makes
  each string inert there, so ``</div>``, ``*``, ``[x](javascript:…)`` or ``{: onclick}``
  stay visible text. Attributes are double-quoted, and autoescape escapes quotes too.
* Markdown headings (the table of contents needs them): ``md`` writes every character
  that Markdown or HTML could read as syntax as a numeric character reference, and a line
  break as a space.
* Page metadata (title, description…), which the theme writes into the page as HTML
  without escaping it: ``for_theme`` escapes the text as HTML, and ``front_matter``
  serialises the metadata as ASCII-only JSON, which YAML reads back exactly, whatever the
  characters; the plugin checks that it did (``check_meta``) and fails the build if not.
* Tooltips (``title`` attributes read by the theme's tooltip script as HTML): ``tooltip``
  escapes twice.
* Feeds: ElementTree writes XML. Spreadsheets: ``export.cell`` keeps text from being read
  as a formula. URLs: only the validated forms (ids, ``http(s)://`` links) reach ``href``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

# HTML's and Markdown's special characters. md() writes them as numeric character
# references, which Markdown leaves alone: a backslash escape would stay visible for
# the characters Python-Markdown does not know as escapable (":", "=", "|", "~", "^").
_MD_SPECIAL = re.compile(r"[&<>\"'\\`*_{}\[\]()#+\-.!|~^=:]")
_LINE_BREAK = re.compile(r"\r\n?|\n")


def md(text: str) -> Markup:
    """Text safe to place in a Markdown heading or paragraph: inert, shown as written.

    Line breaks become spaces: a heading is one line, and a break would end it early.
    """
    text = _LINE_BREAK.sub(" ", text)
    return Markup(_MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text))


def tooltip(text: str) -> str:
    """Text for a ``title`` attribute in the content, escaped twice.

    Material's tooltips (``content.tooltips``) put a title into the page as HTML:
    the attribute's value must itself be escaped HTML to show as written.
    """
    return html.escape(html.escape(text))


def for_theme(text: str) -> str:
    """Text for page metadata that the theme writes into pages as HTML, unescaped."""
    return str(escape(text))


def front_matter(meta: Mapping[str, Any]) -> str:
    """A page's metadata as YAML front matter that always reads back as ``meta``.

    JSON is YAML; with every non-ASCII character and control character written as an
    escape, no character of the data can break the block or change its meaning. Two
    escapes are YAML's own rather than JSON's: DEL (U+007F), which JSON leaves as it is
    and YAML refuses to read, and a character beyond U+FFFF, which JSON writes as a
    surrogate pair and YAML would read as two lone surrogates (``\\U0001F600``).
    """
    text = json.dumps(meta, ensure_ascii=True).replace("\x7f", "\\u007f")
    return "---\n" + _PAIR.sub(_astral, text) + "\n---\n"


_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _astral(pair: re.Match[str]) -> str:
    high, low = int(pair.group(1), 16), int(pair.group(2), 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"


def check_meta(src: str, read: Mapping[str, Any], expected: Mapping[str, Any]) -> str | None:
    """Why the metadata MkDocs read from a generated page is not what was written, if so."""
    if dict(read) == dict(expected):
        return None
    return f"生成的页面 {src} 的元数据读回后与写入的不一致：页面标题和摘要可能被当作正文解析，已停止生成"
