"""The plugin freezes Python's cycle collector over what it keeps for the build (on_files)
and always thaws it afterwards, also when the build fails: under ``mkdocs serve`` the
process goes on to the next build."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE_CONFIG
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from generator.plugin import MinshengPlugin


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[MinshengPlugin, MkDocsConfig]]:
    monkeypatch.setenv("SITE_URL", "https://example.org/")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cfg = load_config(str(SAMPLE_CONFIG), site_dir=str(tmp_path / "site"))
    plugin = cfg.plugins["minsheng"]
    assert isinstance(plugin, MinshengPlugin)
    plugin.on_config(cfg)
    cfg.plugins._current_plugin = "minsheng"  # as MkDocs sets it while a hook runs
    yield plugin, cfg
    gc.unfreeze()


def test_collector_frozen_after_on_files_and_thawed_after_a_failed_finish(configured: tuple[MinshengPlugin, MkDocsConfig]) -> None:
    plugin, cfg = configured
    plugin.on_files(Files([]), config=cfg)
    assert gc.get_freeze_count() > 0
    with pytest.raises(PluginError):  # nothing was built, so the finish step fails
        plugin.on_post_build(config=cfg)
    assert gc.get_freeze_count() == 0


def test_collector_thawed_after_a_build_error(configured: tuple[MinshengPlugin, MkDocsConfig]) -> None:
    plugin, cfg = configured
    plugin.on_files(Files([]), config=cfg)
    plugin.on_build_error(error=RuntimeError("模板出错"))
    assert gc.get_freeze_count() == 0
