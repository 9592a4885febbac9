"""Glossary tooltips: the notice's terms, marked where they appear in escaped text."""

from __future__ import annotations

import html
import re

from ..model import Term
from .text import tooltip


class Glossary:
    """Wraps glossary terms in escaped text with ``<abbr>`` tooltips.

    Python-Markdown's ``abbr`` needs word boundaries, which Chinese text has
    none of; here terms are matched anywhere, longest first.
    """

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.title: dict[str, str] = {}
        for term in terms:
            for name in (term.term, *term.aliases):
                self.title[html.escape(name)] = term.definition
        names = sorted(self.title, key=len, reverse=True)
        # Character references are matched too, and left whole: a term such as "lt"
        # must not split the "&lt;" of an escaped "<".
        alternatives = [*map(re.escape, names), r"&#?\w+;"]
        self.pattern = re.compile("|".join(alternatives)) if names else None

    def __call__(self, escaped: str) -> str:
        if self.pattern is None:
            return escaped
        return self.pattern.sub(self._wrap, escaped)

    def _wrap(self, match: re.Match[str]) -> str:
        found = match.group()
        if found not in self.title:
            return found  # a character reference
        return f'<abbr title="{tooltip(self.title[found])}">{found}</abbr>'
