"""The draft continues the site's previous notice: a project of the same name keeps its id
and says ``continues``; a figure continues one that counts the same thing in the same words
and unit, and only then. Drafted from a fictional 2021 notice (tests/fixtures/draft/
notice-2021.txt, 虚构) against the real 2020 data, the draft checks together with it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from drafting import draft, run, without_draft_line

from generator.data.notices import load_all
from generator.draft.earlier import Earlier, Match
from generator.model import Notice
from generator.site import planner

FICTIONAL_2021 = ROOT / "tests" / "fixtures" / "draft" / "notice-2021.txt"
REAL_2020 = ROOT / "data" / "projects.yaml"
NOTICES = ROOT / "tests" / "fixtures" / "notices"


def site_of(folder: Path, *data: Path) -> None:
    """A mkdocs.yml in ``folder`` that lists ``data`` as the site's notices."""
    listed = "".join(f"        - {d.as_posix()}\n" for d in data)
    (folder / "mkdocs.yml").write_text(f"plugins:\n  - minsheng:\n      notices:\n{listed}", encoding="utf-8")


@pytest.fixture(scope="module")
def real() -> Notice:
    return load_all(ROOT, ["data/projects.yaml"])[0]


def continued(data: dict[str, Any]) -> dict[str, Any]:
    """Each drafted project's continues, and its figures' (by what they count)."""
    return {
        p["id"]: (p.get("continues"), {i["counts"]: i["continues"] for i in p["indicators"] if "continues" in i})
        for p in data["projects"]
    }


def test_a_fictional_2021_notice_continues_the_2020_projects_of_its_names_and_checks_with_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_of(tmp_path, REAL_2020)
    monkeypatch.chdir(tmp_path)
    data = draft(FICTIONAL_2021, Path("2021.yaml"))
    assert continued(data) == {
        "laonian-zhucan-fuwu": (None, {}),
        "jiben-yibao": ({"year": 2020, "project": "jiben-yibao"},
                        {"城乡居民基本医保参保率": "canbaolv", "政策范围内住院费用报销比例": "zhuyuan-baoxiao"}),
        "weifang-gaizao": ({"year": 2020, "project": "weifang-gaizao"}, {}),
        "falv-yuanzhu": ({"year": 2020, "project": "falv-yuanzhu"}, {"办理法律援助案件": "anjian"}),
        "yanglao-baoxian": ({"year": 2020, "project": "yanglao-baoxian"},
                            {"当年缴费人数": "jiaofei-renshu", "符合待遇领取条件的人员养老金发放率": "fafanglv"}),
    }  # fmt: skip
    lines = [line.strip() for line in Path("2021.yaml").read_text(encoding="utf-8").splitlines()]
    for line in [
        '- id: "weifang-gaizao"  # 待核对：编号沿用 2020 年的同名项目，历年网址一致；编号是网址的一部分，发布后不能再改',
        'continues: {year: 2020, project: "weifang-gaizao"}  # 待核对：按名称对应 2020 年的同名项目；'
        "若不是同一项工程，可改成别的项目，或删去这一行和各指标的 continues",
        'continues: "anjian"  # 待核对：说明文字和单位与 2020 年的指标 anjian 相同，按此对应，请核对',
        # the same unit in other words: left to a person, who is told which figure it may be
        'unit: "户"  # 待核对：2020 年的项目 weifang-gaizao 中单位同为“户”的指标只有 xinzeng-gaizao（新增农村危房改造任务），'
        "没有把握是同一件事，没有写 continues；若是，请加一行 continues: xinzeng-gaizao",
        'unit: "%"  # 待核对：2020 年的项目 jiben-yibao 中单位同为“%”的指标只有 menzhen-baoxiao（普通门诊政策内报销比例），'
        "没有把握是同一件事，没有写 continues；若是，请加一行 continues: menzhen-baoxiao",
    ]:
        assert line in lines
    notices = load_all(tmp_path, [REAL_2020.as_posix(), without_draft_line(Path("2021.yaml")).name])
    assert [n.document.year for n in notices] == [2020, 2021]
    planned = planner.site(notices, root_year=2020)
    assert "programmes/yanglao-baoxian/index.md" in planned.by_src  # the two years side by side
    assert "programmes/laonian-zhucan-fuwu/index.md" not in planned.by_src


