"""JSON Schema for the data file, generated from the model's dataclasses.

The schema is committed (editors read it from the repository) and a test
checks it is current: ``python -m generator schema`` rewrites it.
"""

from __future__ import annotations

import dataclasses
import json
import types
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from .model import Notice

SCHEMA_PATH = Path(__file__).parent / "schema" / "projects.schema.json"


def _type(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in get_args(hint) if a is not type(None)]
        return {"anyOf": [_type(inner, defs), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type(get_args(hint)[0], defs)}
    if origin is Literal:
        return {"enum": list(get_args(hint))}
    if dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # placeholder first: guards against recursion
            defs[name] = _object(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    if hint is int:
        return {"type": "integer"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is Decimal:
        return {"type": ["number", "string"], "pattern": r"^\d+(\.\d+)?$"}
    return {"type": "string", "minLength": 1}


def _object(cls: Any, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(cls):
        prop = _type(hints[f.name], defs)
        prop["description"] = f.metadata["doc"]
        if f.metadata.get("pattern"):
            if prop.get("type") == "array":  # a list of ids: the pattern is on each item
                target = prop["items"]
            else:
                target = prop if prop.get("type") == "string" else prop["anyOf"][0]
            target["pattern"] = f.metadata["pattern"]
        if f.metadata.get("example") is not None:
            prop["examples"] = [f.metadata["example"]]
        properties[f.name] = prop
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    return {
        "type": "object",
        "description": (cls.__doc__ or "").strip().splitlines()[0],
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def build() -> dict[str, Any]:
    """The JSON Schema of a data file."""
    defs: dict[str, Any] = {}
    root = _object(Notice, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "民生工程数据文件",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=2) + "\n"
