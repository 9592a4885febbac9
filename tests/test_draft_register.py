"""Without --output the draft joins the site: written beside its first data file and listed
last in mkdocs.yml (edited as text: comments and !ENV tags kept), under the writers' lock;
both or neither. A year the site has, an existing file, a site without mkdocs.yml are
refused in Chinese with nothing written."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from drafting import SOURCE_2020, a_site, run

from generator import serial
from generator.draft import listing, site
from generator.draft.source import DraftError

FICTIONAL = ROOT / "tests" / "fixtures" / "draft" / "notice-2031.txt"
LISTED = "        - data/projects.yaml\n"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def site_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A copy of the real site, the current folder: its mkdocs.yml and that file's text."""
    config = a_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    return config, config.read_text(encoding="utf-8")


def test_the_draft_is_written_beside_the_first_data_file_and_listed_last(
    tmp_path: Path, site_copy: tuple[Path, str]
) -> None:
    config, before = site_copy
    done = run("draft", str(FICTIONAL))
    assert done.code == 0, done.err
    assert done.out.splitlines() == [
        "已起草 虚政〔2031〕7号：项目 8 个，子项 2 个，指标 22 个；待核对 88 处（文件中的“# 待核对：”注释）。",
        "已加入网站的通知清单（mkdocs.yml 的 notices）：make serve 可以预览，每页顶部标有“草稿”；"
        "删去 draft: true 之前，make site 不会发布它。",
        "下一步：逐条核对“# 待核对：”注释，随时可以检查：make check DATA=data/projects-2031.yaml；"
        "全部核对完，删去 draft: true 一行，再检查一次（登记新网址）。",
        "data/projects-2031.yaml",
    ]
    # one line more, nothing else touched: comments, !ENV and the order stay
    assert config.read_text(encoding="utf-8") == before.replace(LISTED, LISTED + "        - data/projects-2031.yaml\n")
    assert "site_url: !ENV [SITE_URL," in before
    drafted = tmp_path / "data" / "projects-2031.yaml"
    assert drafted.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert os.stat(drafted).st_mode & 0o777 == 0o644  # read by every build, like the data file beside it
    now = site.listed(Path("mkdocs.yml"))
    assert now is not None and [n.document.year for n in now.notices] == [2020, 2031]
    assert [n.draft for n in now.notices] == [False, True]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # a site of one notice (the option before notices) is written in the list form
        ("plugins:\n  - search\n  - minsheng:\n      source: data/projects.yaml  # 数据\n      root_notice: 2020\n",
         "plugins:\n  - search\n  - minsheng:\n      notices:\n        - data/projects.yaml  # 数据\n"
         "        - data/projects-2031.yaml\n      root_notice: 2020\n"),
        ("plugins:\n  - minsheng  # 本站插件\nnav: []\n",
         "plugins:\n  - minsheng:  # 本站插件\n      notices:\n        - data/projects.yaml\n"
         "        - data/projects-2031.yaml\nnav: []\n"),
        ("plugins:\n  minsheng:\n    root_notice: 2020\n",
         "plugins:\n  minsheng:\n    notices:\n      - data/projects.yaml\n      - data/projects-2031.yaml\n"
         "    root_notice: 2020\n"),
        ("plugins:\n  - minsheng: {source: data/a.yaml}\n",
         "plugins:\n  - minsheng: {notices: [data/a.yaml, data/projects-2031.yaml]}\n"),
        ("plugins:\n  - minsheng:\n      notices: [data/a.yaml]  # 清单\n",
         "plugins:\n  - minsheng:\n      notices: [data/a.yaml, data/projects-2031.yaml]  # 清单\n"),
        ("plugins:\n  - minsheng:\n      notices:\n      - data/a.yaml", "plugins:\n  - minsheng:\n      notices:\n"
         "      - data/a.yaml\n      - data/projects-2031.yaml\n"),
    ],
)  # fmt: skip
def test_mkdocs_yml_gets_one_more_notice_whatever_its_shape(before: str, after: str) -> None:
    assert listing.added(before, "data/projects-2031.yaml") == after


