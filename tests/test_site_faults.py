"""Builds under faults: a damaged build cache never reaches the site, a full disk while
the site is written is said in Chinese (no traceback), and a build waits for an import."""

from __future__ import annotations

import errno
import fcntl
import os
import subprocess
from pathlib import Path

import pytest
import samplesite
from conftest import MKDOCS, ROOT, build_site, run_mkdocs

from generator import cache, serial
from generator.publish import build

pytestmark = pytest.mark.slow  # builds sites

URL = "https://minsheng.example.gov.cn/"


def test_a_damaged_cache_never_reaches_the_site(tmp_path: Path) -> None:
    config = samplesite.copy(tmp_path / "sample")
    first = build_site(config, tmp_path / "one", URL)
    store = cache.folder(config.parent)
    codes, books = list((store / "qr").iterdir()), list((store / "xlsx").iterdir())
    assert codes and books
    for code in codes:
        code.write_bytes(code.read_bytes().replace(b"</svg>", b"<script>alert(1)</script></svg>"))
    for book in books:
        book.write_bytes(book.read_bytes()[: book.stat().st_size // 2])
    for compiled in (store / "jinja").iterdir():
        compiled.write_bytes(compiled.read_bytes()[:30])
    second = build_site(config, tmp_path / "two", URL)
    made = sorted(p.relative_to(first) for p in first.rglob("*") if p.suffix in (".svg", ".xlsx"))
    assert made
    for path in made:
        assert (second / path).read_bytes() == (first / path).read_bytes(), path


def test_a_full_disk_while_the_site_is_written_is_said_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import mkdocs.utils

    config = samplesite.copy(tmp_path / "sample")
    dest = tmp_path / "site"

    def full(content: bytes, path: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    monkeypatch.setenv("SITE_URL", URL)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert build.main(["--strict", "--quiet", "-f", str(config), "-d", str(dest)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    last = err.splitlines()[-1]
    assert last.startswith(f"错误：生成网站时 {dest}/") and last.endswith("：磁盘已满。")


def test_a_build_waits_for_an_import_holding_the_writers_lock(tmp_path: Path) -> None:
    config = samplesite.copy(tmp_path / "sample")
    data = config.parent / "projects.yaml"
    env = dict(os.environ, SITE_URL=URL, NO_MKDOCS_2_WARNING="1")
    command = [str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")]
    with open(serial.path_for(data), "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.truncate(0)
        held.write("4242\n")
        held.flush()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        assert proc.stderr is not None
        waiting = f"另一个导入、检查或网站生成正在使用 {data}（进程 4242），等它结束后再继续……\n"
        said = [proc.stderr.readline()]
        while "等它结束后再继续" not in said[-1] and said[-1]:  # it says it waits (or ends: failed)
            said.append(proc.stderr.readline())
        assert said[-1] == waiting, said
        assert proc.poll() is None  # and waits
    _, rest = proc.communicate(timeout=300)
    assert proc.returncode == 0, rest
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_deleted_lock_stops_the_build_before_it_starts(tmp_path: Path) -> None:
    from generator.cli import main

    config = samplesite.copy(tmp_path / "sample")
    assert main(["lock", str(config.parent / "projects.yaml"), "--docs", str(config.parent / "docs")]) == 0
    subprocess.run(["git", "init", "-q"], cwd=config.parent, check=True)
    subprocess.run(["git", "add", "urls.lock"], cwd=config.parent, check=True)
    (config.parent / "urls.lock").unlink()
    proc = run_mkdocs(config, tmp_path / "site", URL)
    assert proc.returncode == 1
    name = f"{config.parent.as_posix()}/urls.lock"
    assert (
        f"错误：找不到网址锁 {name}（git 中有这个文件，它被删除了）。"
        f"没有它就无法检查已发布的网址是否失效；请运行 git checkout HEAD -- {name} 恢复后再试。"
    ) in proc.stderr
    assert not (tmp_path / "site").exists()
