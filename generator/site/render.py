"""Jinja environment, and the Markdown of each page of a plan.

A template gets the plan, its page and the page's context; links are made relative to
the page by ``link``, and the page's former anchors are kept by the macros of
``_macros.j2``. How data text is escaped is explained in ``text.py``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    pass_context,
)
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup

from .. import cache as stored
from .. import phrases, progress, search, urls
from ..model import Indicator, Row
from ..phrases import t
from ..urls import Urls
from . import excerpt, share
from .plan import Page, Plan
from .text import front_matter, md, tooltip


@pass_context
def _link(ctx: Context, to: str, anchor: str = "") -> str:
    """A link from the page being rendered to a page (source path) or file."""
    return urls.relative(ctx["page"].src, to, anchor)


@pass_context
def _old_anchors(ctx: Context, anchor: str) -> list[str]:
    """The former anchors on the page being rendered that now mean ``anchor``."""
    plan: Plan = ctx["plan"]
    return plan.moves.old_anchors(ctx["page"].url, anchor)


def _marked(plan: Plan, text: str) -> str:
    """A text of the notice, escaped, each of its ``sic`` passages followed by 〔原文如此〕."""
    escaped = html.escape(text)
    for sic in plan.notice.document.sic:
        mark = f'<small class="ms-ed ms-sic" title="{tooltip(t("editor_note"))}">〔{t("sic")}〕</small>'
        escaped = escaped.replace(html.escape(sic), html.escape(sic) + mark)
    return escaped


@pass_context
def _quote(ctx: Context, text: str) -> Markup:
    """A text of the notice, shown as printed: escaped, with the site's 原文如此 marks."""
    return Markup(_marked(ctx["plan"], text))


@pass_context
def _target_html(ctx: Context, row: Row) -> Markup:
    """A target text, escaped, glossary terms marked, each figure linked to its table row."""
    plan: Plan = ctx["plan"]
    spans = sorted((span, ind) for ind in row.indicators if (span := row.locate(ind)) is not None)
    out: list[str] = []
    pos = 0
    for (start, end), ind in spans:
        out.append(plan.glossary(_marked(plan, row.target[pos:start])))
        label = t("no_figure") if not ind.has_figure else f'{t("summary_label")}：{ind.counts}'
        out.append(
            f'<a class="ms-fig" href="#{ind.id}" title="{tooltip(label)}">'
            f"{html.escape(row.target[start:end])}</a>"
        )
        pos = end
    out.append(plan.glossary(_marked(plan, row.target[pos:])))
    return Markup("".join(out))


@pass_context
def _clause_html(ctx: Context, ind: Indicator) -> Markup:
    """A figure's clause as printed, its figure marked (``ms-value``) where the clause holds
    it: wherever a figure is shown, its qualifier, unit and scope are shown with it."""
    plan: Plan = ctx["plan"]
    span = excerpt.value_span(ind) if ind.has_figure else None
    if span is None:
        return Markup(_marked(plan, ind.clause))
    start, end = span
    text = ind.clause
    return Markup(
        f'{_marked(plan, text[:start])}<span class="ms-value">{html.escape(text[start:end])}</span>'
        f"{_marked(plan, text[end:])}"
    )


