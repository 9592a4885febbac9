"""One YAML scalar -> one model value, or the reason it is refused (``Refused``).

A scalar must have the YAML type the model declares: ``no`` read as false, ``010`` as
octal 8, a date left unquoted are refused, never coerced. Texts are held to the
character policy of ``chars.py`` and their field's pattern; numbers take ASCII digits
only, and no more of them than a figure of a county's notice can have.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal, get_args, get_origin

import yaml

from ..model import ID_PATTERN, VALUE_PATTERN
from . import chars, messages
from .prescan import MAX_TEXT

TAG = "tag:yaml.org,2002:"
MAX_ID = 64  # characters of an id: it becomes a folder name and part of every URL
MAX_INT_DIGITS = 6  # counts, sequence numbers, years
MAX_WHOLE_DIGITS = 12  # a figure below a trillion…
MAX_FRACTION_DIGITS = 4  # …with at most four decimals
_FIGURE = re.compile(r"([0-9]+)(?:\.([0-9]+))?")


class Refused(Exception):
    """A scalar that cannot be the value of its field; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def kind(node: yaml.Node) -> str:
    """What a node is, in words."""
    if isinstance(node, yaml.SequenceNode):
        return "列表"
    if isinstance(node, yaml.MappingNode):
        return "键值表"
    return messages.KIND.get(node.tag.removeprefix(TAG), f"标签 {chars.show(node.tag)}")


def expected(hint: Any) -> str:
    return {int: "整数", bool: "true 或 false", Decimal: "数字"}.get(hint, "文本")


def read(node: yaml.ScalarNode, hint: Any, pattern: str | None, multiline: bool) -> Any:
    """The value of ``node`` as a ``hint``; raises Refused."""
    tag = node.tag.removeprefix(TAG)
    value = node.value
    if tag == "null":
        raise Refused("不能为空")
    if hint is int:
        return _int(node, tag, value)
    if hint is bool:
        if tag == "bool" and value in ("true", "false"):
            return value == "true"
        raise Refused(f"应为 true 或 false，实际为 '{chars.show(value)}'")
    if hint is Decimal:
        # the text as written, so 21.70 stays 21.70 and never passes through a float
        if tag in ("int", "float", "str") and _FIGURE.fullmatch(value):
            _figure_size(value)
            return Decimal(value)
        why = _digit_hint(value) or "（如 120 或 21.77，不带单位）"
        raise Refused(f"应为数字，实际为 '{chars.show(value)}'{why}")
    return _text(node, hint, tag, value, pattern, multiline)


def _digit_hint(value: str) -> str:
    foreign = chars.foreign_digit(value)
    return f"：{foreign}" if foreign else ""


def _figure_size(value: str) -> None:
    """Refuse a figure with more digits than a real one has (30 digits overflow the
    progress arithmetic; the page could not show them anyway)."""
    found = _FIGURE.fullmatch(value)
    assert found is not None
    whole, fraction = found.group(1), found.group(2) or ""
    if len(whole) > MAX_WHOLE_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:
        raise Refused(
            f"数字 '{chars.show(value)}' 位数过多（整数 {len(whole)} 位、小数 {len(fraction)} 位）："
            f"整数部分最多 {MAX_WHOLE_DIGITS} 位，小数部分最多 {MAX_FRACTION_DIGITS} 位"
        )


def _int(node: yaml.ScalarNode, tag: str, value: str) -> int:
    shown = chars.show(value)
    if tag == "int" and re.fullmatch(r"-?(0|[1-9][0-9]*)", value):
        digits = len(value.lstrip("-"))
        if digits > MAX_INT_DIGITS:
            raise Refused(f"整数 {shown} 位数过多（{digits} 位，最多 {MAX_INT_DIGITS} 位）")
        return int(value)
    if tag == "int" and re.fullmatch(r"[-+]?0[0-7_]+", value):
        why = "（YAML 会把以 0 开头的数字读作八进制，请去掉开头的 0）"
        raise Refused(f"应为整数，实际为 {shown}{why}")
    if tag == "int":
        raise Refused(f"应为整数，实际为 {shown}（请只写阿拉伯数字，如 12）")
    if tag == "str" and (foreign := _digit_hint(value)):
        raise Refused(f"应为整数，实际为 '{shown}'{foreign}")
    if tag == "str" and node.style:
        raise Refused(f"应为整数，实际为文本 '{shown}'（整数不要加引号）")
    if tag == "str":
        raise Refused(f"应为整数，实际为 '{shown}'（请只写阿拉伯数字，如 12）")
    raise Refused(f"应为整数，实际为{kind(node)} {shown}")


def _text(
    node: yaml.ScalarNode, hint: Any, tag: str, value: str, pattern: str | None, multiline: bool
) -> str:
    """str and Literal[str, ...] both want a plain YAML string."""
    shown = chars.show(value)
    if tag != "str":
        why = "（YAML 会把 yes/no/on/off/true/false 读作真假）" if tag == "bool" else ""
        raise Refused(f'应为文本，实际为{kind(node)} {shown}{why}，请加引号："{shown}"')
    if get_origin(hint) is Literal:
        choices = get_args(hint)
        if value not in choices:
            raise Refused(f"应为 {'、'.join(choices)} 之一，实际为 '{shown}'")
        return value
    if not value.strip():
        raise Refused("不能为空")
    if len(value) > MAX_TEXT:
        raise Refused(f"文字过长（{len(value)} 字，上限 {MAX_TEXT} 字）")
    if problem := chars.problem(value, multiline):
        raise Refused(problem)
    if pattern == ID_PATTERN and len(value) > MAX_ID:
        raise Refused(f"编号过长（{len(value)} 个字符，上限 {MAX_ID} 个）")
    if pattern and not re.fullmatch(pattern, value):
        foreign = chars.foreign_digit(value)
        raise Refused(messages.PATTERN[pattern].format(v=shown) + (f"；{foreign}" if foreign else ""))
    if pattern == VALUE_PATTERN and value != "/":
        _figure_size(value)
    return value
