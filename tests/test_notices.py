"""Several notices on one site: the real 2020 notice with the invented 2021 one
(tests/fixtures/notices/2021.yaml, 虚构), each under its year; year over year; drafts.

The fast tests work on the site plan; the slow ones build the fixture site
(tests/fixtures/notices/mkdocs.yml) as MkDocs does, or publish it as make site does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from drafting import a_site, run

from generator import urls
from generator.config import PUBLISHING
from generator.data.notices import load_all
from generator.errors import DataErrors
from generator.site import configured, lock, planner, render
from generator.site.plan import Site

FIXTURE = ROOT / "tests" / "fixtures" / "notices"
FILES = ["data/projects.yaml", "tests/fixtures/notices/2021.yaml"]
Y2020, Y2021 = urls.of_notice(2020), urls.of_notice(2021)


@pytest.fixture(scope="module")
def two() -> Site:
    return planner.site(load_all(ROOT, FILES), "https://example.org/ms/", root_year=2020)


def rendered(site: Site, src: str) -> str:
    return render.render(site.owner[src], site.by_src[src])


# --------------------------------------------------------------------------
# The notices list
# --------------------------------------------------------------------------


def test_the_fixture_says_it_is_invented_in_its_own_text() -> None:
    text = (FIXTURE / "2021.yaml").read_text(encoding="utf-8")
    assert "虚构" in text.splitlines()[1]
    notice = load_all(ROOT, FILES)[1]
    assert "虚构" in notice.document.title and "虚构" in notice.document.preamble


def test_each_notice_has_its_pages_under_its_year(two: Site) -> None:
    assert [p.notice.document.year for p in two.plans] == [2020, 2021]
    assert Y2020.project("weifang-gaizao") in two.by_src and Y2021.project("weifang-gaizao") in two.by_src
    assert Y2021.project("laonian-zhucan") in two.by_src and Y2020.project("laonian-zhucan") not in two.by_src
    addresses = set(two.addresses())
    assert {"./", "2020/", "2021/", "2021/notice/#annex-laonian-zhucan", "2021/feed.xml", "feed.xml"} <= addresses
    assert {"data/notices.json", "data/notices-indicators.csv", "programmes/weifang-gaizao/"} <= addresses


def test_the_2020_root_addresses_lead_to_2020_not_to_the_latest_year(two: Site) -> None:
    assert two.moves.resolve("projects/weifang-gaizao/#xinzeng-gaizao") == "2020/projects/weifang-gaizao/#xinzeng-gaizao"
    assert two.moves.resolve("notice/#annex-dibao") == "2020/notice/#annex-dibao"
    assert two.moves.resolve("data/indicators.csv") == "2020/data/indicators.csv"
    assert two.moves.resolve("feed.xml") == "feed.xml"  # the site's feed stays
    assert "projects/laonian-zhucan/" not in two.moves.pages  # 2021 never stood at the root


def test_two_notices_of_one_year_are_refused_naming_both(tmp_path: Path) -> None:
    shutil.copy(ROOT / "data" / "projects.yaml", tmp_path / "a.yaml")
    shutil.copy(ROOT / "data" / "projects.yaml", tmp_path / "b.yaml")
    with pytest.raises(DataErrors) as caught:
        load_all(tmp_path, ["a.yaml", "b.yaml"])
    assert [str(e) for e in caught.value.errors] == [
        "b.yaml:12: document.year: 2020 年已有一份通知（a.yaml）：同一年只能有一份通知，网址以年份区分"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("continues: {year: 2020, project: weifang-gaizao}", "continues: {year: 2019, project: weifang-gaizao}",
         "tests/fixtures/notices/2021.yaml:77: projects[1].continues.year: 往年通知 2019 年不在本站（mkdocs.yml 的 notices 中早于 2021 年的有：2020）"),
        ("continues: {year: 2020, project: weifang-gaizao}", "continues: {year: 2020, project: weifang}",
         "tests/fixtures/notices/2021.yaml:77: projects[1].continues.project: 2020 年的通知中没有编号为 weifang 的项目"),
        ("        continues: xinzeng-gaizao\n", "        continues: xinzeng\n",
         "tests/fixtures/notices/2021.yaml:87: projects[1].continues: 指标 xinzeng-gaizao：2020 年的项目 weifang-gaizao 中没有编号为 xinzeng 的指标"),
        # ids written in quotes, as in data/projects.yaml and as the drafter writes them
        ("  - id: weifang-gaizao\n    seq: 2\n    name: 农村危房改造\n    category: continued\n"
         "    continues: {year: 2020, project: weifang-gaizao}\n",
         '  - id: "weifang-gaizao"\n    seq: 2\n    name: 农村危房改造\n    category: continued\n'
         '    continues: {year: 2020, project: "weifang"}\n',
         "tests/fixtures/notices/2021.yaml:77: projects[1].continues.project: 2020 年的通知中没有编号为 weifang 的项目"),
        ("    continues: {year: 2020, project: weifang-gaizao}\n", "",
         "tests/fixtures/notices/2021.yaml:86: projects[1].continues: 指标 xinzeng-gaizao 写了 continues，但项目没有写接续的往年项目（continues: {year: …, project: …}）"),
    ],
)  # fmt: skip
def test_a_wrong_continues_is_reported_with_its_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = (FIXTURE / "2021.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    fixture = tmp_path / "tests" / "fixtures" / "notices"
    fixture.mkdir(parents=True)
    (fixture / "2021.yaml").write_text(text.replace(old, new), encoding="utf-8")
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "projects.yaml", tmp_path / "data" / "projects.yaml")
    with pytest.raises(DataErrors) as caught:
        load_all(tmp_path, FILES)
    assert [str(e) for e in caught.value.errors] == [message]


def test_the_menu_names_the_latest_notices_pages(two: Site) -> None:
    nav = [{"首页": "index.md"}, {"项目总览": "projects/index.md"}, {"按类别": [{"新增": "categories/new/index.md"}]},
           {"开放数据": "data/index.md"}, {"指南": "guide.md"}]  # fmt: skip
    assert two.nav(nav) == [
        {"首页": "index.md"}, {"项目总览": "2021/projects/index.md"}, {"按类别": [{"新增": "2021/categories/new/index.md"}]},
        {"开放数据": "data/index.md"}, {"指南": "guide.md"},
    ]  # fmt: skip


# --------------------------------------------------------------------------
# Year over year
# --------------------------------------------------------------------------


def test_a_continuing_project_shows_every_years_target_in_the_notices_words(two: Site) -> None:
    page = rendered(two, Y2021.project("yanglao-baoxian"))
    section = page.split("## 历年目标 {#linian", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r'<tr><th scope="row"[^>]*><a href="([^"]+)">(\d{4})年</a></th>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td></tr>', section)
    assert [(href, year, re.sub("<[^>]+>", "", fig), quote) for href, year, fig, quote in rows] == [
        ("../../../2020/projects/yanglao-baoxian/#jiaofei-renshu", "2020", "55.08 万人", "“当年缴费人数达55.08万人”"),
        ("./#jiaofei-renshu", "2021", "55 万人", "“当年缴费人数约55万人”"),
        ("../../../2020/projects/yanglao-baoxian/#fafanglv", "2020", "100 %", "“养老金发放率达100%”"),
        ("./#fafanglv", "2021", "100 %", "“养老金发放率达100%”"),
    ]
    assert 'href="../../../programmes/yanglao-baoxian/"' in section
    # the 2020 page shows the same table: the later year's figure is linked from there too
    assert "“当年缴费人数约55万人”" in rendered(two, Y2020.project("yanglao-baoxian"))


def test_a_programme_page_gathers_every_year(two: Site) -> None:
    page = rendered(two, "programmes/weifang-gaizao/index.md")
    assert "农村危房改造：历年目标（2020—2021年）" in page
    assert '<a href="../../2021/projects/weifang-gaizao/">2021年：2．农村危房改造</a>（最新）' in page
    assert '<a href="../../2020/projects/weifang-gaizao/">2020年：5．农村危房改造</a>' in page
    assert "“完成新增500户”" in page and "“完成新增400户”" in page
    assert "programmes/dabing-baoxian/index.md" not in two.by_src  # listed in 2020 only


def test_progress_stays_with_its_notice(two: Site) -> None:
    old, new = two.plans
    assert old.progress["falv-yuanzhu"].total.reported == 0
    assert new.progress["falv-yuanzhu"].total.reported > 0


# --------------------------------------------------------------------------
# Which year the resident reads
# --------------------------------------------------------------------------


def test_the_home_page_leads_with_the_latest_notice_and_lists_the_years(two: Site) -> None:
    home = rendered(two, "index.md")
    assert home.split("\n---\n", 1)[1].lstrip().startswith("# 太和县2021年民生工程")
    years = home.split("## 历年通知 {#linian}", 1)[1]
    assert years.index("2021年：") < years.index("2020年：")
    assert '<a href="2020/">2020年：太和县人民政府关于2020年实施33项民生工程的通知（太政〔2020〕10号）</a>' in years


def test_every_page_of_an_older_notice_says_its_year_at_the_top(two: Site) -> None:
    old = two.plans[0]
    for page in old.pages:
        body = rendered(two, page.src).split("\n---\n", 1)[1]
        assert body.startswith('<div class="ms-older" role="note" data-pagefind-ignore>\n<p>这是2020年的通知（太政〔2020〕10号）。本站收录的最新通知是2021年的。'), page.src
    for page in two.plans[1].pages:
        assert "ms-older" not in rendered(two, page.src), page.src


def test_an_older_project_links_its_programme_in_the_latest_notice_or_says_none_names_it(two: Site) -> None:
    continued = rendered(two, Y2020.project("weifang-gaizao"))
    assert '2021年的通知中，这项工程是：<a href="../../../2021/projects/weifang-gaizao/">2．农村危房改造</a>。' in continued
    dropped = rendered(two, Y2020.project("dabing-baoxian"))
    assert '本站收录的2021年通知都没有列这个项目。<a href="../../../2021/">看2021年的通知</a>。' in dropped


def test_titles_feeds_qr_codes_and_open_data_name_the_year(two: Site) -> None:
    page = two.by_src[Y2020.project("weifang-gaizao")]
    assert "2020年" in page.meta["title"]
    files = {f.path: f for f in two.files}
    feed = files[Y2021.project_feed("falv-yuanzhu")].make()
    assert "<title>3．城乡困难群体法律援助（太和县2021年）：进度更新</title>" in feed
    site_feed = files["feed.xml"].make()
    assert "<title>2021年 3．城乡困难群体法律援助：2021-06-30 进度更新</title>" in site_feed
    qr = files[Y2021.qr("falv-yuanzhu")].make()
    assert "2021年 3．城乡困难群体法律援助" in str(qr)
    combined = str(files["data/notices-indicators.csv"].make()).splitlines()
    assert combined[0].lstrip("\ufeff").startswith("年份,文号,")
    years = [line.split(",", 1)[0] for line in combined[1:]]
    assert years.count("2021") == 5 and years.count("2020") == len(years) - 5
    assert str(files["2021/data/indicators.csv"].make()).splitlines()[1].startswith("2021,太政〔2021〕虚构1号,")


def test_search_can_filter_and_sort_by_year(two: Site) -> None:
    for src, year in [(Y2020.project("kunnan-jiuzhu"), 2020), (Y2021.NOTICE, 2021)]:
        assert f'data-pagefind-filter="year:{year}" data-pagefind-meta="year:{year}"' in rendered(two, src)


# --------------------------------------------------------------------------
# Drafts
# --------------------------------------------------------------------------


def drafted(tmp_path: Path) -> Path:
    """A copy of the fixture site whose 2021 notice is a draft; returns its mkdocs.yml."""
    folder = tmp_path / "notices"
    shutil.copytree(FIXTURE, folder)
    data = folder / "2021.yaml"
    data.write_text("draft: true\n" + data.read_text(encoding="utf-8"), encoding="utf-8")
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("../../../", f"{ROOT.as_posix()}/")
    config.write_text(text, encoding="utf-8")
    return config


def test_every_page_of_a_draft_says_so(tmp_path: Path) -> None:
    config = drafted(tmp_path)
    site = planner.site(load_all(config.parent, [f"{ROOT}/data/projects.yaml", "2021.yaml"]), root_year=2020)
    draft = site.plans[1]
    for page in draft.pages:
        assert '<div class="ms-draft" role="note"><p><strong>草稿：</strong>' in rendered(site, page.src), page.src
    assert "ms-draft" not in rendered(site, Y2020.project("kunnan-jiuzhu"))


def test_a_draft_is_checked_but_its_addresses_are_locked_only_once_it_is_no_draft(tmp_path: Path) -> None:
    config = drafted(tmp_path)
    data = config.parent / "2021.yaml"
    locked = lock.read(ROOT / "data" / "urls.lock")
    site, _ = configured.for_data(data, config)
    assert lock.wanted(site, locked, ROOT / "docs") == locked  # its ids may still change
    checked = run("check", "--no-record", str(data))
    assert checked.out.splitlines()[-1] == (
        "  这是草稿（draft: true）：make site 不发布它，网址锁也不登记它的网址；核对完删去这一行，再运行 make check。"
    )
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("value: \"400\"", "value: \"四百\""), encoding="utf-8")
    with pytest.raises(DataErrors):
        configured.for_data(data, config)
    data.write_text(text.removeprefix("draft: true\n"), encoding="utf-8")  # reviewed
    site, _ = configured.for_data(data, config)
    added = set(lock.wanted(site, locked, ROOT / "docs")) - set(locked)
    assert {"2021/projects/laonian-zhucan/", "2021/notice/#annex-laonian-zhucan", "programmes/weifang-gaizao/"} <= added


def registered(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real site that the fictional 2021 notice joined through make draft
    (``draft.site.register``); returns its mkdocs.yml."""
    config = a_site(folder)
    monkeypatch.chdir(folder)
    done = run("draft", str(ROOT / "tests" / "fixtures" / "draft" / "notice-2021.txt"))
    assert done.code == 0, done.err
    assert "        - data/projects.yaml\n        - data/projects-2021.yaml\n" in config.read_text(encoding="utf-8")
    return config


