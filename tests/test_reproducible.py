"""Reproducible builds: the same commit builds the same bytes, in any folder, on any day.

Two copies of the working tree (with its .git, so both see the same data commit) are
made in different folders and built at the same time:

* build A: the machine's clock, TZ=UTC, PYTHONHASHSEED=1, the usual temp folder;
* build B: the clock moved 400 days ahead with faketime (libfaketime, ``make chromium``
  installs it), TZ=Asia/Shanghai, PYTHONHASHSEED=2, an empty temp folder, another
  output folder name.

Neither gets SOURCE_DATE_EPOCH from outside: the plugin must derive every date from
the data or its commit. Before comparing, the test proves the fake clock really
reaches mkdocs (its build date moves under faketime), so identical outputs mean that
no date came from the clock. Every file is compared byte for byte; the test fails
naming each missing, extra or differing file.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import checkout
import pytest
from conftest import ANSI, MKDOCS, ROOT

from generator import version

SHIFT = "+400d"  # faketime's offset: a build more than a year later
SITE_URL = "https://example.org/minsheng/"


def faketime() -> str:
    found = shutil.which("faketime")
    if not found:
        pytest.fail("找不到 faketime：可复现构建测试不能跳过，请先运行 make chromium")
    return found


def copy_checkout(dest: Path) -> Path:
    """The working tree as it is (tracked and untracked, not ignored files) with its history."""
    checkout.clone(dest)
    # Installed, not copied (like .venv): Pagefind, which writes the search index.
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dest



def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1", **extra)
    return env


def start_build(checkout: Path, dest: Path, env: dict[str, str], prefix: list[str]):
    # PYTHONPATH: the generator package of this checkout, not the installed one.
    env = dict(env, PYTHONPATH=str(checkout))
    cmd = [*prefix, str(MKDOCS), "build", "--strict", "-f", "mkdocs.yml", "-d", str(dest)]
    return subprocess.Popen(
        cmd, cwd=checkout, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def finish(proc: subprocess.Popen, name: str) -> None:
    out, _ = proc.communicate(timeout=300)
    log = ANSI.sub("", out)
    assert proc.returncode == 0, f"构建 {name} 失败：\n{log}"
    warnings = [line for line in log.splitlines() if re.search(r"\bWARNING\b", line)]
    assert not warnings, f"构建 {name} 有警告：\n" + "\n".join(warnings)


def files_of(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return f"第 {at} 字节起：{a[max(0, at - 40) : at + 40]!r} ≠ {b[max(0, at - 40) : at + 40]!r}"


@pytest.mark.slow
def test_two_builds_on_different_days_in_different_folders_are_identical(
    tmp_path: Path,
) -> None:
    fake = faketime()
    one = copy_checkout(tmp_path / "one" / "repo")
    two = copy_checkout(tmp_path / "elsewhere" / "deeper" / "minsheng-copy")
    later_tmp = tmp_path / "tmp-b"
    later_tmp.mkdir()
    env_a = clean_env(TZ="UTC", PYTHONHASHSEED="1")
    env_b = clean_env(TZ="Asia/Shanghai", PYTHONHASHSEED="2", TMPDIR=str(later_tmp))
    shifted = [fake, "-f", SHIFT]

    # The fake clock must reach mkdocs, or identical outputs would prove nothing.
    probe = [sys.executable, "-c", "import mkdocs.utils as u; print(u.get_build_date())"]
    today = subprocess.run(probe, env=env_a, capture_output=True, text=True, check=True)
    later = subprocess.run(
        [*shifted, *probe], env=env_b, capture_output=True, text=True, check=True
    )
    assert today.stdout.strip() != later.stdout.strip(), "faketime 没有改变 mkdocs 看到的日期"

    site_a, site_b = tmp_path / "site-a", tmp_path / "elsewhere" / "out"
    proc_a = start_build(one, site_a, env_a, [])
    proc_b = start_build(two, site_b, env_b, shifted)
    finish(proc_a, "A")
    finish(proc_b, f"B（faketime {SHIFT}）")

    files_a, files_b = files_of(site_a), files_of(site_b)
    missing = sorted(files_a.keys() - files_b.keys())
    extra = sorted(files_b.keys() - files_a.keys())
    differing = []
    for name in sorted(files_a.keys() & files_b.keys()):
        a, b = files_a[name].read_bytes(), files_b[name].read_bytes()
        if a != b:
            differing.append(f"{name}：{first_difference(a, b)}")
    problems = (
        [f"只在 A 中：{n}" for n in missing]
        + [f"只在 B 中：{n}" for n in extra]
        + [f"内容不同：{d}" for d in differing]
    )
    assert not problems, (
        f"两次构建不一致（{len(problems)} 个文件，共 {len(files_a)} 个）：\n" + "\n".join(problems)
    )
    assert len(files_a) > 100

    # And the one date mkdocs writes is the data commit's (or the data's own date).
    data = one / "data" / "projects.yaml"
    data_version = version.of(data)
    assert data_version.timestamp is not None, "复制的仓库中找不到数据文件的提交"
    day = dt.datetime.fromtimestamp(data_version.timestamp, dt.UTC).date().isoformat()
    lastmods = set(re.findall(r"<lastmod>(.*?)</lastmod>", (site_a / "sitemap.xml").read_text()))
    assert lastmods == {day}, f"sitemap.xml 的 lastmod 应为数据提交日 {day}：{lastmods}"
    with gzip.open(site_a / "sitemap.xml.gz") as gz:
        assert gz.read() == (site_a / "sitemap.xml").read_bytes()
    mtime = int.from_bytes((site_a / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert dt.datetime.fromtimestamp(mtime, dt.UTC).date().isoformat() == day


def test_source_date_epoch_comes_from_the_commit_or_the_data() -> None:
    committed = version.Version(commit="0" * 40, date="2099-03-15", timestamp=4077361800)
    assert version.source_date_epoch(committed, ["2020-06-01"]) == 4077361800
    # Without a commit: midnight UTC of the latest date in the data, never the clock.
    unknown = version.Version()
    epoch = version.source_date_epoch(unknown, ["2020-06-01", "2020-09-30", "2020-07-31"])
    assert dt.datetime.fromtimestamp(epoch, dt.UTC) == dt.datetime(2020, 9, 30, tzinfo=dt.UTC)


def test_version_carries_the_commit_time(tmp_path: Path) -> None:
    def git(*args: str, **env: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, env={**os.environ, **env}, check=True)

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    data = tmp_path / "projects.yaml"
    data.write_text("a: 1\n", encoding="utf-8")
    git("add", ".")
    stamp = "2099-03-15T23:30:00+08:00"
    git("commit", "-q", "-m", "数据", GIT_COMMITTER_DATE=stamp, GIT_AUTHOR_DATE=stamp)
    assert version.of(data).timestamp == int(dt.datetime.fromisoformat(stamp).timestamp())
