"""Strict YAML loading: data file -> model, every mistake collected with its line.

PyYAML's own loaders are too forgiving for published figures: they keep the
last of two duplicate keys, expand aliases, and read ``no`` as false and
``010`` as 8. So we compose the YAML node tree ourselves (refusing aliases
before they can expand) and build the model from the nodes, checking each
scalar's resolved tag against the type the model declares.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import yaml

from .errors import DataError, DataErrors
from .longtext import over_long
from .model import DATE_PATTERN, ID_PATTERN, LINK_PATTERN, VALUE_PATTERN, Notice
from .validate import validate

TAG = "tag:yaml.org,2002:"
_ALIAS_TAG = "!refused-alias"
MAX_TEXT = 20_000  # characters; far above any real paragraph, far below a pasted file
_KIND = {
    "str": "文本",
    "int": "数字",
    "float": "数字",
    "bool": "布尔值",
    "null": "空值",
    "timestamp": "日期",
    "seq": "列表",
    "map": "键值表",
}
_PATTERN_MESSAGES = {
    ID_PATTERN: "编号 '{v}' 格式不对：只能用小写字母、数字和连字符（如 dibao、sihao-nongcunlu）",
    DATE_PATTERN: "日期 '{v}' 格式不对，应为 YYYY-MM-DD（如 \"2099-06-01\"）",
    LINK_PATTERN: "链接 '{v}' 格式不对：应为以 http:// 或 https:// 开头的网址",
    VALUE_PATTERN: '数值 \'{v}\' 格式不对：应照原文写数字（如 "73"、"21.77"），原文为“/”的写 "/"',
}
_YAML_PROBLEMS = {
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
    "mapping values are not allowed here": "此处不能出现“: ”（可能缩进不对，或文字中的冒号需要加引号）",
    "could not find expected ':'": "缺少“: ”（可能缩进不对或引号没有配对）",
    "did not find expected key": "缩进不对或缺少“- ”",
    "found unexpected end of stream": "文件意外结束（可能引号没有配对）",
    "expected a single document in the stream": "文件中只能有一个 YAML 文档（不要使用“---”分隔多个文档）",
    "but found another document": "文件中只能有一个 YAML 文档（不要使用“---”分隔多个文档）",
}
_OS_ERRORS = {
    FileNotFoundError: "文件不存在",
    IsADirectoryError: "这是一个文件夹，不是文件",
    PermissionError: "没有读取权限",
}
# Problems whose wording varies (the token found), keyed by the parser's context.
_YAML_CONTEXTS = {
    "while parsing a block mapping": "第 {start} 行起的这一段格式不对（可能引号没有配对、引号后面还有文字，或缩进不对）",
    "while parsing a flow sequence": "第 {start} 行的方括号“[ ]”没有配对，或其中的文字需要加引号",
    "while parsing a flow mapping": "第 {start} 行的花括号“{{ }}”没有配对，或其中的文字需要加引号",
    "while scanning an alias": "文字不能以“*”开头，请给这段文字加引号",
    "while scanning an anchor": "文字不能以“&”开头，请给这段文字加引号",
}


class _Composer(yaml.SafeLoader):
    """Composes nodes, marking anchors and aliases instead of expanding them.

    The builder reports each at its field path; an alias never expands, so an
    alias bomb costs nothing.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.anchored: dict[int, str] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            return yaml.ScalarNode(_ALIAS_TAG, event.anchor, event.start_mark, event.end_mark)
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        event.anchor = None  # keep PyYAML from registering it
        node = super().compose_node(parent, index)
        if anchor is not None:
            self.anchored[id(node)] = anchor
        return node