def test_a_draft_joined_by_make_draft_says_so_on_its_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = configured.load_site(registered(tmp_path, monkeypatch), dated=False)[0]
    assert [p.notice.draft for p in site.plans] == [False, True]
    assert '<div class="ms-draft" role="note"><p><strong>草稿：</strong>' in rendered(site, Y2021.project("weifang-gaizao"))
    assert "programmes/weifang-gaizao/index.md" in site.by_src  # it continues 2020's
    assert "ms-draft" not in rendered(site, Y2020.project("weifang-gaizao"))


def _build(config: Path, dest: Path, publishing: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != PUBLISHING} | ({PUBLISHING: "1"} if publishing else {})
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(dest)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)


@pytest.mark.slow
def test_serve_shows_a_draft_and_site_refuses_to_publish_it_naming_the_file(tmp_path: Path) -> None:
    config = drafted(tmp_path)
    shown = _build(config, tmp_path / "shown", publishing=False)  # as mkdocs serve builds
    assert shown.returncode == 0, shown.stderr
    assert "草稿：" in (tmp_path / "shown" / "2021" / "projects" / "laonian-zhucan" / "index.html").read_text("utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "generator.publish", "-f", str(config)],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "SITE_URL": "https://example.org/minsheng/"},  # a public address: only the draft is wrong
    )  # fmt: skip
    assert refused.returncode == 1
    assert "2021.yaml 是草稿（draft: true），不能发布：核对完毕后删去文件中 draft: true 这一行，再运行 make site" in refused.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.slow
