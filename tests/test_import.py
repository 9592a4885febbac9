"""The spreadsheet round trip: a filled template goes into the data file, and only there.

The messages of every refused sheet are golden files (test_import_golden.py); here: what
the data file looks like after an import, that importing twice changes nothing, that the
xlsx and CSV ways write the same bytes, and that the file's comments and layout survive.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sheetfill import fill
from test_import_golden import sample_copy

from generator.cli import main
from generator.data import load, load_bytes
from generator.model import Reading, Report
from generator.sheets.layout import note
from generator.sheets.writer import add_reports, only_added

ROOT = Path(__file__).parent.parent
BEFORE_CLAUSE = ROOT / "tests" / "fixtures" / "sheets-before-clause"  # templates made at commit 051b9ef
SOURCE = "测试局2099年年度通报（虚构）"
FILLED = [
    {"row": "licheng", "截至日期": dt.date(2099, 12, 31), "累计完成": 12.5, "来源": SOURCE},
    {"row": "tongche", "截至日期": dt.date(2099, 12, 31), "累计完成": 100},
]
NEW_LINES = """\
      - date: "2099-12-31"
        source: "测试局2099年年度通报（虚构）"
        values:
          - indicator: licheng
            reached: 12.5
          - indicator: tongche
            reached: 100
"""


def _import(root: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.chdir(root)
    return main(["import", str(sheet)])


@pytest.mark.parametrize("layout", ["template", "old-template-note-first", "template-before-clause"])
@pytest.mark.parametrize("name", ["进度.xlsx", "进度.csv"])
def test_a_filled_template_adds_one_report_after_the_last(
    name: str, layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Templates handed out earlier write the same bytes as today's: one downloaded before
    # the instructions had their own sheet (then the note was the first row, and there
    # were no 通知 and 通知原文 columns), and one made before those columns were added.
    data = sample_copy(tmp_path)
    before = data.read_text(encoding="utf-8")
    made = BEFORE_CLAUSE / f"ceshi-lu-jindu{Path(name).suffix}" if layout != "template" else None
    sheet = fill(load(data), "ceshi-lu", tmp_path / name, FILLED, template=made)
    if layout == "old-template-note-first":
        _old_layout(sheet, note(load(data)))

    assert _import(tmp_path, sheet, monkeypatch) == 0
    assert capsys.readouterr().err == ""

    after = data.read_text(encoding="utf-8")
    last = "          - indicator: tongche\n            reached: 80\n"
    assert after == before.replace(last, last + NEW_LINES)
    project = load(data).project("ceshi-lu")
    assert project.reports[-1] == Report(
        date="2099-12-31",
        source=SOURCE,
        values=(
            Reading(indicator="licheng", reached=Decimal("12.5")),
            Reading(indicator="tongche", reached=Decimal("100")),
        ),
    )
    assert "projects/ceshi-lu/#gengxin-2099-12-31" in (tmp_path / "data" / "urls.lock").read_text()


def test_importing_the_same_sheet_twice_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = sample_copy(tmp_path)
    sheet = fill(load(data), None, tmp_path / "进度.xlsx", FILLED)
    assert _import(tmp_path, sheet, monkeypatch) == 0
    once = data.read_bytes(), (tmp_path / "data" / "urls.lock").read_bytes()
    capsys.readouterr()

    assert _import(tmp_path, sheet, monkeypatch) == 0

    assert (data.read_bytes(), (tmp_path / "data" / "urls.lock").read_bytes()) == once
    out = capsys.readouterr().out
    assert "已有 第1项 测试道路建设 截至 2099-12-31 的报告，与表中相同，跳过" in out
    assert out.endswith("data/projects.yaml 没有改动：表中没有新的进度。\n")


def test_a_report_dated_between_published_ones_goes_in_date_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = sample_copy(tmp_path)
    filled = [{"row": "licheng", "截至日期": "2099-08-31", "累计完成": 7, "来源": "测试局八月通报（虚构）"}]
    sheet = fill(load(data), "ceshi-lu", tmp_path / "进度.csv", filled)
    assert _import(tmp_path, sheet, monkeypatch) == 0
    dates = [r.date for r in load(data).project("ceshi-lu").reports]
    assert dates == ["2099-06-30", "2099-08-31", "2099-09-30"]


def test_ids_keep_the_quoting_of_the_data_file() -> None:
    text = 'projects:\n  - id: "a"\n    seq: 1\n'
    report = Report(date="2099-01-31", source="no", values=(Reading(indicator="x", met=False),))
    assert add_reports(text, [("a", report)]) == text + (
        '    reports:\n      - date: "2099-01-31"\n        source: "no"\n'
        '        values:\n          - indicator: "x"\n            met: false\n'
    )


LAYOUT = """\
# 注释
projects:
  - id: "a"
    seq: 1
    not_targets: []  # 没有

  # 下一个项目
  - id: "b"
    seq: 2
    reports:
      - date: "2099-03-31"
        source: "甲"
        values:
          - indicator: "y"
            reached: 21.70   # 照印

