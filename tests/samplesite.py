"""A copy of the invented sample site in a temporary folder, optionally edited.

The tests of permanent addresses rename ids in a copy of the sample data and
build it for real, with its own address lock beside the data file.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from conftest import ROOT, SAMPLE_DIR, run_mkdocs

# The renaming used throughout: a project, one of its sub-items and one of its
# figures get new ids, each keeping its old one in ``aliases``.
RENAME = [
    ("  - id: ceshi-jiuzhu\n", "  - id: ceshi-shehui-jiuzhu\n    aliases: [ceshi-jiuzhu]\n"),
    ("      - id: ce-dibao\n", "      - id: ce-zuidi\n        aliases: [ce-dibao]\n"),
    ("          - id: dibao-renshu\n", "          - id: dibao-duixiang\n            aliases: [dibao-renshu]\n"),
    ("indicator: dibao-renshu\n", "indicator: dibao-duixiang\n"),
    ("[ceshi-yinshui, ceshi-jiuzhu#ce-dibao]", "[ceshi-yinshui, ceshi-shehui-jiuzhu#ce-zuidi]"),
    ("      - member: ceshi-jiuzhu#ce-dibao\n", "      - member: ceshi-shehui-jiuzhu#ce-zuidi\n"),
]
# The same renaming, forgetting the aliases.
RENAME_WITHOUT_ALIASES = [
    (old, re.sub(r"\n *aliases: \[[a-z-]+\]", "", new)) for old, new in RENAME
]


def copy(dest: Path, replace: Sequence[tuple[str, str]] = ()) -> Path:
    """The sample site's files in ``dest``, data edited; returns its mkdocs.yml."""
    shutil.copytree(SAMPLE_DIR, dest)
    edit(dest / "projects.yaml", replace)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("custom_dir: ../../../overrides", f"custom_dir: {ROOT / 'overrides'}")
    config.write_text(text, encoding="utf-8")
    return config


def edit(path: Path, replace: Sequence[tuple[str, str]]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replace:
        assert old in text, f"{old!r} is not in {path.name}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


build = run_mkdocs  # kept under this name for the address tests
