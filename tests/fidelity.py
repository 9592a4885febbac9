"""Where every text of a built page comes from: the notice, the site's phrases, the data's
reports, or an editor's note labelled as the site's.

Used by tests/test_fidelity.py. Pure functions over HTML text; no browser.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from htmltree import Element, parse

from generator import phrases, urls

SOURCE = Path(__file__).resolve().parent.parent / "data" / "source" / "taizheng-2020-10.txt"
# Printed on every page of the annex: the extraction repeats the table's header row.
ANNEX_HEADER = "序号项目目标任务"
# What our markup adds that is not the notice's text: ¶ links, links to project pages, the
# data version line, kept former anchors.
OURS = ("headerlink", "ms-to-project", "ms-dataversion", "ms-alias", "ms-notice-citation")
# Labels that make a text recognisably the site's own (editor's note, summary, grouping).
EDITOR_LABELS = ("编者注", "本站概括", "原文如此", "本站", "常用说法")
PUNCTUATION = set("，。、；：？！“”‘’（）《》〔〕【】—…·/％%．,.;:()[]→← \u3000") | set(string.whitespace)
NUMBER = re.compile(r"\d+(?:\.\d+)?")
SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return SPACE.sub("", text)


def source_text() -> str:
    """The notice as extracted, without whitespace and with the annex header printed once."""
    text = squeeze(SOURCE.read_text(encoding="utf-8"))
    first = text.index(ANNEX_HEADER) + len(ANNEX_HEADER)
    return text[:first] + text[first:].replace(ANNEX_HEADER, "")


def article(html: str) -> Element:
    doc = parse(html)
    found = doc.find("article")
    assert found is not None, "no <article> in the page"
    return found


def _ours(el: Element) -> bool:
    return any(c in el.classes for c in OURS) or el.tag in ("script", "style")


def text_without_ours(el: Element, skip_editor: bool = True) -> str:
    """An element's text, leaving out our additions (and editor's notes)."""
    out: list[str] = []
    for child in el.children:
        if isinstance(child, str):
            out.append(child)
        elif _ours(child) or (skip_editor and "ms-ed" in child.classes):
            continue
        else:
            out.append(text_without_ours(child, skip_editor))
    return "".join(out)


def first_difference(expected: str, shown: str, context: int = 30) -> str | None:
    """Where ``shown`` first departs from ``expected`` (None if they are equal)."""
    if expected == shown:
        return None
    matcher = difflib.SequenceMatcher(None, expected, shown, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            return (
                f"原文第 {i1} 字起：…{expected[max(0, i1 - context):i2 + context]}…\n"
                f"页面第 {j1} 字起：…{shown[max(0, j1 - context):j2 + context]}…"
            )
    return "长度不同"


# --------------------------------------------------------------------------
# Every sentence of a page
# --------------------------------------------------------------------------


def phrase_fragments() -> set[str]:
    """The literal parts of every fixed phrase of the site (slots cut out)."""
    texts: list[str] = list(phrases.PHRASES.values())
    texts += [*phrases.NOTE_LABELS.values(), *phrases.STATUS_LABELS.values()]
    for kind in (urls.PROJECT_SECTIONS, urls.HOME_SECTIONS, urls.CATEGORY_SECTIONS,
                 urls.OVERVIEW_SECTIONS, urls.DATA_SECTIONS, urls.ABOUT_SECTIONS):  # fmt: skip
        texts += [s.title for s in kind.values()]
    found = set()
    for text in texts:
        found.update(squeeze(part) for part in re.split(r"\{[^{}]*\}", text))
    return {f for f in found if f}


@dataclass
class Allowed:
    """What may stand on a page besides the notice's text."""

    source: str
    fragments: set[str]
    values: set[str] = field(default_factory=set)  # data values that are not the notice's
    numbers: set[str] = field(default_factory=set)
    url_prefix: str = "http"

    def longest_source(self, text: str, at: int) -> int:
        """The length of the longest substring of the source starting at ``at``."""
        lo, hi = 0, len(text) - at
        while lo < hi:  # a substring of the source has all its prefixes in the source
            mid = (lo + hi + 1) // 2
            if text[at:at + mid] in self.source:
                lo = mid
            else:
                hi = mid - 1
        return lo


