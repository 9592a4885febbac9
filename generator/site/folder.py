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
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from .. import cache, version
from ..data import load
from .planner import make
from .render import footer_html, render, theme_extra, version_html

PLUGIN = "minsheng"


def _plugins(plugins: Any) -> tuple[list[Any], dict[str, Any]]:
    """The configured plugins without ours, and our plugin's options.

    mkdocs.yml lists plugins as names, or ``{name: options}`` entries, or one mapping.
    """
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    else:
        entries = [(e, None) if isinstance(e, str) else next(iter(e.items())) for e in plugins or []]
    kept = [name if options is None else {name: options} for name, options in entries if name != PLUGIN]
    ours = next((options or {} for name, options in entries if name == PLUGIN), {})
    return kept, ours


def write(config_file: Path, out: Path) -> Path:
    """Write the folder; returns the path of its mkdocs.yml. Raises DataErrors on bad data."""
    root = config_file.resolve().parent
    with open(config_file, encoding="utf-8") as f:
        config: dict[str, Any] = yaml_load(f)
    kept, ours = _plugins(config.get("plugins"))
    source = Path(ours.get("source", "data/projects.yaml"))
    data = root / source  # as the plugin reads it (an absolute source stays as it is)
    notice = load(data, source.as_posix())
    site_url = str(config.get("site_url") or "")
    plan = make(notice, site_url, version.of(data), cache.folder(root))
    ending = version_html(plan)

    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(root / config.get("docs_dir", "docs"), docs)
    for page in docs.rglob("*.md"):
        page.write_text(page.read_text(encoding="utf-8") + ending, encoding="utf-8")
    for planned in plan.pages:
        _write(docs / planned.src, render(plan, planned) + ending)
    for file in plan.files:
        _write(docs / file.path, file.make())
    theme = dict(config.get("theme") or {})
    if "custom_dir" in theme:
        shutil.copytree(root / theme["custom_dir"], out / "overrides")
        theme["custom_dir"] = "overrides"
    extra = dict(config.get("extra") or {})
    extra["minsheng"] = {**theme_extra(plan), "footer": str(footer_html(plan))}  # the footer, the share image
    config.update(theme=theme, plugins=kept, docs_dir="docs", site_url=site_url, extra=extra)
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
