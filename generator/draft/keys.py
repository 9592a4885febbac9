"""Keys that other branches add to the data format, written only once the checker knows them.

``continues`` (a project continuing one of an earlier notice) and ``clause`` (the words that
hold a figure) are computed always; they go into the draft only if the checker's JSON schema
has them, so turning them on is adding them to the model, nothing here.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "projects.schema.json"


@cache
def _known() -> dict[str, frozenset[str]]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return {name: frozenset(d.get("properties", {})) for name, d in schema.get("$defs", {}).items()}


def optional(kind: str, key: str) -> bool:
    """Whether the checker accepts ``key`` on a ``kind`` ("Project", "Indicator", …)."""
    return key in _known().get(kind, frozenset())
