"""``make serve`` rebuilds (``mkdocs serve --dirty``, generator/rebuild.py): after an edit,
the site folder holds exactly what a build from scratch of the edited data makes, file by
file, while only the pages the edit touched were written again.

The builds run in this process as ``mkdocs serve`` runs them (one plugin object, started
as for serve, MkDocs' dirty build into the one site folder), of copies of the invented
sample site and of the two-notice fixture (2020 real, 2021 虚构). The build from scratch is
the same code with nothing remembered (no page kept, none rendered before, no notice read
before), into another folder. The search index, written in
the background, is left out of the comparison.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import samplesite
from conftest import ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from generator.data.load import _loaded, load_bytes
from generator.data.notices import load_all
from generator.model import Notice, Project
from generator.plugin import MinshengPlugin
from generator.remake import CONTEXT_PROJECTS, Kept, Notices, Plans
from generator.sameness import same, same_call, share
from generator.site import planner, render
from generator.site.years import Step

SERVE_URL = "http://127.0.0.1:8000/"


class Serve:
    """One ``mkdocs serve --dirty`` of ``config_file``, its builds run by hand."""

    def __init__(self, config_file: Path, site_dir: Path) -> None:
        self.config_file, self.site_dir = config_file, site_dir
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=True)
        plugin = config.plugins["minsheng"]
        assert isinstance(plugin, MinshengPlugin)
        self.plugin = plugin
        self.build(config=config)  # the first build, then on_serve, as MkDocs serves
        self.server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site_dir))
        config.plugins.on_serve(self.server, config=config, builder=lambda: None)

    def config(self, site_dir: Path | None = None) -> MkDocsConfig:
        config = load_config(str(self.config_file), site_dir=str(site_dir or self.site_dir), strict=True)
        config.site_url = SERVE_URL
        return config

    def build(self, site_dir: Path | None = None, config: MkDocsConfig | None = None) -> None:
        build(config or self.config(site_dir), serve_url=SERVE_URL, dirty=True)
        assert self.plugin.indexing is not None
        self.plugin.indexing.wait()

    def written(self) -> set[str]:
        """The site paths the last build wrote and finished (None: every one)."""
        assert self.plugin.written is not None, "the last build was a whole one"
        return {p.relative_to(self.site_dir).as_posix() for p in self.plugin.written}

    def from_scratch(self, folder: Path) -> Path:
        """The same data built into ``folder`` with nothing remembered."""
        kept = self.plugin.kept
        assert kept is not None
        self.plugin.kept = Kept()
        _loaded.cache_clear()  # the notices read again
        self.build(folder)
        kept.memory.forget()  # the serve's own folder is no longer known to hold anything
        self.plugin.kept = kept  # the rest it remembers, as the next rebuild would
        return folder


@pytest.fixture
def fresh_plugins() -> Iterator[None]:
    """MkDocs keeps a plugin with ``on_startup`` across configs in one process: a new one
    for each test, and none left to other tests."""
    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache  # type: ignore[attr-defined]
    cache.clear()
    yield
    cache.clear()


def files_of(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).parts[0] != "pagefind"
    }


def assert_same_site(rebuilt: Path, scratch: Path) -> None:
    ours, theirs = files_of(rebuilt), files_of(scratch)
    assert sorted(ours) == sorted(theirs)
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert not differ, f"重建后与从头构建不同：{differ[:10]}"


@pytest.fixture
def sample(tmp_path: Path, fresh_plugins: None) -> Serve:
    return Serve(samplesite.copy(tmp_path / "src"), tmp_path / "serve")


def test_an_edit_writes_only_the_pages_it_touches_and_the_site_is_as_if_built_anew(
    sample: Serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = {p.relative_to(sample.site_dir).as_posix() for p in sample.site_dir.rglob("*.html")}
    samplesite.edit(sample.config_file.parent / "projects.yaml", [("keywords: [测试路, 修路]", "keywords: [测试路, 铺路]")])
    rendered: list[str] = []
    real_render = render.render
    monkeypatch.setattr(render, "render", lambda plan, page: rendered.append(page.src) or real_render(plan, page))
    sample.build()
    # of the project pages, only the edited project's and those of its neighbours (which
    # link it by name) are rendered again
    ids = [p.id for p in sample.plugin.site.plans[0].notice.projects]
    at = ids.index("ceshi-lu")
    near = {f"2099/projects/{pid}/index.md" for pid in ids[max(at - 1, 0) : at + 2]}
    assert {src for src in rendered if re.fullmatch(r"2099/projects/[^/]+/index\.md", src)} == near
    assert len(near) < len(ids)
    written = sample.written()
    assert "2099/projects/ceshi-lu/index.html" in written
    assert "铺路" in (sample.site_dir / "2099/projects/ceshi-lu/index.html").read_text("utf-8")
    assert "2099/projects/ceshi-xuexiao/index.html" not in written  # the edit is not on it
    assert len(written & pages) < len(pages) / 4, sorted(written)
    assert_same_site(sample.site_dir, sample.from_scratch(tmp_path / "scratch"))


def test_the_first_save_after_a_commit_builds_the_notice_and_the_hand_written_pages_again(
    tmp_path: Path, fresh_plugins: None
) -> None:
    src = tmp_path / "src"
    config = samplesite.copy(src)
    git = ["git", "-C", str(src), "-c", "user.name=测试", "-c", "user.email=test@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "测试数据"], check=True)
    serve = Serve(config, tmp_path / "serve")
    before = (serve.site_dir / "test-data" / "index.html").read_text("utf-8")
    samplesite.edit(src / "projects.yaml", [("keywords: [测试路, 修路]", "keywords: [测试路, 铺路]")])
    serve.build()
    written = serve.written()  # not the whole site: the notice's pages and the hand-written
    assert "test-data/index.html" in written
    after = (serve.site_dir / "test-data" / "index.html").read_text("utf-8")
    assert before != after  # its data version now says the file has changed since the commit
    assert_same_site(serve.site_dir, serve.from_scratch(tmp_path / "scratch"))


def test_a_new_title_rebuilds_every_page_whose_menu_shows_it(sample: Serve, tmp_path: Path) -> None:
    samplesite.edit(sample.config_file.parent / "projects.yaml", [("    name: 测试道路建设\n", "    name: 测试道路修建\n")])
    sample.build()
    assert sample.plugin.written is None  # the whole site, from an empty folder
    assert_same_site(sample.site_dir, sample.from_scratch(tmp_path / "scratch"))


def test_a_build_that_failed_on_bad_data_leaves_the_folder_to_the_next(sample: Serve, tmp_path: Path) -> None:
    data = sample.config_file.parent / "projects.yaml"
    samplesite.edit(data, [("    name: 测试道路建设\n", '    name: "测试道路建设\\x7f"\n')])
    with pytest.raises(Abort):
        sample.build()
    samplesite.edit(data, [('    name: "测试道路建设\\x7f"\n', "    name: 测试道路建设\n")])
    sample.build()
    assert not {p for p in sample.written() if "/projects/" in p}  # all as before the error
    assert_same_site(sample.site_dir, sample.from_scratch(tmp_path / "scratch"))


def test_an_edit_of_either_notice_of_two_leaves_the_site_as_if_built_anew(
    tmp_path: Path, fresh_plugins: None
) -> None:
    # the fixture's layout, with copies of what it reads from the repository
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "fixtures" / "notices", root / "tests" / "fixtures" / "notices")
    (root / "data").mkdir()
    shutil.copy(ROOT / "data" / "projects.yaml", root / "data" / "projects.yaml")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    serve = Serve(root / "tests" / "fixtures" / "notices" / "mkdocs.yml", tmp_path / "serve")
    later = root / "tests" / "fixtures" / "notices" / "2021.yaml"
    text = later.read_text("utf-8")
    first = text.index("keywords:")
    later.write_text(text[:first] + text[first:].replace("keywords: [", "keywords: [虚构改动, ", 1), "utf-8")
    serve.build()
    assert any("虚构改动" in (serve.site_dir / p).read_text("utf-8") for p in serve.written() if p.endswith(".html"))
    assert_same_site(serve.site_dir, serve.from_scratch(tmp_path / "scratch-2021"))

    serve.build()  # once more, remembering the serve's own folder
    earlier = root / "data" / "projects.yaml"
    samplesite.edit(earlier, [('keywords: ["四带一自"', 'keywords: ["四带一自", "虚构改动"')])
    serve.build()
    assert_same_site(serve.site_dir, serve.from_scratch(tmp_path / "scratch-2020"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Decimal("1.0"), Decimal("1")),  # equal numbers, written differently on a page
        (1, True),
        (1.0, 1),
        (0.0, -0.0),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),  # shown in its order
        ((Decimal("2"),), (Decimal("2.00"),)),
        ({1, 2}, {1, 2}),  # a kind not known to it: rendered again
    ],
)
def test_values_equal_in_python_but_shown_differently_are_not_the_same(a: object, b: object) -> None:
    assert not same(a, b)


def test_the_same_values_in_new_objects_are_the_same(notice: Notice) -> None:
    again = load_bytes((ROOT / "data" / "projects.yaml").read_bytes() + b"\n", "data/projects.yaml")
    assert again is not notice and same(again, notice)
    assert same({"p": again.projects[0], "n": [Decimal("1.5"), "文字", None]}, {"p": notice.projects[0], "n": [Decimal("1.5"), "文字", None]})


def _edited(notice: Notice, old: bytes, new: bytes) -> Notice:
    raw = (ROOT / "data" / "projects.yaml").read_bytes()
    assert raw.count(old) == 1
    return load_bytes(raw.replace(old, new), "data/projects.yaml")


def test_a_notice_read_again_shares_with_the_last_every_project_the_edit_left_alone(notice: Notice) -> None:
    edited = _edited(notice, '"四带一自"'.encode(), '"四带一自", "新词"'.encode())
    shared = share(notice, edited)
    assert same(shared, edited)  # nothing of the edit lost
    assert shared.projects[0] is not notice.projects[0] and "新词" in shared.projects[0].keywords
    assert all(a is b for a, b in zip(shared.projects[1:], notice.projects[1:], strict=True))
    assert shared.document is notice.document and shared.categories is notice.categories


def test_a_notice_without_a_project_or_with_them_reordered_shares_them_by_id(notice: Notice) -> None:
    fewer = dataclasses.replace(notice, projects=notice.projects[1:])
    shared = share(notice, fewer)
    assert same(shared, fewer) and all(
        a is b for a, b in zip(shared.projects, notice.projects[1:], strict=True)
    )
    turned = dataclasses.replace(notice, projects=notice.projects[::-1])
    shared = share(notice, turned)
    assert same(shared, turned) and shared.projects[0] is notice.projects[-1]


def test_notices_are_shared_by_file_and_the_same_reading_gives_the_same_object(
    notice: Notice,
) -> None:
    kept = Notices()
    assert kept.keep(["a.yaml"], [notice]) == [notice]
    edited = _edited(notice, '"四带一自"'.encode(), '"四带一自", "新词"'.encode())
    first = kept.keep(["a.yaml"], [edited])[0]
    assert first is not edited and first.projects[1] is notice.projects[1] and same(first, edited)
    assert (
        kept.keep(["a.yaml"], [edited])[0] is first
    )  # not shared again: the pages' memo sees the same notice
    assert kept.keep(["b.yaml"], [edited])[0] is edited  # another file: nothing to share with


def test_a_file_is_made_again_only_when_its_maker_or_what_it_is_given_differs() -> None:
    assert same_call(functools.partial(str.upper, "甲"), functools.partial(str.upper, "甲"))
    assert not same_call(functools.partial(str.upper, "甲"), functools.partial(str.upper, "乙"))
    assert not same_call(functools.partial(str.upper, "甲"), functools.partial(str.lower, "甲"))
    assert not same_call(
        functools.partial(str.upper, Decimal("1")), functools.partial(str.upper, Decimal("1.0"))
    )
    assert not same_call(lambda: "甲", lambda: "甲")  # not known to make the same


_CATEGORIES = {"new": "improved", "improved": "continued", "continued": "new"}


def _others_changed(notice: Notice, keep: set[str]) -> Notice:
    """``notice`` with every project not in ``keep`` changed: another name, name in the
    text, explanation, category, keyword; no notes and no reports."""
    projects = tuple(
        p
        if p.id in keep
        else dataclasses.replace(
            p,
            name=p.name + "（改）",
            name_in_annex=not p.name_in_annex,
            body_name=(p.body_name or p.name) + "（改）",
            explanation=(p.explanation or "") + "（改）",
            category=_CATEGORIES[p.category],
            keywords=(*p.keywords, "改"),
            notes=(),
            reports=(),
        )
        for p in notice.projects
    )
    return dataclasses.replace(notice, projects=projects)


def _held(value: object) -> set[tuple[int, str]]:
    """The projects (a notice's year, the id) a page's context holds, however deep."""
    if isinstance(value, Project):
        return set()
    if isinstance(value, dict):
        return set().union(*map(_held, value.values()))
    if isinstance(value, tuple | list):
        if len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], Project):
            return {(value[0], value[1].id)}  # a programme's entry: (year, project)
        return set().union(*map(_held, value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found = {(value.year, value.project.id)} if isinstance(value, Step) else set()
        return found.union(*(_held(getattr(value, f.name)) for f in dataclasses.fields(value)))
    return set()


@pytest.mark.parametrize(
    "files",
    [["data/projects.yaml"], ["data/projects.yaml", "tests/fixtures/notices/2021.yaml"], ["tests/fixtures/sample/projects.yaml"]],
)
def test_a_page_of_its_projects_shows_no_other_project_of_its_notice(files: list[str]) -> None:
    """What lets ``make serve`` keep such a page when another project is edited (CONTEXT_PROJECTS)."""
    notices = load_all(ROOT, files)
    site = planner.site(notices, SERVE_URL, root_year=notices[0].document.year)
    pages = [p for p in site.pages if p.template in CONTEXT_PROJECTS]
    assert len(pages) >= sum(len(n.projects) for n in notices)
    for page in pages:
        plan = site.owner[page.src]
        year = plan.notice.document.year
        keep = {pid for y, pid in _held(dict(page.context)) if y == year}
        if "project" in page.context:
            keep.add(page.context["project"].id)
            for near in ("prev", "next"):
                if page.context[near] is not None:
                    keep.add(page.context[near].id)
        others = [_others_changed(n, keep) if n is plan.notice else n for n in notices]
        changed = planner.site(others, SERVE_URL, root_year=notices[0].document.year)
        assert render.render(changed.owner[page.src], page) == render.render(plan, page), page.src


def test_a_plan_kept_after_an_edit_of_another_notice_is_the_plan_made_anew() -> None:
    """rebuild.Plans: the 2020 plan is kept when the 2021 notice changes, its pages given the
    programmes of the edited notice; it must be what planner.make makes from scratch."""
    notices = load_all(ROOT, ["data/projects.yaml", "tests/fixtures/notices/2021.yaml"])
    plans = Plans()
    first = planner.site(notices, SERVE_URL, root_year=2020, plan_of=plans.make)
    later = notices[1]
    continuing = next(p for p in later.projects if p.continues is not None)
    renamed = dataclasses.replace(continuing, name=continuing.name + "（虚构改名）")
    edited = dataclasses.replace(later, projects=tuple(renamed if p is continuing else p for p in later.projects))
    kept = planner.site([notices[0], edited], SERVE_URL, root_year=2020, plan_of=plans.make)
    anew = planner.site([notices[0], edited], SERVE_URL, root_year=2020)
    assert kept.plans[0].pages is not first.plans[0].pages  # a page now holds the new programme
    assert kept.plans[0].files is first.plans[0].files  # the rest as it was made
    assert same(kept.pages, anew.pages)
    assert kept.plans[0].years is kept.plans[1].years
    for ours, theirs in zip(kept.plans[0].files, anew.plans[0].files, strict=True):
        assert ours.path == theirs.path and same_call(ours.make, theirs.make), ours.path
    for page in kept.plans[0].pages:
        assert render.render(kept.plans[0], page) == render.render(anew.plans[0], page), page.src
