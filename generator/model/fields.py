"""How a model field is declared: its type hint, plus a Chinese description for the people
who edit the data file (shown by their editor through the JSON Schema, and on /data/), an
optional text pattern and an example. No I/O."""

from __future__ import annotations

import re
from dataclasses import field
from typing import Any

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# A figure exactly as the notice prints it, or "/" where it sets none this year.
VALUE_PATTERN = r"^([0-9]+(\.[0-9]+)?|/)$"
LINK_PATTERN = r"^https?://[^\s<>\"']+$"
# A project, or a sub-item of one: "kunnan-jiuzhu" or "kunnan-jiuzhu#dibao".
MEMBER_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(#[a-z0-9]+(-[a-z0-9]+)*)?$"
NO_FIGURE = "/"


def spec(
    doc: str,
    *,
    pattern: str | None = None,
    default: Any = ...,
    example: Any = None,
    multiline: bool = False,
) -> Any:
    """A field with its Chinese description (and optional text pattern) as metadata.

    ``multiline`` marks a paragraph (or a quote from one): the only kind of text that
    may hold a line break. Every other text is one line (a name, a heading, a unit…),
    where a break would be a mistake (see ``data/chars.py``).
    """
    meta = {"doc": doc, "pattern": pattern, "example": example, "multiline": multiline}
    if default is ...:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def id_field(doc: str) -> Any:
    return spec(doc + "（永久编号：小写字母、数字和连字符，发布后不得更改）", pattern=ID_PATTERN)


def former_ids(what: str) -> Any:
    """Former ids: their published addresses keep working (see site/moves.py)."""
    return spec(
        f"旧编号：{what}以前用过的编号。改编号时把旧编号写在这里，旧网址和旧锚点会转到现在的位置；发布后不得删除",
        pattern=ID_PATTERN,
        default=(),
    )


def value_pattern(value: str) -> re.Pattern[str]:
    """A figure as a whole number: '3' must not match inside '0.3' or '35'."""
    if value == NO_FIGURE:
        return re.compile(re.escape(NO_FIGURE))
    return re.compile(rf"(?<![\d.]){re.escape(value)}(?!\d|\.\d)")
