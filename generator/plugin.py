"""The MkDocs hooks, kept thin: load and plan in on_config, add the plan's pages and files
in on_files, end every page with the data version; after the build, finish it (minify our
assets, index it for search: finish.py) and check the address lock; under ``mkdocs serve``,
show a failed build's errors in the browser (``preview.py``)."""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import cache, rebuild, remake, serial, themefiles, version
from .config import PUBLISHING, MinshengConfig
from .data.notices import load_all
from .errors import DataErrors
from .finish import Background, FinishError, finish
from .model import Notice
from .preview import Preview
from .site import lock, planner, render, share
from .site.plan import Site
from .site.text import check_meta

log = get_plugin_logger(__name__)
# Outside "mkdocs": shown on stderr but not counted by --strict, so that a build whose
# data version is unknown still publishes (its pages say 未知).
provenance_log = logging.getLogger("minsheng.provenance")
draft_log = logging.getLogger("minsheng.draft")  # the same, for a site with a draft notice

_epoch_we_set: str | None = None


def _set_source_date_epoch(notices: list[Notice], versions: list[version.Version]) -> None:
    """Reproducible builds: mkdocs dates every page from the clock (sitemap.xml <lastmod>,
    the mtime inside sitemap.xml.gz) unless SOURCE_DATE_EPOCH is set. Set it from the data's
    last commit (or, outside git, the latest date in the data), so the same commit builds
    the same bytes on any day. A value given by the caller wins; one set here is renewed
    on each rebuild of ``mkdocs serve``. Tested by tests/test_reproducible.py."""
    global _epoch_we_set
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is not None and given != _epoch_we_set:
        return
    epochs = (
        version.source_date_epoch(v, [n.document.date] + [r.date for p in n.projects for r in p.reports])
        for n, v in zip(notices, versions, strict=True)
    )
    _epoch_we_set = str(max(epochs))  # the latest notice's, or a later change to an older one
    os.environ["SOURCE_DATE_EPOCH"] = _epoch_we_set


@lru_cache(maxsize=1 << 16)  # ~3,500 files sorted again after each save of make serve
def _walk_order(src_uri: str) -> tuple[tuple[int, object], ...]:
    """MkDocs' order of a docs folder (``os.walk``, sorted): in each folder its files first,
    index.md before the others, then its subfolders by name."""
    *folders, name = src_uri.split("/")
    stem = name.rsplit(".", 1)[0]
    return (*((1, folder) for folder in folders), (0, (stem not in ("index", "README"), name)))


PREVIEW_POLL = 0.05  # seconds between two looks at the data file under mkdocs serve


