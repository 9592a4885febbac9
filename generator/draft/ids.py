"""Ids from Chinese names in pinyin (pypinyin): lower-case words joined by '-', unique, short."""
from __future__ import annotations

import re

MAX_LENGTH = 64


def pinyin_id(name: str, words: int = 4) -> str:
    """“四带一自”产业扶贫 -> 'sidai-yizi-chanye-fupin': syllables in pairs (most Chinese words
    are two characters), at most ``words`` pairs and 64 characters; digits and Latin kept."""
    from pypinyin import Style, lazy_pinyin

    syllables = [re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
                 for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore")]
    syllables = [s for s in syllables if s]
    pairs = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
    text = ""
    for pair in pairs[:words]:
        longer = f"{text}-{pair}" if text else pair
        if len(longer) > MAX_LENGTH:
            break
        text = longer
    return text or "xiang"


class Names:
    """Hands out ids unique among those already given (a second 'dibao' becomes 'dibao-2')."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set(taken or ())

    def unique(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.taken:
            n += 1
            suffix = f"-{n}"
            candidate = wanted[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        self.taken.add(candidate)
        return candidate
