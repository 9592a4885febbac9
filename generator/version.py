"""The data version a site is built from: the last git commit of the data file.

Computed once per build. Where that commit cannot be known for sure the version
is unknown (shown as 未知) and carries a warning saying why and what to do: no
git, a folder outside a repository, a file never committed, a repository git
refuses to read (another user's folder), or a shallow clone whose history may
end before the file's last change. A build never shows another commit's hash or
date, and never invents one from the clock.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

UNKNOWN = "未知"
_SHOWN = f"数据版本和日期无法确定，网页上显示为“{UNKNOWN}”"


@dataclass(frozen=True)
class Version:
    """A commit of the data file, or nothing known."""

    commit: str | None = None  # full hash
    date: str | None = None  # commit date, YYYY-MM-DD
    dirty: bool = False  # the file differs from that commit
    # The commit's time in seconds since 1970 (for SOURCE_DATE_EPOCH); the same commit
    # always has the same one, so it takes no part in comparing versions.
    timestamp: int | None = field(default=None, compare=False)
    # Why the version is unknown, in Chinese, for the build log (one line).
    warning: str | None = field(default=None, compare=False)

    @property
    def short(self) -> str:
        return self.commit[:7] if self.commit else UNKNOWN

    @property
    def label(self) -> str:
        """How the version is written on a page, e.g. ``1a2b3c4`` or ``未知``."""
        if not self.commit:
            return UNKNOWN
        return self.short + ("（含未提交的修改）" if self.dirty else "")


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """Run git in ``folder``; None if git cannot run at all."""
    # English messages (they are matched below); no optional locks, as a build may run
    # beside the editor's own git.
    env = dict(os.environ, LC_ALL="C", LANGUAGE="C", GIT_OPTIONAL_LOCKS="0")
    try:
        return subprocess.run(
            ["git", *args],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None


def _shown(path: Path) -> str:
    """The file as the user knows it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _refused(stderr: str, name: str) -> str:
    """The warning for a git command that failed before reading any history."""
    if unsafe := re.search(r"dubious ownership in repository at '([^']*)'", stderr):
        folder = unsafe.group(1)
        return (
            f"git 拒绝读取 {folder} 中的仓库（目录属主不是当前用户），{_SHOWN}；"
            f"请以仓库属主的身份生成网站，或运行 git config --global --add safe.directory {folder}"
        )
    if "not a git repository" in stderr:
        return f"{name} 不在 git 仓库中（例如解压的副本），{_SHOWN}；请在 git clone 得到的仓库中生成网站"
    first = stderr.strip().splitlines()[0] if stderr.strip() else "没有说明"
    return f"git 读取 {name} 的提交记录失败（{first}），{_SHOWN}；请检查仓库后重新生成网站"


def _boundary(folder: Path) -> set[str]:
    """The commits where a shallow clone's history is cut off."""
    where = _git(folder, "rev-parse", "--git-path", "shallow")
    if where is None or where.returncode != 0:
        return set()
    shallow = folder / where.stdout.strip()
    return set(shallow.read_text().split()) if shallow.is_file() else set()


def of(path: str | Path) -> Version:
    """The last commit that changed ``path``, and whether the file has changed since."""
    return of_all([path])[0]


def of_all(paths: Sequence[str | Path]) -> list[Version]:
    """``of`` each of ``paths``, asking git about each folder once (a site's notices share
    one: at 7 notices, 15 git processes instead of 21 after each save of make serve)."""
    resolved = [Path(path).resolve() for path in paths]
    probes = {folder: _git(folder, "rev-parse", "--is-shallow-repository") for folder in {p.parent for p in resolved}}
    return [_of(path, probes[path.parent]) for path in resolved]


def _of(path: Path, probe: subprocess.CompletedProcess[str] | None) -> Version:
    folder, name = path.parent, _shown(path)
    if probe is None:
        return Version(warning=f"找不到 git 命令，{_SHOWN}；请安装 git 后重新生成网站")
    if probe.returncode != 0:
        return Version(warning=_refused(probe.stderr, name))
    log = _git(folder, "log", "-1", "--format=%H%x09%cs%x09%ct", "--", path.name)
    never = Version(warning=f"{name} 还没有提交过，{_SHOWN}；请先提交数据文件再生成网站")
    if log is None or log.returncode != 0:
        stderr = log.stderr if log else ""
        return (
            never
            if "does not have any commits yet" in stderr
            else Version(warning=_refused(stderr, name))
        )
    line = log.stdout.strip()
    if line.count("\t") != 2:
        return never
    commit, date, timestamp = line.split("\t")
    # In a shallow clone the oldest commits present look as if they added every file:
    # if the file's "last commit" is one of them, its real last change may be older.
    if probe.stdout.strip() == "true" and commit in _boundary(folder):
        return Version(
            warning=(
                f"仓库是浅克隆（git clone --depth），{name} 的最后一次修改可能早于克隆到的历史，"
                f"{_SHOWN}；请先运行 git fetch --unshallow（CI 中设 fetch-depth: 0）再生成网站"
            )
        )
    status = _git(folder, "status", "--porcelain", "--", path.name)
    dirty = bool(status and status.returncode == 0 and status.stdout.strip())
    return Version(commit=commit, date=date, dirty=dirty, timestamp=int(timestamp))


def source_date_epoch(version: Version, data_dates: Iterable[str]) -> int:
    """The build's date for reproducible builds, as SOURCE_DATE_EPOCH: the data commit's
    time, or without one, midnight UTC of the latest date in the data (YYYY-MM-DD). Never
    the clock, so the same commit builds the same bytes on any day."""
    if version.timestamp is not None:
        return version.timestamp
    latest = max(data_dates)
    return int(dt.datetime.fromisoformat(latest).replace(tzinfo=dt.UTC).timestamp())
