"""The built pages without the theme's indentation.

Material's templates indent every nested tag, so a page's menu alone is about a third
whitespace; over a slow phone link that is paid on every first page. A run of white space
that holds a line break is shown exactly like a single line break (HTML collapses white
space), so such runs become one line break, outside the elements that keep white space as
written (``pre``, ``textarea``) and outside scripts and styles, which are left as they are.
Run by ``finish`` on every page, with or without the plugin.
"""

from __future__ import annotations

import re

_KEPT = re.compile(rb"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(rb"[ \t]*\n[ \t\r\n]*")


def collapse(html: bytes) -> bytes:
    """``html`` with every white-space run that holds a line break made one line break."""
    parts = _KEPT.split(html)
    # split() with two groups gives: text, kept element, its tag name, text, …
    out = []
    for i in range(0, len(parts), 3):
        out.append(_INDENT.sub(b"\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return b"".join(out)
