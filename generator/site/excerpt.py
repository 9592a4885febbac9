"""Short texts cut from the notice's words (share text, list excerpts): they end where a
clause of the notice ends, with “…”, so that no number is split from its unit or its
qualifier (“教育：58” for 5821 was a share text once)."""

from __future__ import annotations

import re

from ..model import Indicator, value_pattern

# Where a clause of the notice ends. Not “、”: it separates the figures of one clause
# (“分别不超过0.3、0.5、1万元”), which would leave a number without its unit.
CLAUSE_END = re.compile(r"[，；。！？：]")
ELLIPSIS = "…"


def cut(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters; else its clauses that fit, then “…”.

    A first clause longer than ``limit`` is kept whole: a longer share text is better than
    a figure cut in two.
    """
    if len(text) <= limit:
        return text
    ends = [m.start() for m in CLAUSE_END.finditer(text)]
    fitting = [end for end in ends if end <= limit]
    end = fitting[-1] if fitting else (ends[0] if ends else len(text))
    if end >= len(text.rstrip("。")):
        return text
    return text[:end] + ELLIPSIS


def value_span(indicator: Indicator) -> tuple[int, int] | None:
    """Where the indicator's own figure stands in its clause (the one in its quote, where
    the clause holds the same number twice, as in “14人（教育：14人”)."""
    pattern = value_pattern(indicator.value)
    clause, quote = indicator.clause, indicator.quote
    offset = clause.find(quote)
    if offset >= 0 and (m := pattern.search(quote)):
        return offset + m.start(), offset + m.end()
    m = pattern.search(clause)
    return (m.start(), m.end()) if m else None