"""


def test_new_reports_go_before_the_blank_lines_and_comments_that_follow_a_project() -> None:
    first = Report(date="2099-01-31", source="乙", note="丙", correction=True, values=(Reading(indicator="x", reached=Decimal("1000")),))
    second = Report(date="2099-06-30", source="丁", values=(Reading(indicator="y", reached=Decimal("0.5")),))
    new = add_reports(LAYOUT, [("a", first), ("b", second)])
    assert new == LAYOUT.replace(
        "    not_targets: []  # 没有\n",
        "    not_targets: []  # 没有\n"
        '    reports:\n      - date: "2099-01-31"\n        source: "乙"\n        note: "丙"\n'
        '        correction: true\n        values:\n          - indicator: "x"\n            reached: 1000\n',
    ).replace(
        "            reached: 21.70   # 照印\n",
        "            reached: 21.70   # 照印\n"
        '      - date: "2099-06-30"\n        source: "丁"\n        values:\n'
        '          - indicator: "y"\n            reached: 0.5\n',
    )
    assert only_added(LAYOUT, new)


def test_a_blank_line_closing_a_list_of_items_stays_after_the_new_report() -> None:
    text = 'projects:\n  - id: "a"\n    items:\n      - id: "i"\n        not_targets: []\n\n  - id: "b"\n'
    report = Report(date="2099-01-31", source="乙", values=(Reading(indicator="x", reached=Decimal(1)),))
    assert add_reports(text, [("a", report)]) == text.replace(
        "        not_targets: []\n",
        '        not_targets: []\n    reports:\n      - date: "2099-01-31"\n        source: "乙"\n'
        '        values:\n          - indicator: "x"\n            reached: 1\n',
    )


def test_only_added_sees_a_changed_or_removed_line() -> None:
    assert only_added("a\nb\n", "a\nx\nb\n")
    assert not only_added("a\nb\n", "a\nc\n")
    assert not only_added("a\nb\n", "a\n")


def test_the_writer_keeps_the_real_data_file_byte_for_byte() -> None:
    text = (ROOT / "data" / "projects.yaml").read_text(encoding="utf-8")
    assert add_reports(text, []) == text


def test_the_writer_adds_to_every_real_project_without_changing_a_line() -> None:
    """In memory only: an obviously invented report for each project is inserted and read
    back by the strict loader; the real data file is never written."""
    path = ROOT / "data" / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    notice = load(path)
    new: list[tuple[str, Report]] = []
    for project in notice.projects:
        figures = [i for i in project.all_indicators if i.has_figure]
        if figures:
            ind = figures[0]
            reading = Reading(indicator=ind.id, met=True) if ind.judged else Reading(indicator=ind.id, reached=Decimal(0))
            date = f"{notice.document.year}-12-31"
            new.append((project.id, Report(date=date, source="测试（虚构，不写入文件）", values=(reading,))))
    written = add_reports(text, new)
    assert only_added(text, written)
    # each: "reports:", date, source, "values:", indicator, figure
    assert len(written.splitlines()) == len(text.splitlines()) + 6 * len(new)
    # the blank line between two projects stays after the new report, not above it
    assert "\n\n    reports:" not in written
    read_back = load_bytes(written.encode("utf-8"), "test")
    assert all(report in read_back.project(pid).reports for pid, report in new)


def test_several_sheets_are_named_and_a_sheet_without_a_header_is_mentioned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    data = sample_copy(tmp_path)
    sheet = fill(load(data), "ceshi-lu", tmp_path / "进度.xlsx", FILLED)
    book = load_workbook(sheet)
    september = book.copy_worksheet(book["进度"])
    september.title = "9月"
    september["L2"] = "约9"  # 累计完成 of 里程; and 通车率 (row 3) on both sheets
    book.create_sheet("汇总")["A1"] = "全县合计"
    book.save(sheet)

    assert _import(tmp_path, sheet, monkeypatch) == 1
    assert capsys.readouterr().err == (
        "进度.xlsx 工作表“9月” 第2行 累计完成列：应为数字，实际为“约9”\n"
        "进度.xlsx 工作表“9月” 第3行 指标编号列：与工作表“进度”第3行重复：同一截至日期的同一个数字只能填一行\n"
        "错误：进度.xlsx 有 2 处错误，数据文件没有改动。\n"
    )
    del book["9月"]
    book.save(sheet)
    assert _import(tmp_path, sheet, monkeypatch) == 0
    out = capsys.readouterr().out
    assert out.startswith("已读取 进度.xlsx：填了进度的 2 行。\n注意：工作表“汇总”没有“项目编号”“指标编号”等列名，没有读取\n")


def test_a_csv_in_no_known_encoding_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_copy(tmp_path)
    sheet = tmp_path / "进度.csv"
    sheet.write_bytes(b"\xff\xfe\x80\x81")
    assert _import(tmp_path, sheet, monkeypatch) == 1
    assert capsys.readouterr().err == (
        "进度.csv：无法识别文件的编码；请另存为 UTF-8 编码的 CSV，或直接导入 .xlsx 文件\n"
        "错误：进度.csv 有 1 处错误，数据文件没有改动。\n"
    )


def test_a_missing_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    sample_copy(tmp_path)
    assert _import(tmp_path, tmp_path / "没有这个文件.xlsx", monkeypatch) == 1
    assert capsys.readouterr().err == f"错误：找不到文件 {tmp_path / '没有这个文件.xlsx'}\n"


GUARDS = {
    # a text that would lose or change an old line (here: a comment)
    "keeps every old line": (
        ("# 虚构的进度，仅供测试和演示", "# 虚构"),
        "进度.xlsx：写入 data/projects.yaml 时会改动原有内容，已停止；请把这个文件交给维护网站的同志\n"
        "错误：进度.xlsx 有 1 处错误，数据文件没有改动。\n",
    ),
    # a text the strict loader refuses
    "passes the loader": (
        ("reached: 12.5", "reached: no"),
        "data/projects.yaml:107: projects[0].reports[2].values[0].reached: 第1项 测试道路建设 进度报告第3份 指标 licheng 的 累计完成数："
        "应为数字，实际为 'no'（如 120 或 21.77，不带单位）\n"
        "错误：data/projects.yaml 有 1 处数据错误。\n"
        "错误：导入后的数据没有通过检查，data/projects.yaml 没有改动。\n",
    ),
}


@pytest.mark.parametrize("guard", GUARDS)
def test_nothing_is_written_unless_the_new_text(
    guard: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The guards behind the writer, tried with a writer spoiled on purpose."""
    from generator.sheets import importer

    (old, new), message = GUARDS[guard]
    data = sample_copy(tmp_path)
    before = data.read_bytes()
    sheet = fill(load(data), "ceshi-lu", tmp_path / "进度.xlsx", FILLED)
    real = importer.add_reports
    monkeypatch.setattr(importer, "add_reports", lambda text, reports: real(text, reports).replace(old, new))
    assert _import(tmp_path, sheet, monkeypatch) == 1
    assert capsys.readouterr().err == message
    assert data.read_bytes() == before


