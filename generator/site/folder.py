"""Render a site to a folder that stock MkDocs builds without this plugin.

``python -m generator render DIR`` writes the plan's pages and files beside a copy of the
hand-written pages (``DIR/docs``) and theme overrides (``DIR/overrides``), and a
``DIR/mkdocs.yml`` equal to the project's without the ``minsheng`` plugin. ``mkdocs build
-f DIR/mkdocs.yml`` then makes the same pages as the plugin does. The content stays usable
by a builder that loads no MkDocs plugins (MkDocs 2 drops them; Zensical ignores them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .configured import load_site, plugins
from .render import footer_html, render, theme_extra, version_html


def write(config_file: Path, out: Path) -> Path:
    """Write the folder; returns the path of its mkdocs.yml. Raises DataErrors on bad data."""
    site, config = load_site(config_file)
    root = config_file.resolve().parent
    kept = plugins(config)[0]
    site_url = str(config.get("site_url") or "")

    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(root / config.get("docs_dir", "docs"), docs)
    ending = version_html(site.latest)  # as on_page_markdown: the latest notice's, or the page's
    for page in docs.rglob("*.md"):
        page.write_text(page.read_text(encoding="utf-8") + ending, encoding="utf-8")
    for planned in site.pages:
        plan = site.owner[planned.src]
        _write(docs / planned.src, render(plan, planned) + version_html(plan))
    for file in site.files:
        _write(docs / file.path, file.make())
    theme = dict(config.get("theme") or {})
    if "custom_dir" in theme:
        shutil.copytree(root / theme["custom_dir"], out / "overrides")
        theme["custom_dir"] = "overrides"
    extra = dict(config.get("extra") or {})
    extra["minsheng"] = {**theme_extra(site.latest), "footer": str(footer_html(site.latest))}  # the footer, the share image
    config.update(theme=theme, plugins=kept, docs_dir="docs", site_url=site_url, extra=extra)
    if "nav" in config:
        config["nav"] = site.nav(config["nav"])
    mkdocs_yml = out / "mkdocs.yml"
    header = "# 由 python -m generator render 生成：本站的全部页面和文件，不需要 minsheng 插件即可构建。\n"
    mkdocs_yml.write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return mkdocs_yml


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
