"""Options of the ``minsheng`` plugin, as written in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

PLUGIN = "minsheng"  # its name in mkdocs.yml (the entry point in pyproject.toml)
DEFAULT_SOURCE = "data/projects.yaml"
# Set by make site (generator/publish/release.py) for a build that will be published: a
# draft notice (``draft: true``) is then refused, where mkdocs serve shows it as a draft.
PUBLISHING = "MINSHENG_PUBLISHING"


class MinshengConfig(base.Config):
    notices = c.ListOfItems(c.Type(str), default=[])
    """The notices' data files, relative to mkdocs.yml, oldest first: adding a notice is
    adding its file here."""
    source = c.Optional(c.Type(str))
    """A site of one notice, as before ``notices`` (read as a list of that one file)."""
    root_notice = c.Optional(c.Type(int))
    """The year of the notice whose pages stood at the site's root before the site held
    several notices (the first listed, if not given): its former addresses lead there."""

    def data_files(self) -> list[str]:
        """The notices' data files as listed (relative to mkdocs.yml)."""
        return list(self.notices) or [self.source or DEFAULT_SOURCE]


def options(ours: dict[str, object]) -> tuple[list[str], int | None]:
    """The data files and root notice of the plugin options ``ours`` as written in
    mkdocs.yml (for what reads mkdocs.yml without MkDocs: ``render``, the CLI)."""
    listed = ours.get("notices")
    files = [str(n) for n in listed] if isinstance(listed, list) and listed else [str(ours.get("source") or DEFAULT_SOURCE)]
    root = ours.get("root_notice")
    return files, root if isinstance(root, int) else None
