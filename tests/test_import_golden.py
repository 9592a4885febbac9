"""Golden-file tests of ``python -m generator import``: one filled template per case.

Each ``tests/golden_import/<case>.yaml`` says how a clerk filled the site's template
for the invented sample (``tests/fixtures/sample``):

    about: 一句中文说明这个用例检查什么
    file: 进度.xlsx          # the file's name, and so its format (.xlsx or .csv); default 进度.xlsx
    template: ceshi-lu       # whose template: a project id; default every project
    fill:                    # cells typed into the rows of figures, found by their 指标编号
      - {row: licheng, 截至日期: 2099-12-31, 累计完成: 约300, 来源: 某通报}
    added:                   # whole rows typed below the template's rows
      - {项目编号: ceshi-lu, 指标编号: licheng, 截至日期: 2099-12-31}
    retitle: {来源: 出处}     # header titles changed
    columns: [项目编号, …]    # the saved sheet's columns, in order: some left out, moved, or
                             # added (a new title: an empty column)
    template_file: sheets-before-clause/ceshi-lu-jindu.xlsx  # a template made earlier (in
                             # tests/fixtures), filled instead of today's
    encoding: gb18030        # how a CSV is saved (default UTF-8 with BOM)
    content: "…"             # or: the whole file, as text (no template)
    data_replace:            # [old, new] pairs applied to the sample data first
    tamper: {…}              # then, in the saved .xlsx (see ``tamper``): hide: [指标编号…],
                             # merge: [A3:A4…], hidden_copy: 草稿, far_row: 1000000
    exit: 0                  # expected exit status (default 1)

A text "{长×131072}" stands for that character repeated that many times. Dates written unquoted (2099-12-31) are typed as dates, numbers as numbers, and
``_percent_format: true`` shows 累计完成 as a percentage, as a spreadsheet does when 85% is
typed. ``tests/golden_import/<case>.out`` is the exact output: stderr when the import
fails (stdout must then be empty and the data file unchanged), stdout when it succeeds.
After a deliberate change of messages, regenerate with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_import_golden.py

and read every changed ``.out`` before committing it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from sheetfill import fill
from test_golden import compare

from generator.cli import main
from generator.data import load
from generator.errors import DataErrors
from generator.sheets.layout import INDICATOR_ID
from generator.sheets.workbook import FIRST_ROW, HEADER_ROW, SHEET
from generator.site import lock, planner

HERE = Path(__file__).parent
GOLDEN = HERE / "golden_import"
FIXTURES = HERE / "fixtures"
SAMPLE_DIR = FIXTURES / "sample"
KEYS = {
    "about", "file", "template", "fill", "added", "retitle", "columns", "template_file", "encoding", "content",
    "data_replace", "tamper", "exit",
}  # fmt: skip
CASES = sorted(p.stem for p in GOLDEN.glob("*.yaml"))


def sample_copy(root: Path, replace: list[list[str]] = ()) -> Path:
    """The sample data in ``root/data`` with its own address lock, and its docs."""
    data = root / "data" / "projects.yaml"
    data.parent.mkdir(parents=True)
    text = (SAMPLE_DIR / "projects.yaml").read_text(encoding="utf-8")
    for old, new in replace:
        assert text.count(old) == 1, f"{old!r} must occur once in the sample"
        text = text.replace(old, new)
    data.write_text(text, encoding="utf-8")
    shutil.copytree(SAMPLE_DIR / "docs", root / "docs")
    try:  # the address lock of the data as it is, as a real data folder has one
        notice = load(data)
        site = planner.site([notice], root_year=notice.document.year)
        lock.write(lock.path_for(data), site.addresses(root / "docs"))
    except DataErrors:
        pass  # a case about broken data: no lock to start from
    return data


def _expanded(value: Any) -> Any:
    """``value`` with each "{字×n}" written out: a cell too long to keep in a case file."""
    if isinstance(value, dict):
        return {k: _expanded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expanded(v) for v in value]
    if isinstance(value, str) and (found := re.fullmatch(r"\{(.)×([0-9]+)\}", value)):
        return found.group(1) * int(found.group(2))
    return value


def tamper(path: Path, how: dict[str, object]) -> None:
    """What a spreadsheet program lets a clerk do that the template does not: hide rows
    (by 指标编号), merge cells, keep a hidden copy of the sheet, type far below the table."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book[SHEET]
    ids = next(c.column for c in sheet[HEADER_ROW] if c.value == INDICATOR_ID)
    rows = {sheet.cell(r, ids).value: r for r in range(FIRST_ROW, sheet.max_row + 1)}
    for indicator in how.get("hide", []):  # type: ignore[attr-defined]
        sheet.row_dimensions[rows[indicator]].hidden = True
    for ref in how.get("merge", []):  # type: ignore[attr-defined]
        sheet.merge_cells(ref)
    if "hidden_copy" in how:
        copy = book.copy_worksheet(sheet)
        copy.title = str(how["hidden_copy"])
        copy.sheet_state = "hidden"
    if "far_row" in how:
        sheet.cell(int(how["far_row"]), 1, "x")  # type: ignore[call-overload]
    book.save(path)


