"""What a built site still needs before it is published: our scripts and styles minified,
the theme's stylesheet trimmed to what the pages use (themecss.py), the offline worker
versioned (offline.py), then the search index written over the finished pages, and the
theme's own search removed.

The plugin runs it after every build (``on_post_build``); ``python -m generator finish
SITE`` runs the same on a site that stock MkDocs built from ``python -m generator render``.
Under ``mkdocs serve`` the index is written in the background (``Background``): the
preview reloads as soon as the pages are built, and search works a moment later.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from . import htmlspace, minify, offline, search, themecss, toggles

# Material copies its own search engine into every site (lunr and its languages, the search
# worker: ~1.2 MB), used only by its search plugin, which this site leaves off for Pagefind.
# Without that plugin's index (search/search_index.json) no page ever loads them.
THEME_SEARCH_DIR = "assets/javascripts/lunr"
THEME_SEARCH_WORKER = "assets/javascripts/workers/search.*"


class FinishError(Exception):
    """A step failed: the build must stop (a site without search or styles is broken)."""


def finish(
    site_dir: Path,
    config_dir: Path,
    custom_dir: Path | None,
    *,
    preview: bool = False,
    pages: Iterable[Path] | None = None,
    hashed: Callable[[str], bytes] | None = None,
    minified: dict[bytes, bytes] | None = None,
) -> None:
    """Minify our assets, trim the theme's stylesheet (themecss.py), mend the theme's
    toggles (toggles.py), drop the pages' indentation (htmlspace.py), version the offline
    worker, write the search index, drop the theme's unused search.

    A ``preview`` (``mkdocs serve``) keeps the theme's stylesheet whole, which styles the
    pages the same (tests/test_themecss.py): trimming reads every page once more (~0.1 s)
    while a clerk waits for the page she has just saved, for bytes that matter only to
    residents' downloads. Its search index is written by the caller, in the background
    (``Background``). A rebuild of ``make serve`` that kept most pages as they were finished
    (rebuild.py) names the ``pages`` it wrote: only those are mended; and gives the files'
    digests it keeps (``hashed``, filememo.py) for the offline worker's version, and our
    scripts and styles as minified before (``minified``, minify.py).
    """
    try:
        if custom_dir is not None:
            minify.minify(site_dir, minify.ours(custom_dir), config_dir, kept=minified)
        # after minifying: the words of our scripts as shipped, not their comments
        stylesheet = None if preview else themecss.trim_theme(site_dir, page_usage(site_dir))
        mend_pages(site_dir, stylesheet, pages)
        offline.stamp(site_dir, hashed)  # last: the worker's version covers every file as published
        if not preview:
            search.index(site_dir, config_dir)
    except (minify.MinifyError, search.SearchError) as exc:
        raise FinishError(str(exc)) from None
    unused_theme_search(site_dir)


def page_usage(site_dir: Path) -> themecss.Usage:
    """What the built pages can match (read only: the trimmed stylesheet's name, which every
    page then links, depends on all of them)."""
    usage = themecss.Usage()
    for path in site_dir.rglob("*.html"):
        usage.add_page(path.read_bytes())
    return usage


def mend_pages(
    site_dir: Path, stylesheet: tuple[str, str] | None = None, pages: Iterable[Path] | None = None
) -> None:
    """Every page (or only ``pages``) written once: the theme's toggles mended (toggles.py),
    its indentation dropped (htmlspace.py), and (given ``stylesheet``, the old and new site
    paths) linked to the trimmed theme stylesheet."""
    old, new = (s.encode() for s in stylesheet) if stylesheet else (b"", b"")
    chosen = site_dir.rglob("*.html") if pages is None else (p for p in pages if p.suffix == ".html" and p.is_file())
    for path in chosen:
        data = path.read_bytes()
        fixed = htmlspace.collapse(toggles.without_autocomplete(data))
        if old:
            fixed = fixed.replace(old, new)
        if fixed != data:
            path.write_bytes(fixed)


def unused_theme_search(site_dir: Path) -> None:
    """Remove material's search files unless its search plugin built an index to use them."""
    if (site_dir / "search" / "search_index.json").exists():
        return
    shutil.rmtree(site_dir / THEME_SEARCH_DIR, ignore_errors=True)
    for worker in site_dir.glob(THEME_SEARCH_WORKER):
        worker.unlink()


class Background:
    """The search index of a preview build, written while the preview already shows it.

    Pagefind took a quarter of a rebuild of the real site (~0.25 s of ~1.1 s) that a clerk
    waits for after saving the data. ``wait`` must be called before the next build cleans
    the site folder, so that two runs never write it at once.
    """

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def start(self, site_dir: Path, config_dir: Path, failed: Callable[[str], None]) -> None:
        """Index ``site_dir`` in a thread; ``failed`` gets the message if Pagefind fails."""
        self.wait()

        def run() -> None:
            try:
                search.index(site_dir, config_dir)
            except search.SearchError as exc:
                failed(str(exc))

        self._thread = threading.Thread(target=run, name="minsheng-search-index", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
