"""Options of the ``minsheng`` plugin, as written in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class MinshengConfig(base.Config):
    source = c.Type(str, default="data/projects.yaml")
    """The data file, relative to mkdocs.yml."""
