"""Golden-file tests of the data checker: one small mutation of the sample per case.

Each ``tests/golden/<case>.yaml`` says how to spoil (or harmlessly vary) the sample
fixture ``tests/fixtures/sample/projects.yaml``:

    about: 一句中文说明这个用例检查什么
    replace:                 # [old, new] pairs, applied in order; each old must occur exactly once
      - ['value: "12.5"', 'value: 12.5']
    append: |                # text added at the end
    content: |               # or: the whole file instead of the sample
    content_hex: efbbbf...   # or: the whole file as raw bytes
    repeat: {marker: 啊, times: 20001}   # the one occurrence of marker, repeated
    newline: "\\r\\n"          # line endings to write (default "\\n")
    encoding: gbk            # how to encode the text (default utf-8; utf-8-sig adds a BOM)
    exit: 0                  # expected exit status (default 1)

``tests/golden/<case>.out`` is the exact output of
``python -m generator check data/projects.yaml``: stderr when the check fails,
stdout when it passes (the other stream must be empty).

After a deliberate change of messages, regenerate the expected outputs with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py

and read every changed ``.out`` before committing it: each must say, in plain
Chinese, what its case is about.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hang import never_hangs

from generator.cli import main

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SAMPLE = HERE / "fixtures" / "sample" / "projects.yaml"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
KEYS = {
    "about",
    "replace",
    "append",
    "content",
    "content_hex",
    "repeat",
    "newline",
    "encoding",
    "exit",
}
CASES = sorted(p.stem for p in GOLDEN.glob("*.yaml"))


def mutate(case: dict) -> bytes:
    """The data file a case describes, as bytes."""
    unknown = set(case) - KEYS
    assert not unknown, f"unknown keys in case: {unknown}"
    assert case.get("about"), "every case says what it checks in `about`"
    if "content_hex" in case:
        return bytes.fromhex(case["content_hex"])
    text = case["content"] if "content" in case else SAMPLE.read_text(encoding="utf-8")
    for old, new in case.get("replace", []):
        found = text.count(old)
        assert found == 1, f"{old!r} occurs {found} times in the text, not once"
        text = text.replace(old, new)
    text += case.get("append", "")
    if "repeat" in case:
        marker, times = case["repeat"]["marker"], case["repeat"]["times"]
        assert text.count(marker) == 1, f"repeat marker {marker!r} must occur exactly once"
        text = text.replace(marker, marker * times)
    text = text.replace("\n", case.get("newline", "\n"))
    return text.encode(case.get("encoding", "utf-8"))


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    case = yaml.safe_load((GOLDEN / f"{name}.yaml").read_text(encoding="utf-8"))
    data = tmp_path / "data" / "projects.yaml"
    data.parent.mkdir()
    data.write_bytes(mutate(case))
    monkeypatch.chdir(tmp_path)

    with never_hangs(name):
        status = main(["check", "data/projects.yaml"])
    out, err = capsys.readouterr()

    expected_status = case.get("exit", 1)
    assert status == expected_status, f"exit {status}, expected {expected_status}:\n{out}{err}"
    shown, silent = (err, out) if expected_status else (out, err)
    assert silent == ""
    compare(GOLDEN / f"{name}.out", shown, __file__)


def compare(golden: Path, shown: str, test_file: str) -> None:
    """``shown`` is the golden file's text; with UPDATE_GOLDEN=1 it becomes that text."""
    if UPDATE:
        golden.write_text(shown, encoding="utf-8")
        return
    assert golden.exists(), f"no {golden.name}: run UPDATE_GOLDEN=1 .venv/bin/pytest {test_file}"
    assert shown == golden.read_text(encoding="utf-8")


def test_every_output_has_a_case() -> None:
    """A renamed or deleted case leaves no stale .out behind."""
    outs = sorted(p.stem for p in GOLDEN.glob("*.out"))
    assert outs == CASES
