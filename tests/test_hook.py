"""The pre-commit hook works from a fresh clone, without an activated virtual environment.

A fresh ``git clone`` of this repository (tests/checkout.py), its hook installed with
``make hooks``, and real ``git commit``s run with a PATH that holds no ``.venv/bin`` and no
VIRTUAL_ENV: the hook must find the project's own environment itself. The clone's ``.venv``
is a thin copy of this one (its packages linked), which make finds up to date. The hook checks the
data when the data changes, the data beside the lock when only ``data/urls.lock`` changes,
each data file once however many files are committed, and nothing outside ``data/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import checkout
import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # builds sites or runs servers: not in make test-fast

HOOK = "检查民生工程数据和网址锁"


def plain_env(home: Path) -> dict[str, str]:
    """This environment without any virtual environment on PATH."""
    venv_bin = str(Path(sys.executable).parent)
    path = [p for p in os.environ["PATH"].split(os.pathsep) if p and p != venv_bin]
    path = [p for p in path if ".venv" not in p]
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(
        PATH=os.pathsep.join(path),
        PRE_COMMIT_HOME=str(home),  # pre-commit's cache, kept out of the user's
        GIT_AUTHOR_NAME="测试",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="测试",
        GIT_COMMITTER_EMAIL="test@example.org",
    )
    env.pop("MAKEFLAGS", None)
    return env


def link_venv(dest: Path) -> None:
    """A virtual environment whose files are this one's, linked, and its install stamp.

    Were make to rebuild it, only the links would go: this environment stays intact.
    """
    source = ROOT / ".venv"
    dest.mkdir()
    shutil.copy2(source / "pyvenv.cfg", dest)
    for stamp in source.glob(".installed-*"):
        shutil.copy2(stamp, dest)
    (dest / "lib").symlink_to(source / "lib")
    (dest / "bin").mkdir()
    for program in (source / "bin").iterdir():
        (dest / "bin" / program.name).symlink_to(program)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh clone with the hook installed, and the environment to commit in."""
    base = tmp_path_factory.mktemp("hook")
    clone = checkout.clone(base / "clone")
    env = plain_env(base / "pre-commit-home")
    run = dict(cwd=clone, env=env, capture_output=True, text=True, check=True)
    subprocess.run(["git", "add", "-A"], **run)
    subprocess.run(["git", "commit", "-q", "--no-verify", "--allow-empty", "-m", "工作区"], **run)
    (clone / ".venv").symlink_to(ROOT / ".venv")
    assert subprocess.run(
        ["python3", "-c", "import mkdocs"], env=env, capture_output=True
    ).returncode
    subprocess.run(["make", "--no-print-directory", "hooks"], **run)
    return clone, env


def commit(repo: tuple[Path, dict[str, str]], *files: str) -> subprocess.CompletedProcess[str]:
    clone, env = repo
    subprocess.run(["git", "add", *files], cwd=clone, env=env, check=True)
    return subprocess.run(
        ["git", "commit", "-m", "测试提交"], cwd=clone, env=env, capture_output=True, text=True
    )


def reset(repo: tuple[Path, dict[str, str]]) -> None:
    clone, env = repo
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=clone, env=env, check=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_bad_data_is_refused_with_the_chinese_message_not_a_traceback(repo) -> None:
    clone, _ = repo
    edit(clone / "data" / "projects.yaml", "  year: 2020\n", "  year: 二〇二〇\n")
    done = commit(repo, "data/projects.yaml")
    reset(repo)
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert f"{HOOK}" in out and "Failed" in out
    assert "document.year: 通知 的 实施年度：应为整数" in out, out
    assert "错误：data/projects.yaml 有 1 处数据错误。" in out
    assert "Traceback" not in out and "ModuleNotFoundError" not in out


def test_a_commit_of_only_the_address_lock_checks_the_data_beside_it(repo) -> None:
    clone, _ = repo
    edit(clone / "data" / "urls.lock", "\n2020/glossary/\n", "\n")
    done = commit(repo, "data/urls.lock")
    reset(repo)
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert (
        "错误：data/urls.lock 与数据不一致（应新增 1 个、删除 0 个地址），"
        "请运行 make check（会自动登记新地址）并提交"
    ) in out


def test_many_files_at_once_check_each_data_file_once(repo) -> None:
    clone, _ = repo
    data, lock = clone / "data" / "projects.yaml", clone / "data" / "urls.lock"
    edit(data, "  year: 2020\n", "  year: 2020   # 钩子测试\n")
    edit(lock, "\n2020/glossary/\n", "\n")
    done = commit(repo, "data/projects.yaml", "data/urls.lock")
    reset(repo)
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert out.count("数据检查通过：data/projects.yaml") == 1, out
    assert out.count("错误：data/urls.lock 与数据不一致") == 1, out


def test_good_data_is_committed_and_other_files_skip_the_check(repo) -> None:
    clone, env = repo
    edit(clone / "data" / "projects.yaml", "  year: 2020\n", "  year: 2020   # 钩子测试\n")
    done = commit(repo, "data/projects.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{HOOK}" in done.stderr and "Passed" in done.stderr
    (clone / "docs" / "about.md").write_text("钩子测试。\n", encoding="utf-8")
    done = commit(repo, "docs/about.md")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{HOOK}" in done.stderr and "(no files to check)Skipped" in done.stderr
    log = subprocess.run(
        ["git", "log", "--format=%s", "-3"], cwd=clone, env=env, capture_output=True, text=True
    )
    assert log.stdout.splitlines() == ["测试提交", "测试提交", "工作区"]
