"""The data version a site is built from: the last git commit of the data file.

Computed once per build. Without git, outside a repository, or for a file never
committed, the version is unknown (shown as 未知): a build never invents one
from the clock.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

UNKNOWN = "未知"


@dataclass(frozen=True)
class Version:
    """A commit of the data file, or nothing known."""

    commit: str | None = None  # full hash
    date: str | None = None  # commit date, YYYY-MM-DD
    dirty: bool = False  # the file differs from that commit
    # The commit's time in seconds since 1970 (for SOURCE_DATE_EPOCH); the same commit
    # always has the same one, so it takes no part in comparing versions.
    timestamp: int | None = field(default=None, compare=False)

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
    line = _git(path, "log", "-1", "--format=%H%x09%cs%x09%ct")
    if not line or line.count("\t") != 2:
        return Version()
    commit, date, timestamp = line.split("\t")
    status = _git(path, "status", "--porcelain")
    return Version(commit=commit, date=date, dirty=bool(status), timestamp=int(timestamp))


def source_date_epoch(version: Version, data_dates: Iterable[str]) -> int:
    """The build's date for reproducible builds, as SOURCE_DATE_EPOCH: the data commit's
    time, or without one, midnight UTC of the latest date in the data (YYYY-MM-DD). Never
    the clock, so the same commit builds the same bytes on any day."""
    if version.timestamp is not None:
        return version.timestamp
    latest = max(data_dates)
    return int(dt.datetime.fromisoformat(latest).replace(tzinfo=dt.UTC).timestamp())
