"""What every page function uses: metadata for the theme, the sections shown, the Page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..urls import Section
from .plan import Page
from .text import for_theme


def meta(title: str, description: str, searched: bool = True, **extra: Any) -> dict[str, Any]:
    """Front matter: title and description escaped for the theme, then ``extra``. A page
    that is not ``searched`` says so as material's search plugin understood it, and
    Pagefind skips it (generator/search.py): lists of projects would only push the
    pages they list down the results."""
    excluded = {} if searched else {"search": {"exclude": True}}
    return {"title": for_theme(title), "description": for_theme(description), **extra, **excluded}


def shown(kind: Mapping[str, Section], **visible: bool) -> dict[str, Section | None]:
    """A page's sections: each of its kind, or None where ``visible`` says it is not shown."""
    return {key: section if visible.get(key, True) else None for key, section in kind.items()}


def page(
    src: str,
    template: str,
    page_meta: dict[str, Any],
    sections: Mapping[str, Section | None],
    anchors: list[str] | tuple[str, ...] = (),
    **context: Any,
) -> Page:
    own = [s.id for s in sections.values() if s is not None]
    return Page(src, template, page_meta, dict(sections), tuple(own + list(anchors)), context)
