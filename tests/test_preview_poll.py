"""make serve looks at the data file often: a clerk's save starts the rebuild at once; the
templates, which only developers edit, as often as MkDocs looks at the rest."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from mkdocs.livereload import LiveReloadServer

from generator.plugin import PREVIEW_POLL, MinshengPlugin


def test_the_data_file_is_polled_every_twentieth_of_a_second(tmp_path: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))  # as MkDocs watches the docs folder before plugins' on_serve
    plugin = MinshengPlugin()
    plugin.data_paths = [ROOT / "data" / "projects.yaml"]
    plugin.on_serve(server, config=None, builder=lambda: None)  # type: ignore[arg-type]
    polls = {e.watch.path: e.timeout for e in server.observer.emitters}
    assert PREVIEW_POLL == 0.05
    assert polls[str(plugin.data_paths[0].parent)] == PREVIEW_POLL  # watchdog watches a file by its folder
    assert polls[str(ROOT / "generator" / "templates")] == 0.5
    assert polls[str(tmp_path)] == 0.5  # MkDocs's own watches keep its interval
