"""themefiles.py: make serve lists the installed theme once; MkDocs copies the same files."""

from __future__ import annotations

from pathlib import Path

from conftest import MAIN_CONFIG
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from generator import themefiles


def config(custom: Path) -> MkDocsConfig:
    return load_config(str(MAIN_CONFIG), theme={"name": "material", "custom_dir": str(custom)})


def theme_files(cfg: MkDocsConfig) -> list[tuple[str, str | None]]:
    """What MkDocs adds to a build from the theme (its own code, as in every build)."""
    files = Files([])
    files.add_files_from_theme(cfg.theme.get_env(), cfg)
    return [(f.src_uri, f.abs_src_path) for f in files]


def test_the_remembered_listing_gives_what_mkdocs_lists(tmp_path: Path) -> None:
    custom = tmp_path / "overrides"
    (custom / "assets").mkdir(parents=True)
    (custom / "assets" / "ours.css").write_text("p{}", encoding="utf-8")
    (custom / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    memo: themefiles.Listing = {}

    def remembered() -> list[tuple[str, str | None]]:
        cfg = config(custom)  # a new config per build, as mkdocs serve reads it anew
        themefiles.remember(cfg.theme, memo)
        return theme_files(cfg)

    first = remembered()
    assert first == theme_files(config(custom))
    assert ("assets/ours.css", str(custom / "assets" / "ours.css")) in first
    assert "main.html" not in [src for src, _ in first]  # a template, not a static file
    assert any(src.startswith("assets/javascripts/") for src, _ in first)  # material's own
    (listing,) = memo.values()

    # A file added to the custom folder while serving is copied by the next build; the
    # installed theme is not listed again.
    (custom / "assets" / "new.js").write_text("1", encoding="utf-8")
    second = remembered()
    assert second == theme_files(config(custom))
    assert sorted(set(second) - set(first)) == [("assets/new.js", str(custom / "assets" / "new.js"))]
    (again,) = memo.values()
    assert again is listing
