"""``make serve`` rebuilds (``mkdocs serve --dirty``, generator/rebuild.py): after an edit,
the site folder holds exactly what a build from scratch of the edited data makes, file by
file, while only the pages the edit touched were written again.

The builds run in this process as ``mkdocs serve`` runs them (one plugin object, started
as for serve, MkDocs' dirty build into the one site folder), of copies of the invented
sample site and of the two-notice fixture (2020 real, 2021 虚构). The build from scratch is
the same code with nothing remembered (no page kept, none rendered before, no notice read
before), into another folder. The search index, written in
the background, is left out of the comparison.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import samplesite
from conftest import ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from generator.data.load import _loaded, load_bytes
from generator.model import Notice
from generator.plugin import MinshengPlugin
from generator.rebuild import Renders, same

SERVE_URL = "http://127.0.0.1:8000/"


class Serve:
    """One ``mkdocs serve --dirty`` of ``config_file``, its builds run by hand."""

    def __init__(self, config_file: Path, site_dir: Path) -> None:
        self.config_file, self.site_dir = config_file, site_dir
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=True)
        plugin = config.plugins["minsheng"]
        assert isinstance(plugin, MinshengPlugin)
        self.plugin = plugin
        self.build(config=config)  # the first build, then on_serve, as MkDocs serves
        self.server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site_dir))
        config.plugins.on_serve(self.server, config=config, builder=lambda: None)

    def config(self, site_dir: Path | None = None) -> MkDocsConfig:
        config = load_config(str(self.config_file), site_dir=str(site_dir or self.site_dir), strict=True)
        config.site_url = SERVE_URL
        return config

    def build(self, site_dir: Path | None = None, config: MkDocsConfig | None = None) -> None:
        build(config or self.config(site_dir), serve_url=SERVE_URL, dirty=True)
        assert self.plugin.indexing is not None
        self.plugin.indexing.wait()

    def written(self) -> set[str]:
        """The site paths the last build wrote and finished (None: every one)."""
        assert self.plugin.written is not None, "the last build was a whole one"
        return {p.relative_to(self.site_dir).as_posix() for p in self.plugin.written}

    def from_scratch(self, folder: Path) -> Path:
        """The same data built into ``folder`` with nothing remembered."""
        assert self.plugin.memory is not None
        self.plugin.memory.forget()
        self.plugin.renders = Renders()
        _loaded.cache_clear()  # the notices read again
        self.build(folder)
        self.plugin.memory.forget()  # the serve's own folder is not the one just built
        return folder


@pytest.fixture
def fresh_plugins() -> Iterator[None]:
    """MkDocs keeps a plugin with ``on_startup`` across configs in one process: a new one
    for each test, and none left to other tests."""
    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache  # type: ignore[attr-defined]
    cache.clear()
    yield
    cache.clear()


def files_of(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).parts[0] != "pagefind"
    }


def assert_same_site(rebuilt: Path, scratch: Path) -> None:
    ours, theirs = files_of(rebuilt), files_of(scratch)
    assert sorted(ours) == sorted(theirs)
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert not differ, f"重建后与从头构建不同：{differ[:10]}"


@pytest.fixture
def sample(tmp_path: Path, fresh_plugins: None) -> Serve:
    return Serve(samplesite.copy(tmp_path / "src"), tmp_path / "serve")


def test_an_edit_writes_only_the_pages_it_touches_and_the_site_is_as_if_built_anew(
    sample: Serve, tmp_path: Path
) -> None:
    pages = {p.relative_to(sample.site_dir).as_posix() for p in sample.site_dir.rglob("*.html")}
    samplesite.edit(sample.config_file.parent / "projects.yaml", [("keywords: [测试路, 修路]", "keywords: [测试路, 铺路]")])
    sample.build()
    written = sample.written()
    assert "2099/projects/ceshi-lu/index.html" in written
    assert "铺路" in (sample.site_dir / "2099/projects/ceshi-lu/index.html").read_text("utf-8")
    assert "2099/projects/ceshi-xuexiao/index.html" not in written  # the edit is not on it
    assert len(written & pages) < len(pages) / 4, sorted(written)
    assert_same_site(sample.site_dir, sample.from_scratch(tmp_path / "scratch"))


def test_the_first_save_after_a_commit_builds_the_notice_and_the_hand_written_pages_again(
    tmp_path: Path, fresh_plugins: None
) -> None:
    src = tmp_path / "src"
    config = samplesite.copy(src)
    git = ["git", "-C", str(src), "-c", "user.name=测试", "-c", "user.email=test@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "测试数据"], check=True)
    serve = Serve(config, tmp_path / "serve")
    before = (serve.site_dir / "test-data" / "index.html").read_text("utf-8")
    samplesite.edit(src / "projects.yaml", [("keywords: [测试路, 修路]", "keywords: [测试路, 铺路]")])
    serve.build()
    written = serve.written()  # not the whole site: the notice's pages and the hand-written
    assert "test-data/index.html" in written
    after = (serve.site_dir / "test-data" / "index.html").read_text("utf-8")
    assert before != after  # its data version now says the file has changed since the commit
    assert_same_site(serve.site_dir, serve.from_scratch(tmp_path / "scratch"))


def test_a_new_title_rebuilds_every_page_whose_menu_shows_it(sample: Serve, tmp_path: Path) -> None:
    samplesite.edit(sample.config_file.parent / "projects.yaml", [("    name: 测试道路建设\n", "    name: 测试道路修建\n")])
    sample.build()
    assert sample.plugin.written is None  # the whole site, from an empty folder
    assert_same_site(sample.site_dir, sample.from_scratch(tmp_path / "scratch"))


def test_a_build_that_failed_on_bad_data_leaves_the_folder_to_the_next(sample: Serve, tmp_path: Path) -> None:
    data = sample.config_file.parent / "projects.yaml"
    samplesite.edit(data, [("    name: 测试道路建设\n", '    name: "测试道路建设\\x7f"\n')])
    with pytest.raises(Abort):
        sample.build()
    samplesite.edit(data, [('    name: "测试道路建设\\x7f"\n', "    name: 测试道路建设\n")])
    sample.build()
    assert not {p for p in sample.written() if "/projects/" in p}  # all as before the error
    assert_same_site(sample.site_dir, sample.from_scratch(tmp_path / "scratch"))


def test_an_edit_of_either_notice_of_two_leaves_the_site_as_if_built_anew(
    tmp_path: Path, fresh_plugins: None
) -> None:
    # the fixture's layout, with copies of what it reads from the repository
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "fixtures" / "notices", root / "tests" / "fixtures" / "notices")
    (root / "data").mkdir()
    shutil.copy(ROOT / "data" / "projects.yaml", root / "data" / "projects.yaml")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    serve = Serve(root / "tests" / "fixtures" / "notices" / "mkdocs.yml", tmp_path / "serve")
    later = root / "tests" / "fixtures" / "notices" / "2021.yaml"
    text = later.read_text("utf-8")
    first = text.index("keywords:")
    later.write_text(text[:first] + text[first:].replace("keywords: [", "keywords: [虚构改动, ", 1), "utf-8")
    serve.build()
    assert any("虚构改动" in (serve.site_dir / p).read_text("utf-8") for p in serve.written() if p.endswith(".html"))
    assert_same_site(serve.site_dir, serve.from_scratch(tmp_path / "scratch-2021"))

    serve.build()  # once more, remembering the serve's own folder
    earlier = root / "data" / "projects.yaml"
    samplesite.edit(earlier, [('keywords: ["四带一自"', 'keywords: ["四带一自", "虚构改动"')])
    serve.build()
    assert_same_site(serve.site_dir, serve.from_scratch(tmp_path / "scratch-2020"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Decimal("1.0"), Decimal("1")),  # equal numbers, written differently on a page
        (1, True),
        (1.0, 1),
        (0.0, -0.0),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),  # shown in its order
        ((Decimal("2"),), (Decimal("2.00"),)),
        ({1, 2}, {1, 2}),  # a kind not known to it: rendered again
    ],
)
def test_values_equal_in_python_but_shown_differently_are_not_the_same(a: object, b: object) -> None:
    assert not same(a, b)


def test_the_same_values_in_new_objects_are_the_same(notice: Notice) -> None:
    again = load_bytes((ROOT / "data" / "projects.yaml").read_bytes() + b"\n", "data/projects.yaml")
    assert again is not notice and same(again, notice)
    assert same({"p": again.projects[0], "n": [Decimal("1.5"), "文字", None]}, {"p": notice.projects[0], "n": [Decimal("1.5"), "文字", None]})
