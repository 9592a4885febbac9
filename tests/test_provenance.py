"""Honest provenance: the data version is the data file's own last commit, or 未知 with a warning.

Real repositories in temporary folders: real ``git clone --depth`` shallow clones, a
repository owned by another user (git refuses it as unsafe), a folder outside git and a
file never committed. Each unknown case gives one exact Chinese warning; a shallow clone
never shows HEAD's commit or date, and a real build from one says 未知 on every page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import samplesite
from conftest import run_mkdocs

from generator import version
from generator.version import Version

SHOWN = "数据版本和日期无法确定，网页上显示为“未知”"


def git(repo: Path, *args: str, date: str = "2099-03-15T10:00:00+08:00") -> str:
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    done = subprocess.run(
        ["git", "-c", "user.name=测试", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def commit(repo: Path, files: dict[str, str], date: str) -> str:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", f"提交 {date}", date=date)
    return git(repo, "rev-parse", "HEAD")


def clone(repo: Path, dest: Path, *options: str) -> Path:
    # file:// so that --depth is honoured for a local repository
    subprocess.run(
        ["git", "clone", "-q", *options, f"file://{repo}", str(dest)],
        check=True,
        capture_output=True,
    )
    return dest


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, list[str]]:
    """data/projects.yaml committed, changed, then three commits of another file."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    commits = [
        commit(repo, {"data/projects.yaml": "a: 1\n"}, "2099-03-15T10:00:00+08:00"),
        commit(repo, {"data/projects.yaml": "a: 2\n"}, "2099-04-01T10:00:00+08:00"),
        commit(repo, {"docs/about.md": "一\n"}, "2099-05-01T10:00:00+08:00"),
        commit(repo, {"docs/about.md": "二\n"}, "2099-06-01T10:00:00+08:00"),
    ]
    return repo, commits


def test_a_full_clone_gives_the_data_files_own_last_commit(history, tmp_path: Path) -> None:
    repo, commits = history
    full = clone(repo, tmp_path / "full")
    found = version.of(full / "data" / "projects.yaml")
    assert found == Version(commits[1], "2099-04-01", False)
    assert found.warning is None


def test_a_shallow_clone_shows_unknown_never_heads_commit(
    history, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, commits = history
    shallow = clone(repo, tmp_path / "shallow", "--depth", "1")
    assert git(shallow, "rev-parse", "--is-shallow-repository") == "true"
    monkeypatch.chdir(shallow)
    found = version.of(shallow / "data" / "projects.yaml")
    # git log alone names HEAD (2099-06-01), which never touched the data file
    assert git(shallow, "log", "-1", "--format=%H", "--", "data/projects.yaml") == commits[3]
    assert found == Version()
    assert found.label == "未知"
    assert found.warning == (
        f"仓库是浅克隆（git clone --depth），data/projects.yaml 的最后一次修改可能早于克隆到的历史，"
        f"{SHOWN}；请先运行 git fetch --unshallow（CI 中设 fetch-depth: 0）再生成网站"
    )


def test_a_shallow_clone_deep_enough_to_hold_the_last_change_knows_it(
    history, tmp_path: Path
) -> None:
    repo, commits = history
    # depth 3: commits 4, 3 and 2; the data's last change (2) is the boundary: unknown
    cut = clone(repo, tmp_path / "depth3", "--depth", "3")
    assert version.of(cut / "data" / "projects.yaml") == Version()
    # depth 4 holds commit 2 and its parent: commit 2 truly changed the file
    deep = clone(repo, tmp_path / "depth4", "--depth", "4")
    assert git(deep, "rev-parse", "--is-shallow-repository") == "true"
    found = version.of(deep / "data" / "projects.yaml")
    assert found == Version(commits[1], "2099-04-01", False)
    assert found.warning is None


def test_a_repository_git_refuses_as_unsafe_shows_unknown(
    history, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, _ = history
    other = clone(repo, tmp_path / "other")
    if os.geteuid() == 0:  # as here and in CI: really hand the repository to nobody
        for path in [other, *other.rglob("*")]:
            os.chown(path, 65534, 65534, follow_symlinks=False)
    else:  # a user cannot give files away: git's own switch for its test of this refusal
        monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))  # no safe.directory from the machine
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("SUDO_UID", raising=False)
    found = version.of(other / "data" / "projects.yaml")
    assert found == Version()
    assert found.warning == (
        f"git 拒绝读取 {other} 中的仓库（目录属主不是当前用户），{SHOWN}；"
        f"请以仓库属主的身份生成网站，或运行 git config --global --add safe.directory {other}"
    )


def test_outside_git_never_committed_and_without_git_each_say_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "projects.yaml"
    data.write_text("a: 1\n", encoding="utf-8")
    outside = version.of(data)
    assert outside == Version()
    assert outside.warning == (
        f"projects.yaml 不在 git 仓库中（例如解压的副本），{SHOWN}；请在 git clone 得到的仓库中生成网站"
    )
    git(tmp_path, "init", "-q")
    assert (
        version.of(data).warning
        == f"projects.yaml 还没有提交过，{SHOWN}；请先提交数据文件再生成网站"
    )
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert shutil.which("git") is None
    assert version.of(data).warning == f"找不到 git 命令，{SHOWN}；请安装 git 后重新生成网站"


@pytest.mark.slow
def test_a_build_from_a_shallow_clone_says_unknown_on_every_page(tmp_path: Path) -> None:
    # The sample site in its own repository: the data committed first, a page changed later.
    repo = tmp_path / "repo"
    config = samplesite.copy(repo)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "数据")
    data_commit = git(repo, "rev-parse", "HEAD")
    head = commit(repo, {"docs/about.md": "后来改的页面。\n"}, "2098-12-31T10:00:00+08:00")
    shallow = clone(repo, tmp_path / "shallow", "--depth", "1")

    proc = run_mkdocs(shallow / config.name, tmp_path / "site", "http://127.0.0.1:8000/")
    assert proc.returncode == 0, proc.stderr
    data = shallow / "projects.yaml"
    assert (
        f"警告：仓库是浅克隆（git clone --depth），{data} 的最后一次修改可能早于克隆到的历史，"
        f"{SHOWN}；请先运行 git fetch --unshallow（CI 中设 fetch-depth: 0）再生成网站\n"
    ) in proc.stderr
    pages = sorted((tmp_path / "site").rglob("*.html"))
    shown = [p for p in pages if 'class="ms-dataversion"' in p.read_text("utf-8")]
    assert len(shown) > 10
    for page in shown:
        text = page.read_text("utf-8")
        line = re.search(r'<p class="ms-dataversion"[^>]*>(.*?)</p>', text, re.S)
        assert line and "数据版本 <code>未知</code>，数据最后修改于 未知。" in line.group(1), page
    for page in pages:
        text = page.read_text("utf-8")
        for known in (head, data_commit):
            assert known[:7] not in text, f"{page} 显示了提交 {known[:7]}"
        assert "2098-12-31" not in text, page
