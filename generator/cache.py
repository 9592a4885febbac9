"""Outputs that are slow to make, kept in a folder and named by what decides their bytes.

A build draws a QR code and writes a spreadsheet per project: together most of what the
plugin adds to a build's time (site/qr.py, sheets/). Each is a pure function of a few
inputs, so it is stored under a hash of those inputs (the data it shows, the library
versions, the code that writes it) and reused byte for byte. The folder is
``.cache/minsheng/`` beside mkdocs.yml, next to material's own ``.cache/plugin/``; git
ignores it, and deleting it costs only time. Compiled templates are kept there too, by
Jinja's own cache (``site/render.py``).

Nothing is trusted for being there: each file holds the SHA-256 of its content on its
first line, and one whose content does not match (cut short by a full disk, edited, a
``<script>`` added) is made again and replaced, never used: a bad cache costs time, never
a page.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path


def folder(config_dir: Path) -> Path:
    """The cache folder of the site configured in ``config_dir``."""
    return config_dir / ".cache" / "minsheng"


def key(*parts: object) -> str:
    """The name of an output made from ``parts`` (JSON values)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def package(name: str) -> str:
    """An installed package's version, for a key."""
    return version(name)


@cache
def source(path: Path) -> str:
    """A hash of a module's source, for a key: editing the code that writes an output
    makes a new name, so an output written by older code is never reused."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def made(place: Path | None, name: str, make: Callable[[], bytes]) -> bytes:
    """The output called ``name`` in ``place``, made (and stored) if it is not there yet;
    with ``place`` None, simply made."""
    if place is None:
        return make()
    path = place / name
    try:
        content = unsealed(path.read_bytes())
    except OSError:
        content = None
    if content is None:
        content = make()
        store(path, sealed(content))
    return content


def sealed(content: bytes) -> bytes:
    """``content`` as the cache keeps it: its hash on the first line, then itself."""
    return hashlib.sha256(content).hexdigest().encode("ascii") + b"\n" + content


def unsealed(stored: bytes) -> bytes | None:
    """The content of a cache file, or None when it does not match its hash."""
    digest, newline, content = stored.partition(b"\n")
    if newline and digest == hashlib.sha256(content).hexdigest().encode("ascii"):
        return content
    return None


def store(path: Path, content: bytes) -> None:
    """Write whole or not at all (a parallel build never reads half a file). A cache that
    cannot be written (a read-only checkout) only costs time: errors are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
