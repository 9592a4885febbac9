"""Each notice as last loaded, kept in the build cache (``cache.py``) for the next build.

Reading and checking seven notices of 45 projects took 0.8 s CPU of every build in a new
process (``make site``, CI with a kept cache, each round of ``make bench``), about a
third of all that the plugin adds to MkDocs' own work. The same bytes, read by the same
code, make the same notice (loading reads nothing else: no clock, no other file), so a
notice is kept under its file's name and reused only while the file's bytes, every module
of the generator, Python and PyYAML are what they were. One entry per data file, replaced
when the file changes: saving under ``make serve`` does not pile entries up.

Nothing is trusted for being there: the entry is sealed with its hash (``cache.py``), and
read back by an unpickler that makes nothing but the model's own classes and plain values,
so a file put into the cache can neither run code nor pass for a notice; anything amiss
is a miss, and the notice is loaded anew. A notice with mistakes is never kept (its errors
are raised every time).
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .. import cache as stored
from ..model import Notice

Loaded = tuple[Notice, Mapping[str, int]]
FOLDER = "notices"
# What a kept notice may be made of, besides the model's classes (generator.model.*).
PLAIN = {("decimal", "Decimal"), ("datetime", "date")}


def loaded(raw: bytes, name: str, place: Path | None, load: Callable[[], Loaded]) -> Loaded:
    """The notice of data file ``name`` (its bytes ``raw``): kept in ``place`` if it was
    loaded from the same bytes by the same code, else ``load()`` (then kept)."""
    if place is None:
        return load()
    path = place / FOLDER / stored.key("notice", name, _code(), sys.version, stored.package("PyYAML"))
    digest = hashlib.sha256(raw).hexdigest()
    found = _read(path, digest)
    if found is not None:
        return found
    notice, lines = load()  # raises DataErrors on mistakes: nothing kept
    stored.store(path, stored.sealed(pickle.dumps((digest, notice, dict(lines)), protocol=pickle.HIGHEST_PROTOCOL)))
    return notice, lines


def _read(path: Path, digest: str) -> Loaded | None:
    try:
        content = stored.unsealed(path.read_bytes())
    except OSError:
        return None
    if content is None:
        return None
    try:
        kept = _Model(io.BytesIO(content)).load()
    except Exception:  # written by other code, or not by us at all: loaded anew
        return None
    match kept:
        case (str() as was, Notice() as notice, dict() as lines) if was == digest:
            return notice, MappingProxyType(lines)
    return None


class _Model(pickle.Unpickler):
    """Makes only the model's classes and plain values (Python's "restricting globals")."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in PLAIN:
            return super().find_class(module, name)
        # A class the model defines, by its own name: not one of its functions, not a class
        # it imports, and no dotted path (Notice.__init__.__code__.__class__ would reach the
        # types that make code).
        if (module == "generator.model" or module.startswith("generator.model.")) and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__.startswith("generator.model"):
                return found
        raise pickle.UnpicklingError(f"{module}.{name}")


@cache
def _code() -> str:
    """A hash of every module of the generator: any change of the code makes a new key."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
