"""Material's stylesheet trimmed to the rules that can apply to this site.

Material's ``main.css`` styles everything the theme offers (admonitions, code, content tabs,
its own search, the blog, version menus, right-to-left text…); every resident downloads it
with her first page, and most of it styles nothing here. After the build, ``finish`` keeps
a rule only if it can match something the site shows:

* every class its selector needs (outside ``:not(…)``, ``:is(…)`` and other functional
  pseudo-classes, where a missing class does not stop a match) is in a ``class`` attribute
  of a built page, or is a word in a script the site ships (material's bundle and our
  scripts add classes as they run: tooltips, table wrappers, the search dialog);
* a ``[dir=…]`` it needs is the direction of some page (only markup sets ``dir``);

and a custom property (``--md-…``) only if something reads it: a kept rule, our own styles,
a page or a script. Nothing is rewritten, only left out, so what remains styles the pages
exactly as the whole file did (``tests/test_themecss.py`` compares them in Chromium).

The trimmed file gets a name made from its contents (``main.<8 hex>.min.css``; nginx
serves such names as immutable, ``deploy/nginx``) and every page is pointed to it, so a
resident's cache never holds a trimmed file that a later build outgrew. A stylesheet this
reader cannot reproduce exactly (a future material, say) is left whole.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

THEME_CSS = "assets/stylesheets/main.*.min.css"
# Scripts that never touch a page's classes: the search index (Pagefind's own) and
# material's search engine, which finish removes anyway.
NOT_PAGE_SCRIPTS = ("pagefind/", "assets/javascripts/lunr/", "assets/javascripts/workers/")

# Literal first, so that the regular expression engine skips ahead (3,300 projects: ~0.3 s)
_CLASS_ATTRIBUTE = re.compile(rb'class="([^"]*)"')
_DIR_ATTRIBUTE = re.compile(rb' dir="([^"]*)"')
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_VAR_BYTES = re.compile(rb"var\(\s*(--[\w-]+)")
_WORD = re.compile(r"[\w-]+")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_DIR = re.compile(r"\[dir=\"?(\w+)\"?\]")
_FUNCTION = re.compile(r":[\w-]+\(")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_GROUPS = ("@media", "@supports", "@layer", "@container", "@document")  # rules inside
_NESTED = (*_GROUPS, "@keyframes", "@-webkit-keyframes")  # blocks inside, read as rules

# A parsed stylesheet: (prelude, body). The body is None for a statement (``@charset …;``),
# a list for a group rule (``@media``), else the text of the declaration block.
Node = tuple[str, "str | list[Node] | None"]


@dataclass
class Usage:
    """What the built site can match: classes, text directions, words of its scripts, and
    the custom properties its pages read."""

    words: set[str] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)
    _class_values: set[bytes] = field(default_factory=set)
    _dir_values: set[bytes] = field(default_factory=set)

    def add_page(self, page: bytes) -> None:
        """Take in one built page."""
        self._class_values.update(_CLASS_ATTRIBUTE.findall(page))
        self._dir_values.update(_DIR_ATTRIBUTE.findall(page))
        self.variables.update(v.decode() for v in _VAR_BYTES.findall(page))

    def add_script(self, text: str) -> None:
        """Take in a script the site ships: any word in it may become a class."""
        self.words.update(_WORD.findall(text))

    def add_style(self, text: str) -> None:
        """Take in another stylesheet of the site (ours): the custom properties it reads."""
        self.variables.update(_VAR.findall(text))

    @property
    def classes(self) -> set[str]:
        """The classes of the pages' elements."""
        return {c for v in self._class_values for c in v.decode("utf-8", "replace").split()}

    @property
    def directions(self) -> set[str]:
        """The text directions of the pages (``dir``), in lower case."""
        return {v.decode("utf-8", "replace").lower() for v in self._dir_values}


def scripts(site_dir: Path) -> list[Path]:
    """The scripts in the built site that pages may run."""
    return [
        p
        for p in sorted(site_dir.rglob("*.js"))
        if not p.relative_to(site_dir).as_posix().startswith(NOT_PAGE_SCRIPTS)
    ]


def trim_theme(site_dir: Path, usage: Usage) -> tuple[str, str] | None:
    """Write the trimmed theme stylesheet under its new name and remove the whole one (and
    its source map, which no longer fits). Return (old, new) site paths, or None when there
    is nothing to trim (no such stylesheet, or one this module cannot read exactly)."""
    found = sorted(site_dir.glob(THEME_CSS))
    if len(found) != 1:
        return None
    whole = found[0]
    for path in scripts(site_dir):
        usage.add_script(path.read_text(encoding="utf-8", errors="replace"))
    for path in site_dir.rglob("*.css"):
        if path != whole:
            usage.add_style(path.read_text(encoding="utf-8", errors="replace"))
    trimmed = trim(whole.read_text(encoding="utf-8"), usage)
    if trimmed is None:
        return None
    data = trimmed.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:8]
    new = whole.with_name(f"main.{digest}.min.css")
    whole.unlink()
    whole.with_name(whole.name + ".map").unlink(missing_ok=True)
    new.write_bytes(data)
    return whole.relative_to(site_dir).as_posix(), new.relative_to(site_dir).as_posix()


