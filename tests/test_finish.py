"""After the build: our own scripts and styles minified in place (generator/minify.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from generator import finish, minify

OVERRIDES = ROOT / "overrides"


def test_our_assets_are_the_scripts_and_styles_of_the_override_folder() -> None:
    names = minify.ours(OVERRIDES)
    assert "assets/minsheng.css" in names and "assets/search.js" in names
    assert all(n.endswith((".js", ".css")) for n in names)
    assert not [n for n in names if n.startswith("assets/javascripts/")]  # material's own


def test_minified_in_place_smaller_and_still_valid(tmp_path: Path) -> None:
    names = minify.ours(OVERRIDES)
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(OVERRIDES / name, tmp_path / name)
    minify.minify(tmp_path, names, ROOT)
    for name in names:
        before, after = (OVERRIDES / name).read_text("utf-8"), (tmp_path / name).read_text("utf-8")
        assert len(after) < len(before), name
        assert "/*" not in after and "\n//" not in after, name  # the comments are gone
    # Chinese stays as it is (not \u escapes, which are longer), and the scripts still parse
    assert "大字" in (tmp_path / "assets" / "minsheng.js").read_text("utf-8")
    for name in names:
        if name.endswith(".js"):
            done = subprocess.run(["node", "--check", str(tmp_path / name)], capture_output=True, text=True)
            assert done.returncode == 0, (name, done.stderr)


def test_make_serve_minifies_each_version_of_a_file_once(tmp_path: Path) -> None:
    """Kept by the original's bytes: the same text as esbuild's, esbuild run only for new ones."""
    names = minify.ours(OVERRIDES)
    fresh, served = tmp_path / "fresh", tmp_path / "served"
    for folder in (fresh, served):
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(OVERRIDES / name, folder / name)
    minify.minify(fresh, names, ROOT)
    kept: dict[bytes, bytes] = {}
    minify.minify(served, names, ROOT, kept=kept)
    assert len(kept) == len(names)
    for name in names:
        shutil.copy2(OVERRIDES / name, served / name)  # as the next rebuild copies them afresh
    edited = served / "assets" / "minsheng.css"
    edited.write_text(edited.read_text("utf-8") + "\n.ms-test { color: red }\n", encoding="utf-8")
    minify.minify(served, names, ROOT / "nowhere", checkout=ROOT, kept=kept)
    for name in names:
        if name != "assets/minsheng.css":
            assert (served / name).read_bytes() == (fresh / name).read_bytes(), name
    assert ".ms-test{color:red}" in edited.read_text("utf-8") and len(kept) == len(names) + 1


def test_a_missing_esbuild_stops_the_build_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text("p { color: red }", encoding="utf-8")
    with pytest.raises(minify.MinifyError) as caught:
        minify.minify(tmp_path, ["a.css"], tmp_path / "nowhere", checkout=tmp_path)
    assert str(caught.value) == (
        "找不到 esbuild（node_modules/.bin/esbuild）：压缩本站的脚本和样式需要它，请先运行 npm ci（make 会运行）"
    )


def test_preview_index_is_written_in_the_background_and_waited_for(tmp_path: Path) -> None:
    page = '<!doctype html><html lang="zh"><head><title>低保</title></head><body><main><h1>城乡低保</h1><p>困难群众</p></main></body></html>'
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    problems: list[str] = []
    indexing = finish.Background()
    indexing.start(tmp_path, ROOT, problems.append)
    indexing.wait()  # as the next preview build does before it cleans the folder
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert problems == []


def test_preview_index_failure_is_reported_not_raised(tmp_path: Path) -> None:
    problems: list[str] = []
    indexing = finish.Background()
    indexing.start(tmp_path / "nothing-built", ROOT, problems.append)
    indexing.wait()
    assert len(problems) == 1 and problems[0].startswith("Pagefind 生成搜索索引失败")


def _theme_search(site: Path) -> list[Path]:
    files = [
        site / "assets/javascripts/lunr/min/lunr.zh.min.js",
        site / "assets/javascripts/workers/search.a7633da7.min.js",
        site / "assets/javascripts/workers/search.a7633da7.min.js.map",
    ]
    for f in files:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x", encoding="utf-8")
    (site / "assets/javascripts/bundle.a5f9d56c.min.js").write_text("x", encoding="utf-8")
    return files


def test_the_themes_unused_search_files_are_removed(tmp_path: Path) -> None:
    files = _theme_search(tmp_path)
    finish.unused_theme_search(tmp_path)
    assert not [f for f in files if f.exists()]
    assert not (tmp_path / "assets/javascripts/lunr").exists()
    assert (tmp_path / "assets/javascripts/bundle.a5f9d56c.min.js").is_file()  # the theme itself stays


def test_the_themes_search_files_stay_when_its_search_plugin_made_an_index(tmp_path: Path) -> None:
    files = _theme_search(tmp_path)
    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_text("{}", encoding="utf-8")
    finish.unused_theme_search(tmp_path)
    assert all(f.exists() for f in files)