class MinshengPlugin(BasePlugin[MinshengConfig]):
    site: Site
    data_paths: list[Path]  # the notices' data files, as listed
    # Under mkdocs serve (set in on_serve; the plugin lives across rebuilds, as it has
    # on_startup): the failed build's errors are shown in the browser.
    preview: Preview | None = None
    indexing: Background | None = None  # under mkdocs serve: the search index, written after
    reading = serial.Shared()  # replaced per plugin object in on_startup
    # Under mkdocs serve --dirty (make serve): what a rebuild keeps from the last build, so
    # that it makes and writes only what changed (remake.py, rebuild.py); the pages it wrote, to be finished.
    kept: remake.Kept | None = None
    written: list[Path] | None = None
    rebuilt: rebuild.Outcome | None = None  # this build's, remembered if it completes

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defined so that MkDocs keeps this one plugin object across serve's rebuilds (it
        # makes a new one per build otherwise), and with it the preview set in on_serve.
        self.reading = serial.Shared()
        if command == "serve":  # from the first build on: MkDocs calls on_serve after it
            self.indexing = Background()
        if command == "serve" and dirty:
            self.kept = remake.Kept()
            rebuild.quiet_dirty_notice()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Bad data stops the build here, before anything is written.
        config_dir = Path(config.config_file_path).parent
        listed = self.config.data_files()
        self.data_paths = [config_dir / name for name in listed]
        if self.kept is not None:  # make serve: the installed theme is listed once
            themefiles.remember(config.theme, self.kept.theme_files)
        # From reading the data to checking the built site against the address lock, no
        # import or check writes either (serial.py; the site's notices share the lock of
        # the first one's folder): released after the build, or here.
        self.reading.acquire(self.data_paths[0])
        try:
            return self._configure(config, config_dir, listed)
        except BaseException:
            self.reading.release()
            raise

    def _configure(self, config: MkDocsConfig, config_dir: Path, listed: list[str]) -> MkDocsConfig:
        # The notices' git versions are read while the data is: git runs in processes of its
        # own (at 7 notices, 15 of them: a twentieth of a make serve rebuild, waited for).
        with ThreadPoolExecutor(max_workers=1) as pool:
            reading = pool.submit(version.of_all, self.data_paths)
            notices = self._load(config_dir, listed)
        versions = reading.result()
        if self.kept is not None:
            notices = self.kept.notices.keep(listed, notices)
        if (gone := lock.gone(self.data_paths[0])) is not None:  # before building, not after
            if self.preview is not None:
                self.preview.failed(gone)
            raise PluginError(gone)
        drafts = [name for name, n in zip(listed, notices, strict=True) if n.draft]
        if drafts and os.environ.get(PUBLISHING) == "1":
            raise PluginError(
                f"{'、'.join(drafts)} 是草稿（draft: true），不能发布：核对完毕后删去文件中 draft: true 这一行，再运行 make site"
            )
        if self.preview is not None:
            self.preview.passed()
        if not config.site_url:
            raise PluginError(
                "mkdocs.yml 没有设置 site_url：永久网址、引文和二维码都需要网站的正式地址"
            )
        try:  # the share images need a Chinese font: said now, before anything is built
            share.font_file()
        except share.FontMissing as exc:
            raise PluginError(str(exc)) from None
        for warning in dict.fromkeys(v.warning for v in versions if v.warning):
            provenance_log.warning(f"警告：{warning}")
        _set_source_date_epoch(notices, versions)
        root = self.config.root_notice or notices[0].document.year
        plan_of = self.kept.plans.make if self.kept is not None else planner.make
        self.site = planner.site(notices, config.site_url, versions, cache.folder(config_dir), root, plan_of)
        config.nav = self.site.nav(config.nav)
        # for the theme's footer and share image (overrides/main.html)
        config.extra["minsheng"] = render.theme_extra(self.site.latest)
        return config

    def _load(self, config_dir: Path, listed: list[str]) -> list[Notice]:
        try:
            notices = load_all(config_dir, listed, cache.folder(config_dir))
        except DataErrors as exc:
            for error in exc.errors:
                log.error(str(error))
            if self.preview is not None:
                self.preview.failed(exc.report())  # word for word what make check prints
            raise PluginError(exc.summary("，未生成网站")) from None
        return notices

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        # MkDocs polls what it watches every 0.5 s, on average a quarter of a second between
        # a clerk's save and the rebuild. The data files (watchdog watches a file by its
        # folder, a few stats a poll) are polled every 0.05 s: watchdog gives each watch the
        # observer's timeout when it is scheduled (its private ``_timeout``; set only where it
        # exists). Our templates, which only developers edit, keep MkDocs' interval: polled as
        # often, their folder took ~7% of a core, slowing the rebuild the clerk waits for.
        interval = getattr(server.observer, "_timeout", None)
        if isinstance(interval, (int, float)):
            server.observer._timeout = PREVIEW_POLL
        for path in self.data_paths:
            server.watch(str(path))
        if isinstance(interval, (int, float)):
            server.observer._timeout = interval
        server.watch(str(Path(render.__file__).parent.parent / "templates"))
        self.preview = Preview(server)
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.indexing is not None:  # the last preview build's index is written before
            self.indexing.wait()  # this build cleans the site folder
        self.written, self.rebuilt = None, None

    def on_build_error(self, *, error: Exception) -> None:
        self.reading.release()
        gc.unfreeze()  # as after a build (on_post_build): under mkdocs serve, builds go on
        # A failure after the data loaded (the address lock, a template): shown as well.
        if self.preview is not None and self.preview.errors is None:
            self.preview.failed(f"错误：{error}")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        site, kept = self.site, self.kept
        if kept is not None:  # under make serve: what did not change is not made again
            outputs = kept.made(site)
        else:
            outputs = [(p.src, render.render(site.owner[p.src], p)) for p in site.pages]
            outputs += [(f.path, f.make()) for f in site.files]
        generated = []
        for src_uri, content in outputs:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} 与网站生成的页面同名，请改名或删除该文件")
            generated.append(rebuild.Generated.generated(config, src_uri, content=content))
        if kept is not None:
            self.rebuilt = rebuild.sort_out(kept.memory, site, files, generated, dict(outputs), config)
            self.written = self.rebuilt.written
        for file in generated:
            files.append(file)
        # The data, the plan and every generated file now stay in memory until the build
        # ends, and each full pass of Python's cycle collector, as MkDocs renders the pages,
        # would walk all of them again: at 3,300 projects that was ~10 s of CPU time (a
        # fifth of the build). Frozen, the collector skips them; thawed after the build.
        gc.freeze()
        # In the order MkDocs reads a docs folder, so that the sitemap is the same as when
        # the rendered folder (``python -m generator render``) is built without the plugin.
        return Files(sorted(files, key=lambda f: _walk_order(f.src_uri)))

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # The theme's templates are compiled again by every build (MkDocs makes a new
        # environment each time; under mkdocs serve, each rebuild): keep them compiled.
        env.bytecode_cache = render.compiled(self.site.latest.cache_dir)
        if self.kept is not None and self.written is not None:
            # A page kept from the last build is not read (MkDocs' dirty mode): the menu of
            # the pages built now needs its title, from its front matter or first heading.
            for file in files.documentation_pages():
                if file.page is not None and file.page.markdown is None:
                    self.kept.renders.read_source(file.page, config)
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.written is not None:
            self.written.append(Path(page.file.abs_dest_path))
        return output

    def _index_failed(self, message: str) -> None:
        log.error(message)
        if self.preview is not None:
            self.preview.failed(f"错误：{message}")

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        planned = self.site.by_src.get(page.file.src_uri)
        if planned is not None and (problem := check_meta(planned.src, page.meta, planned.meta)):
            raise PluginError(problem)
        # In the content, not the theme, so that it prints and is the same on every page:
        # the data version of the page's notice (of the latest, on the site's own pages).
        plan = self.site.owner.get(page.file.src_uri, self.site.latest)
        return markdown + render.version_html(plan)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            self._finish_and_check(config)
            if self.kept is not None and self.rebuilt is not None:
                self.kept.memory.completed(self.rebuilt)  # (MkDocs' --strict may still fail it)
        finally:
            self.reading.release()
            gc.unfreeze()  # frozen in on_files; collected as usual again (mkdocs serve)

    def _finish_and_check(self, config: MkDocsConfig) -> None:
        custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        site, config_dir = Path(config.site_dir), Path(config.config_file_path).parent
        try:
            preview = self.indexing is not None
            kept = self.kept
            hashed, minified = (kept.hashed, kept.minified) if kept is not None else (None, None)
            finish(site, config_dir, custom, preview=preview, pages=self.written, hashed=hashed, minified=minified)
        except FinishError as exc:
            raise PluginError(str(exc)) from None
        self._check_lock(config)
        # Last: Pagefind uses every core, and the preview shows the page without waiting for it.
        if self.indexing is not None:
            self.indexing.start(site, config_dir, self._index_failed)

    def _check_lock(self, config: MkDocsConfig) -> None:
        # Every published address must still be produced or redirected.
        lock_path = lock.path_for(self.data_paths[0])
        if not lock_path.is_file():
            log.info(f"没有网址锁 {lock_path.name}，跳过地址检查")
            return
        anchors = self.kept.anchors if self.kept is not None else None
        lost = lock.missing(lock.read(lock_path), lock.BuiltSite(config.site_dir, anchors), self.site.moves)
        if not lost:
            return
        message = lock.message(lock.path_for(self.config.data_files()[0]).as_posix(), lost)
        drafts = [plan.notice.document.number for plan in self.site.plans if plan.notice.draft]
        if not drafts:
            raise PluginError(message)
        # A site with a draft is never published (on_config refuses it to make site), and a
        # draft leads the home page while it is previewed: what it would break is said, and
        # make serve shows the draft. make check refuses once draft: true is gone.
        draft_log.warning(f"警告：{message}\n网站含草稿（{'、'.join(drafts)}），不会发布；删去 draft: true 之前要解决。")