def load(path: str | Path, display: str | None = None) -> Notice:
    """Load and validate a data file; raise DataErrors listing every mistake."""
    name = display or str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        reason = next((m for c, m in _OS_ERRORS.items() if isinstance(exc, c)), exc.strerror)
        raise DataErrors(name, [DataError(name, 0, "", f"无法读取文件：{reason}")]) from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> Notice:
    """Decode, compose, build and validate; raise DataErrors if anything is wrong."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a BOM from Windows Notepad is harmless
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataErrors(
            name,
            [
                DataError(
                    name, line, "", "文件不是 UTF-8 编码，此处有无法识别的字节，请用 UTF-8 保存"
                )
            ],
        ) from None
    if not text.strip():
        raise DataErrors(name, [DataError(name, 1, "", "文件为空")])
    too_long = over_long(text, name, MAX_TEXT)  # fast, before the slow pure-Python reader
    if too_long:
        raise DataErrors(name, too_long)
    fast = _compose_fast(text)
    if fast is not None:
        root, anchored = fast, {}
    else:
        root, anchored = _compose_strict(text, name)
    if root is None:
        raise DataErrors(name, [DataError(name, 1, "", "文件中没有数据（只有注释或空行）")])
    builder = _Builder(name, anchored)
    notice = builder.build(root, Notice, "")
    if builder.errors:
        raise DataErrors(name, builder.errors)
    errors = validate(notice, builder.lines, name)
    if errors:
        raise DataErrors(name, errors)
    return notice


def _compose_fast(text: str) -> yaml.Node | None:
    """The node tree from libyaml, when the file is plainly well-formed.

    libyaml composes about five times faster than PyYAML's pure-Python reader and
    gives the same nodes, tags and lines. It is used only for a single document
    without anchors or aliases (an alias would make the tree a graph, and a
    bomb); anything else, or any error, goes to the strict path, which reports it.
    """
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return None
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return None
        return yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return None


def _compose_strict(text: str, name: str) -> tuple[yaml.Node | None, dict[int, str]]:
    """PyYAML's own reader, which marks anchors and aliases instead of expanding them."""
    try:
        composer = _Composer(text)  # the reader refuses control characters right here
        root = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise DataErrors(name, [_syntax_error(name, exc)]) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        line = text[: getattr(exc, "position", 0)].count("\n") + 1
        char = getattr(exc, "character", None)
        code = f"（U+{char:04X}）" if isinstance(char, int) else ""
        message = f"文件中有不允许的控制字符{code}，请删除"
        raise DataErrors(name, [DataError(name, line, "", message)]) from None
    composer.dispose()
    return root, composer.anchored


def _syntax_error(name: str, exc: yaml.MarkedYAMLError) -> DataError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "无法解析"
    start = exc.context_mark.line + 1 if exc.context_mark else None
    message = _YAML_PROBLEMS.get(problem)
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:
        mark = exc.context_mark  # where the quote opened, not the end of the file
        message = "此处开始的引号没有配对"
    elif message is None and exc.context in _YAML_CONTEXTS and start:
        message = _YAML_CONTEXTS[exc.context].format(start=start)
    elif message is None and (bad := re.fullmatch(r"found character '(.)' .*", problem)):
        message = f"文字不能以“{bad.group(1)}”开头，请给这段文字加引号"
    return DataError(name, mark.line + 1 if mark else 1, "", f"YAML 格式错误：{message or problem}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


class _Builder:
    """Builds model objects from nodes, recording each path's line and every error."""

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
        if node.tag == _ALIAS_TAG:
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
        return _KIND.get(node.tag.removeprefix(TAG), f"标签 {node.tag}")

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
            line = key_node.start_mark.line + 1
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
            seen[key] = line
            if key not in fields:
                close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
                hint = f"（是否应为 '{close[0]}'？）" if close else ""
                known = "、".join(fields)
                self.error(key_node, prefix + key, f"未知字段 '{key}'{hint}；可用字段：{known}")
                continue
            value = self.build(value_node, hints[key], prefix + key)
            pattern = fields[key].metadata["pattern"]
            if pattern and isinstance(value, str) and not re.fullmatch(pattern, value):
                self.error(value_node, prefix + key, _PATTERN_MESSAGES[pattern].format(v=value))
                value = None
            if pattern and isinstance(value, tuple):  # a list of ids: each one checked
                for i, (child, v) in enumerate(zip(value_node.value, value, strict=True)):
                    if isinstance(v, str) and not re.fullmatch(pattern, v):
                        path_i = f"{prefix}{key}[{i}]"
                        self.error(child, path_i, _PATTERN_MESSAGES[pattern].format(v=v))
                        value = None
            values[key] = value
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
            if tag == "int" and re.fullmatch(r"-?(0|[1-9][0-9]*)", value):
                return int(value)
            if tag == "int" and re.fullmatch(r"[-+]?0[0-7_]+", value):
                self.error(
                    node,
                    path,
                    f"应为整数，实际为 {value}（YAML 会把以 0 开头的数字读作八进制，请去掉开头的 0）",
                )
            elif tag == "int":
                self.error(node, path, f"应为整数，实际为 {value}（请只写阿拉伯数字，如 12）")
            elif tag == "str" and node.style:
                self.error(node, path, f"应为整数，实际为文本 '{value}'（整数不要加引号）")
            elif tag == "str":
                self.error(node, path, f"应为整数，实际为 '{value}'（请只写阿拉伯数字，如 12）")
            else:
                self.error(node, path, f"应为整数，实际为{self._kind(node)} {value}")
            return None
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
        # str and Literal[str, ...] both want a plain YAML string
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


def _optional(hint: Any) -> bool:
    return get_origin(hint) in (Union, types.UnionType) and type(None) in get_args(hint)


def _expected(hint: Any) -> str:
    return {int: "整数", bool: "true 或 false", Decimal: "数字"}.get(hint, "文本")
