"""Signboard QR codes: an SVG per project, encoding its permanent URL."""

from __future__ import annotations

import io

import segno


def svg(url: str, title: str) -> str:
    """A black-on-white SVG QR code of ``url`` (error correction M or better)."""
    code = segno.make_qr(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", scale=5, border=4, dark="#000", light="#fff", title=title, nl=True)
    return out.getvalue().decode("utf-8")