class _Compiled(FileSystemBytecodeCache):
    """Compiled templates kept in the build cache: compiling ours took 0.2 s of every
    build, and the theme's (material and overrides/, plugin.on_env) as much again. Jinja
    reuses one only while its template's source and Python are unchanged; a cache that
    cannot be written only costs that time again. Each is kept sealed with its hash
    (``generator/cache.py``): a damaged one (cut short, edited) is compiled again, never loaded."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            content = stored.unsealed(Path(self._get_cache_filename(bucket)).read_bytes())
        except OSError:
            return
        if content is not None:
            try:
                bucket.bytecode_from_string(content)
            except Exception:  # a file of another Jinja or Python: compiled again
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        stored.store(Path(self._get_cache_filename(bucket)), stored.sealed(bucket.bytecode_to_string()))


def compiled(cache_dir: Path | None) -> FileSystemBytecodeCache | None:
    """Where compiled templates are kept in the build cache ``cache_dir`` (None: nowhere)."""
    if cache_dir is None:
        return None
    try:
        (cache_dir / "jinja").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Compiled(str(cache_dir / "jinja"))


@cache
def environment(cache_dir: Path | None = None, templates: Path | None = None) -> Environment:
    """The templates' environment; with ``cache_dir`` (the build cache), compiled once.
    ``templates`` replaces the package's templates (the fidelity test renders a broken copy)."""
    env = Environment(
        loader=FileSystemLoader(templates) if templates else PackageLoader("generator", "templates"),
        bytecode_cache=compiled(cache_dir),
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
    env.filters["quote"] = _quote
    env.filters["enquote"] = lambda text: f"“{text}”"
    env.filters["cut"] = excerpt.cut
    env.filters["pct"] = lambda v: "—" if v is None else f"{progress.percent(v)}%"
    env.filters["pctval"] = lambda v: 0 if v is None else progress.percent(v)
    env.filters["search_terms"] = search.terms  # keywords as search metadata (search.py)
    env.globals.update(
        link=_link,
        urls_of=urls.of_notice,
        old_anchors=_old_anchors,
        target_html=_target_html,
        clause_html=_clause_html,
        t=t,
        NOTE_LABELS=phrases.NOTE_LABELS,
    )
    return env


def render(plan: Plan, page: Page, templates: Path | None = None) -> str:
    """The Markdown of a generated page: its front matter, then its template's output
    (from the ``templates`` folder, if given, instead of the package's)."""
    template = environment(None if templates else plan.cache_dir, templates).get_template(page.template)
    body = template.render(
        plan=plan,
        urls=plan.urls,
        page=page,
        notice=plan.notice,
        doc=plan.notice.document,
        S=page.sections,
        cite=plan.citation,
        years=plan.years,
        progress=plan.progress,
        updates=plan.updates,
        **page.context,
    )
    return front_matter(page.meta) + banner_html(plan, page) + _year_marks(plan, page) + body


def _year_marks(plan: Plan, page: Page) -> str:
    """On a page of a notice of a site of several: its year, for the search (a Pagefind
    filter and a result's metadata; the search orders the years itself, search-query.js)."""
    if plan.years is None or page.src not in plan.by_src:
        return ""
    year = plan.notice.document.year
    # a filter only where there is a choice: the dialog shows the year filter for two years
    kinds = ("filter", "meta") if len(plan.years.notices) > 1 else ("meta",)
    marks = " ".join(f'data-pagefind-{kind}="year:{year}"' for kind in kinds)
    return f"<div hidden {marks}></div>\n\n"


def banner_html(plan: Plan, page: Page) -> str:
    """What a page says at its top when its notice is a draft, or is not the site's latest
    (a page of that notice): which year it is, and the same programme in the latest
    notice, or that no later notice on the site names it."""
    notice, years = plan.notice, plan.years
    doc = notice.document
    older = years is not None and years.latest_year > doc.year and page.src in plan.by_src
    if not (older or notice.draft):
        return ""
    project = page.context.get("project") if older else None
    later = [n.document.year for n in years.notices if n.document.year > doc.year] if years else []
    text = environment(plan.cache_dir).get_template("banner.html.j2").render(
        plan=plan,
        page=page,
        doc=doc,
        draft=notice.draft,
        latest_year=years.latest_year if older and years else 0,
        project=project,
        now=years.in_latest(doc.year, project.id) if years and project is not None else None,
        later="、".join(str(y) for y in later),
    )
    return text.strip() + "\n\n"


def version_html(plan: Plan) -> str:
    """The paragraph every page ends with: which data, which commit, changed when.

    A raw HTML block, appended to each page's Markdown (generated or hand-written).
    """
    template = environment(plan.cache_dir).get_template("version.html.j2")
    line = template.render(doc=plan.notice.document, version=plan.version).strip()
    return f"\n\n{line}\n"


def footer_html(plan: Plan) -> Markup:
    """The footer of every page: who issued the notice, who publishes the site."""
    template = environment(plan.cache_dir).get_template("footer.html.j2")
    return Markup(template.render(doc=plan.notice.document, notice=plan.notice).strip())


def theme_extra(plan: Plan) -> dict[str, Any]:
    """What overrides/main.html reads from ``config.extra.minsheng``: the footer, and the
    site's share image for the pages without their own (the plugin and ``render DIR``)."""
    image = share.image_meta(urls.absolute(plan.site_url, plan.urls.SHARE_IMAGE), share.site_card(plan.notice))
    return {"footer": footer_html(plan), "about_label": t("about_link"), "share_image": image}


def redirect_page(address: Urls, site_url: str, cache_dir: Path | None, anchors: Mapping[str, str], old_url: str, new_url: str, title: str) -> str:
    """The HTML page left at a former page address (template ``redirect.html.j2``), leading
    to the page ``title`` at ``new_url`` (the site's addresses ``address``, published at
    ``site_url``), each of its former ``anchors`` to its new one. Given only what it shows,
    so that ``make serve`` makes it again only when that changed (rebuild.py)."""
    context: dict[str, Any] = {
        "title": title,
        "canonical": urls.absolute(site_url, new_url),
        "target": urls.relative(old_url, new_url),
        "script": urls.relative(old_url, address.REDIRECT_SCRIPT),
        "anchors": dict(sorted(anchors.items())),
    }
    return environment(cache_dir).get_template("redirect.html.j2").render(**context)
