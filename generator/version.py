"""The data version a site is built from: the last git commit of the data file.

Computed once per build. Without git, outside a repository, or for a file never
committed, the version is unknown (shown as 未知): a build never invents one
from the clock.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

UNKNOWN = "未知"


@dataclass(frozen=True)
class Version:
    """A commit of the data file, or nothing known."""

    commit: str | None = None  # full hash
    date: str | None = None  # commit date, YYYY-MM-DD
    dirty: bool = False  # the file differs from that commit

    @property
    def short(self) -> str:
        return self.commit[:7] if self.commit else UNKNOWN

    @property
    def label(self) -> str:
        """How the version is written on a page, e.g. ``1a2b3c4`` or ``未知``."""
        if not self.commit:
            return UNKNOWN
        return self.short + ("（含未提交的修改）" if self.dirty else "")


def _git(path: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args, "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def of(path: str | Path) -> Version:
    """The last commit that changed ``path``, and whether the file has changed since."""
    path = Path(path).resolve()
    line = _git(path, "log", "-1", "--format=%H%x09%cs")
    if not line or "\t" not in line:
        return Version()
    commit, date = line.split("\t", 1)
    status = _git(path, "status", "--porcelain")
    return Version(commit=commit, date=date, dirty=bool(status))