def numbers_in(texts: Iterable[str]) -> set[str]:
    return {n for text in texts for n in NUMBER.findall(text)}


def unexplained(text: str, allowed: Allowed) -> list[str]:
    """The pieces of ``text`` that are neither the notice's nor the site's, and its numbers
    that are nowhere in the notice or the data's reports.

    The text is cut into known pieces (passages of two or more characters of the source,
    literal parts of phrases, data values, the site's own addresses, punctuation) so that
    as few characters as possible are left over; what is left over is returned.
    """
    text = squeeze(text)
    if not text:
        return []
    bad = _numbers_unexplained(text, allowed)
    if text in allowed.source:
        return bad
    n = len(text)
    known = [k for k in allowed.fragments | allowed.values if k]
    # steps[i]: the ends of the known pieces that start at i
    steps: list[set[int]] = [set() for _ in range(n)]
    for i in range(n):
        longest = allowed.longest_source(text, i)
        steps[i].update(range(i + 2, i + longest + 1))
        steps[i].update(i + len(k) for k in known if text.startswith(k, i))
        if text.startswith(allowed.url_prefix, i):
            steps[i].add(i + len(re.match(r"[\w:/.#%?=&-]+", text[i:]).group()))
        if text[i] in PUNCTUATION or text[i].isdigit():
            steps[i].add(i + 1)  # numbers are judged on their own, above
    # fewest characters left over, from each position to the end
    cost = [0] * (n + 1)
    choice: list[int | None] = [None] * (n + 1)
    for i in range(n - 1, -1, -1):
        cost[i], choice[i] = cost[i + 1] + 1, None
        for j in steps[i]:
            if cost[j] < cost[i]:
                cost[i], choice[i] = cost[j], j
    run, i = "", 0
    while i < n:
        j = choice[i]
        if j is None:
            run += text[i]
            i += 1
            continue
        if run:
            bad.append(run)
            run = ""
        i = j
    if run:
        bad.append(run)
    return bad


def _numbers_unexplained(text: str, allowed: Allowed) -> list[str]:
    """Numbers of ``text`` that are neither in the notice or reports nor part of a phrase."""
    covered: set[int] = set()
    for known in allowed.fragments | allowed.values:
        if any(ch.isdigit() for ch in known):
            for m in re.finditer(re.escape(known), text):
                covered.update(range(m.start(), m.end()))
    for m in re.finditer(re.escape(allowed.url_prefix) + r"[\w:/.#%?=&-]*", text):
        covered.update(range(m.start(), m.end()))
    return [
        m.group()
        for m in NUMBER.finditer(text)
        if m.group() not in allowed.numbers and not set(range(m.start(), m.end())) <= covered
    ]


def text_nodes(el: Element, skip: tuple[str, ...]) -> Iterator[str]:
    """Every run of text in ``el``, each element's own text apart, skipping classes in ``skip``."""
    for child in el.children:
        if isinstance(child, str):
            if child.strip():
                yield child
        elif _ours(child) or any(c in child.classes for c in skip):
            continue
        else:
            yield from text_nodes(child, skip)


def editor_notes_unlabelled(el: Element) -> list[str]:
    """Editor's texts (class ms-ed) with no visible label of the site's, near them."""
    bad = []
    for note in el.find_all(class_="ms-ed"):
        near = note.text
        row = next((a for a in note.ancestors() if a.tag == "table"), None)
        if row is not None:
            near += "".join(th.text for th in row.find_all("th", scope="col"))
            near += note.attrs.get("data-label", "")
        section = next((a for a in note.ancestors() if a.tag in ("ul", "div")), None)
        if section is not None and section.parent is not None:
            siblings = section.parent.children
            index = next(i for i, s in enumerate(siblings) if s is section)
            heading = next(
                (s for s in reversed(siblings[:index]) if isinstance(s, Element) and s.tag in ("h2", "h3")),
                None,
            )
            near += heading.text if heading else ""
        near += note.attrs.get("title", "")
        if not any(label in near for label in EDITOR_LABELS):
            bad.append(squeeze(note.text)[:40])
    return bad
