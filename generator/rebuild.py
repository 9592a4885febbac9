"""What a rebuild of ``make serve`` may leave as the build before wrote it.

``make serve`` runs ``mkdocs serve --dirty``: MkDocs then skips every file whose
``is_modified()`` is false and leaves its output in the site folder. For the files of the
docs folder and the theme it decides by modification time; every generated page and file
it would build again, and its own dirty mode may show a stale menu (it warns so). This
module makes that exact for our site: a generated page or file is kept only when its text
is the same as in the last complete build, and then only if nothing that every page shows
changed either (the menu and the pages' titles, the footer, the theme's templates,
mkdocs.yml, the set of files). Otherwise the rebuild starts from an empty site folder, as a
build without ``--dirty`` does. tests/test_rebuild.py compares a rebuilt site with one
built from scratch, file by file.

Only a rebuild is spared: ``make site`` and ``make check`` build everything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

from . import minify
from .site import render
from .site.plan import Page, Plan, Site

DIRTY_NOTICE = "A 'dirty' build is being performed"
BY_HAND = "\0 the data version on the hand-written pages"  # not a file's name


class Generated(File):
    """A generated page or file; ``kept`` when the last build wrote the same output."""

    kept = False

    def is_modified(self) -> bool:
        return not self.kept and super().is_modified()


def digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def signature(*parts: Any) -> str:
    """A digest of what every page shows (JSON values; anything else by its ``str``)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return digest(text)


def stat_of(paths: Iterable[Path]) -> list[tuple[str, int, int]]:
    """Each file's path, size and modification time: a change to a hand-written page or a
    template of the theme makes a new signature without reading the file."""
    found = []
    for path in sorted(paths):
        if path.is_file():
            info = path.stat()
            found.append((path.as_posix(), info.st_size, info.st_mtime_ns))
    return found


@dataclass(frozen=True)
class Outcome:
    """What a build makes: the signature of what every page shows, each generated output's
    digest, and the site files it writes and must finish (None: every one)."""

    signature: str
    digests: Mapping[str, str]
    written: list[Path] | None


class Memory:
    """The outputs of the last complete build of one ``mkdocs serve``."""

    def __init__(self) -> None:
        self._signature: str | None = None
        self._outputs: Mapping[str, str] = {}

    def forget(self) -> None:
        """Nothing is known to be in the site folder (the next build starts from empty)."""
        self._signature = None

    def kept(self, sig: str, outputs: Mapping[str, str]) -> set[str] | None:
        """The generated files (by source path) whose output is already in the site folder,
        given this build's signature and each output's digest; None when the build must
        start from an empty site folder. From here on the build changes the folder: until
        it completes, nothing is known to be in place. (A build that fails before, on bad
        data, leaves the folder as it was, and the next can still keep what it holds.)"""
        known, self._signature = self._signature, None
        if sig != known or outputs.keys() != self._outputs.keys():
            return None
        return {src for src, value in outputs.items() if self._outputs[src] == value}

    def completed(self, outcome: Outcome) -> None:
        self._signature, self._outputs = outcome.signature, outcome.digests


