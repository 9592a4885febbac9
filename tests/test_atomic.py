"""Atomic publishing: ``make site`` replaces ``site/`` only when the build succeeds.

The real ``make site`` target runs in a copy of the project's site sources in a
temporary folder. The copy reuses this virtual environment and node_modules: ``BIN``
points at the one, a link at the other, and ``STAMP`` at a fresh file, so make neither
rebuilds nor reinstalls anything;
the recipe itself is the Makefile's own. A good build is recorded file by file;
then a build fails on bad data (before anything is written) and another fails
late, on the address lock (after the new site was written in full): each time
``make`` fails with the Chinese error, ``site/`` is byte for byte as it was and
nothing is left behind. A last good build replaces ``site/``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

SOURCES = [
    "Makefile",
    "mkdocs.yml",
    "docs",
    "data",
    "overrides",
    "requirements.txt",
    "requirements-dev.txt",
    "pyproject.toml",
    "package.json",
    "package-lock.json",
]
LEFTOVERS = [".site-new", ".site-old"]


def snapshot(site: Path) -> dict[str, str]:
    """Every file under ``site`` (and every folder), with the SHA-256 of its bytes."""
    found = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        found[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return found


def make_site(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "site",
            f"BIN={Path(sys.executable).parent}",
            f"STAMP={repo / '.stamp'}",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


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


def assert_untouched(repo: Path, before: dict[str, str]) -> None:
    after = snapshot(repo / "site")
    assert after.keys() == before.keys(), (
        f"files added: {sorted(after.keys() - before.keys())[:5]}, "
        f"removed: {sorted(before.keys() - after.keys())[:5]}"
    )
    changed = [name for name in before if before[name] != after[name]]
    assert not changed, f"changed: {changed[:5]}"
    assert not [p for p in LEFTOVERS if (repo / p).exists()], "a temporary folder was left"


def test_a_failed_build_leaves_the_published_site_as_it_was(repo: Path) -> None:
    data = repo / "data" / "projects.yaml"
    lock = repo / "data" / "urls.lock"
    assert lock.is_file(), "the address lock is what fails the late build"

    # 1. A good build publishes site/ and leaves nothing else.
    done = make_site(repo)
    assert done.returncode == 0, done.stderr
    assert "网站已生成：site/" in done.stdout
    before = snapshot(repo / "site")
    assert "index.html" in before and len(before) > 100
    assert not [p for p in LEFTOVERS if (repo / p).exists()]

    # 2. Bad data: the build stops before writing anything.
    good = data.read_text(encoding="utf-8")
    edit(data, "  year: 2020\n", "  year: 二〇二〇\n")
    done = make_site(repo)
    assert done.returncode != 0
    assert "document.year: 应为整数" in done.stderr, done.stderr
    assert "错误：data/projects.yaml 有 1 处数据错误，未生成网站。" in done.stderr, done.stderr
    assert "网站已生成" not in done.stdout
    assert_untouched(repo, before)

    # 3. A late failure: the whole new site is written, then the address lock refuses
    #    it (a project renamed without keeping its old id).
    data.write_text(good, encoding="utf-8")
    edit(data, '  - id: "sidai-yizi"\n    seq: 1\n', '  - id: "sidai-yizi-new"\n    seq: 1\n')
    done = make_site(repo)
    assert done.returncode != 0
    assert "网址锁 data/urls.lock 中有" in done.stderr and "projects/sidai-yizi/" in done.stderr, (
        done.stderr
    )
    assert "网站已生成" not in done.stdout
    assert_untouched(repo, before)

    # 4. Good again, with a changed page: site/ is replaced, and nothing is left.
    data.write_text(good, encoding="utf-8")
    about = repo / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n本行为原子发布测试所加。\n", "utf-8")
    done = make_site(repo)
    assert done.returncode == 0, done.stderr
    after = snapshot(repo / "site")
    # The search index names its chunks by their content: a changed page renames some.
    indexed = {name for name in before.keys() | after.keys() if name.startswith("pagefind/")}
    assert after.keys() - indexed == before.keys() - indexed
    assert "pagefind/pagefind.js" in after
    assert after["about/index.html"] != before["about/index.html"]
    assert "本行为原子发布测试所加" in (repo / "site" / "about" / "index.html").read_text("utf-8")
    assert not [p for p in LEFTOVERS if (repo / p).exists()]
