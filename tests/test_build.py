"""Checks on the HTML of a real ``mkdocs build --strict`` (no browser needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import MAIN_CONFIG, ROOT, SAMPLE_CONFIG
from htmltree import Element, parse_file
from test_search import fragments

from generator import urls
from generator.model import Notice, Project

U = urls.Urls(2020)  # the addresses of the real notice

FAKE_BASE = "http://site.invalid/"  # resolves relative links; never fetched
RESOURCE_ATTRS = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
}
OUTSIDE_FONTS = re.compile(r"fonts\.(googleapis|gstatic)\.com|fonts\.loli\.net", re.I)


def page_path(site: Path, src: str) -> Path:
    return site / urls.url_of(src) / "index.html"


def html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert pages
    return pages


def project_dirs(site: Path, year: int) -> set[str]:
    """Project page folders of the notice of ``year``, leaving out the redirects kept at
    former ids."""
    found = set()
    for index in (site / str(year) / "projects").glob("*/index.html"):
        if 'http-equiv="refresh"' not in index.read_text(encoding="utf-8"):
            found.add(index.parent.name)
    return found


def site_url_of(site: Path) -> str:
    canonical = parse_file(site / "index.html").find("link", rel="canonical")
    assert canonical is not None
    return canonical.attrs["href"]


def linked_projects(doc: Element, page_url: str, notice: Notice) -> set[str]:
    """Ids of the project pages that links on a page point to."""
    ids = {p.id for p in notice.projects}
    found = set()
    for a in doc.find_all("a"):
        href = a.attrs.get("href")
        if not href or href.startswith("#"):  # the page's own table of contents
            continue
        path = urlsplit(urljoin(page_url, href)).path
        m = re.fullmatch(r"/2020/projects/([^/]+)/(index\.html)?", path)
        if m and m.group(1) in ids:
            found.add(m.group(1))
    return found


# --------------------------------------------------------------------------
# Project pages
# --------------------------------------------------------------------------


def test_every_project_has_its_page(built_site: Path, notice: Notice) -> None:
    missing = [
        p.id for p in notice.projects if not page_path(built_site, U.project(p.id)).is_file()
    ]
    assert not missing, f"项目页面缺失：{missing}"
    extra = project_dirs(built_site, 2020) - {p.id for p in notice.projects}
    assert not extra, f"projects/ 下有数据里没有的页面：{sorted(extra)}"


def _project_ids(project: Project) -> list[str]:
    ids = [item.id for item in project.items]
    ids += [ind.id for ind in project.all_indicators]
    return ids


@pytest.mark.parametrize("section", sorted(urls.PROJECT_SECTIONS))
def test_section_ids_are_reserved(section: str, notice: Notice) -> None:
    # The fixed section anchors must not clash with a sub-item or figure id.
    for project in notice.projects:
        assert section not in _project_ids(project), project.id


def test_every_sub_item_and_figure_has_an_element_id(built_site: Path, notice: Notice) -> None:
    problems = []
    for project in notice.projects:
        doc = parse_file(page_path(built_site, U.project(project.id)))
        ids = [el.attrs["id"] for el in doc.iter() if "id" in el.attrs]
        for wanted in _project_ids(project):
            count = ids.count(wanted)
            if count != 1:
                problems.append(f"{project.id}#{wanted}: 出现 {count} 次")
        for item in project.items:
            heading = doc.find(id=item.id)
            if heading is None or not re.fullmatch(r"h[2-6]", heading.tag):
                problems.append(f"{project.id}#{item.id}: 不是标题")
            elif heading.text.replace("¶", "").strip() != item.name:
                problems.append(f"{project.id}#{item.id}: 标题是“{heading.text}”")
    assert not problems, "\n".join(problems)


def test_every_figure_is_in_its_row_and_linked_from_the_text(
    built_site: Path, notice: Notice
) -> None:
    problems = []
    for project in notice.projects:
        doc = parse_file(page_path(built_site, U.project(project.id)))
        for ind in project.all_indicators:
            where = f"{project.id}#{ind.id}"
            row = doc.find("tr", id=ind.id)
            if row is None:
                problems.append(f"{where}: 没有表格行")
                continue
            cell = row.find("th", class_="ms-figure")
            value = cell.find("span", class_="ms-value") if cell else None
            unit = cell.find("span", class_="ms-unit") if cell else None
            shown = value.text.strip() if value else ""
            if project.no_task:  # no figure is shown as a target where the county has no task
                words = cell.text.strip() if cell else ""
                if value is not None or "本年无任务" not in words:
                    problems.append(f"{where}: 本年无任务，却显示为“{words}”")
            elif ind.has_figure:
                if shown != ind.value:
                    problems.append(f"{where}: 表中是“{shown}”，应为 {ind.value}")
                if unit is None or unit.text != ind.unit:
                    problems.append(f"{where}: 表中没有单位 {ind.unit}")
            else:
                words = cell.text.strip() if cell else ""
                if value is not None or "本年未设数值" not in words or re.search(r"\d", words):
                    problems.append(f"{where}: “/”显示为“{words}”，应显示“本年未设数值”，不像数字")
            links = [
                a for a in doc.find_all("a", class_="ms-fig") if a.attrs.get("href") == f"#{ind.id}"
            ]
            if len(links) != 1:
                problems.append(f"{where}: 目标原文中指向它的数字链接有 {len(links)} 个")
            elif links[0].text.strip() != ind.value:
                problems.append(f"{where}: 原文链接文字是“{links[0].text}”，应为 {ind.value}")
    assert not problems, "\n".join(problems)


def test_every_pilcrow_links_to_its_own_heading_or_row(built_site: Path, notice: Notice) -> None:
    problems = []
    for project in notice.projects:
        doc = parse_file(page_path(built_site, U.project(project.id)))
        for a in doc.find_all("a", class_="headerlink"):
            owner = next((el for el in a.ancestors() if "id" in el.attrs), None)
            fragment = urlsplit(a.attrs.get("href", "")).fragment
            if owner is None or fragment != owner.attrs["id"]:
                problems.append(f"{project.id}: ¶ {a.attrs.get('href')} 不指向它所在的元素")
    assert not problems, "\n".join(problems)


def test_no_figure_is_shown_as_zero(built_site: Path, notice: Notice) -> None:
    for project in notice.projects:
        doc = parse_file(page_path(built_site, U.project(project.id)))
        for ind in project.all_indicators:
            if ind.value == "0":
                continue
            cell = doc.find("tr", id=ind.id).find("th", class_="ms-figure")
            value = cell.find("span", class_="ms-value")
            assert value is None or value.text.strip() not in {"0", "0.0"}, f"{project.id}#{ind.id}"


def test_blank_figures_exist_in_the_data(notice: Notice) -> None:
    # Guards the check above against passing vacuously.
    assert any(not ind.has_figure for p in notice.projects for ind in p.all_indicators)


# --------------------------------------------------------------------------
# Every page
# --------------------------------------------------------------------------


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    own = urlsplit(site_url_of(built_site)).netloc
    problems = []
    for path in html_pages(built_site):
        rel = path.relative_to(built_site).as_posix()
        text = path.read_text(encoding="utf-8")
        if OUTSIDE_FONTS.search(text):
            problems.append(f"{rel}: 引用了外部字体")
        for el in parse_file(path).iter():
            for attr in RESOURCE_ATTRS.get(el.tag, []):
                for value in re.split(r"\s*,\s*", el.attrs.get(attr, "")):
                    url = value.strip().split(" ")[0]
                    if not url:
                        continue
                    parts = urlsplit(url)
                    absolute = url.startswith("//") or parts.scheme not in {"", "data"}
                    if absolute and (parts.scheme not in {"http", "https"} or parts.netloc != own):
                        problems.append(f"{rel}: <{el.tag} {attr}={url}>")
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        if OUTSIDE_FONTS.search(text) or re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text):
            problems.append(f"{css.relative_to(built_site)}: 引用外部样式或字体")
    assert not problems, "\n".join(problems)


def test_no_link_leaves_the_site(built_site: Path) -> None:
    # Not a privacy leak like a script would be, but the site promises to be self-contained.
    own = urlsplit(site_url_of(built_site)).netloc
    outside = set()
    for path in html_pages(built_site):
        for a in parse_file(path).find_all("a"):
            parts = urlsplit(a.attrs.get("href", ""))
            if parts.scheme in {"http", "https"} and parts.netloc != own:
                outside.add(f"{path.relative_to(built_site)}: {a.attrs['href']}")
    assert not outside, "\n".join(sorted(outside))


def test_sidebar_does_not_list_project_pages(built_site: Path, notice: Notice) -> None:
    problems = []
    for path in html_pages(built_site):
        rel = path.relative_to(built_site).as_posix()
        page_url = urljoin(FAKE_BASE, rel)
        for nav in parse_file(path).find_all("nav", class_="md-nav"):
            listed = linked_projects(nav, page_url, notice)
            if listed:
                problems.append(f"{rel}: 侧栏列出了项目页面 {sorted(listed)}")
    assert not problems, "\n".join(problems[:10])


def test_project_pages_link_to_a_handful_of_other_projects(
    built_site: Path, notice: Notice
) -> None:
    for project in notice.projects:
        rel = urls.url_of(U.project(project.id))
        doc = parse_file(page_path(built_site, U.project(project.id)))
        others = linked_projects(doc, urljoin(FAKE_BASE, rel), notice) - {project.id}
        assert len(others) <= 4, f"{project.id} 链接了 {len(others)} 个其他项目：{sorted(others)}"


def test_overview_lists_every_project_once(built_site: Path, notice: Notice) -> None:
    doc = parse_file(page_path(built_site, U.OVERVIEW))
    table = doc.find("table", class_="ms-overview")
    assert table is not None and "data-sortable" in table.attrs
    rows = table.find("tbody").find_all("tr")
    assert [r.attrs.get("data-category") for r in rows] == [p.category for p in notice.projects]
    page_url = urljoin(FAKE_BASE, urls.url_of(U.OVERVIEW))
    for row, project in zip(rows, notice.projects, strict=True):
        assert linked_projects(row, page_url, notice) == {project.id}


def test_notice_has_an_annex_row_per_project(built_site: Path, notice: Notice) -> None:
    doc = parse_file(page_path(built_site, U.NOTICE))
    for project in notice.projects:
        anchor = urls.notice_anchor("annex", project.id)
        row = doc.find("tr", id=anchor)
        assert row is not None, anchor
        assert project.name in row.text


# --------------------------------------------------------------------------
# Reuse: another notice, and nothing about this one built into the generator
# --------------------------------------------------------------------------

REAL_NOTICE_MARKS = ["太和", "太政", "2020"]


def test_sample_notice_builds_its_own_site(sample_site: Path, sample_notice: Notice) -> None:
    on_disk = project_dirs(sample_site, 2099)
    assert on_disk == {p.id for p in sample_notice.projects}
    assert len(on_disk) == 4
    for project in sample_notice.projects:
        doc = parse_file(page_path(sample_site, urls.Urls(2099).project(project.id)))
        assert project.name in doc.find("h1").text
    found = []
    files = [*html_pages(sample_site), sample_site / "sitemap.xml"]
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    for record in fragments(sample_site):  # the search index
        texts[sample_site / "pagefind" / record["url"].strip("/")] = json.dumps(
            record, ensure_ascii=False
        ).replace("\u200b", "")
    for path, text in texts.items():
        for mark in REAL_NOTICE_MARKS:
            if mark in text:
                found.append(f"{path.relative_to(sample_site)}: {mark}")
        if re.search(r"(?<!\d)33(?!\d)\s*项", text):
            found.append(f"{path.relative_to(sample_site)}: 33项")
    assert not found, "测试通知的网站中出现了真实通知的内容：\n" + "\n".join(found)


# Editor-facing format examples that name the real notice; not site content.
ALLOWED: dict[str, list[str]] = {}
ALWAYS_ALLOWED = ["json-schema.org/draft/2020-12/schema"]


def test_generator_has_nothing_of_this_notice_built_in() -> None:
    found = []
    sources = [*(ROOT / "generator").rglob("*"), *(ROOT / "overrides").rglob("*")]
    for path in sorted(sources):
        if not path.is_file() or path.suffix == ".pyc":
            continue
        rel = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for allowed in ALWAYS_ALLOWED + ALLOWED.get(rel, []):
                line = line.replace(allowed, "")
            if (
                "太和" in line
                or "2020" in line
                or re.search(r"(?<![\w#.])33(?!\w)", line, re.ASCII)
            ):
                found.append(f"{rel}:{number}: {line.strip()}")
    assert not found, "生成器或主题中写死了本通知的内容：\n" + "\n".join(found)


def _load_config(path: Path) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def test_sample_config_matches_the_main_config() -> None:
    main, sample = _load_config(MAIN_CONFIG), _load_config(SAMPLE_CONFIG)

    def names(config: dict) -> list[str]:
        return [next(iter(e)) if isinstance(e, dict) else e for e in config["plugins"]]

    # The same plugins; material's search is replaced by Pagefind (generator/search.py).
    assert names(sample) == names(main) == ["minsheng"]
    for key in ["markdown_extensions", "validation", "extra", "extra_css", "extra_javascript"]:
        assert sample.get(key) == main.get(key), key
    theme = {k: v for k, v in main["theme"].items() if k != "custom_dir"}
    assert {k: v for k, v in sample["theme"].items() if k != "custom_dir"} == theme
    assert (SAMPLE_CONFIG.parent / sample["theme"]["custom_dir"]).resolve() == (
        ROOT / main["theme"]["custom_dir"]
    ).resolve()
