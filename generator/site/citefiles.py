"""A citation as the files reference managers import: CSL-JSON (the record itself), RIS and
BibTeX (biblatex's ``@online``), one of each beside the notice page and every project page.

Written here rather than by a library: each is a few lines, and the tests read them back with
independent readers (rispy, bibtexparser, citation-js). No access date: that is the citer's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

Record = dict[str, Any]
_SPACE = re.compile(r"\s+")


def _line(text: str) -> str:
    """One line: any line break or run of spaces in a text becomes one space."""
    return _SPACE.sub(" ", text).strip()


def _date(record: Record) -> tuple[int, int, int]:
    year, month, day = record["issued"]["date-parts"][0]
    return year, month, day


def csl_json(record: Record) -> str:
    return json.dumps([record], ensure_ascii=False, indent=2) + "\n"


def ris(record: Record) -> str:
    """RIS: one ``TAG  - value`` per line, lines ended by CR LF as the format asks."""
    year, month, day = _date(record)
    lines = [("TY", "ELEC"), ("TI", record["title"])]
    lines += [("AU", author["literal"]) for author in record.get("author", [])]
    lines += [
        ("PY", f"{year:04d}"),
        ("DA", f"{year:04d}/{month:02d}/{day:02d}"),
        ("UR", record["URL"]),
        ("LA", record["language"]),
        ("ET", record["version"]),
        ("ID", record["id"]),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {_line(value)}".rstrip(" ") + "\r\n" for tag, value in lines)


# BibTeX's special characters, written so that they print as themselves.
_TEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
    "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
_TEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _TEX))


def _tex(text: str) -> str:
    return _TEX_SPECIAL.sub(lambda m: _TEX[m.group()], _line(text))


def bibtex(record: Record) -> str:
    """A biblatex ``@online`` entry; an author is an organisation (kept whole in braces)."""
    year, month, day = _date(record)
    fields = [("title", _tex(record["title"]))]
    fields += [("author", " and ".join("{" + _tex(a["literal"]) + "}" for a in record.get("author", [])))]
    fields += [
        ("date", f"{year:04d}-{month:02d}-{day:02d}"),
        ("url", record["URL"]),
        ("langid", "chinese"),
        ("version", _tex(record["version"])),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@online{{{record['id']},\n{body}\n}}\n"


WRITERS: dict[str, Callable[[Record], str]] = {"json": csl_json, "ris": ris, "bib": bibtex}