def _old_layout(sheet: Path, notice_note: str) -> None:
    """The template as it was before the instructions moved to their own sheet: the note
    in the first row (over the whole table), the header in the second."""
    if sheet.suffix == ".csv":
        text = sheet.read_bytes().decode("utf-8-sig")
        sheet.write_bytes(("\ufeff" + f'"{notice_note}"\r\n' + text).encode("utf-8"))
        return
    from openpyxl import load_workbook

    book = load_workbook(sheet)
    del book["填写说明"]
    table = book["进度"]
    table.insert_rows(1)
    table["A1"] = notice_note
    book.save(sheet)


def test_messages_on_an_old_template_name_its_own_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = sample_copy(tmp_path)
    for name in ("进度.xlsx", "进度.csv"):
        made = BEFORE_CLAUSE / f"ceshi-lu-jindu{Path(name).suffix}"
        sheet = fill(load(data), "ceshi-lu", tmp_path / name, [{**FILLED[0], "累计完成": "约12"}, FILLED[1]], template=made)
        _old_layout(sheet, note(load(data)))
        assert _import(tmp_path, sheet, monkeypatch) == 1
        # the header is the file's row 2, so the first figure is row 3, as the clerk sees it
        assert capsys.readouterr().err.startswith(f"{name} 第3行 累计完成列：应为数字，实际为“约12”\n")


@pytest.mark.parametrize("other", [(2100, "测政〔2100〕3号"), (2099, "测政〔2099〕7号"), (2100, "测政〔2099〕1号")])
@pytest.mark.parametrize("name", ["进度.xlsx", "进度.csv"])
def test_a_whole_template_of_another_notice_is_refused_and_nothing_written(
    name: str, other: tuple[int, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A template downloaded from another year's site (or another notice's), filled with
    # figures that would pass every other check: a different year, 文号, or both.
    import dataclasses

    data = sample_copy(tmp_path)
    before = data.read_bytes()
    ours = load(data)
    year, number = other
    theirs = dataclasses.replace(ours, document=dataclasses.replace(ours.document, year=year, number=number))
    sheet = fill(theirs, "ceshi-lu", tmp_path / name, FILLED)
    assert _import(tmp_path, sheet, monkeypatch) == 1
    assert capsys.readouterr().err == (
        f"{name} 第2行 通知列：进度表属于 {year} 年的通知（{number}），不能导入 data/projects.yaml"
        "（2099 年的通知 测政〔2099〕1号）；请导入那份通知的数据文件，或从网站下载本通知的填报表重新填写\n"
        f"错误：{name} 有 1 处错误，数据文件没有改动。\n"
    )
    assert data.read_bytes() == before
