"""One invariant, tested by generation: whatever ``check`` accepts builds safely.

Hypothesis draws hostile text (any Unicode character, mixed with pieces of Markdown,
HTML, YAML, Jinja, XML and CSV syntax) into every text field of the sample notice at
once (the walk of ``test_hostile.hostile_notice``: every free-text field of the model,
whatever its name, each text prefixed with its field path so that it is unique).

* ``test_check_accepts_or_refuses_cleanly`` (fast, no build): half the files have texts
  of any characters, written as YAML, refused characters becoming double-quoted escapes
  such as "\\x7f" or "\\uFFFE", half only characters a text may hold; the
  checker either accepts it, and then no text of the model holds a refused character, or
  refuses it with DataErrors, within 2 seconds; never another exception.
* ``test_accepted_data_builds_safely`` (slow: a real ``mkdocs build --strict`` per
  example): texts drawn from the characters a text may hold; the data must be accepted,
  and the site must build with no warning and no traceback; its HTML must have no event
  handler attribute, no ``javascript:``/``data:`` URL and no control character that the
  theme does not put there (compared with the plain sample's build); every feed and the
  sitemap must parse as XML; each project's name must show as written in its page title.

Profiles (``HYPOTHESIS_PROFILE``): ``quick`` (default, in ``make test``): 25 drawn data
files for the checker and 8 site builds, about 35 s on this shared 2-core machine;
``long``: 2,000 files and 60 builds, about 12 minutes (measured with other test runs
going on)::

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/test_generated.py
"""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from unittest import mock
from xml.etree import ElementTree as ET

import pytest
import samplesite
import test_hostile
from conftest import run_mkdocs
from hang import never_hangs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.data import chars, load_bytes
from generator.errors import DataErrors
from generator.model import Notice

NAME = "data/projects.yaml"
SITE_URL = "http://127.0.0.1:8000/"

settings.register_profile(
    "quick", max_examples=25, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
settings.register_profile(
    "long", max_examples=2000, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
BUILDS = {"quick": 8, "long": 60}[os.environ.get("HYPOTHESIS_PROFILE", "quick")]

# Syntax that would be harmful if any layer read the text as anything but text.
SYNTAX = [
    *test_hostile.PAYLOADS,
    "![x](x){: onerror=alert(1)}", "[x](javascript:alert(1))", "[x](data:text/html,x)",
    "<a href=javascript:alert(1)>", "<img src=data:image/svg+xml,x>", "{: #evil .x onclick=y}",
    "*[HTML]: 缩写", "[^1]", "[^1]: 脚注", "```", "    缩进代码", "> 引用", "1. 列表", "- 列表",
    "| a | b |", "|---|", "***", "___", "\\", "\\*", "&#x3C;", "&#0;", "&nbsp;", "&lt;",
    "<![CDATA[", "]]>", "<?xml ?>", "<!DOCTYPE x>", "&amp;", "---", "...", "key: value",
    "- item", "&anchor", "*alias", "!!python/object:os.system", "? ", "%YAML 1.2", "#",
    "|", ">", "{{ config }}", "{% include 'x' %}", "{# x #}", "{##", "##}", "${x}",
    "=1+1", "+1", "-1", "@SUM(A1)", '"', "'", "`", "\u3000", "\u00a0", "\ufffd", "\U0001f600",
    "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd", "e\u0301", "\ue000", "\U000f0000",
]  # fmt: skip


def _any_char() -> st.SearchStrategy[str]:
    """Any code point, surrogates included (a YAML "\\ud800" escape can make one)."""
    return st.one_of(
        st.characters(codec=None),
        st.sampled_from(["\x00", "\x7f", "\x85", "\ufffe", "\uffff", "\ud800", "\u202e",
                         "\u200b", "\ufeff", "\u2028", "\t", "\r", "\n"]),
    )  # fmt: skip


_ALLOWED = st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp")).filter(
    lambda c: chars.problem(c) is None  # what is left: the non-characters
)


def _allowed_char(multiline: bool) -> st.SearchStrategy[str]:
    return st.one_of(_ALLOWED, st.just("\n")) if multiline else _ALLOWED


def _texts(char: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(SYNTAX), st.text(char, min_size=1, max_size=6))
    return st.lists(piece, max_size=5).map("".join)


@dataclasses.dataclass
class Drawn:
    """Draws one text per field path (the same path, the same text)."""

    draw: Any
    hostile: bool  # any character at all, or only those a text may hold
    texts: dict[str, str] = dataclasses.field(default_factory=dict)

    def __call__(self, path: str, multiline: bool = False) -> str:
        if path not in self.texts:
            char = _any_char() if self.hostile else _allowed_char(multiline)
            self.texts[path] = f"【{path}】" + self.draw(_texts(char))
        return self.texts[path]


def drawn_file(drawn: Drawn) -> bytes:
    """The sample notice with a drawn text in every text field, as YAML."""
    with mock.patch.object(test_hostile, "hostile", drawn):
        data, _ = test_hostile.hostile_notice()
    return test_hostile.dump(data)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, tuple):
        for v in value:
            yield from _strings(v)