@pytest.mark.parametrize("name", CASES)
def test_import_golden(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    case = yaml.safe_load((GOLDEN / f"{name}.yaml").read_text(encoding="utf-8"))
    assert not set(case) - KEYS, f"unknown keys: {set(case) - KEYS}"
    assert case.get("about"), "every case says what it checks in `about`"
    case = _expanded(case)
    data = sample_copy(tmp_path, case.get("data_replace", []))
    monkeypatch.chdir(tmp_path)
    main(["lock", "data/projects.yaml"])  # the lock of the data as it is (if it loads)
    sheet = tmp_path / case.get("file", "进度.xlsx")
    if "content" in case:
        sheet.write_text(case["content"], encoding="utf-8")
    else:
        try:
            notice = load(data)
        except DataErrors:  # a case about a broken data file: the template is the sample's
            notice = load(SAMPLE_DIR / "projects.yaml")
        made = FIXTURES / case["template_file"] if "template_file" in case else None
        fill(
            notice, case.get("template"), sheet, case.get("fill", []), case.get("added", []),
            case.get("retitle"), case.get("encoding", "utf-8-sig"), case.get("columns"), made,
        )  # fmt: skip
    if "tamper" in case:
        tamper(sheet, case["tamper"])
    before = data.read_bytes()
    capsys.readouterr()

    status = main(["import", sheet.name])
    out, err = capsys.readouterr()

    expected = case.get("exit", 1)
    assert status == expected, f"exit {status}, expected {expected}:\n{out}{err}"
    shown, silent = (err, out) if expected else (out, err)
    assert silent == ""
    if expected:
        assert data.read_bytes() == before, "a failed import must leave the data file as it was"
    compare(GOLDEN / f"{name}.out", shown, __file__)


def test_every_output_has_a_case() -> None:
    outs = sorted(p.stem for p in GOLDEN.glob("*.out"))
    assert outs == CASES


# The same two figures typed into templates of every layout: today's, those handed out
# before the 通知 and 通知原文 columns (sheets-before-clause), with columns moved or a 通知
# cell respaced, and with a 通知原文 cell changed (never read). The import is the same.
ALIKE = [
    "ok-one-project", "ok-new-layout", "ok-old-layout", "ok-old-layout-csv",
    "ok-columns-reordered", "ok-columns-reordered-csv", "ok-notice-spaced",
]  # fmt: skip


def test_every_layout_of_the_same_sheet_imports_alike() -> None:
    outputs = {name: (GOLDEN / f"{name}.out").read_text(encoding="utf-8").replace("进度.csv", "进度.xlsx") for name in ALIKE}
    assert len(set(outputs.values())) == 1, outputs
