"""What the draft needs from the site it joins: the notices already on it, and its list of them.

MERGE NOTE (branch ``notices``, issue 18, owns the site's list of notices): the two functions
below are the only places that touch it. ``notices()`` reads today's single ``source:``;
``register()`` is where the lead adds the drafted file to the list at merge.
"""
from __future__ import annotations

from pathlib import Path

import yaml

CONFIG = Path("mkdocs.yml")


def notices(config: Path = CONFIG) -> list[Path]:
    """The data files of the notices on the site, oldest first."""
    if not config.is_file():
        return []
    text = config.read_text(encoding="utf-8")
    loaded = yaml.load(text, Loader=_Lenient)
    for plugin in (loaded or {}).get("plugins", []) or []:
        if isinstance(plugin, dict) and "minsheng" in plugin:
            options = plugin["minsheng"] or {}
            listed = options.get("notices") or [options.get("source", "data/projects.yaml")]
            return [config.parent / p for p in listed]
    return []


def previous_projects(year: int, config: Path = CONFIG) -> dict[str, str]:
    """Project names -> ids of the latest notice before ``year`` on the site (for ``continues``),
    with its year under ``__year__``; empty when there is none or it does not load."""
    from ..data import load
    from ..errors import DataErrors

    best: dict[str, str] = {}
    for path in notices(config):
        try:
            notice = load(path)
        except DataErrors:
            continue
        if notice.document.year < year and int(best.get("__year__", 0)) < notice.document.year:
            best = {p.name: p.id for p in notice.projects} | {"__year__": str(notice.document.year)}
    return best


def register(path: Path, config: Path = CONFIG) -> None:
    """Add the drafted data file to the site's list of notices.

    MERGE: the list (``notices:`` in mkdocs.yml) comes with branch ``notices``; until then a
    site has one notice and the draft is only written. The lead fills this in at merge.
    """
    del path, config


class _Lenient(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name; they are read as plain text here."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
