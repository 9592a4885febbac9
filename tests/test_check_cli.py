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


def test_a_new_report_must_be_registered_in_the_lock(tmp_path, monkeypatch, capsys) -> None:
    """The guide's workflow: make check flags the new address, make lock adds it."""
    from generator.cli import main

    root = Path(__file__).resolve().parent.parent
    data = tmp_path / "projects.yaml"
    text = (root / "data" / "projects.yaml").read_text(encoding="utf-8")
    anchor = '    not_targets: []\n\n  - id: "dangjian-fupin"\n'
    assert text.count(anchor) == 1
    report = (
        '    not_targets: []\n    reports:  # 测试用的虚构报告\n      - date: "2020-09-30"\n'
        "        source: 虚构的进度通报\n        values:\n          - indicator: yuanqu\n"
        '            reached: 40\n\n  - id: "dangjian-fupin"\n'
    )
    data.write_text(text.replace(anchor, report), encoding="utf-8")
    (tmp_path / "urls.lock").write_text(
        (root / "data" / "urls.lock").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.chdir(root)
    assert main(["lock", "--check", str(data)]) == 1
    err = capsys.readouterr().err
    assert "应新增 2 个、删除 0 个地址" in err  # the 更新记录 section and the report
    assert main(["lock", str(data)]) == 0
    assert "新增 2 个，删除 0 个" in capsys.readouterr().out
    assert "projects/sidai-yizi/#gengxin-2020-09-30" in (tmp_path / "urls.lock").read_text("utf-8")
    assert main(["lock", "--check", str(data)]) == 0
