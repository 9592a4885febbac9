"""``python -m generator render DIR``: stock MkDocs, without the plugin, builds the same site
(and ``python -m generator finish SITE`` does what the plugin does after the build).

The content must stay usable by a builder that loads no MkDocs plugins (MkDocs 2 drops
them; Zensical ignores them), and the benchmark's baseline builds exactly these files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ANSI, MAIN_CONFIG, MKDOCS, ROOT, SAMPLE_CONFIG
from mkdocs.utils.yaml import yaml_load

pytestmark = pytest.mark.slow

SITE_URL = "https://example.org/minsheng/"


def run(args: list[str], **env: str) -> None:
    environ = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1", **env)
    proc = subprocess.run(args, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, ANSI.sub("", proc.stdout + proc.stderr)


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("config", [MAIN_CONFIG, SAMPLE_CONFIG], ids=["real", "sample"])
def test_rendered_folder_builds_the_same_site_without_the_plugin(tmp_path: Path, config: Path) -> None:
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    with_plugin = tmp_path / "with-plugin"
    run([str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(with_plugin)], **epoch)
    folder = tmp_path / "folder"
    run([sys.executable, "-m", "generator", "render", str(folder), "-f", str(config)])
    with open(folder / "mkdocs.yml", encoding="utf-8") as f:
        plugins = yaml_load(f)["plugins"]
    assert "minsheng" not in [p if isinstance(p, str) else next(iter(p)) for p in plugins]
    stock = tmp_path / "stock"
    run([str(MKDOCS), "build", "--strict", "-f", str(folder / "mkdocs.yml"), "-d", str(stock)], **epoch)
    # what the plugin does after a build: our assets minified, the search index written
    run([sys.executable, "-m", "generator", "finish", str(stock), "-f", str(folder / "mkdocs.yml")])
    assert (stock / "pagefind" / "pagefind.js").is_file()
    plugin_files, stock_files = files_of(with_plugin), files_of(stock)
    assert sorted(plugin_files) == sorted(stock_files)
    different = [name for name in plugin_files if plugin_files[name] != stock_files[name]]
    assert not different, f"{len(different)} 个文件不同，例如 {different[:5]}"