def test_a_kept_id_is_never_taken_by_a_new_project_drafted_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """危房改造 spells weifang-gaizao in pinyin, the id 农村危房改造 keeps from 2020."""
    site_of(tmp_path, REAL_2020)
    (tmp_path / "n.txt").write_text(FICTIONAL_2021.read_text(encoding="utf-8").replace("老年助餐服务", "危房改造"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = draft(Path("n.txt"), Path("n.yaml"))
    assert [p["id"] for p in data["projects"]][:3] == ["weifang-gaizao-2", "jiben-yibao", "weifang-gaizao"]


def test_without_an_earlier_notice_on_the_site_nothing_continues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml
    data = draft(FICTIONAL_2021, Path("alone.yaml"))
    assert all(c == (None, {}) for c in continued(data).values())
    assert "weifang-gaizao" not in [p["id"] for p in data["projects"]]  # 农村危房改造 in pinyin
    assert "nongcun-weifang-gaizao" in [p["id"] for p in data["projects"]]


def test_the_notice_before_the_draft_s_year_is_the_one_continued() -> None:
    notices = load_all(ROOT, ["data/projects.yaml", "tests/fixtures/notices/2021.yaml"])
    assert [Earlier.of(notices, y).year if Earlier.of(notices, y) else None for y in (2020, 2021, 2022)] == [None, 2020, 2021]  # type: ignore[union-attr]
    assert Earlier.of(notices, None) is None


def test_a_name_is_matched_once_and_only_exactly(real: Notice) -> None:
    earlier = Earlier.of([real], 2021)
    assert earlier is not None
    found = earlier.match(["农村危房改造", "农村危房改造", "危房改造", None])
    assert [m.project.id if m else None for m in found] == ["weifang-gaizao", None, None, None]


@pytest.mark.parametrize(
    ("project", "drafted", "counts", "unit", "continues", "note"),
    [
        ("falv-yuanzhu", [("办理法律援助案件", "件")], "办理法律援助案件", "件", "anjian",
         "说明文字和单位与 2020 年的指标 anjian 相同，按此对应，请核对"),
        ("falv-yuanzhu", [("办理 法律援助案件", "件")], "办理 法律援助案件", "件", "anjian",  # spaces aside
         "说明文字和单位与 2020 年的指标 anjian 相同，按此对应，请核对"),
        # the same words in another unit: nothing of that unit to point at
        ("falv-yuanzhu", [("办理法律援助案件", "人")], "办理法律援助案件", "人", None, None),
        # two drafted figures in the same words: neither is sure
        ("falv-yuanzhu", [("办理法律援助案件", "件")] * 2, "办理法律援助案件", "件", None,
         "2020 年的项目 falv-yuanzhu 中单位同为“件”的指标只有 anjian（办理法律援助案件），没有把握是同一件事，"
         "没有写 continues；若是，请加一行 continues: anjian"),
        # several of the unit, none in the same words; the one certainly taken is not offered
        ("jiben-yibao", [("参保率", "%"), ("政策范围内住院费用报销比例", "%")], "参保率", "%", None,
         "2020 年的项目 jiben-yibao 中单位同为“%”的指标有 canbaolv（城乡居民基本医保参保率）、"
         "menzhen-baoxiao（普通门诊政策内报销比例），没有把握是哪一个，没有写 continues；"
         "若其中一个统计同一件事，请加一行 continues: 它的编号"),
    ],
)  # fmt: skip
def test_a_figure_continues_only_one_in_the_same_words_and_unit(
    real: Notice, project: str, drafted: list[tuple[str, str]], counts: str, unit: str, continues: str | None, note: str | None
) -> None:
    figures = Match(2020, real.project(project)).figures(drafted)
    assert figures.of(counts, unit) == (continues, note)


def test_a_site_whose_data_has_mistakes_is_refused_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "2020.yaml"
    broken.write_text(REAL_2020.read_text(encoding="utf-8").replace("year: 2020", "year: 二〇二〇", 1), encoding="utf-8")
    site_of(tmp_path, broken)
    monkeypatch.chdir(tmp_path)
    done = run("draft", str(FICTIONAL_2021), "--output", "out.yaml")
    assert (done.code, done.out) == (1, "")
    assert done.err == (
        f"错误：mkdocs.yml 所列的通知有数据错误（{broken.as_posix()}），无法对照往年的项目："
        "请先运行 make check 改正；没有写入任何文件。\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2020.yaml", "mkdocs.yml"]
