"""Running ``python -m generator draft`` in the tests, and reading what it wrote."""
from __future__ import annotations

import contextlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT
from draftcompare import Score, compare

from generator.cli import main

SOURCE_2020 = ROOT / "data" / "source" / "taizheng-2020-10.txt"
HAND_2020 = ROOT / "data" / "projects.yaml"
# What the issue asks of a draft of the 2020 notice, against the hand-made data.
FLOORS = {"names": 1.0, "targets": 0.98, "items": 0.98, "figures": 0.98, "directions": 0.95}


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(*args: str) -> Run:
    """``python -m generator …`` in this process, its exit status and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


def draft(notice: Path, output: Path) -> dict[str, Any]:
    """Draft ``notice`` into ``output``; the data as plain YAML."""
    done = run("draft", str(notice), "--output", str(output))
    assert done.code == 0, done.err
    assert done.out.splitlines()[-1] == str(output)
    loaded: dict[str, Any] = yaml.safe_load(output.read_text(encoding="utf-8"))
    return loaded


def measure(notice: Path, output: Path, label: str) -> Score:
    """Draft the 2020 notice from ``notice`` and print every difference from the hand-made data."""
    score = compare(yaml.safe_load(HAND_2020.read_text(encoding="utf-8")), draft(notice, output))
    print(score.report(label))
    return score


def assert_floors(score: Score) -> None:
    low = {m: f"{score.share(m):.1%}" for m, floor in FLOORS.items() if score.share(m) < floor}
    assert not low, f"below the floor: {low}\n" + "\n".join(score.differences)


def without_draft_line(path: Path) -> Path:
    """The draft as a person leaves it after review: the ``draft: true`` line removed.
    Written beside it as ``<name>-checked.yaml``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert sum(line.startswith("draft: true") for line in lines) == 1
    checked = path.with_name(path.stem + "-checked.yaml")
    checked.write_text("".join(line for line in lines if not line.startswith("draft: true")), encoding="utf-8")
    return checked


def a_site(folder: Path) -> Path:
    """A copy of the real site in ``folder`` for a draft to join: mkdocs.yml as it is, the
    2020 data file and its address lock in data/ (never the repository's own data/)."""
    (folder / "data").mkdir()
    for name in ("projects.yaml", "urls.lock"):
        shutil.copy(ROOT / "data" / name, folder / "data" / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder / "mkdocs.yml"
