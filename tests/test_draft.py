"""``python -m generator draft`` from the notice as text: the 2020 notice reproduces the
hand-made data, its draft passes ``check``, a fictional notice of another year drafts too,
and what cannot be drafted is refused in Chinese with nothing written."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from drafting import SOURCE_2020, a_site, assert_floors, draft, measure, run, without_draft_line

FICTIONAL = ROOT / "tests" / "fixtures" / "draft" / "notice-2031.txt"


def test_the_2020_text_drafts_into_the_hand_made_data(tmp_path: Path) -> None:
    score = measure(SOURCE_2020, tmp_path / "draft.yaml", "taizheng-2020-10.txt")
    assert score.names == (33, 33)
    assert_floors(score)


def test_the_draft_of_the_clean_2020_text_passes_check_once_the_draft_line_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    draft(SOURCE_2020, out)
    text = out.read_text(encoding="utf-8")
    assert "\ndraft: true  # 草稿：核对完全部“待核对”后删去这一行\n" in text
    assert text.count("# 待核对：") > 134  # every figure's direction at least
    checked = run("check", str(without_draft_line(out)), "--no-record")
    assert checked.code == 0, checked.err
    assert "项目 33 个（新增 3、完善 5、继续实施 25），子项 14 个，指标 134 个" in checked.out


def test_what_to_confirm_stands_next_to_the_value(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    draft(SOURCE_2020, out)
    lines = [line.strip() for line in out.read_text(encoding="utf-8").splitlines()]
    assert 'direction: "cap"  # 待核对：据原文“不超过”定为 cap' in lines
    assert '- id: "sidai-yizi-chanye"  # 待核对：编号由名称拼音生成，是网址的一部分，发布后不能再改' in lines
    assert 'name_in_annex: false  # 待核对：附件本项未印项目名称，名称取自正文第四部分，请核对' in lines
    # a value the checker needs exactly as printed is never guessed silently
    assert all("# 待核对：" in line for line in lines if line.startswith(("direction:", "counts:")))


EXPECTED_2031 = [  # (序号, 名称, 类别, [(子项, [(数值, 单位, 方向)])]) as the fictional notice prints them
    (1, "乡村供水保障", "new", [(None, [("12", "座", "exactly"), ("3", "眼", "exactly"),
                                       ("92", "%", "at-least"), ("4.6", "万人", "about")])]),
    (2, "老年助餐服务", "new", [(None, [("40", "个", "at-least"), ("3", "元", "exactly"),
                                       ("52000", "人次", "about")])]),
    (3, "学生营养膳食", "improved", [(None, [("8120", "名", "exactly"), ("5", "元", "exactly"),
                                          ("100", "%", "exactly")])]),
    (4, "就业技能培训", "continued", [(None, [("900", "人次", "exactly"), ("85", "%", "at-least"),
                                           ("/", "人", "exactly")])]),
    (5, "困难群众救助", "continued", [("城乡最低生活保障", [("9650", "人", "exactly"), ("7800", "元", "at-least")]),
                                     ("临时救助", [("1300", "人次", "about")])]),
    (6, "城乡居民医疗保险", "continued", [(None, [("96", "%", "about"), ("70", "%", "about"),
                                               ("0.8", "万元", "cap")])]),
    (7, "文化体育惠民", "continued", [(None, [("120", "场", "exactly"), ("15", "个", "exactly")])]),
    (8, "危旧房屋改造", "continued", [(None, [("260", "户", "exactly")])]),
]


def test_a_fictional_notice_of_another_year_drafts_and_passes_check(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    data = draft(FICTIONAL, out)
    doc = data["document"]
    assert (doc["year"], doc["number"], doc["date"], doc["region"]) == (2031, "虚政〔2031〕7号", "2031-03-15", "虚构县")
    got = [
        (p["seq"], p["name"], p["category"],
         [(r.get("name") if "items" in p else None, [(i["value"], i["unit"], i["direction"]) for i in r["indicators"]])
          for r in p.get("items") or [p]])
        for p in data["projects"]
    ]
    assert got == EXPECTED_2031
    # a row broken over a page goes on in the row above; years and ranges are not targets
    items = data["projects"][4]["items"]
    assert items[1]["target"] == "临时救助约1300人次，救助对象在2031年底前全部建档。"
    assert [(n["quote"], n["reason"]) for n in items[1]["not_targets"]] == [("救助对象在2031年底前", "期限")]
    assert [n["reason"] for n in data["projects"][6]["not_targets"]] == ["范围"]
    assert "单位“眼”为猜测" in out.read_text(encoding="utf-8")
    checked = run("check", str(without_draft_line(out)), "--no-record")
    assert checked.code == 0, checked.err


REFUSALS = {
    "old.doc": "old.doc 是旧版 Word 文件（.doc），无法读取：请在 Word 中“另存为”.docx 格式后再试",
    "minutes.txt": "minutes.txt 不像一份通知：找不到文号（如“某政〔2031〕10号”）或标题（“……关于……的通知”）",
    "broken.docx": "broken.docx 不是有效的 Word 文件（.docx），无法读取",
    "broken.pdf": "broken.pdf 不是有效的 PDF 文件，无法读取",
    "notice.odt": "notice.odt 的格式无法读取：请提供 .docx、.pdf 或 .txt 文件",
}


def _bad_file(path: Path) -> None:
    contents = {
        ".doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),  # an OLE2 compound file
        ".txt": "会议纪要\n\n今天开会讨论了三件事。\n".encode(),
        ".docx": b"PK this is not a zip archive",
        ".pdf": b"%PDF-1.4 no objects at all",
        ".odt": b"PK\x03\x04",
    }
    path.write_bytes(contents[path.suffix])


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_what_cannot_be_drafted_is_refused_in_chinese_and_nothing_is_written(tmp_path: Path, name: str) -> None:
    _bad_file(tmp_path / name)
    done = run("draft", str(tmp_path / name), "--output", str(tmp_path / "out.yaml"))
    assert (done.code, done.out) == (1, "")
    assert done.err == f"错误：{REFUSALS[name]}；没有写入任何文件。\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    done = run("draft", str(tmp_path / "通知.docx"), "--output", str(tmp_path / "out.yaml"))
    assert (done.code, done.err) == (1, f"错误：找不到文件 {tmp_path / '通知.docx'}；没有写入任何文件。\n")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "reviewed.yaml"
    out.write_text("# 已核对了一半的草稿\n", encoding="utf-8")
    done = run("draft", str(SOURCE_2020), "--output", str(out))
    assert done.code == 1
    assert done.err == f"错误：{out} 已存在，没有覆盖：请换一个文件名（--output），或先移走原文件；没有写入任何文件。\n"
    assert out.read_text(encoding="utf-8") == "# 已核对了一半的草稿\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviewed.yaml"]  # no temporary left


def test_make_draft_passes_the_file_names_as_they_are(tmp_path: Path) -> None:
    """Spaces, quotes, ; and $(…) in a name reach the program untouched, and run nothing."""
    odd = tmp_path / "通知 (2031);'$(touch INJECTED)`touch TICKED`.txt"
    odd.write_bytes(FICTIONAL.read_bytes())
    out = tmp_path / "草稿 'x'.yaml"
    done = subprocess.run(["make", "-s", "draft", f"FILE={odd}", f"OUTPUT={out}"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == str(out)
    assert out.is_file()
    assert not (ROOT / "INJECTED").exists() and not (ROOT / "TICKED").exists()
    assert not (tmp_path / "INJECTED").exists() and not (tmp_path / "TICKED").exists()


def test_the_guide_shows_what_drafting_and_checking_print(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8").splitlines()
    a_site(tmp_path)
    (tmp_path / "notice-2031.txt").write_bytes(FICTIONAL.read_bytes())
    monkeypatch.chdir(tmp_path)
    drafted = run("draft", "notice-2031.txt")
    out = Path(drafted.out.splitlines()[-1])
    text = out.read_text(encoding="utf-8")
    checked = run("check", "--docs", str(ROOT / "docs"), str(out))  # as make check DATA=… does, during review
    assert checked.code == 0, checked.err
    shown = [*drafted.out.splitlines(), *checked.out.splitlines()]
    lines = text.splitlines()
    at = next(k for k, line in enumerate(lines) if '"xinda-jijing"' in line)
    shown += lines[at : at + 6]  # the guide's example of what to confirm
    missing = [line for line in shown if line.strip() and line not in guide]
    assert not missing, "docs/guide.md 没有照实显示这些输出：\n" + "\n".join(missing)


def test_a_messier_notice_drafts_and_check_lists_what_a_person_must_decide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No 抄送 and 印发 lines, and a section whose count the annex does not bear out."""
    text = FICTIONAL.read_text(encoding="utf-8")
    text = text.replace("抄送：县委办公室、县人大常委会办公室、县政协办公室\n", "").replace("2031 年 3 月 15 日印发", "")
    text = text.replace("四、继续实施 5 项民生工程", "四、继续实施 6 项民生工程")
    (tmp_path / "messy.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    drafted = run("draft", "messy.txt", "--output", "messy.yaml")
    assert drafted.code == 0, drafted.err
    assert "  # 待核对：原文中没有找到这些字段，请照原文补上：copied_to、office、printed\n" in Path("messy.yaml").read_text(encoding="utf-8")
    checked = run("check", "--no-record", str(without_draft_line(Path("messy.yaml"))))
    assert checked.code == 1
    assert checked.err.splitlines() == [
        "messy-checked.yaml:8: document.copied_to: 通知 的 抄送：缺少必填字段 'copied_to'（抄送）",
        "messy-checked.yaml:8: document.office: 通知 的 印发机关：缺少必填字段 'office'（印发机关）",
        "messy-checked.yaml:8: document.printed: 通知 的 印发日期：缺少必填字段 'printed'（印发日期，照原文书写）",
        "messy-checked.yaml:49: categories[2].count: 类别“继续实施” 的 项目数：“继续实施”类通知称有 6 个项目，"
        "但清单中有 5 个（序号 4、5、6、7、8）",
        "错误：messy-checked.yaml 有 4 处数据错误。",
    ]


def test_what_the_notice_does_not_say_is_left_for_check_to_ask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No 调整和退出 section: nothing is made up for it. A project printed without its name
    takes the one name of the body that no annex row has."""
    text = FICTIONAL.read_text(encoding="utf-8")
    text = text.replace("三、调整和退出 1 项民生工程\n\n农村道路养护机制已健全，转为部门日常工作，退出民生工程。\n\n", "")
    text = text.replace("\t城乡居民医疗保险\t\t", "\t\t\t")
    (tmp_path / "n.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = draft(Path("n.txt"), Path("n.yaml"))
    assert data["retired"] == {}
    sixth = data["projects"][5]
    assert (sixth["name"], sixth["name_in_annex"], sixth["category"]) == ("城乡居民医疗保险", False, "continued")
    checked = run("check", "--no-record", str(without_draft_line(Path("n.yaml"))))
    assert checked.code == 1
    assert [line.split(": ", 1)[1] for line in checked.err.splitlines()[:-1]] == [
        "retired.count: 调整和退出部分 的 项目数：缺少必填字段 'count'（通知所称调整和退出项目数）",
        "retired.heading: 调整和退出部分 的 标题：缺少必填字段 'heading'（正文中的标题）",
        "retired.programmes: 调整和退出部分 的 退出项目：缺少必填字段 'programmes'（各调整和退出项目）",
        "retired.text: 调整和退出部分 的 原文：缺少必填字段 'text'（正文段落，照抄原文）",
    ]
