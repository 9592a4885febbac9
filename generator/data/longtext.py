"""A fast first look for over-long texts, before the strict loader reads the file.

The strict loader composes with PyYAML's pure-Python scanner, which reads about
half a megabyte a second: a 10 MB string pasted by mistake would take 20 seconds
to refuse. libyaml's C parser (bundled with PyYAML's wheels) reads the same file
in a fraction of a second, so it looks first and refuses every text longer than
the limit, with its line and field path, before the slow reader starts.

Only length is judged here. Any other problem (or no libyaml) is left to the
strict loader, which reports it in full.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import DataError

_COMPLEX = object()  # marks a mapping whose key is a list or table


def over_long(text: str, name: str, limit: int) -> list[DataError]:
    """Every scalar longer than ``limit`` characters, by line and field path."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None or len(text) <= limit:
        return []
    errors: list[DataError] = []
    # One frame per open collection: [path, is_mapping, next index or pending key].
    stack: list[list[Any]] = []

    def child_path() -> str:
        """The path of the node that starts now, and advance its parent."""
        if not stack:
            return ""
        frame = stack[-1]
        path: str = frame[0]
        is_mapping, state = frame[1], frame[2]
        if is_mapping:
            frame[2] = None
            if state is _COMPLEX:  # the value of a list or table used as a key
                return path
            return f"{path}.{state}" if path else str(state)
        frame[2] = state + 1
        return f"{path}[{state}]"

    def too_long(event: yaml.ScalarEvent, path: str, what: str) -> None:
        line = event.start_mark.line + 1 if event.start_mark else 1
        message = f"{what}过长（{len(event.value)} 字，上限 {limit} 字）"
        errors.append(DataError(name, line, path or "(整个文件)", message))

    try:
        for event in yaml.parse(text, Loader=loader):
            awaiting_key = bool(stack) and stack[-1][1] and stack[-1][2] is None
            if isinstance(event, yaml.ScalarEvent) and awaiting_key:
                if len(event.value) > limit:
                    too_long(event, stack[-1][0], "字段名")
                stack[-1][2] = event.value[:limit]
            elif isinstance(event, yaml.ScalarEvent):
                path = child_path()
                if len(event.value) > limit:
                    too_long(event, path, "文字")
            elif isinstance(event, yaml.AliasEvent):
                if awaiting_key:
                    stack[-1][2] = f"*{event.anchor}"
                else:
                    child_path()
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if awaiting_key:  # a collection used as a key: the strict loader refuses it
                    stack[-1][2] = _COMPLEX
                    path = stack[-1][0]
                else:
                    path = child_path()
                is_mapping = isinstance(event, yaml.MappingStartEvent)
                stack.append([path, is_mapping, None if is_mapping else 0])
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                stack.pop()
    except yaml.YAMLError:
        pass  # the strict loader reports it, with its own wording
    return errors
