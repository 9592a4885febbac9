"""What cannot be published is refused fast, on the real data plus one fault.

The golden cases (tests/golden/) pin each message on the small sample; here every fault
of issue 9 is put into the real data file (33 projects) and must be refused, with its
line and field. Speed is measured in ``make bench``, not here: a guard of 30 seconds
(``never_hangs``; a refusal takes well under one) only catches a refusal that would
never end, such as a catastrophic pattern or a read of an endless file. A data file that is not a regular file (a FIFO, which would wait for a writer
forever; a link to /dev/zero, which never ends) is refused before it is read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hang import HANG, never_hangs

from generator.data import MAX_BYTES, load, load_bytes
from generator.errors import DataErrors

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "projects.yaml"
NAME = "data/projects.yaml"

NAME_LINE = '    name: "“四带一自”产业扶贫"'
_LINES = DATA.read_text(encoding="utf-8").splitlines()
# Lines of the real data, found rather than counted: the first project starts at P.
P = _LINES.index('  - id: "sidai-yizi"') + 1
COUNT_LINE = next(i for i, line in enumerate(_LINES, 1) if line.startswith("  project_count:"))
REPORT_AT = '    not_targets: []\n\n  - id: "dangjian-fupin"\n'


def _report(date: str = "2020-09-30", reached: str = "40") -> str:
    return (
        f'    not_targets: []\n    reports:\n      - date: "{date}"\n'
        "        source: 虚构的进度通报\n        values:\n          - indicator: yuanqu\n"
        f'            reached: {reached}\n\n  - id: "dangjian-fupin"\n'
    )


# (case, [(old, new)], line, field path, start of the message)
FAULTS = [
    ("DEL after a script-on-load name", [(NAME_LINE, NAME_LINE[:-1] + '![x](x){: onerror=alert(1)}\\x7f"')],
     P + 2, "projects[0].name", "第 38 个字符是控制字符 DEL（U+007F）"),
    ("non-character", [(NAME_LINE, NAME_LINE[:-1] + '\\uFFFE"')],
     P + 2, "projects[0].name", "第 11 个字符是 Unicode 非字符（U+FFFE）"),
    ("lone surrogate", [(NAME_LINE, NAME_LINE[:-1] + '\\ud800"')],
     P + 2, "projects[0].name", "第 11 个字符是不成对的代理码位（U+D800）"),
    ("NUL", [(NAME_LINE, NAME_LINE[:-1] + '\\0"')],
     P + 2, "projects[0].name", "第 11 个字符是控制字符 NUL（U+0000）"),
    ("bidi control", [(NAME_LINE, NAME_LINE[:-1] + '\\u202E"')],
     P + 2, "projects[0].name", "第 11 个字符是看不见的文字方向控制符（U+202E）"),
    ("zero-width keyword", [('keywords: ["四带一自"', 'keywords: ["四带\\u200B一自"')],
     P + 4, "projects[0].keywords[0]", "第 3 个字符是看不见的零宽字符（U+200B）"),
    ("full-width figure", [('value: "73"', 'value: "７３"')],
     P + 11, "projects[0].indicators[0].value", "数值 '７３' 格式不对"),
    ("300-character id", [('- id: "sidai-yizi"\n    seq', f'- id: "sidai-{"y" * 294}"\n    seq')],
     P, "projects[0].id", "编号过长（300 个字符，上限 64 个）"),
    ("30-digit figure", [(REPORT_AT, _report(reached="1" * 30))],
     P + 34, "projects[0].reports[0].values[0].reached", "数字 '111111111111111111111111111111' 位数过多"),
    ("report dated 9999-12-31", [(REPORT_AT, _report(date="9999-12-31"))],
     P + 30, "projects[0].reports[0].date", "报告日期 9999-12-31 太晚"),
    ("report before the notice", [(REPORT_AT, _report(date="2019-12-31"))],
     P + 30, "projects[0].reports[0].date", "报告日期 2019-12-31 早于通知的成文日期 2020-06-01"),
    ("4,401-digit count", [("  project_count: 33", "  project_count: 3" + "3" * 4400)],
     COUNT_LINE, "document.project_count", "整数 3333"),
    ("seq 1000000000", [("    seq: 1\n", "    seq: 1000000000\n")],
     P + 1, "projects[0].seq", "整数 1000000000 位数过多"),
    ("seq beyond the count", [("    seq: 1\n", "    seq: 34\n")],
     P + 1, "projects[0].seq", "序号 34 超出范围：共 33 个项目"),
    ("1,000-deep lists", [('keywords: ["四带一自"', 'keywords: [' + "[" * 1000 + "1" + "]" * 1000 + ', "四带一自"')],
     P + 4, "projects[0].keywords", "嵌套过深（超过 16 层）"),
    ("200,000 unknown keys", [(REPORT_AT, "".join(f"    k{i}: 1\n" for i in range(200_000)) + REPORT_AT)],
     P, "projects[0]", "字段过多（超过 100 个）"),
    ("7 MB text", [(NAME_LINE, NAME_LINE[:-1] + "x" * (7 * 1024 * 1024) + '"')],
     P + 2, "projects[0].name", "文字过长（7340042 字，上限 20000 字）"),
]


@pytest.mark.parametrize(("case", "edits", "line", "path", "message"), FAULTS, ids=[f[0] for f in FAULTS])
def test_a_fault_in_the_real_data_is_refused_fast(
    case: str, edits: list[tuple[str, str]], line: int, path: str, message: str
) -> None:
    text = DATA.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    raw = text.encode("utf-8")
    with never_hangs(case), pytest.raises(DataErrors) as caught:
        load_bytes(raw, NAME)
    found = [(e.line, e.path, e.message) for e in caught.value.errors]
    assert any((e[0], e[1]) == (line, path) and message in e[2] for e in found), found


def _check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", str(path)],
        capture_output=True, text=True, timeout=HANG, cwd=ROOT,
    )  # fmt: skip


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "projects.yaml"
    os.mkfifo(fifo)
    proc = _check(fifo)  # a hang would end in TimeoutExpired
    assert proc.returncode == 1
    assert proc.stderr == (
        f"{fifo}:0: (整个文件): 无法读取文件：这是命名管道（FIFO），不是普通文件\n"
        f"错误：{fifo} 有 1 处数据错误。\n"
    )


def _dev_zero(path: Path) -> str:
    path.symlink_to("/dev/zero")
    return "无法读取文件：这是设备文件，不是普通文件"


def _sparse(path: Path) -> str:
    with path.open("wb") as out:  # sparse: a huge file that costs nothing to make
        out.write(DATA.read_bytes())
        out.truncate(MAX_BYTES + 1)
    return "文件过大（8.0 MB，上限 8 MB），不像是数据文件"


@pytest.mark.parametrize("make", [_dev_zero, _sparse], ids=["link to /dev/zero", "over 8 MB"])
def test_a_file_is_refused_unread(make, tmp_path: Path) -> None:
    path = tmp_path / "projects.yaml"
    message = make(path)
    with never_hangs(path.name), pytest.raises(DataErrors) as caught:
        load(path, NAME)
    assert [str(e) for e in caught.value.errors] == [f"{NAME}:0: (整个文件): {message}"]


def test_type_errors_do_not_hide_rule_errors() -> None:
    """One run lists both: a figure of the wrong type, and a count that does not match."""
    text = DATA.read_text(encoding="utf-8")
    text = text.replace('value: "73"', "value: 73").replace("project_count: 33", "project_count: 34")
    with pytest.raises(DataErrors) as caught:
        load_bytes(text.encode("utf-8"), NAME)
    assert [str(e) for e in caught.value.errors] == [
        f"{NAME}:{COUNT_LINE}: document.project_count: 通知 的 项目数：通知称有 34 个项目，但项目清单列出了 33 个",
        f"{NAME}:{P + 11}: projects[0].indicators[0].value: 第1项 “四带一自”产业扶贫 指标“特色产业扶贫园区” 的 目标值："
        '应为文本，实际为数字 73，请加引号："73"',
    ]


def test_the_strict_reader_guards_its_own_depth() -> None:
    """The pure-Python composer (used for files with anchors or syntax errors) recurses
    once per level: it stops at the same depth as the first look, never RecursionError."""
    from generator.data.compose import _compose_strict
    from generator.data.prescan import TOO_DEEP

    with pytest.raises(DataErrors) as caught:
        _compose_strict("a: &x " + "[" * 1000 + "1" + "]" * 1000 + "\n", NAME)
    assert [str(e) for e in caught.value.errors] == [f"{NAME}:1: (整个文件): {TOO_DEEP}"]
