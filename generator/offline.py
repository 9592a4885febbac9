"""Offline reading: the version of the service worker (``overrides/sw.js``).

The worker keeps the pages a resident has read in a cache named by the build. Its script
holds a placeholder that the finish step replaces with a digest of the built site, so a
site that changed has a worker that changed: browsers install it, and it deletes the
caches of older builds. The digest covers every file but the search index (made from the
pages after this step) and the worker itself; the same site gives the same digest, so
builds stay reproducible.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

WORKER = "sw.js"
PLACEHOLDER = "__MINSHENG_BUILD__"
SKIPPED = {WORKER, "pagefind"}


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def digest(site_dir: Path, hashed: Callable[[Path], bytes] | None = None) -> str:
    """A short digest of the built site's files: their paths and contents, in path order
    (each file's SHA-256 from ``hashed``, if given: ``make serve`` keeps them, filememo.py)."""
    total = hashlib.sha256()
    files = (p for p in site_dir.rglob("*") if p.is_file() and not p.is_symlink())
    for path in sorted(files, key=lambda p: p.relative_to(site_dir).as_posix()):
        name = path.relative_to(site_dir).as_posix()
        if name.split("/", 1)[0] in SKIPPED:
            continue
        total.update(name.encode("utf-8") + b"\0")
        total.update(hashed(path) if hashed else sha256(path.read_bytes()))
    return total.hexdigest()[:16]


def stamp(site_dir: Path, hashed: Callable[[Path], bytes] | None = None) -> str | None:
    """Write the site's digest into its worker; the digest, or None when there is no worker
    (a site built without this theme override)."""
    worker = site_dir / WORKER
    if not worker.is_file():
        return None
    text = worker.read_text(encoding="utf-8")
    version = digest(site_dir, hashed)
    worker.write_text(text.replace(PLACEHOLDER, version), encoding="utf-8")
    return version
