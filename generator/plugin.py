"""The MkDocs hooks, kept thin: load in on_config, add pages in on_files,
index for search and check the address lock in on_post_build."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import aliases, extras, lock, render, search, version
from .cite import Site
from .config import MinshengConfig
from .errors import DataErrors
from .loader import load
from .model import Notice

log = logging.getLogger("mkdocs.plugins.minsheng")


_epoch_we_set: str | None = None


def _set_source_date_epoch(notice: Notice, data_version: version.Version) -> None:
    """Reproducible builds: mkdocs dates every page from the clock (sitemap.xml <lastmod>,
    the mtime inside sitemap.xml.gz) unless SOURCE_DATE_EPOCH is set. Set it from the data's
    last commit (or, outside git, the latest date in the data), so the same commit builds
    the same bytes on any day. A value given by the caller wins; one set here is renewed
    on each rebuild of ``mkdocs serve``. Tested by tests/test_reproducible.py."""
    global _epoch_we_set
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is not None and given != _epoch_we_set:
        return
    dates = [notice.document.date] + [r.date for p in notice.projects for r in p.reports]
    _epoch_we_set = str(version.source_date_epoch(data_version, dates))
    os.environ["SOURCE_DATE_EPOCH"] = _epoch_we_set


class MinshengPlugin(BasePlugin[MinshengConfig]):
    notice: Notice
    moves: aliases.Moves
    watched: list[str]
    site: Site
    lock_path: Path

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Bad data stops the build here, before anything is written.
        root = Path(config.config_file_path).parent
        path = root / self.config.source
        display = Path(self.config.source).as_posix()
        try:
            self.notice = load(path, display)
        except DataErrors as exc:
            for error in exc.errors:
                log.error(str(error))
            raise PluginError(exc.summary()) from None
        if not config.site_url:
            raise PluginError(
                "mkdocs.yml 没有设置 site_url：永久网址、引文和二维码都需要网站的正式地址"
            )
        self.moves = aliases.moves(self.notice)
        self.site = Site(url=config.site_url, version=version.of(path))
        _set_source_date_epoch(self.notice, self.site.version)
        self.lock_path = lock.path_for(path)
        self.watched = [str(path), str(Path(render.__file__).parent / "templates")]
        return config

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable
    ) -> None:
        for path in self.watched:
            server.watch(path)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        generated = (
            render.pages(self.notice, self.site, self.moves)
            | extras.data_files(self.notice, self.site.url)
            | extras.files(self.notice, self.site.url, self.moves)
        )
        generated |= extras.moved(generated, self.moves)
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} 与网站生成的页面同名，请改名或删除该文件")
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # In the content, not the theme, so that it prints and is the same on every page.
        # Search indexes the content only, not the data-version line after it.
        return search.body(html, page.meta) + render.version_html(self.notice, self.site.version)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            search.index(Path(config.site_dir), Path(config.config_file_path).parent)
        except search.SearchError as exc:
            raise PluginError(str(exc)) from None
        # Every published address must still be produced or redirected.
        if not self.lock_path.is_file():
            log.info(f"没有网址锁 {self.lock_path.name}，跳过地址检查")
            return
        locked = lock.read(self.lock_path)
        site = lock.Site(config.site_dir)
        lost = lock.missing(locked, site, self.moves)
        if lost:
            name = lock.path_for(self.config.source).as_posix()
            raise PluginError(lock.message(name, lost))