def _refused(char: str) -> bool:
    """The policy of data/chars.py, stated again from Unicode's categories."""
    code = ord(char)
    nonchar = 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE
    category = unicodedata.category(char)
    return char != "\n" and (category in ("Cc", "Cf", "Cs", "Zl", "Zp") or nonchar)


@given(st.data())
def test_check_accepts_or_refuses_cleanly(data: st.DataObject) -> None:
    raw = drawn_file(Drawn(data.draw, hostile=data.draw(st.booleans())))
    try:
        with never_hangs("check"):  # the hangs of issue 9 (25 s, unbounded)
            notice = load_bytes(raw, NAME)
    except DataErrors as exc:
        assert exc.errors
    else:
        assert isinstance(notice, Notice)
        bad = [t for t in _strings(notice) if any(map(_refused, t))]
        assert not bad, bad


# --------------------------------------------------------------------------
# Accepted data builds safely
# --------------------------------------------------------------------------


class _Scan(HTMLParser):
    """Event handlers, script and data URLs, and the control characters of a page."""

    URL_ATTRS = frozenset(
        {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()
        self.title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        for name, value in attrs:
            plain = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on"):
                self.found.add(f"<{tag} {name}>")
            if name in self.URL_ATTRS and plain.startswith(("javascript:", "data:")):
                self.found.add(f"<{tag} {name}={plain[:40]}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)


def _controls(text: str) -> set[str]:
    return {f"U+{ord(c):04X}" for c in text if _refused(c) or c in "\r\t"}


def inspect(site: Path) -> tuple[set[str], dict[str, str]]:
    """Everything unsafe found in a built site, and each page's title."""
    found: set[str] = set()
    titles: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        scan = _Scan()
        scan.feed(text)
        found |= scan.found | _controls(text)
        titles[page.relative_to(site).as_posix()] = "".join(scan.title)
    for feed in sorted(site.rglob("*.xml")):
        try:
            ET.parse(feed)
        except ET.ParseError as exc:
            found.add(f"{feed.relative_to(site)}: {exc}")
    return found, titles


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """What the theme itself puts into the plain sample's pages."""
    tmp = tmp_path_factory.mktemp("baseline")
    proc = run_mkdocs(samplesite.copy(tmp / "src"), tmp / "site", SITE_URL)
    assert proc.returncode == 0, proc.stderr
    return inspect(tmp / "site")[0]


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
@settings(max_examples=BUILDS)
@given(data=st.data())
def test_accepted_data_builds_safely(
    data: st.DataObject, baseline: set[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    drawn = Drawn(data.draw, hostile=False)
    raw = drawn_file(drawn)
    notice = load_bytes(raw, NAME)  # texts of allowed characters: accepted
    tmp = tmp_path_factory.mktemp("generated")
    config = samplesite.copy(tmp / "src")
    (tmp / "src" / "projects.yaml").write_bytes(raw)
    proc = run_mkdocs(config, tmp / "site", SITE_URL)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "Traceback" not in log, log[-3000:]
    assert not re.findall(r".*\bWARNING\b.*", log), log[-3000:]
    found, titles = inspect(tmp / "site")
    assert found <= baseline, sorted(found - baseline)
    for project in notice.projects:
        title = titles[f"projects/{project.id}/index.html"]
        assert _squash(f"{project.seq}．{project.name}") in _squash(title), title


_TEXT_CHAR = _any_char().filter(lambda c: not 0xD800 <= ord(c) <= 0xDFFF)


@given(st.dictionaries(st.sampled_from(["title", "description"]), st.text(_TEXT_CHAR)))
def test_page_metadata_always_reads_back(meta: dict[str, str]) -> None:
    """Any text survives the front matter as MkDocs reads it (with libyaml): controls,
    DEL, non-characters, characters beyond U+FFFF. (A lone surrogate is no text: the
    checker refuses it, and libyaml would not read it back, which ``check_meta`` turns
    into a failed build, never a page read as Markdown.)"""
    from mkdocs.utils.meta import get_data

    from generator.site.text import check_meta, front_matter

    body, read = get_data(front_matter(meta) + "正文\n")
    assert (read, body) == (meta, "正文\n")
    lone = {"title": "\ud800"}
    assert check_meta("x.md", get_data(front_matter(lone) + "正文\n")[1], lone)


def test_the_generated_texts_reach_every_field() -> None:
    """The walk puts a drawn text into the sample's text fields (a smoke check of the
    strategy itself: a field it missed would not be tested)."""
    seen = Drawn(lambda strategy: "x", hostile=False)
    drawn_file(seen)
    assert {"projects[0].name", "document.preamble", "projects[3].items[0].name"} <= set(seen.texts)
    assert len(seen.texts) > 60, len(seen.texts)
