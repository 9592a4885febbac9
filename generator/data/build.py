"""Node tree -> model objects, field by field, recording each field's line and every error.

A field the model does not declare is an error (with a suggestion), and so is a scalar
whose YAML type is not the declared one: ``no`` read as false, ``010`` as octal 8, a date
left unquoted. Nothing is coerced silently.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
from decimal import Decimal
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import yaml

from ..errors import DataError
from . import messages
from .compose import ALIAS_TAG

TAG = "tag:yaml.org,2002:"
MAX_TEXT = 20_000  # characters; far above any real paragraph, far below a pasted file


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _optional(hint: Any) -> bool:
    return get_origin(hint) in (Union, types.UnionType) and type(None) in get_args(hint)


def _expected(hint: Any) -> str:
    return {int: "整数", bool: "true 或 false", Decimal: "数字"}.get(hint, "文本")


class Builder:
    """Builds model objects from nodes; ``errors`` and ``lines`` (path -> line) accumulate."""

    def __init__(self, name: str, anchored: dict[int, str]) -> None:
        self.name = name
        self.anchored = anchored
        self.errors: list[DataError] = []
        self.lines: dict[str, int] = {}

    def error(self, node: yaml.Node, path: str, message: str) -> None:
        self.errors.append(DataError(self.name, node.start_mark.line + 1, path, message))

    def build(self, node: yaml.Node | None, hint: Any, path: str) -> Any:
        if node is None:
            return None
        self.lines[path] = node.start_mark.line + 1
        if node.tag == ALIAS_TAG:
            self.error(node, path, f"不允许使用 YAML 别名 *{node.value}，请把内容完整写出")
            return None
        if id(node) in self.anchored:
            anchor = self.anchored[id(node)]
            self.error(node, path, f"不允许使用 YAML 锚点 &{anchor}，请把内容完整写出")
        origin = get_origin(hint)
        if origin in (Union, types.UnionType):
            (inner,) = [a for a in get_args(hint) if a is not type(None)]
            if isinstance(node, yaml.ScalarNode) and node.tag == TAG + "null":
                return None
            return self.build(node, inner, path)
        if dataclasses.is_dataclass(hint):
            return self._mapping(node, hint, path)
        if origin is tuple:
            return self._sequence(node, get_args(hint)[0], path)
        return self._scalar(node, hint, path)

    def _kind(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.SequenceNode):
            return "列表"
        if isinstance(node, yaml.MappingNode):
            return "键值表"
        return messages.KIND.get(node.tag.removeprefix(TAG), f"标签 {node.tag}")

    def _sequence(self, node: yaml.Node, hint: Any, path: str) -> tuple[Any, ...]:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, path, f"应为列表（每项以“- ”开头），实际为{self._kind(node)}")
            return ()
        return tuple(self.build(child, hint, f"{path}[{i}]") for i, child in enumerate(node.value))

    def _mapping(self, node: yaml.Node, cls: Any, path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, path, f"应为键值表（“字段: 值”），实际为{self._kind(node)}")
            return None
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
                    message = f"字段名应为文本，实际为{self._kind(key_node)}"
                self.error(key_node, path or "(整个文件)", message)
                continue
            key = key_node.value
            if key in seen:
                self.error(key_node, prefix + key, f"字段 '{key}' 重复（第 {seen[key]} 行已出现）")
                continue
            seen[key] = key_node.start_mark.line + 1
            if key not in fields:
                close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
                hint = f"（是否应为 '{close[0]}'？）" if close else ""
                known = "、".join(fields)
                self.error(key_node, prefix + key, f"未知字段 '{key}'{hint}；可用字段：{known}")
                continue
            values[key] = self._checked(value_node, fields[key], hints[key], prefix + key)
        missing = False
        for fname, f in fields.items():
            if fname in seen:
                continue
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                self.error(node, prefix + fname, f"缺少必填字段 '{fname}'（{f.metadata['doc']}）")
                missing = True
        if missing or any(v is None and not _optional(hints[k]) for k, v in values.items()):
            return None
        return cls(**values)

    def _checked(self, node: yaml.Node, field: dataclasses.Field[Any], hint: Any, path: str) -> Any:
        """A field's value, its text pattern checked (for a list of ids, each one)."""
        value = self.build(node, hint, path)
        pattern = field.metadata["pattern"]
        if pattern and isinstance(value, str) and not re.fullmatch(pattern, value):
            self.error(node, path, messages.PATTERN[pattern].format(v=value))
            return None
        if pattern and isinstance(value, tuple) and isinstance(node, yaml.SequenceNode):
            for i, (child, v) in enumerate(zip(node.value, value, strict=True)):
                if isinstance(v, str) and not re.fullmatch(pattern, v):
                    self.error(child, f"{path}[{i}]", messages.PATTERN[pattern].format(v=v))
                    value = None
        return value

    def _scalar(self, node: yaml.Node, hint: Any, path: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, path, f"应为{_expected(hint)}，实际为{self._kind(node)}")
            return None
        tag = node.tag.removeprefix(TAG)
        value = node.value
        if tag == "null":
            self.error(node, path, "不能为空")
            return None
        if hint is int:
            return self._int(node, path, tag, value)
        if hint is bool:
            if tag == "bool" and value in ("true", "false"):
                return value == "true"
            self.error(node, path, f"应为 true 或 false，实际为 '{value}'")
            return None
        if hint is Decimal:
            # the text as written, so 21.70 stays 21.70 and never passes through a float
            if tag in ("int", "float", "str") and re.fullmatch(r"\d+(\.\d+)?", value):
                return Decimal(value)
            self.error(node, path, f"应为数字（如 120 或 21.77，不带单位），实际为 '{value}'")
            return None
        return self._text(node, hint, path, tag, value)

    def _int(self, node: yaml.ScalarNode, path: str, tag: str, value: str) -> int | None:
        if tag == "int" and re.fullmatch(r"-?(0|[1-9][0-9]*)", value):
            return int(value)
        if tag == "int" and re.fullmatch(r"[-+]?0[0-7_]+", value):
            why = "（YAML 会把以 0 开头的数字读作八进制，请去掉开头的 0）"
            self.error(node, path, f"应为整数，实际为 {value}{why}")
        elif tag == "int":
            self.error(node, path, f"应为整数，实际为 {value}（请只写阿拉伯数字，如 12）")
        elif tag == "str" and node.style:
            self.error(node, path, f"应为整数，实际为文本 '{value}'（整数不要加引号）")
        elif tag == "str":
            self.error(node, path, f"应为整数，实际为 '{value}'（请只写阿拉伯数字，如 12）")
        else:
            self.error(node, path, f"应为整数，实际为{self._kind(node)} {value}")
        return None

    def _text(self, node: yaml.Node, hint: Any, path: str, tag: str, value: str) -> str | None:
        """str and Literal[str, ...] both want a plain YAML string."""
        if tag != "str":
            kind = self._kind(node)
            why = "（YAML 会把 yes/no/on/off/true/false 读作真假）" if tag == "bool" else ""
            self.error(node, path, f'应为文本，实际为{kind} {value}{why}，请加引号："{value}"')
            return None
        if get_origin(hint) is Literal:
            choices = get_args(hint)
            if value not in choices:
                self.error(node, path, f"应为 {'、'.join(choices)} 之一，实际为 '{value}'")
                return None
            return value
        if not value.strip():
            self.error(node, path, "不能为空")
            return None
        if len(value) > MAX_TEXT:
            self.error(node, path, f"文字过长（{len(value)} 字，上限 {MAX_TEXT} 字）")
            return None
        return value
