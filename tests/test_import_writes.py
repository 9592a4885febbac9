"""How an import (and the other writers) write: serialised, atomic, keeping what they do
not change. Two imports in two real processes at once both land; a full disk or a
read-only folder is explained in Chinese and leaves the data file as it was; line ends
and symbolic links are kept; a deleted lock and an inline ``reports: []`` are named."""

from __future__ import annotations

import difflib
import errno
import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sheetfill import fill
from test_import_golden import sample_copy

from generator import atomic, serial
from generator.cli import main
from generator.data import load
from generator.site import lock

ROOT = Path(__file__).parent.parent


def _sheet(data: Path, name: str, project: str, row: str, date: str, value: object) -> Path:
    dest = data.parent.parent / name
    fill(load(data), project, dest, [{"row": row, "截至日期": date, "累计完成": value, "来源": "测试通报（虚构）"}])
    return dest


def _import(root: Path, sheet: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "import", sheet.name],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )  # fmt: skip


def test_two_imports_at_once_both_land_the_second_waiting_and_saying_so(tmp_path: Path) -> None:
    data = sample_copy(tmp_path)
    first = _sheet(data, "一.xlsx", "ceshi-lu", "licheng", "2099-10-31", 10)
    second = _sheet(data, "二.xlsx", "ceshi-lu", "licheng", "2099-11-30", 11)
    # Both start while the lock is held (as by a build), so that they truly overlap.
    with open(serial.path_for(data), "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.truncate(0)
        held.write("4242\n")
        held.flush()
        procs = [_import(tmp_path, first), _import(tmp_path, second)]
        waited = [p.stderr.readline() for p in procs if p.stderr is not None]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert waited == [
        "另一个导入、检查或网站生成正在使用 data/projects.yaml（进程 4242），等它结束后再继续……\n"
    ] * 2
    reports = load(data).project("ceshi-lu").reports
    assert [r.date for r in reports if r.date.startswith("2099-1")] == ["2099-10-31", "2099-11-30"]
    locked = lock.read(lock.path_for(data))
    assert {"2099/projects/ceshi-lu/#gengxin-2099-10-31", "2099/projects/ceshi-lu/#gengxin-2099-11-30"} <= set(locked)


def test_make_never_runs_a_file_name_as_shell(tmp_path: Path) -> None:
    data = sample_copy(tmp_path)
    name = "x`touch pwned`;touch pwned2;.xlsx"
    proc = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "import", f"FILE={name}", f"DATA={data}"],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert proc.returncode != 0
    assert proc.stderr.splitlines()[0] == f"错误：找不到文件 {name}"
    assert not list(tmp_path.glob("pwned*")) and not list(ROOT.glob("pwned*"))


def test_ci_check_verifies_the_lock_without_writing_it(tmp_path: Path, monkeypatch, capsys) -> None:
    data = sample_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    path = lock.path_for(data)
    locked = lock.read(path)
    lock.write(path, [*locked, "2099/projects/ceshi-lu/#gone"])
    assert main(["check", "--check-lock", "data/projects.yaml"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：网址锁 data/urls.lock 中有 1 个已发布的地址既没有生成")
    lock.write(path, [a for a in locked if a not in ("2099/projects/ceshi-lu/#mubiao", "2099/projects/ceshi-lu/")])
    before = path.read_bytes()
    assert main(["check", "--check-lock", "data/projects.yaml"]) == 1
    assert capsys.readouterr().err == (
        "错误：网址锁 data/urls.lock 缺少数据发布的 2 个地址：\n"
        "  2099/projects/ceshi-lu/\n  2099/projects/ceshi-lu/#mubiao\n"
        "请在本地运行 make check（会自动登记这些地址），并把网址锁与数据文件一起提交。\n"
    )
    assert path.read_bytes() == before
    assert main(["check", "data/projects.yaml"]) == 0  # locally: recorded
    assert main(["check", "--check-lock", "data/projects.yaml"]) == 0


def test_make_check_under_ci_only_verifies(tmp_path: Path) -> None:
    data = sample_copy(tmp_path)
    path = lock.path_for(data)  # the lock as make, run from the project, sees it (docs/)
    lock.write(path, lock.wanted(lock.of_data(data)[1], [], ROOT / "docs")[1:])
    before = path.read_bytes()
    env = {**os.environ, "CI": "true"}
    proc = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "check", f"DATA={data}"],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=env,
    )  # fmt: skip
    assert proc.returncode != 0
    assert "缺少数据发布的 1 个地址" in proc.stderr
    assert path.read_bytes() == before


def _one_report(tmp_path: Path, data: Path) -> Path:
    return _sheet(data, "进度.xlsx", "ceshi-lu", "licheng", "2099-10-31", 10)


def test_an_import_keeps_crlf_and_mixed_line_ends_changing_only_added_lines(tmp_path: Path, monkeypatch) -> None:
    data = sample_copy(tmp_path)
    lines = data.read_bytes().split(b"\n")
    mixed = b"".join(line + (b"\r\n" if i % 3 else b"\n") for i, line in enumerate(lines[:-1]))
    data.write_bytes(mixed)
    sheet = _one_report(tmp_path, data)
    monkeypatch.chdir(tmp_path)
    assert main(["import", sheet.name]) == 0
    after = data.read_bytes().splitlines(keepends=True)
    before = mixed.splitlines(keepends=True)
    opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    assert {op for op, *_ in opcodes} == {"equal", "insert"}  # each old line kept, with its end
    added = [after[j] for op, _, _, j1, j2 in opcodes if op == "insert" for j in range(j1, j2)]
    assert len(added) == 5 and b"2099-10-31" in added[0]