def sort_out(
    memory: Memory,
    site: Site,
    files: Files,
    generated: list[File],
    outputs: Mapping[str, str | bytes],
    config: MkDocsConfig,
) -> Outcome:
    """Mark the ``generated`` files whose output the last build left in the site folder,
    or, when none can stay, empty the folder (before MkDocs writes anything)."""
    site_dir = Path(config.site_dir)
    # A page's HTML is made of its Markdown, the data version appended to it, and what
    # every page shows: the menu and the pages' titles, the footer, the theme, mkdocs.yml.
    digests = {
        src: digest(content) + (digest(render.version_html(site.owner[src])) if src in site.owner else "")
        for src, content in outputs.items()
    }
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    by_hand = [Path(f.abs_src_path) for f in files if f.abs_src_path and not f.generated_by]
    # The hand-written pages end with the latest notice's data version, which changes at
    # the first save after a commit: then they are built again, not the whole site.
    digests[BY_HAND] = digest(render.version_html(site.latest))
    sig = signature(
        Path(config.config_file_path).read_bytes().decode("utf-8", "replace"),
        config.nav, config.extra, config.site_url, os.environ.get("SOURCE_DATE_EPOCH"),
        [(page.src, page.meta.get("title")) for page in site.pages],
        stat_of(by_hand + (sorted(custom.rglob("*")) if custom else [])),
    )  # fmt: skip
    kept = memory.kept(sig, digests)
    if kept is None:
        clean_directory(str(site_dir))
        return Outcome(sig, digests, None)
    for file in generated:
        if isinstance(file, Generated):
            file.kept = file.src_uri in kept
    if BY_HAND not in kept:  # MkDocs builds a page again when its output is missing
        for file in files.documentation_pages():
            if not file.generated_by:
                Path(file.abs_dest_path).unlink(missing_ok=True)
    # Our scripts and styles are minified, and the offline worker stamped, in the site
    # folder: copied afresh each build, so that the finish step starts from the originals.
    for name in minify.ours(custom) if custom else []:
        (site_dir / name).unlink(missing_ok=True)
    # The pages MkDocs builds are added as it writes them (the plugin's on_post_page).
    written = [Path(f.abs_dest_path) for f in generated if f.src_uri not in kept and not f.is_documentation_page()]
    written += [site_dir / name for name in config.theme.static_templates if name.endswith(".html")]
    return Outcome(sig, digests, written)


class Renders:
    """Each generated page's Markdown as last rendered, and what it was rendered from.

    A page's Markdown is a function of its notice, the notice's data version and addresses,
    the site's address, the page (its sections and context: a project page's context holds
    its programme across the years), what it tells of the other notices (the latest year,
    the years on the site, the same project in the latest notice) and the templates. When
    all are the same as last time, the last text is the text; the notice is the same object
    only when its file's bytes are (the loader keeps it, data/load.py). A rebuild at 7
    notices rendered ~500 pages again, half its CPU time, for an edit that changed one.
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[tuple[Any, ...], str]] = {}

    def render(self, plan: Plan, page: Page, templates: str) -> str:
        inputs = (plan.notice, plan.version, plan.site_url, page, _told(plan, page), templates)
        last = self._last.get(page.src)
        if last is not None and last[0][0] is inputs[0] and same(last[0][1:], inputs[1:]):
            return last[1]
        text = render.render(plan, page)
        self._last[page.src] = (inputs, text)
        return text


def same(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` show the same on a page: ``==`` is not enough (1.0 == 1 and
    Decimal("1.0") == Decimal("1"), which a page writes differently; True == 1; a dict's
    order is the order it is shown in). The same object is the same at once: what did not
    change is shared with the last build. A kind not known here is never the same."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, Decimal):
        return bool(a.as_tuple() == b.as_tuple())
    if isinstance(a, float):
        return repr(a) == repr(b)
    if isinstance(a, str | int | bool | Path) or a is None:
        return bool(a == b)
    if isinstance(a, tuple | list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict | MappingProxyType):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    return False


def _told(plan: Plan, page: Page) -> tuple[Any, ...]:
    """What a page of ``plan`` tells of the site's other notices beyond its context (its
    year marks and its banner, render.py)."""
    years = plan.years
    if years is None:
        return ()
    project = page.context.get("project")
    now = years.in_latest(plan.notice.document.year, project.id) if project is not None else None
    return years.latest_year, tuple(n.document.year for n in years.notices), now, page.src in plan.by_src


def templates_state() -> str:
    """A digest of the page templates' files (``make serve`` rebuilds when one is saved)."""
    folder = Path(render.__file__).parent.parent / "templates"
    return signature(stat_of(folder.rglob("*")))


class DirtyNotice(logging.Filter):
    """Drops MkDocs' warning that a dirty build may show a stale menu: this module keeps a
    page only when its menu is unchanged. Under ``--strict`` that warning fails the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_NOTICE)


def quiet_dirty_notice() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, DirtyNotice) for f in logger.filters):
        logger.addFilter(DirtyNotice())
