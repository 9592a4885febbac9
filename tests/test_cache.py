"""Slow outputs kept in the build cache (generator/cache.py): the same bytes as made
anew, made once, and made again when anything that decides their bytes changes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator import cache, sheets
from generator.model import Notice
from generator.site import planner, qr, render
from generator.urls import Urls

URL = "https://minsheng.example.gov.cn/projects/dibao/"
TITLE = f"12．城乡最低生活保障：{URL}"


def _never(*args: object) -> bytes:
    raise AssertionError("an output in the cache was made again")


def test_cached_qr_code_is_byte_identical_to_a_drawn_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = qr.svg(URL, TITLE)
    stored = qr.svg(URL, TITLE, tmp_path)  # drawn and stored
    assert [p.name for p in (tmp_path / "qr").iterdir()] == [f"{qr.key(URL, TITLE)}.svg"]
    monkeypatch.setattr(qr, "draw", _never)
    reused = qr.svg(URL, TITLE, tmp_path)
    assert drawn.encode() == stored.encode() == reused.encode()
    assert drawn.startswith("<?xml") and f"<title>{TITLE}</title>" in drawn


def test_qr_key_changes_with_url_title_segno_version_and_drawing_code(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = {qr.key(URL, TITLE), qr.key(URL + "x", TITLE), qr.key(URL, TITLE + "x")}
    monkeypatch.setattr(cache, "package", lambda name: "0.0.0")
    keys.add(qr.key(URL, TITLE))
    monkeypatch.setattr(cache, "source", lambda path: "other code")
    keys.add(qr.key(URL, TITLE))
    assert len(keys) == 5


def test_cached_workbooks_are_byte_identical_to_made_ones(
    sample_notice: Notice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = dict(sheets.outputs(Urls(), sample_notice))
    workbooks = [path for path in made if path.endswith(".xlsx")]
    assert len(workbooks) > 1  # every project's and the whole notice's
    fresh = {path: made[path]() for path in workbooks}
    stored = {path: make() for path, make in sheets.outputs(Urls(), sample_notice, tmp_path) if path in fresh}
    assert len(list((tmp_path / "xlsx").iterdir())) == len(workbooks)
    import generator.sheets.workbook

    monkeypatch.setattr(generator.sheets.workbook, "workbook_bytes", _never)
    reused = {path: make() for path, make in sheets.outputs(Urls(), sample_notice, tmp_path) if path in fresh}
    assert fresh == stored == reused


def test_workbook_key_changes_with_a_figure_the_name_and_the_code(
    sample_notice: Notice, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = next(p for p in sample_notice.projects if not p.items and sheets.has_template(p))
    figure = next(i for i in project.indicators if i.has_figure)
    other = dataclasses.replace(figure, value=f"{figure.value}1")
    changed = dataclasses.replace(project, indicators=tuple(other if i is figure else i for i in project.indicators))
    renamed = dataclasses.replace(project, name=project.name + "（改）")
    keys = {sheets.workbook_key(sample_notice, p) for p in (project, changed, renamed)}
    keys.add(sheets.workbook_key(sample_notice, None))
    assert sheets.workbook_key(sample_notice, project) == sheets.workbook_key(sample_notice, project)
    monkeypatch.setattr(cache, "source", lambda path: "other code")
    keys.add(sheets.workbook_key(sample_notice, project))
    assert len(keys) == 5


def test_a_cache_that_cannot_be_written_still_gives_the_output(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert qr.svg(URL, TITLE, blocked) == qr.svg(URL, TITLE)
    assert list(tmp_path.iterdir()) == [blocked]  # no stray temporary file either


def test_pages_rendered_with_compiled_templates_from_the_cache_are_the_same(
    sample_notice: Notice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = planner.make(sample_notice, "https://example.org/")
    cached = planner.make(sample_notice, "https://example.org/", None, tmp_path)
    expected = [render.render(plain, page) for page in plain.pages]
    assert [render.render(cached, page) for page in cached.pages] == expected
    compiled = list((tmp_path / "jinja").iterdir())
    assert len(compiled) >= len({page.template for page in plain.pages})
    fresh = render.environment.__wrapped__(tmp_path)  # as in the next build's process

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("a template in the cache was compiled again")

    monkeypatch.setattr(fresh, "compile", no_compiling)
    for name in {page.template for page in plain.pages}:
        fresh.get_template(name)


def test_a_cached_qr_code_with_a_script_added_is_drawn_again(tmp_path: Path) -> None:
    drawn = qr.svg(URL, TITLE, tmp_path)
    stored = tmp_path / "qr" / f"{qr.key(URL, TITLE)}.svg"
    stored.write_bytes(stored.read_bytes().replace(b"</svg>", b"<script>alert(1)</script></svg>"))
    again = qr.svg(URL, TITLE, tmp_path)
    assert again == drawn and "<script" not in again
    assert cache.unsealed(stored.read_bytes()) == drawn.encode()  # and the cache repaired


def test_a_truncated_cached_workbook_is_made_again(sample_notice: Notice, tmp_path: Path) -> None:
    fresh = {path: make() for path, make in sheets.outputs(Urls(), sample_notice) if path.endswith(".xlsx")}
    stored = {path: make() for path, make in sheets.outputs(Urls(), sample_notice, tmp_path) if path in fresh}
    for file in (tmp_path / "xlsx").iterdir():
        file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])
    again = {path: make() for path, make in sheets.outputs(Urls(), sample_notice, tmp_path) if path in fresh}
    assert again == stored == fresh
    assert all(cache.unsealed(f.read_bytes()) is not None for f in (tmp_path / "xlsx").iterdir())


def test_a_file_cached_before_hashes_were_kept_is_not_trusted(tmp_path: Path) -> None:
    (tmp_path / "qr").mkdir()
    (tmp_path / "qr" / f"{qr.key(URL, TITLE)}.svg").write_text("<svg><script>alert(1)</script></svg>")
    assert qr.svg(URL, TITLE, tmp_path) == qr.svg(URL, TITLE)


def test_a_truncated_compiled_template_is_compiled_again(tmp_path: Path) -> None:
    from jinja2 import Environment, PackageLoader

    def footer() -> str:
        env = Environment(loader=PackageLoader("generator", "templates"), bytecode_cache=render.compiled(tmp_path))
        context = {"title": "标题", "canonical": "https://x/", "target": "../x/", "script": "r.js", "anchors": {}}
        return env.get_template("redirect.html.j2").render(**context)

    first = footer()
    compiled = list((tmp_path / "jinja").iterdir())
    assert compiled
    for file in compiled:
        file.write_bytes(file.read_bytes()[:40])  # cut short, as by a full disk
    assert footer() == first  # no UnpicklingError: compiled again
    assert all(cache.unsealed(f.read_bytes()) is not None for f in compiled)
    for file in compiled:
        file.write_bytes(b"")
    assert footer() == first
