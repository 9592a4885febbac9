"""What a rebuild of ``make serve`` may leave as the build before wrote it.

``make serve`` runs ``mkdocs serve --dirty``: MkDocs then skips every file whose
``is_modified()`` is false and leaves its output in the site folder. For the files of the
docs folder and the theme it decides by modification time; every generated page and file
it would build again, and its own dirty mode may show a stale menu (it warns so). This
module makes that exact for our site: a generated page or file is kept only when its text
is the same as in the last complete build, and then only if nothing that every page shows
changed either (the menu and the pages' titles, the footer, the theme's templates,
mkdocs.yml, the set of files). Otherwise the rebuild starts from an empty site folder, as a
build without ``--dirty`` does. tests/test_rebuild.py compares a rebuilt site with one
built from scratch, file by file.

Only a rebuild is spared: ``make site`` and ``make check`` build everything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

from . import minify
from .site import render
from .site.plan import Site

DIRTY_NOTICE = "A 'dirty' build is being performed"
BY_HAND = "\0 the data version on the hand-written pages"  # not a file's name


class Generated(File):
    """A generated page or file; ``kept`` when the last build wrote the same output."""

    kept = False

    def is_modified(self) -> bool:
        return not self.kept and super().is_modified()


def digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def signature(*parts: Any) -> str:
    """A digest of what every page shows (JSON values; anything else by its ``str``)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return digest(text)


def stat_of(paths: Iterable[Path]) -> list[tuple[str, int, int]]:
    """Each file's path, size and modification time: a change to a hand-written page or a
    template of the theme makes a new signature without reading the file."""
    found = []
    for path in sorted(paths):
        if path.is_file():
            info = path.stat()
            found.append((path.as_posix(), info.st_size, info.st_mtime_ns))
    return found


@dataclass(frozen=True)
class Outcome:
    """What a build makes: the signature of what every page shows, each generated output's
    digest, and the site files it writes and must finish (None: every one)."""

    signature: str
    digests: Mapping[str, str]
    written: list[Path] | None


class Memory:
    """The outputs of the last complete build of one ``mkdocs serve``."""

    def __init__(self) -> None:
        self._signature: str | None = None
        self._outputs: Mapping[str, str] = {}
        self._digests: dict[str, tuple[str | bytes, str]] = {}

    def digest(self, src: str, content: str | bytes) -> str:
        """``digest(content)``; kept with the content, which a page or file not made
        again (``Renders``, ``Outputs``) gives as the very same object."""
        last = self._digests.get(src)
        if last is None or last[0] is not content:
            last = self._digests[src] = (content, digest(content))
        return last[1]

    def forget(self) -> None:
        """Nothing is known to be in the site folder (the next build starts from empty)."""
        self._signature = None

    def kept(self, sig: str, outputs: Mapping[str, str]) -> set[str] | None:
        """The generated files (by source path) whose output is already in the site folder,
        given this build's signature and each output's digest; None when the build must
        start from an empty site folder. From here on the build changes the folder: until
        it completes, nothing is known to be in place. (A build that fails before, on bad
        data, leaves the folder as it was, and the next can still keep what it holds.)"""
        known, self._signature = self._signature, None
        if sig != known or outputs.keys() != self._outputs.keys():
            return None
        return {src for src, value in outputs.items() if self._outputs[src] == value}

    def completed(self, outcome: Outcome) -> None:
        self._signature, self._outputs = outcome.signature, outcome.digests


def sort_out(
    memory: Memory,
    site: Site,
    files: Files,
    generated: list[File],
    outputs: Mapping[str, str | bytes],
    config: MkDocsConfig,
) -> Outcome:
    """Mark the ``generated`` files whose output the last build left in the site folder,
    or, when none can stay, empty the folder (before MkDocs writes anything)."""
    site_dir = Path(config.site_dir)
    # A page's HTML is made of its Markdown, the data version appended to it, and what
    # every page shows: the menu and the pages' titles, the footer, the theme, mkdocs.yml.
    versions = {id(plan): digest(render.version_html(plan)) for plan in site.plans}
    digests = {
        src: memory.digest(src, content) + (versions[id(site.owner[src])] if src in site.owner else "")
        for src, content in outputs.items()
    }
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    by_hand = [Path(f.abs_src_path) for f in files if f.abs_src_path and not f.generated_by]
    # The hand-written pages end with the latest notice's data version, which changes at
    # the first save after a commit: then they are built again, not the whole site.
    digests[BY_HAND] = digest(render.version_html(site.latest))
    sig = signature(
        Path(config.config_file_path).read_bytes().decode("utf-8", "replace"),
        config.nav, config.extra, config.site_url, os.environ.get("SOURCE_DATE_EPOCH"),
        [(page.src, page.meta.get("title")) for page in site.pages],
        stat_of(by_hand + (sorted(custom.rglob("*")) if custom else [])),
    )  # fmt: skip
    kept = memory.kept(sig, digests)
    if kept is None:
        clean_directory(str(site_dir))
        return Outcome(sig, digests, None)
    for file in generated:
        if isinstance(file, Generated):
            file.kept = file.src_uri in kept
    if BY_HAND not in kept:  # MkDocs builds a page again when its output is missing
        for file in files.documentation_pages():
            if not file.generated_by:
                Path(file.abs_dest_path).unlink(missing_ok=True)
    # Our scripts and styles are minified, and the offline worker stamped, in the site
    # folder: copied afresh each build, so that the finish step starts from the originals.
    for name in minify.ours(custom) if custom else []:
        (site_dir / name).unlink(missing_ok=True)
    # The pages MkDocs builds are added as it writes them (the plugin's on_post_page).
    written = [Path(f.abs_dest_path) for f in generated if f.src_uri not in kept and not f.is_documentation_page()]
    written += [site_dir / name for name in config.theme.static_templates if name.endswith(".html")]
    return Outcome(sig, digests, written)


def templates_state() -> str:
    """A digest of the page templates' files (``make serve`` rebuilds when one is saved)."""
    folder = Path(render.__file__).parent.parent / "templates"
    return signature(stat_of(folder.rglob("*")))


class DirtyNotice(logging.Filter):
    """Drops MkDocs' warning that a dirty build may show a stale menu: this module keeps a
    page only when its menu is unchanged. Under ``--strict`` that warning fails the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_NOTICE)


def quiet_dirty_notice() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, DirtyNotice) for f in logger.filters):
        logger.addFilter(DirtyNotice())
