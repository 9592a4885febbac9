"""The one structure every reader produces: the notice's paragraphs and table rows, in order."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# A table cell is its printed lines; ``None`` stands for a cell merged with the one above
# or to its left (a Word table's vMerge/gridSpan, a PDF cell spanning rows).
Cell = tuple[str, ...] | None


@dataclass
class Source:
    """What a reader found: body paragraphs and the annex table's rows, each in order."""

    paragraphs: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)


class DraftError(Exception):
    """An input that cannot be drafted; the message is for the clerk (Chinese)."""


CJK = "\u3400-\u9fff\uf900-\ufaff"
_SPACE = re.compile(r"\s+")
# "a n d": a Latin word spaced out letter by letter (a PDF's character spacing)
_SPACED_LETTERS = re.compile(r"(?<![A-Za-z])[A-Za-z](?: [A-Za-z])+(?![A-Za-z])")
# A page number as printed on government documents: —2—, - 2 -, 第2页.
PAGE_NUMBER = re.compile(r"^[\s—–\-－]*\d[\d\s]*[\s—–\-－]*$|^第\s*[\d\s]+页(\s*共\s*[\d\s]+页)?$")


def clean(text: str) -> str:
    """The text without the spaces an extraction inserts between characters.

    Chinese text has no spaces of its own, so every space goes; a space next to a Latin
    letter is kept (a notice may print a Latin word among Chinese, quoted as printed).
    """
    kept = _SPACE.sub(" ", text.strip())
    kept = _SPACED_LETTERS.sub(lambda m: m.group().replace(" ", ""), kept)
    out: list[str] = []
    for i, ch in enumerate(kept):
        if ch == " ":
            before, after = kept[i - 1], kept[i + 1]
            if not (before.isascii() and before.isalpha()) and not (
                after.isascii() and after.isalpha()
            ):
                continue
        out.append(ch)
    return "".join(out)


def segments(line: str) -> list[str]:
    """A line split where the extraction left a gap: a cell's lines as printed."""
    return [s for s in _SPACE.split(line.strip()) if s]
