"""Atomic, serialised publishing: ``make site`` replaces ``site/`` only when the build succeeds.

The real ``make site`` target runs in a copy of the project's site sources in a
temporary folder. The copy reuses this virtual environment and node_modules: ``BIN``
points at the one, a link at the other, and ``STAMP`` at a fresh file, so make neither rebuilds nor reinstalls anything;
the recipe itself is the Makefile's own (generator/publish/release.py).

* A good build is recorded file by file; then a build fails on bad data (before
  anything is written) and another fails late, on the address lock (after the new
  site was written in full): each time ``make`` fails with the Chinese error,
  ``site/`` is byte for byte as it was and nothing is left behind.
* While a build is published, a watcher reading ``site/index.html`` in a tight loop
  never misses it: the switch is one rename of a link.
* Two ``make site`` at once: the second says it waits, then both publish, in turn.
* A build killed with SIGKILL leaves ``site/`` and the lock as they were (the next build
  neither waits nor keeps the remains); one stopped with SIGTERM cleans up and says so.
* A ``site/`` folder from before releases is replaced without a moment's gap.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # builds sites or runs servers: not in make test-fast

SOURCES = [
    "Makefile",
    "mkdocs.yml",
    "docs",
    "data",
    "overrides",
    "tools",
    "requirements-build.txt",
    "requirements.txt",
    "requirements-dev.txt",
    "pyproject.toml",
    "package.json",
    "package-lock.json",
]
RELEASES = ".site-releases"
UNCHANGED = "网站未更新：site/ 仍是原来的网站。"


def snapshot(site: Path) -> dict[str, str]:
    """Every file under ``site`` (and every folder), with the SHA-256 of its bytes."""
    found = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        found[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return found


def make_site_command(repo: Path) -> list[str]:
    return [
        "make",
        "--no-print-directory",
        # node_modules is this checkout's, linked: never reinstalled (npm ci empties it first)
        "--old-file=node_modules/.package-lock.json",
        "site",
        f"BIN={Path(sys.executable).parent}",
        f"STAMP={repo / '.stamp'}",
    ]


def make_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    return {**env, "SITE_URL": "https://minsheng.example.org/"}  # make site refuses a local one


def make_site(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        make_site_command(repo),
        cwd=repo,
        env=make_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def start_make_site(repo: Path) -> subprocess.Popen[str]:
    """``make site`` in its own process group, so that the test can stop all of it."""
    return subprocess.Popen(
        make_site_command(repo),
        cwd=repo,
        env=make_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def published(repo: Path) -> str:
    """The release ``site`` points at."""
    site = repo / "site"
    assert site.is_symlink(), "site 应是指向发布目录的链接"
    target = os.readlink(site)
    assert target.startswith(f"{RELEASES}/"), target
    return target.removeprefix(f"{RELEASES}/")


def releases(repo: Path) -> set[str]:
    return {p.name for p in (repo / RELEASES).iterdir() if p.is_dir()}


def wait_for(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"等待超时：{what}"
        time.sleep(0.01)


def building(repo: Path, known: set[str]) -> str | None:
    """A new release folder (not in ``known``) that a build has started writing."""
    fresh = [p for p in (repo / RELEASES).iterdir() if p.is_dir() and p.name not in known]
    return fresh[0].name if fresh and any(fresh[0].iterdir()) else None


def lock_held(repo: Path) -> bool:
    with open(repo / RELEASES / ".lock") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
        return False


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("atomic")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    (dest / ".stamp").touch()
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dest


def ensure_published(repo: Path) -> None:
    """A site published by an earlier test, or now (when a test runs on its own)."""
    if not (repo / "site").exists():
        assert make_site(repo).returncode == 0


def assert_untouched(repo: Path, before: dict[str, str], release: str) -> None:
    assert published(repo) == release
    after = snapshot(repo / "site")
    assert after.keys() == before.keys(), (
        f"files added: {sorted(after.keys() - before.keys())[:5]}, "
        f"removed: {sorted(before.keys() - after.keys())[:5]}"
    )
    changed = [name for name in before if before[name] != after[name]]
    assert not changed, f"changed: {changed[:5]}"


def assert_tidy(repo: Path, keep: set[str]) -> None:
    assert releases(repo) <= keep, f"left behind: {releases(repo) - keep}"
    assert not list(repo.glob(".site-link-*")), "a temporary link was left"


@pytest.mark.slow
def test_a_failed_build_leaves_the_published_site_as_it_was(repo: Path) -> None:
    data = repo / "data" / "projects.yaml"
    lock = repo / "data" / "urls.lock"
    assert lock.is_file(), "the address lock is what fails the late build"

    # 1. A good build publishes site/ (with the redirects for nginx) and leaves nothing else.
    done = make_site(repo)
    assert done.returncode == 0, done.stderr
    release = published(repo)
    assert done.stdout == f"网站已生成：site/（{RELEASES}/{release}）\n"
    before = snapshot(repo / "site")
    assert "index.html" in before and "nginx-redirects.conf" in before and len(before) > 100
    assert_tidy(repo, {release})

    # 2. Bad data: the build stops before writing anything.
    good = data.read_text(encoding="utf-8")
    edit(data, "  year: 2020\n", "  year: 二〇二〇\n")
    done = make_site(repo)
    assert done.returncode != 0
    assert "document.year: 通知 的 实施年度：应为整数" in done.stderr, done.stderr
    assert "错误：data/projects.yaml 有 1 处数据错误，未生成网站。" in done.stderr, done.stderr
    assert f"错误：网站生成失败。{UNCHANGED}\n" in done.stderr
    assert "网站已生成" not in done.stdout
    assert_untouched(repo, before, release)
    assert_tidy(repo, {release})

    # 3. A late failure: the whole new site is written, then the address lock refuses
    #    it (a project renamed without keeping its old id).
    data.write_text(good, encoding="utf-8")
    edit(data, '  - id: "sidai-yizi"\n    seq: 1\n', '  - id: "sidai-yizi-new"\n    seq: 1\n')
    edit(data, 'members: ["sidai-yizi",', 'members: ["sidai-yizi-new",')
    edit(data, '      - member: "sidai-yizi"\n', '      - member: "sidai-yizi-new"\n')
    done = make_site(repo)
    assert done.returncode != 0
    assert "网址锁 data/urls.lock 中有" in done.stderr and "projects/sidai-yizi/" in done.stderr, (
        done.stderr
    )
    assert f"错误：网站生成失败。{UNCHANGED}\n" in done.stderr
    assert "网站已生成" not in done.stdout
    assert_untouched(repo, before, release)
    assert_tidy(repo, {release})

    # 4. Good again, with a changed page: site/ is replaced; the previous release is kept.
    data.write_text(good, encoding="utf-8")
    about = repo / "docs" / "guide.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n本行为原子发布测试所加。\n", "utf-8")
    done = make_site(repo)
    assert done.returncode == 0, done.stderr
    after = snapshot(repo / "site")
    # The search index names its chunks by their content: a changed page renames some.
    indexed = {name for name in before.keys() | after.keys() if name.startswith("pagefind/")}
    assert after.keys() - indexed == before.keys() - indexed
    assert "pagefind/pagefind.js" in after
    assert after["guide/index.html"] != before["guide/index.html"]
    assert "本行为原子发布测试所加" in (repo / "site" / "guide" / "index.html").read_text("utf-8")
    assert_tidy(repo, {published(repo), release})
    assert releases(repo) == {published(repo), release}


def test_site_never_disappears_while_a_build_is_published(repo: Path) -> None:
    ensure_published(repo)
    misses, reads = [], 0
    stop = threading.Event()

    def watch() -> None:
        nonlocal reads
        while not stop.is_set():
            try:
                (repo / "site" / "index.html").read_bytes()
            except OSError as exc:
                misses.append(repr(exc))
            reads += 1

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        done = make_site(repo)
        assert done.returncode == 0, done.stderr
    finally:
        stop.set()
        watcher.join()
    assert reads > 1000, reads
    assert misses == [], f"{len(misses)} 次读不到 site/index.html：{misses[:3]}"


def test_a_second_make_site_waits_for_the_first_then_both_publish(repo: Path) -> None:
    ensure_published(repo)
    lock = repo / RELEASES / ".lock"
    last = lock.read_text()  # the pid of the last build that held it
    first = start_make_site(repo)
    wait_for(lambda: lock.read_text() not in ("", last) and lock_held(repo), "第一次构建取得发布锁")
    holder = lock.read_text().strip()
    second = start_make_site(repo)
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert err2.startswith(f"另一个 make site 正在生成网站（进程 {holder}），等它结束后再开始……\n")
    assert "网址锁" not in err1 + err2  # no false "addresses lost" from a shared folder
    one = re.fullmatch(rf"网站已生成：site/（{RELEASES}/(\S+)）\n", out1).group(1)
    two = re.fullmatch(rf"网站已生成：site/（{RELEASES}/(\S+)）\n", out2).group(1)
    assert published(repo) == two  # the second, which waited, published last
    assert releases(repo) == {one, two}


def stopped_mid_build(repo: Path, signum: int) -> tuple[subprocess.Popen[str], str, str]:
    """Start make site and send ``signum`` to all of it once the new release is being
    written; the process, the release that was published before, and the new one."""
    kept = releases(repo)
    proc = start_make_site(repo)
    wait_for(lambda: building(repo, kept), "构建开始写文件")
    partial = building(repo, kept)
    os.killpg(proc.pid, signum)
    return proc, published(repo), partial


def test_a_killed_build_leaves_the_site_and_frees_the_lock(repo: Path) -> None:
    ensure_published(repo)
    before, kept = snapshot(repo / "site"), releases(repo)
    # make, the publisher and mkdocs die at once: no clean-up runs
    proc, release, partial = stopped_mid_build(repo, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode != 0
    assert_untouched(repo, before, release)
    assert releases(repo) == kept | {partial}  # the remains, until the next publication

    done = make_site(repo)
    assert done.returncode == 0, done.stderr
    assert "另一个 make site" not in done.stderr  # the kernel released the dead build's lock
    assert releases(repo) == {published(repo), release}  # the remains are gone


def test_a_build_stopped_with_sigterm_cleans_up_and_says_the_site_is_unchanged(
    repo: Path,
) -> None:
    ensure_published(repo)
    before, kept = snapshot(repo / "site"), releases(repo)
    proc, release, _ = stopped_mid_build(repo, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert f"错误：生成被中断。{UNCHANGED}\n" in err, err
    assert_untouched(repo, before, release)
    assert releases(repo) == kept


def test_a_site_folder_from_before_releases_is_replaced_without_a_gap(
    tmp_path: Path, repo: Path
) -> None:
    from generator.publish import release as publishing

    (tmp_path / RELEASES / "new").mkdir(parents=True)
    (tmp_path / RELEASES / "new" / "index.html").write_text("新", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("旧", encoding="utf-8")
    before = publishing.flip(tmp_path, "new")
    assert before == "new-before"
    assert os.readlink(tmp_path / "site") == f"{RELEASES}/new"
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "新"
    kept = tmp_path / RELEASES / "new-before" / "index.html"
    assert kept.read_text(encoding="utf-8") == "旧"
    assert not list(tmp_path.glob(".site-link-*"))
