"""Node tree -> model objects, field by field, recording each field's line and every error.

A field the model does not declare is an error (with a suggestion), and so is a scalar
whose YAML type is not the declared one (``scalars.py``). Nothing is coerced silently.

A field that cannot be built still gets a value, an empty placeholder of its type, and
its path is recorded in ``broken``: the model is whole, with its list positions as in
the file, so the rules can still run on every part that does not depend on a broken
field (``rules.base.Rules`` skips the rest). The model is never used when there was an
error.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
from decimal import Decimal
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import yaml

from ..errors import DataError
from . import chars, scalars
from .compose import ALIAS_TAG

TAG = scalars.TAG


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _inner(hint: Any) -> Any | None:
    """The type inside ``X | None``, or None if ``hint`` is not optional."""
    if get_origin(hint) in (Union, types.UnionType) and type(None) in get_args(hint):
        (inner,) = [a for a in get_args(hint) if a is not type(None)]
        return inner
    return None


def placeholder(hint: Any) -> Any:
    """An empty value of a type: what a field that could not be built holds."""
    if _inner(hint) is not None:
        return None
    if get_origin(hint) is Literal:
        return get_args(hint)[0]
    if get_origin(hint) is tuple:
        return ()
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)  # type: ignore[arg-type]
        required = [f for f in dataclasses.fields(hint) if _required(f)]
        return hint(**{f.name: placeholder(hints[f.name]) for f in required})  # type: ignore[operator]
    return {int: 0, bool: False, Decimal: Decimal(0)}.get(hint, "")


def _required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


@dataclasses.dataclass(frozen=True)
class _Text:
    """What a text field demands beyond its type: its pattern, whether it may hold a
    line break (``multiline``, a paragraph)."""

    pattern: str | None = None
    multiline: bool = False


class Builder:
    """Builds model objects from nodes; ``errors``, ``lines`` (path -> line) and
    ``broken`` (paths of fields that could not be built) accumulate."""

    def __init__(self, name: str, anchored: dict[int, str]) -> None:
        self.name = name
        self.anchored = anchored
        self.errors: list[DataError] = []
        self.lines: dict[str, int] = {}
        self.broken: set[str] = set()

    def error(self, node: yaml.Node, path: str, message: str) -> None:
        """An error that leaves the field usable (an unknown key beside it, an anchor)."""
        self.errors.append(DataError(self.name, node.start_mark.line + 1, path, message))

    def fail(self, node: yaml.Node, path: str, message: str, hint: Any) -> Any:
        """An error that leaves the field without a value: its placeholder stands in."""
        self.error(node, path, message)
        self.broken.add(path)
        return placeholder(hint)

    def build(self, node: yaml.Node, hint: Any, path: str, text: _Text = _Text()) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if node.tag == ALIAS_TAG:
            message = f"不允许使用 YAML 别名 *{chars.show(node.value)}，请把内容完整写出"
            return self.fail(node, path, message, hint)
        if id(node) in self.anchored:
            anchor = chars.show(self.anchored[id(node)])
            self.error(node, path, f"不允许使用 YAML 锚点 &{anchor}，请把内容完整写出")
            self.broken.add(path)
        inner = _inner(hint)
        if inner is not None:
            if isinstance(node, yaml.ScalarNode) and node.tag == TAG + "null":
                return None
            value = self.build(node, inner, path, text)
            return None if path in self.broken else value
        if dataclasses.is_dataclass(hint):
            return self._mapping(node, hint, path)
        if get_origin(hint) is tuple:
            return self._sequence(node, hint, path, text)
        if not isinstance(node, yaml.ScalarNode):
            message = f"应为{scalars.expected(hint)}，实际为{scalars.kind(node)}"
            return self.fail(node, path, message, hint)
        try:
            return scalars.read(node, hint, text.pattern, text.multiline)
        except scalars.Refused as refused:
            return self.fail(node, path, refused.message, hint)

    def _sequence(self, node: yaml.Node, hint: Any, path: str, text: _Text) -> tuple[Any, ...]:
        if not isinstance(node, yaml.SequenceNode):
            message = f"应为列表（每项以“- ”开头），实际为{scalars.kind(node)}"
            return self.fail(node, path, message, hint)  # type: ignore[no-any-return]
        elem = get_args(hint)[0]
        return tuple(self.build(c, elem, f"{path}[{i}]", text) for i, c in enumerate(node.value))

    def _mapping(self, node: yaml.Node, cls: Any, path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            message = f"应为键值表（“字段: 值”），实际为{scalars.kind(node)}"
            return self.fail(node, path, message, cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        hints = _hints(cls)
        seen: dict[str, int] = {}
        values: dict[str, Any] = {}
        prefix = f"{path}." if path else ""
        for key_node, value_node in node.value:
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == TAG + "str"):
                if key_node.tag == TAG + "merge":
                    message = "不允许使用 YAML 合并键 <<，请把字段逐个写出"
                else:
                    message = f"字段名应为文本，实际为{scalars.kind(key_node)}"
                self.error(key_node, path or "(整个文件)", message)
                continue
            key = key_node.value
            shown = chars.show(key)
            if key in seen:
                message = f"字段 '{shown}' 重复（第 {seen[key]} 行已出现）"
                self.fail(key_node, prefix + key, message, None)
                continue
            seen[key] = key_node.start_mark.line + 1
            if key not in fields:
                close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
                hint = f"（是否应为 '{close[0]}'？）" if close else ""
                known = "、".join(fields)
                self.error(key_node, prefix + key, f"未知字段 '{shown}'{hint}；可用字段：{known}")
                continue
            f = fields[key]
            text = _Text(f.metadata.get("pattern"), f.metadata.get("multiline", False))
            values[key] = self.build(value_node, hints[key], prefix + key, text)
        for fname, f in fields.items():
            if fname not in seen and _required(f):
                message = f"缺少必填字段 '{fname}'（{f.metadata['doc']}）"
                values[fname] = self.fail(node, prefix + fname, message, hints[fname])
        return cls(**values)
