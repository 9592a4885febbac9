"""One more notice in the site's list (``notices:`` of the minsheng plugin in mkdocs.yml),
edited as text: comments, ``!ENV`` tags and the layout of the rest stay as they were,
which loading and dumping the YAML would lose. The places come from the composed YAML
(its nodes know where they stand; tags are not resolved there). A site of one notice
(``source:``, or no option at all) is written in the list form in the same edit.
"""
from __future__ import annotations

import json
import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..config import PLUGIN, options
from .source import DraftError

PLAIN = re.compile(r"^[A-Za-z0-9_./][A-Za-z0-9_./-]*$")  # written without quotes


def added(text: str, entry: str, name: str = "mkdocs.yml") -> str:
    """``text`` (mkdocs.yml, called ``name`` in messages) with ``entry`` last in the
    plugin's notices. Checked by reading the result back."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        raise DraftError(f"{name} 不是有效的 YAML 文件，无法加入通知清单") from None
    found = _plugin(root) if root is not None else None
    if found is None:
        raise DraftError(f"{name} 中没有 {PLUGIN} 插件，无法加入通知清单")
    key, value = found
    before = files(text)
    edited = _edit(text, key, value, before, _quote(entry))
    if files(edited) != [*before, entry]:  # a layout this editor does not know: never guess
        raise DraftError(f"无法自动改写 {name}：请在 {PLUGIN} 插件的 notices 列表末尾手工加一行 - {entry}")
    return edited


def files(text: str) -> list[str]:
    """The notices' data files that the text of mkdocs.yml lists (the default if none)."""
    from ..site.configured import plugins

    loaded = yaml.load(text, Loader=_Lenient)
    ours = plugins(loaded if isinstance(loaded, dict) else {})[1]
    return options(ours if isinstance(ours, dict) else {})[0]


class _Lenient(yaml.SafeLoader):
    """Reads tags such as !ENV as plain values: only the plugin's options matter here."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def _plugin(root: Node) -> tuple[ScalarNode, Node | None] | None:
    """The plugin's name node and its options (None for a bare ``- minsheng``)."""
    plugins = _get(root, "plugins")
    if isinstance(plugins, SequenceNode):
        for item in plugins.value:
            if isinstance(item, ScalarNode) and item.value == PLUGIN:
                return item, None
            if isinstance(item, MappingNode) and (pair := _pair(item, PLUGIN)) is not None:
                return pair
    if isinstance(plugins, MappingNode):
        return _pair(plugins, PLUGIN)
    return None


def _pair(mapping: Node, key: str) -> tuple[ScalarNode, Node] | None:
    if isinstance(mapping, MappingNode):
        for k, v in mapping.value:
            if isinstance(k, ScalarNode) and k.value == key:
                return k, v
    return None


def _get(mapping: Node, key: str) -> Node | None:
    pair = _pair(mapping, key)
    return pair[1] if pair is not None else None


def _edit(text: str, key: ScalarNode, value: Node | None, before: list[str], entry: str) -> str:
    at = key.start_mark
    if value is None:  # `- minsheng`: given options
        return _after_line(text[: key.end_mark.index] + ":" + text[key.end_mark.index :], key.end_mark.index,
                           _block(" " * (at.column + 2), before, entry))
    if isinstance(value, ScalarNode) and not value.value:  # `minsheng:` with nothing after it
        return _after_line(text, key.end_mark.index, _block(" " * (at.column + 2), before, entry))
    if not isinstance(value, MappingNode):
        return text  # refused by the check of the result
    notices, source = _pair(value, "notices"), _pair(value, "source")
    if notices is not None and isinstance(notices[1], SequenceNode) and notices[1].value:
        listed = notices[1]
        if listed.flow_style:
            items = [text[n.start_mark.index : n.end_mark.index] for n in listed.value]
            return _replace(text, listed, "[" + ", ".join([*items, entry]) + "]")
        last = listed.value[-1].start_mark
        line = text[last.index - last.column : last.index]
        return _after_line(text, listed.value[-1].end_mark.index, [line + entry])
    flow = [*map(_quote, before), entry]
    if notices is not None:  # `notices:` or `notices: []`: the files read so far, then the new one
        return _replace(text, notices[1], "[" + ", ".join(flow) + "]", after=notices[0])
    if value.flow_style:
        pairs = [text[k.start_mark.index : v.end_mark.index] for k, v in value.value if k.value != "source"]
        return _replace(text, value, "{" + ", ".join(["notices: [" + ", ".join(flow) + "]", *pairs]) + "}")
    indent = " " * value.value[0][0].start_mark.column
    if source is not None:  # `source: data/x.yaml` becomes the list's first line
        start, end = source[0].start_mark.index, source[1].end_mark.index
        first = text[source[1].start_mark.index : end]
        edited = text[:start] + f"notices:\n{indent}  - {first}" + text[end:]
        return _after_line(edited, start + len(f"notices:\n{indent}  - {first}"), [f"{indent}  - {entry}"])
    start = value.value[0][0].start_mark
    lines = _block(indent, before, entry)
    return text[: start.index - start.column] + "".join(f"{line}\n" for line in lines) + text[start.index - start.column :]


def _block(indent: str, before: list[str], entry: str) -> list[str]:
    return [f"{indent}notices:", *(f"{indent}  - {f}" for f in [*map(_quote, before), entry])]


def _replace(text: str, node: Node, new: str, after: ScalarNode | None = None) -> str:
    """``node``'s text replaced by ``new``; an empty node (``key:`` and nothing) stands
    right after its key's colon."""
    start, end = node.start_mark.index, node.end_mark.index
    if after is not None and start == end:
        start = end = text.index(":", after.end_mark.index) + 1
        new = " " + new
    return text[:start] + new + text[end:]


def _after_line(text: str, index: int, lines: list[str]) -> str:
    """``lines`` put after the line that holds ``index`` (its comment stays on it)."""
    end = text.find("\n", index)
    if end < 0:
        text, end = text + "\n", len(text)
    return text[: end + 1] + "".join(f"{line}\n" for line in lines) + text[end + 1 :]


def _quote(path: str) -> str:
    """A file name as YAML reads it back: plain, or in double quotes (JSON's are YAML's)."""
    return path if PLAIN.match(path) else json.dumps(path, ensure_ascii=False)

