"""Loading a data file, in stages: a first look (prescan), compose (YAML -> nodes), build
(nodes -> model), rules.

``load`` is the only entry point; every mistake comes back as ``errors.DataErrors``.
"""

from __future__ import annotations

from .load import MAX_BYTES, load, load_bytes
from .prescan import MAX_TEXT

__all__ = ["MAX_BYTES", "MAX_TEXT", "load", "load_bytes"]
