"""YAML text -> node tree, refusing what YAML would silently change, with Chinese messages.

PyYAML's own loaders are too forgiving for published figures: they keep the last of two
duplicate keys and expand aliases. So the node tree is composed here (marking anchors and
aliases instead of expanding them) and built into the model by ``build.py``, which checks
each scalar's resolved tag against the type the model declares.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import DataError, DataErrors
from . import messages
from .prescan import MAX_DEPTH, TOO_DEEP, Shape

ALIAS_TAG = "!refused-alias"


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _Composer(yaml.SafeLoader):
    """Composes nodes, marking anchors and aliases instead of expanding them.

    The builder reports each at its field path; an alias never expands, so an
    alias bomb costs nothing. Nesting deeper than ``MAX_DEPTH`` stops it (PyYAML's
    composer recurses once per level).
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.anchored: dict[int, str] = {}
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            return yaml.ScalarNode(ALIAS_TAG, event.anchor, event.start_mark, event.end_mark)
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        event.anchor = None  # keep PyYAML from registering it
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep(event.start_mark)
        node = super().compose_node(parent, index)
        self.depth -= 1
        if anchor is not None:
            self.anchored[id(node)] = anchor
        return node


def compose(text: str, name: str, shape: Shape) -> tuple[yaml.Node | None, dict[int, str]]:
    """The node tree of ``text`` and the anchors it declares (by node id).

    libyaml composes about five times faster than PyYAML's pure-Python reader and
    gives the same nodes, tags and lines. It is used when the first look
    (``prescan.scan``) read the file whole and found no anchor or alias (an alias
    would make the tree a graph, and a bomb); anything else goes to the strict
    reader, which reports syntax errors in Chinese.

    Raises DataErrors for a syntax error, with the line and a Chinese explanation.
    """
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None and shape.parsed and not shape.anchored:
        try:
            node: yaml.Node | None = yaml.compose(text, Loader=loader)
            return node, {}
        except yaml.YAMLError:
            pass
    return _compose_strict(text, name)


def _compose_strict(text: str, name: str) -> tuple[yaml.Node | None, dict[int, str]]:
    """PyYAML's own reader, which marks anchors and aliases instead of expanding them."""
    try:
        composer = _Composer(text)  # the reader refuses control characters right here
        root = composer.get_single_node()
    except _TooDeep as exc:
        message = TOO_DEEP
        raise DataErrors(name, [DataError(name, exc.mark.line + 1, "", message)]) from None
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
    message = messages.YAML_PROBLEMS.get(problem)
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:
        mark = exc.context_mark  # where the quote opened, not the end of the file
        message = "此处开始的引号没有配对"
    elif message is None and exc.context in messages.YAML_CONTEXTS and start:
        message = messages.YAML_CONTEXTS[exc.context].format(start=start)
    elif message is None and (bad := re.fullmatch(r"found character '(.)' .*", problem)):
        message = f"文字不能以“{bad.group(1)}”开头，请给这段文字加引号"
    line = mark.line + 1 if mark else 1
    return DataError(name, line, "", f"YAML 格式错误：{message or problem}")
