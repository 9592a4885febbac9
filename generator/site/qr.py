"""Signboard QR codes: an SVG per project, encoding its permanent URL.

Drawing a code is mostly segno choosing its mask (it scores all eight; ~5 ms a code, a
fifth of the CPU time of a 3,300-project build). A fixed mask would be faster but scans
worse in small prints, so segno keeps choosing, once: a code is kept in the build cache
(``generator/cache.py``) under a hash of the URL, the title, segno's version and this
module's code (the drawing options), and reused byte for byte.
"""

from __future__ import annotations

import io
from pathlib import Path

from .. import cache


def svg(url: str, title: str, cache_dir: Path | None = None) -> str:
    """A black-on-white SVG QR code of ``url`` (error correction M or better); with
    ``cache_dir`` (the build cache), drawn only if it was not drawn before."""
    place = cache_dir / "qr" if cache_dir else None
    return cache.made(place, f"{key(url, title)}.svg", lambda: draw(url, title).encode()).decode()


def draw(url: str, title: str) -> str:
    import segno  # only when a code is drawn: with a warm cache a build never imports it

    code = segno.make_qr(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", scale=5, border=4, dark="#000", light="#fff", title=title, nl=True)
    return out.getvalue().decode("utf-8")


def key(url: str, title: str) -> str:
    """The cache name of a code: changes when anything that decides its bytes changes."""
    return cache.key(url, title, cache.package("segno"), cache.source(Path(__file__)))
