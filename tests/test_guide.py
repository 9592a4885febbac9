"""The publishing guide (docs/guide.md) shows real output: its worked example, replayed on the
invented sample data, prints exactly the lines the guide shows."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sheetfill import fill

from generator.cli import main
from generator.data import load

ROOT = Path(__file__).parent.parent
GUIDE = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "projects.yaml"
END = dt.date(2099, 12, 31)
STEPS = [  # what the clerk types into the template of 测试道路建设, step by step
    [{"row": "licheng", "截至日期": END, "累计完成": "约12"}, {"row": "tongche", "截至日期": END, "累计完成": 100}],
    [
        {"row": "licheng", "截至日期": END, "累计完成": 12.5, "来源": "测试局2099年全年进度通报（虚构）"},
        {"row": "tongche", "截至日期": END, "累计完成": 100},
    ],
    [{"row": "licheng", "截至日期": dt.date(2099, 9, 30), "累计完成": 9, "来源": "测试局2099年三季度进度通报（虚构）"}],
    [
        {
            "row": "licheng",
            "截至日期": dt.date(2099, 10, 15),
            "累计完成": 9,
            "来源": "测试局关于三季度进度的更正（虚构）",
            "备注": "虚构说明：三季度通报多报了0.5公里。",
            "更正": "是",
        }
    ],
]


def shown_in_guide(output: str) -> None:
    lines = [line for line in output.splitlines() if line]
    assert lines
    missing = [line for line in lines if line not in GUIDE.splitlines()]
    assert not missing, "docs/guide.md 没有照实显示这些输出：\n" + "\n".join(missing)


def test_the_guide_shows_what_the_commands_print(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A checkout whose data is the invented sample, as the guide's example says
    (tmp_path / "data").mkdir()
    shutil.copy(SAMPLE, tmp_path / "data" / "projects.yaml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    assert main(["lock"]) == 0
    capsys.readouterr()
    sheet = tmp_path / "进度.xlsx"
    for step, fills in enumerate(STEPS):
        fill(load(tmp_path / "data" / "projects.yaml"), "ceshi-lu", sheet, fills)
        status = main(["import", sheet.name])
        out, err = capsys.readouterr()
        assert status == (1 if step in (0, 2) else 0)
        shown_in_guide(err or out)
        if step == 1:
            assert main(["check"]) == 0
            shown_in_guide(capsys.readouterr().out)


def test_the_guide_shows_what_check_prints_for_a_mistyped_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    after = "          - indicator: tongche\n            reached: 80\n"
    # the guide's report of 2099-12-31, written by hand with licheng mistyped
    mistyped = (
        '      - date: "2099-12-31"\n        source: "测试局2099年全年进度通报（虚构）"\n'
        "        values:\n          - indicator: lichen\n            reached: 12.5\n"
        "          - indicator: tongche\n            reached: 100\n"
    )
    data = tmp_path / "data" / "projects.yaml"
    data.parent.mkdir()
    data.write_text(text.replace(after, after + mistyped), encoding="utf-8")
    assert main(["check", str(data)]) == 1
    shown_in_guide(capsys.readouterr().err.replace(str(data), "data/projects.yaml"))
