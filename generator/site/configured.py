"""The site that a mkdocs.yml describes, read without running MkDocs: for ``render DIR``,
the commands that check data and write the address lock, and ``make site``'s redirects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from .. import cache, version
from ..config import PLUGIN, options
from ..data.notices import load_all
from .plan import Site
from .planner import site

CONFIG = "mkdocs.yml"


def read(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (``!ENV`` tags included)."""
    with open(config_file, encoding="utf-8") as f:
        return dict(yaml_load(f) or {})


def plugins(config: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    """The configured plugins without ours, and our plugin's options.

    mkdocs.yml lists plugins as names, or ``{name: options}`` entries, or one mapping.
    """
    listed = config.get("plugins")
    if isinstance(listed, dict):
        entries = list(listed.items())
    else:
        entries = [(e, None) if isinstance(e, str) else next(iter(e.items())) for e in listed or []]
    kept = [name if options is None else {name: options} for name, options in entries if name != PLUGIN]
    ours = next((options or {} for name, options in entries if name == PLUGIN), {})
    return kept, ours


def of_files(
    root: Path, files: list[str], root_year: int | None, site_url: str = "", dated: bool = True, drafts: bool = True
) -> Site:
    """The site of the notices ``files`` (relative to ``root``); ``dated``: with their
    data versions (a git look-up each); ``drafts=False``: without the notices marked
    ``draft: true`` (every file is still checked; a site of drafts only keeps them).
    Raises DataErrors on bad data."""
    notices = load_all(root, files)
    kept = [(f, n) for f, n in zip(files, notices, strict=True) if drafts or not n.draft]
    kept = kept or list(zip(files, notices, strict=True))
    versions = [version.of(root / f) for f, _ in kept] if dated else []
    year = root_year or kept[0][1].document.year
    return site([n for _, n in kept], site_url, versions, cache.folder(root), year)


def load_site(config_file: Path, dated: bool = True) -> tuple[Site, dict[str, Any]]:
    """The site of ``config_file`` and the config as read."""
    config = read(config_file)
    files, root_year = options(plugins(config)[1])
    root = config_file.resolve().parent
    return of_files(root, files, root_year, str(config.get("site_url") or ""), dated), config


def for_data(data_file: str | Path, config_file: Path = Path(CONFIG)) -> tuple[Site, list[Path]]:
    """The site a data file belongs to, as the address lock sees it: the one
    ``config_file`` describes if it lists the file, else a site of that file alone;
    without data versions, and without its drafts (``draft: true``), which ``make site``
    refuses to publish: a draft's addresses are locked once it is no longer a draft, so
    that its ids can still change while it is reviewed. Returns the site and its notices'
    data files (the first has the lock beside it)."""
    data = Path(data_file).resolve()
    if config_file.is_file():
        files, root_year = options(plugins(read(config_file))[1])
        root = config_file.resolve().parent
        if data in [(root / f).resolve() for f in files]:
            site = of_files(root, files, root_year, dated=False, drafts=False)
            return site, [config_file.parent / f for f in files]
    return of_files(data.parent, [data.name], None, dated=False, drafts=False), [Path(data_file)]
