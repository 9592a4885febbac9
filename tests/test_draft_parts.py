"""The parts of the drafter on their own: figures and their clause, ids, text clean-up and
the annex rows."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.draft import annex, figures, ids
from generator.draft.build import draft
from generator.draft.read_txt import read
from generator.draft.source import clean


def only(target: str) -> figures.Figure:
    [figure] = [f for f in figures.find(target) if not f.reason]
    return figure


@pytest.mark.parametrize(
    ("target", "clause"),
    [
        ("基本生活标准不低于当地上年度城乡居民人均消费性支出的60%，原则上", "不低于当地上年度城乡居民人均消费性支出的60%"),
        ("一类县农村户用厕所无害化普及率达90%以上，厕所粪污", "一类县农村户用厕所无害化普及率达90%以上"),
        ("救助对象约598人次，实行动态管理", "约598人次"),
        ("报销比例稳定在75%左右；普通门诊", "75%左右"),
        ("每个省辖市打造不少于1个省级智慧养老示范机构", "每个省辖市打造不少于1个"),
        ("县乡公路大中修里程按照7%的比例，预计实施62公里，地方", "7%"),
        ("低保标准目标6639元/年人，在此基础上", "6639元/年人"),
    ],
)
def test_the_clause_is_the_shortest_span_with_qualifier_unit_and_scope(target: str, clause: str) -> None:
    figure = next(f for f in figures.find(target) if not f.reason)
    assert figures.clause(target, figure) == clause
    assert clause in target


@pytest.mark.parametrize(
    ("target", "value", "unit", "direction"),
    [
        ("新培育23个以上农产品", "23", "个", "at-least"),
        ("补贴覆盖面不低于50%；", "50", "%", "at-least"),
        ("预计实施62公里，", "62", "公里", "about"),
        ("婚检率稳定在85%左右，", "85", "%", "about"),
        ("自付费用不超过0.8万元。", "0.8", "万元", "cap"),
        ("新打机井3眼，", "3", "眼", "exactly"),
        ("惠及学生/人，", "/", "人", "exactly"),
    ],
)
def test_a_figure_takes_its_unit_and_direction_from_the_notice_s_words(
    target: str, value: str, unit: str, direction: str
) -> None:
    figure = only(target)
    assert (figure.value, figure.unit, figure.direction) == (value, unit, direction)


def test_a_list_of_numbers_shares_the_last_unit_and_the_first_qualifier() -> None:
    target = "个人年度自付费用在县域内、市级、省级医院分别不超过0.3、0.5、1万元，剩余费用"
    found = figures.find(target)
    assert [(f.value, f.unit, f.direction) for f in found] == [("0.3", "万元", "cap"), ("0.5", "万元", "cap"), ("1", "万元", "cap")]
    assert "单位“万元”取自同列最后一个数字，请核对" in found[0].review


@pytest.mark.parametrize(
    ("target", "quote", "reason"),
    [
        ("2020年底，具备条件的", "2020年底", "期限"),
        ("2020年，新培育", "2020年", "年份"),
        ("组织16-24岁失业青年", "16-24岁", "范围"),
        ("参加3-12个月的就业见习", "3-12个月", "范围"),
        ("等4类重点对象", "4类", "分类"),
        ("保障制度（“351”）。", "（“351”）", "政策简称"),
        ("个人1个年度内慢性病", "1个年度", "期限"),
    ],
)
def test_numbers_that_are_not_targets_say_why(target: str, quote: str, reason: str) -> None:
    [figure] = figures.find(target)
    assert (target[figure.start : figure.end], figure.reason) == (quote, reason)


def test_a_quote_stands_once_in_its_target_and_holds_its_number_first() -> None:
    target = "分别为每人每年800元、400元。补助800元"
    for figure in figures.find(target):
        quoted = figures.quote(target, figure)
        assert target.count(quoted) == 1
        assert re.search(rf"(?<![\d.]){re.escape(figure.value)}", quoted).start() == quoted.index(figure.value)  # type: ignore[union-attr]


def test_ids_are_pinyin_words_unique_and_short() -> None:
    assert ids.pinyin_id("“四带一自”产业扶贫", 3) == "sidai-yizi-chanye"
    assert ids.pinyin_id("强化责任落实", 2) == "qianghua-zeren"
    long = ids.pinyin_id("城" * 80, 40)
    assert len(long) <= ids.MAX_LENGTH and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", long)
    names = ids.Names({"dibao"})
    assert [names.unique("dibao"), names.unique("dibao"), names.unique("x" * 64)] == ["dibao-2", "dibao-3", "x" * 64]
    assert len(names.unique("x" * 64)) == 64


def test_extraction_spaces_go_and_latin_words_stay() -> None:
    assert clean("关于 2020 年实施 33 项 民生工程") == "关于2020年实施33项民生工程"
    assert clean("思 想 a n d 党 的") == "思想 and 党的"
    assert clean("思想 and 党的十九大") == "思想 and 党的十九大"


def test_annex_rows_with_merged_cells_become_sub_items() -> None:
    rows: list[list[tuple[str, ...] | None]] = [
        [("序号",), ("项目",), ("目标任务",)],
        [("5",), ("困难群", "众救助"), ("城乡最", "低生活"), ("保障低保对象9650人。",)],
        [None, None, ("临时", "救助"), ("临时救助约1300人次，",)],
        [None, None, None, ("救助对象全部建档。",)],
        [("6",), None, ("保障孤儿550名。",)],
    ]
    first, second = annex.parse(rows)
    assert (first.seq, first.name) == (5, "困难群众救助")
    assert [(r.name, r.target) for r in first.rows] == [
        ("城乡最低生活", "保障低保对象9650人。"),
        ("临时救助", "临时救助约1300人次，救助对象全部建档。"),
    ]
    assert (second.seq, second.name, second.rows[0].target) == (6, None, "保障孤儿550名。")


SPECIAL = "“”：:#'\"\\{}[]&*!|>%@`-—、，。；/0123456789元人%"


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(set("民生工程目标任务补助" + SPECIAL))) | st.characters(
    blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=60))
def test_any_text_of_a_notice_comes_back_from_the_draft_as_it_was(text: str) -> None:
    """Text is text: whatever a cell holds is written as a YAML string and read back unchanged."""
    from generator.draft import write
    from generator.draft.source import Source

    source = read(ROOT / "tests" / "fixtures" / "draft" / "notice-2031.txt")
    hostile = Source(paragraphs=source.paragraphs, rows=[*source.rows[:1], [("1",), ("项目" + text,), (text + "。",)],
                                                        *source.rows[2:]])
    data = draft(hostile)
    loaded = yaml.safe_load(write.render(data, "x.txt", "schema.json"))
    first = loaded["projects"][0]
    assert first["name"] == clean("项目" + text)
    assert first["target"] == clean(text + "。")


def test_a_text_saved_as_gbk_reads_as_the_same_notice(tmp_path: Path) -> None:
    fictional = ROOT / "tests" / "fixtures" / "draft" / "notice-2031.txt"
    gbk = tmp_path / "notice-gbk.txt"
    gbk.write_bytes(fictional.read_text(encoding="utf-8").encode("gb18030"))
    assert read(gbk) == read(fictional)


def test_a_file_too_large_for_a_notice_is_not_read(tmp_path: Path) -> None:
    from generator.draft.read import read as read_any
    from generator.draft.source import DraftError

    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(51 * 1024 * 1024)  # sparse: takes no disk
    with pytest.raises(DraftError, match=r"^big.txt 超过 50 MB，不像一份通知，没有读取$"):
        read_any(big)