def test_make_serve_shows_a_draft_joined_by_make_draft_and_make_site_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    config = registered(folder, monkeypatch)
    for name in ("docs", "overrides"):  # mkdocs.yml names them relative to itself
        (folder / name).symlink_to(ROOT / name)
    shown = _build(config, tmp_path / "shown", publishing=False)  # as mkdocs serve builds
    assert shown.returncode == 0, shown.stderr
    page = (tmp_path / "shown" / "2021" / "projects" / "weifang-gaizao" / "index.html").read_text("utf-8")
    assert '<div class="ms-draft" role="note"><p><strong>草稿：</strong>' in page
    assert (tmp_path / "shown" / "programmes" / "weifang-gaizao" / "index.html").is_file()
    refused = subprocess.run(
        [sys.executable, "-m", "generator.publish", "-f", str(config)],
        cwd=folder, capture_output=True, text=True, check=False,
        env={**os.environ, "SITE_URL": "https://example.org/minsheng/"},
    )  # fmt: skip
    assert refused.returncode == 1
    assert "data/projects-2021.yaml 是草稿（draft: true），不能发布：核对完毕后删去文件中 draft: true 这一行，再运行 make site" in refused.stderr
    assert not (folder / "site").exists()


@pytest.mark.slow
def test_a_draft_that_would_lose_a_locked_address_is_served_with_a_warning(tmp_path: Path) -> None:
    """Without its grouping, the draft leads a home page without 按生活情况找 (./#qingkuang):
    make serve still shows it, saying so; make check refuses once it is no draft."""
    config = drafted(tmp_path)
    data = config.parent / "2021.yaml"
    data.write_text(data.read_text(encoding="utf-8").split("\nsituations:\n")[0] + "\n", encoding="utf-8")
    shown = _build(config, tmp_path / "shown", publishing=False)
    assert shown.returncode == 0, shown.stderr
    assert "中有 1 个已发布的地址既没有生成，也没有转到新位置：\n  ./#qingkuang\n" in shown.stderr
    assert "网站含草稿（太政〔2021〕虚构1号），不会发布；删去 draft: true 之前要解决。" in shown.stderr


