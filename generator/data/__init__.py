"""Loading a data file, in stages: compose (YAML -> nodes), build (nodes -> model), rules.

``load`` is the only entry point; every mistake comes back as ``errors.DataErrors``.
"""

from __future__ import annotations

from .build import MAX_TEXT
from .load import load, load_bytes

__all__ = ["MAX_TEXT", "load", "load_bytes"]
