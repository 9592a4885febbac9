"""The MkDocs hooks, kept thin: load in on_config, add pages in on_files."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import render
from .config import MinshengConfig
from .errors import DataErrors
from .loader import load
from .model import Notice

log = logging.getLogger("mkdocs.plugins.minsheng")


class MinshengPlugin(BasePlugin[MinshengConfig]):
    notice: Notice
    watched: list[str]

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
        self.watched = [str(path), str(Path(render.__file__).parent / "templates")]
        return config

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable
    ) -> None:
        for path in self.watched:
            server.watch(path)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for src_uri, content in render.pages(self.notice).items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} 与网站生成的页面同名，请改名或删除该文件")
            files.append(File.generated(config, src_uri, content=content))
        return files
