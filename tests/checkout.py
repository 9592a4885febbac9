"""A fresh ``git clone`` of this repository, with the working tree's files laid over it.

The clone has the repository's history (so the data version is the same commit), and the
files as they are now, tracked and untracked but not ignored, so that uncommitted work is
what gets tested. Works from a git worktree too (whose ``.git`` is a file).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import ROOT


def clone(dest: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True, capture_output=True)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        src = ROOT / name
        if src.is_file():  # a tracked file being deleted right now is simply not copied
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
        elif (dest / name).is_file():
            (dest / name).unlink()
    return dest
