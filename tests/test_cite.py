"""Cite this page (引用本页), the data version, sharing meta and the signboard QR codes."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_DIR
from htmltree import Element, parse_file

from generator import version
from generator.data import load
from generator.model import Notice
from generator.model.notice import Publisher
from generator.site import gbt7714
from generator.site.cite import Citation
from generator.urls import Urls
from generator.version import Version

DATA = ROOT / "data" / "projects.yaml"


# --------------------------------------------------------------------------
# The citation text
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Notice:
    return load(SAMPLE_DIR / "projects.yaml")


NOTICE_TITLE = "测试县人民政府关于2099年实施4项民生工程的通知（测试数据）: 测政〔2099〕1号"


def test_citation_of_a_page_and_of_a_figure(sample: Notice) -> None:
    # No publisher in the data: the page has no author. Its date is its newest report's.
    cite = Citation(sample, Urls(), "https://example.org/ms/", Version("0123456789abcdef", "2099-04-01"))
    project = sample.project("ceshi-jiuzhu")
    assert cite.project(project) == (
        f"{NOTICE_TITLE} 附件第4项 测试救助[EB/OL]. (2099-07-31)[引用日期]. "
        "https://example.org/ms/projects/ceshi-jiuzhu/. 数据版本 0123456."
    )
    figure = project.items[0].indicators[0]
    assert cite.figure(project, figure) == (
        f"{NOTICE_TITLE} 附件第4项 测试救助 “保障测试对象530人”[EB/OL]. (2099-07-31)[引用日期]. "
        "https://example.org/ms/projects/ceshi-jiuzhu/#dibao-renshu. 数据版本 0123456."
    )


def test_the_notice_is_cited_with_its_issuer_and_date(sample: Notice) -> None:
    cite = Citation(sample, Urls(), "https://example.org/ms/", Version("0123456789abcdef", "2099-04-01"))
    assert cite.notice_text() == (
        f"测试县人民政府. {NOTICE_TITLE}[EB/OL]. (2099-03-15)[引用日期]. "
        "https://example.org/ms/notice/. 数据版本 0123456."
    )


def test_a_page_is_authored_by_the_publisher_named_in_the_data(sample: Notice) -> None:
    published = dataclasses.replace(sample, publisher=Publisher(name="测试县民生工程办公室（虚构）"))
    cite = Citation(published, Urls(), "https://example.org/ms/", Version())
    assert cite.project(published.project("ceshi-lu")) == (
        f"测试县民生工程办公室（虚构）. {NOTICE_TITLE} 附件第1项 测试道路建设[EB/OL]. (2099-09-30)[引用日期]. "
        "https://example.org/ms/projects/ceshi-lu/. 数据版本 未知."
    )
    # the notice stays the issuer's
    assert cite.notice_text().startswith("测试县人民政府. ")


def test_citation_with_unknown_or_uncommitted_data(sample: Notice) -> None:
    project = sample.project("ceshi-lu")
    unknown = Citation(sample, Urls(), "https://example.org/ms/", Version())
    assert unknown.project(project).endswith(
        "附件第1项 测试道路建设[EB/OL]. (2099-09-30)[引用日期]. https://example.org/ms/projects/ceshi-lu/. 数据版本 未知."
    )
    dirty = Citation(sample, Urls(), "https://example.org/ms/", Version("abcdef0123", "2099-05-02", True))
    assert dirty.project(project).endswith(
        "(2099-09-30)[引用日期]. https://example.org/ms/projects/ceshi-lu/. 数据版本 abcdef0（含未提交的修改）."
    )


def test_rendered_citations_are_kept_in_the_build_cache(sample: Notice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cite = Citation(sample, Urls(), "https://example.org/ms/", Version(), tmp_path)
    first = cite.notice_text()
    assert len(list((tmp_path / "cite").iterdir())) == 1

    def never(record: object) -> str:
        raise AssertionError("a cached citation was rendered again")

    monkeypatch.setattr(gbt7714, "direct", never)
    gbt7714.rendered.cache_clear()  # as a new build process starts
    assert cite.notice_text() == first


# --------------------------------------------------------------------------
# The data version, from git
# --------------------------------------------------------------------------


def git(repo: Path, *args: str, **env: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=测试", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_version_is_the_last_commit_of_the_data_file(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    data = tmp_path / "data" / "projects.yaml"
    data.parent.mkdir()
    data.write_text("a: 1\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    stamp = "2099-03-15T23:30:00+08:00"
    git(tmp_path, "commit", "-q", "-m", "数据", GIT_COMMITTER_DATE=stamp, GIT_AUTHOR_DATE=stamp)
    commit = git(tmp_path, "rev-parse", "HEAD")
    (tmp_path / "other.txt").write_text("x\n", encoding="utf-8")  # later commits of other files
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "其他")
    assert version.of(data) == Version(commit, "2099-03-15", False)
    assert version.of(data).label == commit[:7]
    data.write_text("a: 2\n", encoding="utf-8")
    assert version.of(data) == Version(commit, "2099-03-15", True)
    assert version.of(data).label == f"{commit[:7]}（含未提交的修改）"


def test_the_versions_of_several_files_are_each_one_s_own(tmp_path: Path) -> None:
    """version.of_all asks git about each folder once: each file still gets its own version."""
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    (repo / "data").mkdir(parents=True)
    outside.mkdir()
    git(repo, "init", "-q")
    clean, edited, new = (repo / "data" / f"{name}.yaml" for name in ("clean", "edited", "new"))
    clean.write_text("a: 1\n", encoding="utf-8")
    edited.write_text("a: 1\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "数据")
    commit = git(repo, "rev-parse", "HEAD")
    edited.write_text("a: 2\n", encoding="utf-8")
    new.write_text("a: 1\n", encoding="utf-8")
    elsewhere = outside / "projects.yaml"
    elsewhere.write_text("a: 1\n", encoding="utf-8")
    files = [clean, edited, new, elsewhere, clean]
    assert version.of_all(files) == [version.of(f) for f in files]
    found = version.of_all(files)
    assert [v.commit for v in found] == [commit, commit, None, None, commit]
    assert [v.dirty for v in found] == [False, True, False, False, False]
    assert found[2].warning is not None and "还没有提交过" in found[2].warning
    assert found[3].warning is not None and "不在 git 仓库中" in found[3].warning


def test_version_is_unknown_without_git_or_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "projects.yaml"
    data.write_text("a: 1\n", encoding="utf-8")
    assert version.of(data) == Version()  # not in a repository
    git(tmp_path, "init", "-q")
    assert version.of(data) == Version()  # in a repository, never committed
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert shutil.which("git") is None
    assert version.of(DATA) == Version()  # no git at all
    assert Version().label == "未知"


# --------------------------------------------------------------------------
# The built site
# --------------------------------------------------------------------------


def meta(doc: Element, key: str) -> str | None:
    for el in doc.find_all("meta"):
        if key in (el.attrs.get("property"), el.attrs.get("name")):
            return el.attrs.get("content")
    return None


def text_of(el: Element) -> str:
    return "".join(c if isinstance(c, str) else text_of(c) for c in el.children)


def data_commits() -> dict[str, str]:
    """Every commit of the data file (short hash -> commit date), asked of git here."""
    lines = git(ROOT, "log", "--format=%H %cs", "--", "data/projects.yaml").splitlines()
    return {commit[:7]: date for commit, date in (line.split() for line in lines)}


VERSION = re.compile(r"数据版本 ([0-9a-f]{7})((?:（含未提交的修改）)?)\.$")


def test_every_project_page_has_its_citation_version_and_qr_code(
    built_site: Path, notice: Notice
) -> None:
    # The site may have been built before a later commit: its version must be a commit
    # of the data file, with that commit's date, and the same on every page.
    commits = data_commits()
    doc = notice.document
    labels = set()
    for project in notice.projects:
        page = parse_file(built_site / "2020" / "projects" / project.id / "index.html")
        canonical = page.find("link", rel="canonical").attrs["href"]
        assert canonical.endswith(f"/2020/projects/{project.id}/")
        assert page.find("h2", id="yinyong") is not None
        box = page.find("div", class_="ms-cite")
        citation = text_of(box.find("p", class_="ms-cite-text"))
        found = VERSION.search(citation)
        assert found, citation
        short, label = found.group(1), found.group(1) + found.group(2)
        assert short in commits, f"{short} 不是 data/projects.yaml 的提交"
        date = commits[short]
        labels.add(label)
        # no publisher in the real data: no author; the notice's date (no reports yet)
        assert citation == (
            f"{doc.title}: {doc.number} 附件第{project.seq}项 {project.name}[EB/OL]. "
            f"({doc.date})[引用日期]. {canonical}. 数据版本 {label}."
        )
        assert text_of(box.find("p", class_="ms-version")).startswith(f"数据版本：{label}（{date}提交）。")
        assert box.find("img", src="qr.svg") is not None
        download = box.find("a", href="qr.svg")
        assert download.attrs["download"] == f"{project.id}-qr.svg"
        assert (built_site / "2020" / "projects" / project.id / "qr.svg").is_file()
        links = {b.attrs["data-cite"] for b in page.find_all("button", class_="ms-cite-link")}
        assert len(links) == len(project.all_indicators)
        for indicator in project.all_indicators:
            ending = f"[引用日期]. {canonical}#{indicator.id}. 数据版本 {label}."
            assert any(c.endswith(ending) and f"“{indicator.clause}”" in c for c in links)
    assert len(labels) == 1


def site_url_of(site: Path) -> str:
    return parse_file(site / "index.html").find("link", rel="canonical").attrs["href"]


def test_every_page_has_sharing_meta(built_site: Path, notice: Notice) -> None:
    pages = sorted(
        p
        for p in built_site.rglob("*.html")
        if p.name != "404.html" and '<meta name="robots" content="noindex">' not in p.read_text(encoding="utf-8")
    )
    assert len(pages) > len(notice.projects)
    for path in pages:
        doc = parse_file(path)
        canonical = doc.find("link", rel="canonical").attrs["href"]
        where = path.relative_to(built_site).as_posix()
        assert meta(doc, "og:url") == canonical, where
        assert meta(doc, "og:site_name") == "太和县民生工程公开", where
        assert meta(doc, "og:title"), where
        assert meta(doc, "og:description"), where
        assert meta(doc, "og:description") == meta(doc, "description"), where
        assert meta(doc, "og:type") == ("website" if where == "index.html" else "article"), where
        assert meta(doc, "twitter:card") == "summary_large_image", where  # tests/test_share.py
        assert meta(doc, "og:image").startswith(site_url_of(built_site)), where  # nothing from another host
    for project in notice.projects:
        doc = parse_file(built_site / "2020" / "projects" / project.id / "index.html")
        assert meta(doc, "og:title") == f"{project.seq}．{project.name}（太和县2020年民生工程）"
        assert meta(doc, "og:description").startswith(
            f"{notice.document.number} 第{project.seq}项：{project.name}（"
        )


# --------------------------------------------------------------------------
# In Chromium: the QR codes decode to the page's address; copying; printing
# --------------------------------------------------------------------------


def decode(png: Path) -> str:
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.fail("找不到 zbarimg：二维码测试不能跳过，请先运行 make chromium（安装 zbar-tools）")
    done = subprocess.run(
        [zbarimg, "--raw", "-q", str(png)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, f"zbarimg 无法识别 {png.name}：{done.stderr}"
    return done.stdout.strip()


def test_every_qr_code_decodes_to_its_page(page, server: str, notice: Notice, tmp_path: Path) -> None:
    for project in notice.projects:
        url = f"{server}2020/projects/{project.id}/"
        # Chromium rasterizes the SVG file as served, in an <img> like the page's own
        page.set_content(f'<body style="margin:0;background:#fff"><img src="{url}qr.svg"></body>')
        page.wait_for_function("() => document.images[0].complete && document.images[0].naturalWidth > 0")
        png = tmp_path / f"{project.id}.png"
        page.locator("img").screenshot(path=str(png))
        assert decode(png) == url


def in_view(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect(); return r.top > -1 && r.top < innerHeight; }",  # subpixel
    )


def test_copy_button_copies_the_dated_citation(page, server: str, notice: Notice) -> None:
    page.add_init_script(
        """Object.defineProperty(navigator, 'clipboard', {value: {writeText: t => {
               window.copied = t; return Promise.resolve(); }}});"""
    )
    project = notice.project("kunnan-jiuzhu")
    page.goto(f"{server}2020/projects/{project.id}/")
    today = page.evaluate(
        "() => { const d = new Date(), p = n => String(n).padStart(2, '0');"
        " return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()); }"
    )
    text = page.locator(".ms-cite-text")
    fold = page.locator("details.ms-staff")
    assert not text.is_visible()  # folded below the resident's part: a tap opens it
    page.get_by_text("供媒体和工作人员：").click()
    shown = text.inner_text()
    assert f"[{today}]. {server}2020/projects/{project.id}/. 数据版本 " in shown
    assert "[引用日期]" not in shown
    page.get_by_role("button", name="复制引文").click()
    assert page.locator(".ms-copy-status").inner_text() == "已复制引文"
    assert page.evaluate("() => window.copied") == shown

    indicator = project.all_indicators[0]
    page.get_by_text("供媒体和工作人员：").click()  # folded again: a figure's 引用 opens it
    assert not fold.evaluate("d => d.open")
    page.get_by_role("button", name=f"引用这个数字：{indicator.counts}").click()
    assert fold.evaluate("d => d.open")
    assert in_view(page, ".ms-cite")
    figure = text.inner_text()
    label = shown.rsplit("数据版本 ", 1)[1]  # the same version as the page's citation
    assert figure.endswith(f"[{today}]. {server}2020/projects/{project.id}/#{indicator.id}. 数据版本 {label}")
    assert f"“{indicator.clause}”" in figure
    assert page.locator(".ms-cite-what span").inner_text() == f"以下是数字“{indicator.counts}”的引文。"
    page.get_by_role("button", name="复制引文").click()
    assert page.evaluate("() => window.copied") == figure
    page.get_by_role("button", name="改为引用整个页面").click()
    assert text.inner_text() == shown
    assert not page.locator(".ms-cite-what").is_visible()


def test_printed_page_shows_qr_code_and_citation_not_buttons(page, server: str) -> None:
    page.goto(f"{server}2020/projects/kunnan-jiuzhu/")
    page.emulate_media(media="print")
    box = page.locator(".ms-qr img").bounding_box()
    assert box is not None and box["width"] > 100 and abs(box["width"] - box["height"]) < 1
    assert page.locator(".ms-cite-text").is_visible()
    assert re.search(r"\[\d{4}-\d{2}-\d{2}\]", page.locator(".ms-cite-text").inner_text())
    assert not page.locator(".ms-copy").is_visible()
    assert not page.locator("button.ms-cite-link").first.is_visible()
    assert not page.locator(".ms-qr a[download]").is_visible()
