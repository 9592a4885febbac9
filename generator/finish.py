"""What a built site still needs before it is published: our scripts and styles minified,
then the search index written over the finished pages.

The plugin runs it after every build (``on_post_build``); ``python -m generator finish
SITE`` runs the same on a site that stock MkDocs built from ``python -m generator render``.
"""

from __future__ import annotations

from pathlib import Path

from . import minify, search


class FinishError(Exception):
    """A step failed: the build must stop (a site without search or styles is broken)."""


def finish(site_dir: Path, config_dir: Path, custom_dir: Path | None) -> None:
    try:
        if custom_dir is not None:
            minify.minify(site_dir, minify.ours(custom_dir), config_dir)
        search.index(site_dir, config_dir)
    except (minify.MinifyError, search.SearchError) as exc:
        raise FinishError(str(exc)) from None
