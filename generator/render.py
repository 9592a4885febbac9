"""Jinja environment and the pages generated from a notice.

Templates produce Markdown whose data-bearing parts are raw HTML blocks: the
data text is HTML-escaped there and never read as Markdown, so a stray ``*``
or ``[x](javascript:…)`` in the data stays inert text. Text placed in a
Markdown heading goes through ``md`` instead.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import aliases, progress, schema, search, urls
from .aliases import Moves
from .cite import Citation, Site
from .export import CSV_COLUMNS
from .model import DIRECTION_LABELS, NOTE_LABELS, Item, Notice, Term
from .version import UNKNOWN, Version

# HTML's and Markdown's special characters. md() writes them as numeric character
# references, which Markdown leaves alone: a backslash escape would stay visible for
# the characters Python-Markdown does not know as escapable (":", "=", "|", "~", "^").
_MD_SPECIAL = re.compile(r"[&<>\"'\\`*_{}\[\]()#+\-.!|~^=:]")
_LINE_BREAK = re.compile(r"\r\n?|\n")


def md(text: str) -> Markup:
    """Text safe to place in a Markdown heading or paragraph: inert, shown as written.

    Line breaks become spaces: a heading is one line, and a break would end it early.
    """
    text = _LINE_BREAK.sub(" ", text)
    return Markup(_MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text))


def tooltip(text: str) -> str:
    """Text for a ``title`` attribute in the content, escaped twice.

    Material's tooltips (``content.tooltips``) put a title into the page as HTML:
    the attribute's value must itself be escaped HTML to show as written.
    """
    return html.escape(html.escape(text))


def relative(from_src: str, to_src: str, anchor: str = "") -> str:
    """A link from one generated page to another page or file, with anchor."""
    here = posixpath.dirname(from_src) or "."
    page = to_src.endswith("index.md")
    target = (posixpath.dirname(to_src) if page else to_src) or "."
    path = posixpath.relpath(target, here)
    link = "./" if path == "." else path + ("/" if page else "")
    return link + (f"#{anchor}" if anchor else "")


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


def target_html(row: Item, gloss: Callable[[str], str]) -> Markup:
    """A target text, escaped, each figure linked to its row in the figures table."""
    spans = sorted((span, ind) for ind in row.indicators if (span := row.locate(ind)) is not None)
    out: list[str] = []
    pos = 0
    for (start, end), ind in spans:
        out.append(gloss(html.escape(row.target[pos:start])))
        label = "本年未设数值" if not ind.has_figure else ind.counts
        out.append(
            f'<a class="ms-fig" href="#{ind.id}" title="{tooltip(label)}">'
            f"{html.escape(row.target[start:end])}</a>"
        )
        pos = end
    out.append(gloss(html.escape(row.target[pos:])))
    return Markup("".join(out))


def version_html(notice: Notice, version: Version) -> str:
    """The line every page ends with: which data, which commit, changed when."""
    changed = version.date or UNKNOWN
    return (
        '\n<p class="ms-dataversion">'
        f"数据依据 {html.escape(notice.document.number)}；"
        f"数据版本 <code>{html.escape(version.label)}</code>，数据最后修改于 {html.escape(changed)}。"
        "</p>\n"
    )


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # attr_list writes anchors as "{#id}", which Jinja would read as a comment
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["md"] = md
    env.filters["json"] = lambda v: Markup(json.dumps(v, ensure_ascii=False))
    env.filters["pct"] = lambda v: "—" if v is None else f"{progress.percent(v)}%"
    env.filters["pctval"] = lambda v: 0 if v is None else progress.percent(v)
    env.filters["search_terms"] = search.terms  # keywords as search metadata (search.py)
    env.globals.update(
        urls=urls,
        DIRECTION_LABELS=DIRECTION_LABELS,
        NOTE_LABELS=NOTE_LABELS,
        ROLLUP_RULE=progress.ROLLUP_RULE,
    )
    return env


def pages(notice: Notice, site: Site | None = None, moves: Moves | None = None) -> dict[str, str]:
    """Every generated page: source path -> Markdown content.

    ``site`` gives the permanent addresses and data version for citations;
    ``moves`` the former addresses whose anchors the pages keep.
    """
    env = environment()
    citation = Citation(notice, site or Site())
    moves = moves or aliases.moves(notice)
    gloss = Glossary(notice.glossary)
    states = {p.id: progress.of(p, notice.document.year) for p in notice.projects}
    updates = progress.recent(notice.projects)
    out: dict[str, str] = {}

    def render(src: str, template: str, **context: object) -> None:
        def link(to_src: str, anchor: str = "") -> str:
            return relative(src, to_src, anchor)

        def alias(anchor: str, block: bool = False) -> Markup:
            return aliases.spans(moves.old_anchors(urls.url_of(src), anchor), block=block)

        out[src] = env.get_template(template).render(
            notice=notice,
            doc=notice.document,
            src=src,
            link=link,
            alias=alias,
            cite=citation,
            target_html=lambda row: target_html(row, gloss),
            progress=states,
            updates=updates,
            **context,
        )

    render(urls.HOME, "home.md.j2")
    render(urls.OVERVIEW, "overview.md.j2")
    render(urls.NOTICE, "notice.md.j2")
    render(urls.REQUIREMENTS, "requirements.md.j2")
    render(urls.GLOSSARY, "glossary.md.j2")
    render(urls.RETIRED, "retired.md.j2")
    render(urls.UPDATES, "updates.md.j2")
    defs = schema.build()
    render(
        urls.DATA_DICTIONARY,
        "data_dictionary.md.j2",
        csv_columns=CSV_COLUMNS,
        schema_defs=[("Notice", defs), *defs["$defs"].items()],
    )
    for category in notice.categories:
        render(urls.category(category.id), "category.md.j2", category=category)
    projects = notice.projects
    for i, project in enumerate(projects):
        render(
            urls.project(project.id),
            "project.md.j2",
            project=project,
            prog=states[project.id],
            indicators={ind.id: ind for ind in project.all_indicators},
            history=progress.history(project),
            category=notice.category(project.category),
            prev=projects[i - 1] if i > 0 else None,
            next=projects[i + 1] if i + 1 < len(projects) else None,
        )
    return out