def test_a_file_name_yaml_would_misread_is_quoted() -> None:
    text = listing.added("plugins:\n  - minsheng\n", "数据 #1/projects-2031.yaml")
    assert text.endswith('        - "数据 #1/projects-2031.yaml"\n')
    assert listing.files(text) == ["data/projects.yaml", "数据 #1/projects-2031.yaml"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("plugins:\n  - search\n", "mkdocs.yml 中没有 minsheng 插件，无法加入通知清单"),
        ("plugins:\n  - minsheng: data/a.yaml\n",
         "无法自动改写 mkdocs.yml：请在 minsheng 插件的 notices 列表末尾手工加一行 - data/projects-2031.yaml"),
        ("plugins: [minsheng\n", "mkdocs.yml 不是有效的 YAML 文件，无法加入通知清单"),
    ],
)  # fmt: skip
def test_a_mkdocs_yml_it_cannot_edit_is_refused(text: str, message: str) -> None:
    with pytest.raises(DraftError, match=f"^{message}$"):
        listing.added(text, "data/projects-2031.yaml")


def test_a_year_the_site_already_has_is_refused_and_nothing_is_written(
    tmp_path: Path, site_copy: tuple[Path, str]
) -> None:
    config, before = site_copy
    done = run("draft", str(SOURCE_2020))
    assert (done.code, done.out) == (1, "")
    assert done.err == (
        "错误：mkdocs.yml 的 notices 中已有 2020 年的通知（data/projects.yaml）：同一年只能有一份通知；"
        "要重新起草，请先从 notices 中删去那一行，或用 --output 写到别处；没有写入任何文件。\n"
    )
    assert config.read_text(encoding="utf-8") == before
    assert files_in(tmp_path / "data") == [".minsheng.lock", "projects.yaml", "urls.lock"]


def test_an_existing_file_is_neither_overwritten_nor_listed(tmp_path: Path, site_copy: tuple[Path, str]) -> None:
    config, before = site_copy
    (tmp_path / "data" / "projects-2031.yaml").write_text("# 核对了一半\n", encoding="utf-8")
    done = run("draft", str(FICTIONAL))
    assert done.err == (
        "错误：data/projects-2031.yaml 已存在，没有覆盖：请换一个文件名（--output），或先移走原文件；没有写入任何文件。\n"
    )
    assert config.read_text(encoding="utf-8") == before
    assert (tmp_path / "data" / "projects-2031.yaml").read_text(encoding="utf-8") == "# 核对了一半\n"


def test_without_mkdocs_yml_it_asks_where_to_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    done = run("draft", str(FICTIONAL))
    assert done.err == (
        "错误：找不到 mkdocs.yml：请在网站的文件夹中运行（make draft），或用 --output 指定草稿写到哪里；没有写入任何文件。\n"
    )
    assert files_in(tmp_path) == []


def test_when_mkdocs_yml_cannot_be_written_the_draft_is_taken_back(
    tmp_path: Path, site_copy: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, before = site_copy

    def full(path: Path, content: bytes, suffix: str = ".tmp") -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(site.atomic, "write_bytes", full)
    done = run("draft", str(FICTIONAL))
    assert done.err == "错误：无法改写 mkdocs.yml：磁盘已满；没有写入任何文件。\n"
    assert config.read_text(encoding="utf-8") == before
    assert files_in(tmp_path / "data") == [".minsheng.lock", "projects.yaml", "urls.lock"]


def test_the_draft_waits_for_a_writer_holding_the_lock(tmp_path: Path) -> None:
    config = a_site(tmp_path)
    with serial.exclusive(tmp_path / "data" / "projects.yaml"):
        drafting = subprocess.Popen(
            [sys.executable, "-m", "generator", "draft", str(FICTIONAL)],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert drafting.stderr is not None
        waiting = drafting.stderr.readline()  # said once it finds the lock taken
        assert waiting == f"另一个导入、检查或网站生成正在使用 data/projects.yaml（进程 {os.getpid()}），等它结束后再继续……\n"
        assert drafting.poll() is None
        assert "data/projects-2031.yaml" not in config.read_text(encoding="utf-8")
        assert not (tmp_path / "data" / "projects-2031.yaml").exists()
    out, err = drafting.communicate(timeout=120)
    assert drafting.returncode == 0, err
    assert out.splitlines()[-1] == "data/projects-2031.yaml"
    assert "        - data/projects-2031.yaml\n" in config.read_text(encoding="utf-8")
