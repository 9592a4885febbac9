"""A fast first look at the file's shape, before any node tree is built.

One pass over libyaml's event stream (the C parser bundled with PyYAML's wheels, about
half a second for a 2 MB file) refuses, each with its line and field path, what would
make the later stages slow or crash:

* a text longer than ``MAX_TEXT`` characters (PyYAML's pure-Python reader takes 20 s
  for a 10 MB string pasted by mistake);
* nesting deeper than ``MAX_DEPTH`` (PyYAML's composer recurses: 1,000 nested lists
  end in RecursionError); the data model needs 8 levels;
* a mapping with more than ``MAX_KEYS`` keys or a list with more than ``MAX_ITEMS``
  entries (200,000 unknown keys took 25 s to list one by one); no part of the model
  has more than a few dozen fields.

It also notes whether the file uses anchors or aliases, which decides how it is
composed (``compose.py``). A syntax error ends the look; the strict reader reports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import DataError

MAX_TEXT = 20_000  # characters; far above any real paragraph, far below a pasted file
MAX_DEPTH = 16
MAX_KEYS = 100
MAX_ITEMS = 10_000

_COMPLEX = object()  # marks a mapping whose key is a list or table
TOO_DEEP = f"嵌套过深（超过 {MAX_DEPTH} 层），可能是缩进或括号有误"


@dataclass
class Shape:
    errors: list[DataError] = field(default_factory=list)
    parsed: bool = False  # libyaml read the whole file without a syntax error
    anchored: bool = False  # the file has an anchor or an alias


class _Frame:
    """An open collection: its path and line, and the key or index of its next child."""

    def __init__(self, path: str, line: int, is_mapping: bool) -> None:
        self.path = path
        self.line = line
        self.is_mapping = is_mapping
        self.next: Any = None if is_mapping else 0
        self.size = 0


class _TooBig(Exception):
    def __init__(self, frame: _Frame) -> None:
        self.frame = frame


def scan(text: str, name: str) -> Shape:
    """The shape of ``text``: every refusal above, by line and field path."""
    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    shape = Shape()
    stack: list[_Frame] = []

    def refuse(line: int, path: str, message: str) -> None:
        shape.errors.append(DataError(name, line, path or "(整个文件)", message))

    def child_path() -> str:
        """The path of the node that starts now, and advance its parent."""
        if not stack:
            return ""
        frame = stack[-1]
        frame.size += 1
        if frame.size > (MAX_KEYS if frame.is_mapping else MAX_ITEMS):
            raise _TooBig(frame)
        if frame.is_mapping:
            key, frame.next = frame.next, None
            if key is _COMPLEX:  # the value of a list or table used as a key
                return frame.path
            return f"{frame.path}.{key}" if frame.path else str(key)
        frame.next += 1
        return f"{frame.path}[{frame.next - 1}]"

    try:
        for event in yaml.parse(text, Loader=loader):
            line = event.start_mark.line + 1 if event.start_mark else 1
            if getattr(event, "anchor", None) is not None:
                shape.anchored = True
            awaiting_key = bool(stack) and stack[-1].is_mapping and stack[-1].next is None
            if isinstance(event, yaml.ScalarEvent) and awaiting_key:
                if len(event.value) > MAX_TEXT:
                    refuse(line, stack[-1].path, f"字段名过长（{len(event.value)} 字，上限 {MAX_TEXT} 字）")
                stack[-1].next = event.value[:MAX_TEXT]
            elif isinstance(event, yaml.ScalarEvent):
                path = child_path()
                if len(event.value) > MAX_TEXT:
                    refuse(line, path, f"文字过长（{len(event.value)} 字，上限 {MAX_TEXT} 字）")
            elif isinstance(event, yaml.AliasEvent):
                if awaiting_key:
                    stack[-1].next = f"*{event.anchor}"
                else:
                    child_path()
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if awaiting_key:  # a collection used as a key: the strict loader refuses it
                    stack[-1].next = _COMPLEX
                    path = stack[-1].path
                else:
                    path = child_path()
                if len(stack) == MAX_DEPTH:
                    refuse(line, path, TOO_DEEP)
                    return shape  # every deeper level would say the same
                stack.append(_Frame(path, line, isinstance(event, yaml.MappingStartEvent)))
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                stack.pop()
        shape.parsed = True
    except _TooBig as big:  # the rest of the file would not be news
        frame = big.frame
        if frame.is_mapping:
            message = f"字段过多（超过 {MAX_KEYS} 个），可能是缩进有误或粘贴了别的内容"
        else:
            message = f"列表过长（超过 {MAX_ITEMS} 项）"
        refuse(frame.line, frame.path, message)
    except yaml.MarkedYAMLError as exc:
        # libyaml's own limit on nesting (about 1,000 levels) is met before the events
        if "maximum nesting depth" in str(exc.problem) and exc.problem_mark:
            path = stack[-1].path if stack else ""
            refuse(exc.problem_mark.line + 1, path, TOO_DEEP)
        # any other syntax error: the strict loader reports it, with its own wording
    except yaml.YAMLError:
        pass  # the strict loader reports it, with its own wording
    return shape