def test_an_import_writes_through_a_symbolic_link(tmp_path: Path, monkeypatch) -> None:
    data = sample_copy(tmp_path)
    real = tmp_path / "elsewhere.yaml"
    data.rename(real)
    data.symlink_to(real)
    sheet = _one_report(tmp_path, data)
    monkeypatch.chdir(tmp_path)
    assert main(["import", sheet.name]) == 0
    assert data.is_symlink() and "2099-10-31" in real.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fault", "words"),
    [(errno.ENOSPC, "磁盘已满"), (errno.EROFS, "文件夹是只读的")],
)
def test_a_full_disk_or_read_only_folder_is_explained_and_changes_nothing(
    fault: int, words: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    data = sample_copy(tmp_path)
    sheet = _one_report(tmp_path, data)
    monkeypatch.chdir(tmp_path)
    before = {p: p.read_bytes() for p in data.parent.iterdir()}

    def fail(*args: object) -> None:
        raise OSError(fault, os.strerror(fault))

    monkeypatch.setattr(atomic.os, "fsync", fail)  # as a full disk fails when the data is flushed
    capsys.readouterr()
    assert main(["import", sheet.name]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"错误：data/projects.yaml：{words}；操作没有完成，文件保持原样。\n"
    assert {p: p.read_bytes() for p in data.parent.iterdir() if p.name != serial.NAME} == {
        p: b for p, b in before.items() if p.name != serial.NAME
    }  # no temporary file left, the data as it was


def test_a_deleted_lock_is_noticed_by_check_import_and_lock(tmp_path: Path, monkeypatch, capsys) -> None:
    data = sample_copy(tmp_path)
    sheet = _one_report(tmp_path, data)
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "data/urls.lock"], check=True)
    lock.path_for(data).unlink()
    capsys.readouterr()
    expected = (
        "错误：找不到网址锁 data/urls.lock（git 中有这个文件，它被删除了）。"
        "没有它就无法检查已发布的网址是否失效；请运行 git checkout HEAD -- data/urls.lock 恢复后再试。\n"
    )
    for command in (["check", "data/projects.yaml"], ["import", sheet.name], ["lock", "data/projects.yaml"]):
        assert main(command) == 1
        assert capsys.readouterr().err == expected, command
    assert not lock.path_for(data).exists()


def test_inline_reports_are_refused_saying_why(tmp_path: Path, monkeypatch, capsys) -> None:
    reports = (
        '    reports:  # 虚构\n      - date: "2099-08-31"\n        source: 测试教育局通报（虚构）\n'
        "        values:\n          - indicator: xuexiao\n            reached: 1\n"
    )
    data = sample_copy(tmp_path, [[reports, "    reports: []\n"]])
    text = data.read_text(encoding="utf-8")
    sheet = _sheet(data, "进度.xlsx", "ceshi-xuexiao", "xuexiao", "2099-10-31", 1)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["import", sheet.name]) == 1
    line = text[: text.index("    reports: []")].count("\n") + 1
    assert capsys.readouterr().err == (
        f"进度.xlsx：data/projects.yaml 第{line}行：项目“ceshi-xuexiao”的 reports 写在了一行里（如 reports: []），"
        "导入只能在逐行书写的列表中添加报告；请删去这一行（没有报告时不写 reports）后再导入\n"
        "错误：进度.xlsx 有 1 处错误，数据文件没有改动。\n"
    )


def test_a_fifo_given_to_import_is_refused_without_waiting(tmp_path: Path, monkeypatch, capsys) -> None:
    sample_copy(tmp_path)
    os.mkfifo(tmp_path / "进度.csv")
    monkeypatch.chdir(tmp_path)
    assert main(["import", "进度.csv"]) == 1
    assert capsys.readouterr().err == "错误：不是普通文件 进度.csv\n"


def test_a_full_disk_while_check_records_the_lock_is_explained(tmp_path: Path, monkeypatch, capsys) -> None:
    data = sample_copy(tmp_path)
    path = lock.path_for(data)
    lock.write(path, lock.read(path)[1:])  # an address to record
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    capsys.readouterr()
    assert main(["check", "data/projects.yaml"]) == 1
    assert capsys.readouterr().err == "错误：data/urls.lock：磁盘已满；操作没有完成，文件保持原样。\n"
    assert path.read_bytes() == before
    assert sorted(p.name for p in data.parent.iterdir()) == [serial.NAME, "projects.yaml", "urls.lock"]


def test_a_read_only_data_folder_is_named_by_the_data_file(tmp_path: Path, monkeypatch, capsys) -> None:
    data = sample_copy(tmp_path)
    sheet = _one_report(tmp_path, data)
    monkeypatch.chdir(tmp_path)

    def read_only(data_file: object) -> None:  # as open() fails in a read-only folder
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(serial.path_for(data)))

    monkeypatch.setattr(serial, "_open", read_only)
    capsys.readouterr()
    assert main(["import", sheet.name]) == 1
    assert capsys.readouterr().err == "错误：data/projects.yaml：文件夹是只读的；操作没有完成，文件保持原样。\n"