@pytest.mark.slow
def test_the_two_notices_build_together_and_todays_lock_passes_unchanged(tmp_path: Path) -> None:
    proc = _build(FIXTURE / "mkdocs.yml", tmp_path / "site", publishing=False)
    assert proc.returncode == 0, proc.stderr  # the build checks data/urls.lock, unchanged
    site = tmp_path / "site"
    for path in ["2021/projects/yanglao-baoxian/index.html", "2020/projects/yanglao-baoxian/index.html",
                 "programmes/yanglao-baoxian/index.html", "projects/yanglao-baoxian/index.html"]:  # fmt: skip
        assert (site / path).is_file(), path
    single = lock.read(ROOT / "tests" / "fixtures" / "urls-single-notice.lock")  # the lock of one notice
    two = planner.site(load_all(ROOT, FILES), root_year=2020)
    assert lock.missing(single, lock.BuiltSite(site), two.moves) == []


def test_the_plugin_is_installed_under_the_name_mkdocs_yml_and_the_readers_of_it_use() -> None:
    from importlib.metadata import entry_points

    from generator.config import PLUGIN
    from generator.plugin import MinshengPlugin

    (entry,) = entry_points(group="mkdocs.plugins", name=PLUGIN)
    assert entry.load() is MinshengPlugin
    assert f"  - {PLUGIN}:" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
