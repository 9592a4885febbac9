"""The Chinese ordinals of the notice's headings (一、二、…): where a part stands."""

from __future__ import annotations

import re

_ORDINAL = re.compile(r"^([一二三四五六七八九十]+)、(.*)$", re.S)
_NUMERALS = "一二三四五六七八九"


def heading_parts(heading: str) -> tuple[str, str]:
    """A heading split into its ordinal and its words: ``("一", "新增3项民生工程")``."""
    found = _ORDINAL.match(heading)
    return (found.group(1), found.group(2)) if found else ("", heading)


def heading_order(heading: str) -> int:
    """The number of a heading's ordinal (一 1 … 十九 19); 0 without one."""
    ordinal = heading_parts(heading)[0]
    if not ordinal:
        return 0
    tens, _, units = ordinal.rpartition("十")
    if "十" not in ordinal:
        return _NUMERALS.index(ordinal) + 1 if len(ordinal) == 1 else 0
    ten = (_NUMERALS.index(tens) + 1 if tens else 1) * 10
    return ten + (_NUMERALS.index(units) + 1 if units else 0)
