"""`python -m generator check` and `schema --check` as a clerk and CI run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).parent.parent
DATA = ROOT / "data" / "projects.yaml"
SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "projects.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_real_data_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DATA)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "项目 33 个" in out
    assert "其中 16 个为“/”" in out


def test_sample_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("数据检查通过：")
    assert "项目 4 个" in out


def test_default_file_is_the_real_data() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("数据检查通过：data/projects.yaml\n")


@pytest.mark.parametrize(
    ("label", "content"),
    [
        ("wrong type", SAMPLE.read_bytes().replace(b'value: "530"', b"value: 530")),
        ("rule", SAMPLE.read_bytes().replace(b"project_count: 4", b"project_count: 5")),
        ("syntax", b'document:\n  number: "x\n'),
        ("control character", b"document:\n  number: \x07\n"),
        ("comments only", b"# nothing yet\n"),
        ("not UTF-8", "document: 测试\n".encode("gbk")),
        ("scalar root", b"42\n"),
    ],
)
def test_bad_file_exits_1_without_traceback(label: str, content: bytes, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(content)
    result = run("check", str(bad))
    assert result.returncode == 1, label
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("处数据错误。\n")
    assert "未生成网站" not in result.stderr  # check never builds


@pytest.mark.parametrize("what", ["missing", "directory"])
def test_unreadable_file_is_explained_in_chinese(what: str, tmp_path: Path) -> None:
    path = tmp_path / "没有这个文件.yaml" if what == "missing" else tmp_path
    result = run("check", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    reason = "文件不存在" if what == "missing" else "这是一个文件夹，不是文件"
    assert result.stderr == (
        f"{path}:0: (整个文件): 无法读取文件：{reason}\n"
        f"错误：{path} 有 1 处数据错误。\n"
    )


def test_schema_is_up_to_date() -> None:
    result = run("schema", "--check")
    assert result.returncode == 0, result.stderr


REPORT_ANCHOR = '    not_targets: []\n\n  - id: "dangjian-fupin"\n'
REPORT = (
    '    not_targets: []\n    reports:  # 测试用的虚构报告\n      - date: "2020-09-30"\n'
    "        source: 虚构的进度通报\n        values:\n          - indicator: yuanqu\n"
    '            reached: 40\n\n  - id: "dangjian-fupin"\n'
)


def _copy_real_data(tmp_path: Path, text: str) -> Path:
    """The real data with ``text`` as its content, beside a copy of the real lock."""
    data = tmp_path / "projects.yaml"
    data.write_text(text, encoding="utf-8")
    (tmp_path / "urls.lock").write_bytes((ROOT / "data" / "urls.lock").read_bytes())
    return data


def test_check_records_a_new_report_in_the_lock(tmp_path, monkeypatch, capsys) -> None:
    """The clerk's workflow: make check adds the new report's addresses to the lock (they
    show in the diff), says so, and what it read; nothing else to run."""
    text = DATA.read_text(encoding="utf-8")
    assert text.count(REPORT_ANCHOR) == 1
    data = _copy_real_data(tmp_path, text.replace(REPORT_ANCHOR, REPORT))
    monkeypatch.chdir(ROOT)  # the hand-written pages are in docs/
    assert main(["lock", "--check", str(data)]) == 1
    assert capsys.readouterr().err == (
        f"错误：{tmp_path.as_posix()}/urls.lock 与数据不一致（应新增 2 个、删除 0 个地址），"
        "请运行 make check（会自动登记新地址）并提交\n"
    )
    assert main(["check", str(data)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[2:] == [
        "  进度报告 1 份，最新截至 2020-09-30：第1项 “四带一自”产业扶贫 1 份。",
        f"  网址锁 {tmp_path.as_posix()}/urls.lock：新登记 2 个地址，请与数据文件一起提交：",
        "    2020/projects/sidai-yizi/#gengxin",
        "    2020/projects/sidai-yizi/#gengxin-2020-09-30",
    ]
    assert "\n2020/projects/sidai-yizi/#gengxin-2020-09-30\n" in (tmp_path / "urls.lock").read_text("utf-8")
    assert main(["lock", "--check", str(data)]) == 0
    assert main(["check", str(data)]) == 0  # a second run has nothing to add
    assert "网址锁" not in capsys.readouterr().out


def test_check_refuses_to_drop_a_published_address(tmp_path, monkeypatch, capsys) -> None:
    """An id changed without aliases: check fails listing every lost address, and leaves
    the lock as it was (only make lock removes addresses, on purpose)."""
    text = DATA.read_text(encoding="utf-8").replace('- id: "yuanqu"', '- id: "yuanqu-shu"')
    text = text.replace("indicator: yuanqu\n", "indicator: yuanqu-shu\n")
    data = _copy_real_data(tmp_path, text)
    before = (tmp_path / "urls.lock").read_bytes()
    monkeypatch.chdir(ROOT)
    assert main(["check", str(data)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"错误：网址锁 {tmp_path.as_posix()}/urls.lock 中有 2 个已发布的地址既没有生成，也没有转到新位置：\n"
        "  2020/projects/sidai-yizi/#yuanqu\n"
        "  projects/sidai-yizi/#yuanqu\n"
        "已发布的网址不能失效：如果改了编号，请把旧编号写进该条目的 aliases；"
        "如果确实要删除这些地址，请运行 make lock 更新网址锁，并在提交说明中写明原因。\n"
    )
    assert (tmp_path / "urls.lock").read_bytes() == before