def trim(css: str, usage: Usage) -> str | None:
    """``css`` without the rules and custom properties that nothing in ``usage`` can use;
    None if ``css`` cannot be read exactly."""
    text = _COMMENT.sub("", css)
    nodes = _parse(text)
    if nodes is None or _dump(nodes) != text:
        return None
    kept = _rules(nodes, usage.classes | usage.words, usage.directions)
    while True:  # a property read only by a property that goes, goes too
        dumped = _dump(kept)
        read = set(_VAR.findall(dumped)) | usage.variables | usage.words
        fewer = _properties(kept, read)
        if _dump(fewer) == dumped:
            return dumped
        kept = fewer


# --------------------------------------------------------------------------
# Which rules and properties stay
# --------------------------------------------------------------------------


def _rules(nodes: list[Node], classes: set[str], directions: set[str]) -> list[Node]:
    def keep(prelude: str, body: str) -> Node | None:
        selectors = [s for s in _split(prelude, ",") if _can_match(s, classes, directions)]
        return (",".join(selectors), body) if selectors else None

    return _each_style_rule(nodes, keep)


def _can_match(selector: str, classes: set[str], directions: set[str]) -> bool:
    """Whether every class and direction ``selector`` needs is known."""
    if "\\" in selector:
        return True  # an escaped name: not worth reading, kept
    needed = _outside_functions(selector)
    return all(c in classes for c in _CLASS.findall(re.sub(r"\[[^\]]*\]", " ", needed))) and all(
        d.lower() in directions for d in _DIR.findall(needed)
    )


def _outside_functions(selector: str) -> str:
    """``selector`` without the arguments of functional pseudo-classes (``:not(.a)``)."""
    out: list[str] = []
    i = 0
    while i < len(selector):
        match = _FUNCTION.match(selector, i)
        if match is None:
            out.append(selector[i])
            i += 1
            continue
        depth, i = 1, match.end()
        while i < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[i], 0)
            i += 1
        out.append(" ")
    return "".join(out)


def _properties(nodes: list[Node], read: set[str]) -> list[Node]:
    def keep(prelude: str, body: str) -> Node | None:
        declarations = [d for d in _split(body, ";") if _is_read(d, read)]
        return (prelude, ";".join(declarations)) if declarations else None

    return _each_style_rule(nodes, keep)


def _each_style_rule(nodes: list[Node], change: Callable[[str, str], Node | None]) -> list[Node]:
    """``nodes`` with each style rule, also inside group rules (``@media``), as ``change``
    makes it (None: left out); a group rule left empty goes too; the rest stays as it is
    (``@charset``, ``@keyframes``, ``@font-face``, ``@page``)."""
    kept: list[Node] = []
    for prelude, body in nodes:
        head = prelude.lstrip()
        if isinstance(body, list) and head.startswith(_GROUPS):
            inner = _each_style_rule(body, change)
            if inner:
                kept.append((prelude, inner))
        elif isinstance(body, str) and not head.startswith("@"):
            if (node := change(prelude, body)) is not None:
                kept.append(node)
        else:
            kept.append((prelude, body))
    return kept


def _is_read(declaration: str, read: set[str]) -> bool:
    name = declaration.split(":", 1)[0].strip()
    return bool(declaration.strip()) and (not name.startswith("--") or name in read)


# --------------------------------------------------------------------------
# Reading and writing minified CSS
# --------------------------------------------------------------------------


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside strings, brackets and parentheses."""
    parts, start = [], 0
    while True:
        end = _scan(text, start, separator)
        parts.append(text[start:end])
        if end == len(text):
            return parts
        start = end + 1


def _scan(text: str, i: int, stops: str) -> int:
    """The index of the first character of ``stops`` at ``i`` or after, outside strings,
    brackets and parentheses; len(text) if there is none."""
    depth, quote = 0, ""
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0 and c in stops:
            return i
        i += 1
    return len(text)


def _parse(text: str) -> list[Node] | None:
    return _block(text, 0, nested=False)[0]


def _block(text: str, i: int, nested: bool) -> tuple[list[Node] | None, int]:
    nodes: list[Node] = []
    while i < len(text):
        if text[i] == "}":
            return (nodes, i + 1) if nested else (None, i)
        end = _scan(text, i, "{;}")
        prelude = text[i:end]
        if end == len(text) or text[end] == "}":
            return None, end  # a statement without ";" or a stray brace: not read
        if text[end] == ";":
            nodes.append((prelude, None))
            i = end + 1
        elif prelude.lstrip().startswith(_NESTED):
            inner, i = _block(text, end + 1, nested=True)
            if inner is None:
                return None, i
            nodes.append((prelude, inner))
        else:
            close = _scan(text, end + 1, "}")
            if close == len(text) or "{" in text[end + 1 : close]:
                return None, close  # nested rules are not read
            nodes.append((prelude, text[end + 1 : close]))
            i = close + 1
    return (None, i) if nested else (nodes, i)


def _dump(nodes: list[Node]) -> str:
    out: list[str] = []
    for prelude, body in nodes:
        if body is None:
            out.append(prelude + ";")
        elif isinstance(body, list):
            out.append(prelude + "{" + _dump(body) + "}")
        else:
            out.append(prelude + "{" + body + "}")
    return "".join(out)
