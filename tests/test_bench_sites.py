"""The data the benchmarks and the size tests generate (bench/sites.py): valid, and never
mistaken for the real notice. Every fictional notice says 虚构 in its own text."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

from generator.data import load, load_bytes
from generator.model import Notice

sys.path.insert(0, str(ROOT / "bench"))
import sites  # bench/sites.py


def loaded(data: sites.Data) -> Notice:
    return load_bytes(sites._text(data).encode("utf-8"), "generated.yaml")


def test_a_fictional_notice_says_so_in_its_title_number_preamble_and_every_target() -> None:
    notice = loaded(sites.with_reports(sites.fictional(sites.real(), 2031, 45), final=True))
    doc = notice.document
    assert (doc.year, len(notice.projects), doc.project_count) == (2031, 45, 45)
    for text in (doc.title, doc.number, doc.preamble, doc.annex_title):
        assert "虚构" in text, text
    for project in notice.projects:
        targets = [row.target for row in project.rows]
        assert targets and all("虚构" in target for target in targets), project.id
        assert all("虚构" in report.source for report in project.reports), project.id
    assert sum(bool(p.reports) for p in notice.projects) > 20


def test_copies_beyond_the_real_projects_repeat_none_of_their_words() -> None:
    data = sites.fictional(sites.real(), 2031, 60)
    first, copy = data["projects"][0], data["projects"][33]
    assert copy["id"] == f"{first['id']}-2" and "虚构第2份" in copy["name"]
    # no run of 4 characters with Chinese in it comes again, but the mark both carry
    original, copied = (p["target"].removesuffix(sites.FICTION) for p in (first, copy))
    runs = {original[i : i + 4] for i in range(len(original) - 3)}
    assert not [run for run in runs if run in copied and any("\u4e00" <= c <= "\u9fff" for c in run)]
    assert len(copied) == len(original)


def test_each_year_continues_the_one_before() -> None:
    notice = loaded(sites.fictional(sites.real(), 2032, 45, earlier=2031))
    assert {p.continues.year for p in notice.projects if p.continues} == {2031}
    assert all(p.continues for p in notice.projects)


def test_a_fictional_site_is_written_with_its_lock(tmp_path: Path) -> None:
    files = sites.fictional_site(tmp_path / "data", 2, 34)
    assert [f.name for f in files] == ["2031.yaml", "2032.yaml"]
    assert all(f.read_text(encoding="utf-8").startswith("# 虚构的基准测试数据") for f in files)
    assert [load(f).document.year for f in files] == [2031, 2032]
    config = sites.config(tmp_path / "mkdocs.yml", "测试", ROOT / "docs", files)
    sites.lock(config)
    locked = (tmp_path / "data" / "urls.lock").read_text(encoding="utf-8")
    assert "2032/projects/sidai-yizi-2/" in locked


def test_the_synthetic_copies_still_pass_the_check() -> None:
    notice = loaded(sites.synthetic(sites.real(), 2))
    assert len(notice.projects) == 66 and notice.projects[33].id == "x002-sidai-yizi"
