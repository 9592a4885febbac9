"""The built site in Chromium: sorting and filtering, anchors, privacy, phones.

Search is tested in test_search.py.

Nothing here is ever skipped: without Chromium the ``browser`` fixture fails.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from generator import urls
from generator.model import Notice

U = urls.Urls(2020)  # the addresses of the real notice


def rows_in_order(page) -> list[str]:
    """Project ids of the overview rows as displayed (visible rows only)."""
    return page.eval_on_selector_all(
        "table.ms-overview tbody tr",
        """rows => rows.filter(r => !r.hidden).map(r => {
               const a = r.querySelector('a[href]');
               return new URL(a.getAttribute('href'), location.href).pathname.split('/').slice(-2)[0];
           })""",
    )


def collate(page, keys: list[str]) -> list[int]:
    """Positions of ``keys`` sorted with the browser's Chinese collation (stable)."""
    return page.evaluate(
        """keys => keys.map((k, i) => i)
             .sort((a, b) => keys[a].localeCompare(keys[b], 'zh-CN') || a - b)""",
        keys,
    )


# --------------------------------------------------------------------------
# (a) Overview: sorting and filtering
# --------------------------------------------------------------------------


TABLE_KEYS = """table => Array.from(table.tBodies[0].rows, r => ({
    id: new URL(r.querySelector('a[href]').getAttribute('href'), location.href)
          .pathname.split('/').slice(-2)[0],
    keys: Array.from(r.cells, c => c.hasAttribute('data-value')
          ? c.getAttribute('data-value') : c.textContent.trim()),
}))"""


def sorted_by_keys(page, rows: list[dict], column: int, kind: str) -> list[str]:
    """Ascending order of the rows by one column's sort keys; ties by 序号 (column 0)."""
    return page.evaluate(
        """([rows, column, kind]) => rows.slice().sort((a, b) => {
               const x = a.keys[column], y = b.keys[column];
               const order = kind === 'number' ? parseFloat(x) - parseFloat(y)
                                               : x.localeCompare(y, 'zh-CN');
               return order || parseFloat(a.keys[0]) - parseFloat(b.keys[0]);
           }).map(r => r.id)""",
        [rows, column, kind],
    )


def meaning_of_columns(page, notice: Notice) -> dict[str, list[str]]:
    """Ascending order of the columns whose meaning the data fixes (ties by 序号)."""
    projects = sorted(notice.projects, key=lambda p: p.seq)
    category_rank = {c.id: i for i, c in enumerate(notice.categories)}

    def figures(p) -> int:  # a project without a task this year has no figure to reach
        return 0 if p.no_task else sum(1 for ind in p.all_indicators if ind.has_figure)

    return {
        "序号": [p.id for p in projects],
        "项目": [projects[i].id for i in collate(page, [p.name for p in projects])],
        # Categories in the notice's own order: 新增, 完善, 继续实施.
        "类别": [p.id for p in sorted(projects, key=lambda p: category_rank[p.category])],
        "目标数字": [p.id for p in sorted(projects, key=figures)],
    }


def test_overview_sorts_by_every_column(server: str, page, notice: Notice) -> None:
    # Arrive by instant navigation, as a visitor does, so the script must follow it.
    page.goto(server)
    page.click(f"nav.md-nav a[href$='{urls.url_of(U.OVERVIEW)}']")
    page.wait_for_selector("table.ms-overview[data-ready]")
    assert rows_in_order(page) == [p.id for p in notice.projects]
    rows = page.eval_on_selector("table.ms-overview", TABLE_KEYS)
    meaning = meaning_of_columns(page, notice)
    headers = page.locator("table.ms-overview thead th")
    labels = [label.strip() for label in headers.all_inner_texts()]
    assert set(meaning) <= set(labels), labels
    wrong = []
    for column, label in enumerate(labels):
        header = headers.nth(column)
        kind = header.get_attribute("data-sort")
        if not kind or not header.locator("button").count():
            continue
        ascending = sorted_by_keys(page, rows, column, kind)
        if label in meaning and ascending != meaning[label]:
            wrong.append(f"{label}：排序键与数据不符\n  按键 {ascending}\n  应为 {meaning[label]}")
        for direction, order in [("ascending", ascending), ("descending", ascending[::-1])]:
            # 序号 starts out sorted ascending, so its first click sorts descending.
            if header.get_attribute("aria-sort") == direction:
                header.locator("button").click()
            header.locator("button").click()
            assert header.get_attribute("aria-sort") == direction
            shown = rows_in_order(page)
            if shown != order:
                wrong.append(f"{label} {direction}：\n  显示 {shown}\n  应为 {order}")
    assert not wrong, "总览表排序不对：\n" + "\n".join(wrong)


def test_overview_filters_by_category(server: str, page, notice: Notice) -> None:
    page.goto(server + urls.url_of(U.OVERVIEW))
    page.wait_for_selector("table.ms-overview[data-ready]")
    # Once the sitemap is in, material's instant navigation intercepts link clicks.
    page.wait_for_load_state("networkidle")
    for category in notice.categories:
        page.click(f".ms-filter a[data-filter='{category.id}']")
        page.wait_for_timeout(200)  # an unwanted instant navigation would start by now
        assert urlsplit(page.url).path == "/" + urls.url_of(U.OVERVIEW), (
            f"点击筛选“{category.label}”离开了总览页（到了 {page.url}）：material 的即时导航"
            "不理会 preventDefault，筛选链接的点击处理须 stopPropagation"
        )
        shown = rows_in_order(page)
        expected = [p.id for p in notice.projects_in(category.id)]
        assert shown == expected, category.label
        assert len(shown) == category.count
        pressed = page.locator(".ms-filter a[aria-pressed='true']")
        assert pressed.get_attribute("data-filter") == category.id
    page.click(".ms-filter a[data-filter='']")
    assert rows_in_order(page) == [p.id for p in notice.projects]


# --------------------------------------------------------------------------
# (b) Every anchor on every project page
# --------------------------------------------------------------------------


IN_VIEW = """id => {
    const el = document.getElementById(id);
    if (!el) return 'missing';
    const header = document.querySelector('.md-header');
    const top = header ? header.getBoundingClientRect().bottom : 0;
    const r = el.getBoundingClientRect();
    return r.top >= top - 2 && r.top < window.innerHeight - 20 && r.height > 0;
}"""


def wait_in_view(page, anchor: str, settle: int = 0) -> str | None:
    """None when the element is below the header in the viewport (and still is after
    ``settle`` ms, to catch a late layout shift), else why not."""
    try:
        page.wait_for_function(f"() => ({IN_VIEW})({anchor!r}) === true", timeout=3000)
        if not settle:
            return None
        page.wait_for_timeout(settle)
        if page.evaluate(f"({IN_VIEW})({anchor!r})") is True:
            return None
    except Exception:
        pass
    top = page.evaluate(
        """id => { const el = document.getElementById(id);
           return el ? Math.round(el.getBoundingClientRect().top) : 'missing'; }""",
        anchor,
    )
    return f"top={top}, scrollY={page.evaluate('Math.round(scrollY)')}"


def test_every_project_anchor_scrolls_into_view(server: str, page, notice: Notice) -> None:
    failures = []
    checked = 0
    for project in notice.projects:
        anchors = [item.id for item in project.items]
        anchors += [ind.id for ind in project.all_indicators]
        if not anchors:
            continue
        # A fresh load with the deepest anchor, as when someone opens a shared link:
        # everything above it (tables, images, scripts) must be laid out first.
        # The other anchors follow as the address changes on the same page.
        order = [anchors[-1], *anchors[:-1]]
        for n, anchor in enumerate(order):
            # From another project's page the first goto is a full load; the rest
            # only change the fragment.
            page.goto(f"{server}{U.anchor(project.id, anchor)}")
            why = wait_in_view(page, anchor, settle=100 if n == 0 else 0)
            if why:
                failures.append(f"{project.id}#{anchor}: {why}")
            checked += 1
    assert checked > 100
    assert not failures, "以下锚点打开后不在视口中：\n" + "\n".join(failures)


def test_figure_links_in_the_text_scroll_to_their_rows(server: str, page, notice: Notice) -> None:
    project = max(notice.projects, key=lambda p: len(p.all_indicators))
    page.goto(server + urls.url_of(U.project(project.id)))
    page.wait_for_load_state("networkidle")  # instant navigation handles the clicks
    links = page.locator("a.ms-fig")
    assert links.count() == len(project.all_indicators)
    failures = []
    for i in range(links.count()):
        target = urlsplit(links.nth(i).get_attribute("href")).fragment
        links.nth(i).click()
        why = wait_in_view(page, target)
        if why:
            failures.append(f"#{target}: {why}")
    assert not failures, f"{project.id}：点击目标原文中的数字后，表格行不在视口中：{failures}"


# --------------------------------------------------------------------------
# (c) No request leaves the machine
# --------------------------------------------------------------------------


def outside(requests: list[str], server: str) -> list[str]:
    own = urlsplit(server).netloc
    return sorted(
        {u for u in requests if urlsplit(u).scheme not in {"data", "blob", "about"}}
        - {u for u in requests if urlsplit(u).netloc == own}
    )


def test_no_request_leaves_the_site(server: str, page, notice: Notice) -> None:
    for src in [
        U.HOME,
        U.OVERVIEW,
        U.project(notice.projects[0].id),
        U.NOTICE,
        U.GLOSSARY,
    ]:
        page.goto(server + urls.url_of(src))
        page.wait_for_load_state("networkidle")
    from test_search import search

    search(page, "低保")
    page.locator("dialog.ms-search .ms-search-results a").first.click()
    page.wait_for_load_state("networkidle")
    assert any("/pagefind/" in u for u in page.requests), "没有加载搜索索引"
    assert not outside(page.requests, server), outside(page.requests, server)


def test_feeds_are_found_by_feed_readers_but_not_by_material(
    server: str, page, notice: Notice
) -> None:
    """Issue 14: material fetched sitemap.xml beside every <link rel="alternate">; the
    project feeds made that projects/<id>/sitemap.xml, a 404 on every project page."""
    project = notice.projects[0]
    page.goto(server + urls.url_of(U.project(project.id)))
    page.wait_for_load_state("networkidle")
    # Feed readers: rel holds the token "alternate", type says Atom.
    feeds = page.eval_on_selector_all(
        'link[rel~="alternate"][type="application/atom+xml"]', "ls => ls.map(l => l.href)"
    )
    assert feeds == [server + U.FEED, server + U.project_feed(project.id)]
    # Material: its exact match finds nothing, and no sitemap.xml is fetched anywhere.
    assert page.locator("link[rel=alternate]").count() == 0
    assert not [u for u in page.requests if u.endswith("sitemap.xml")], page.requests


# --------------------------------------------------------------------------
# (d) A 360 px phone
# --------------------------------------------------------------------------


def test_pages_fit_a_360px_phone(server: str, browser, notice: Notice, results_dir: Path) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    try:
        page = context.new_page()
        widest = max(notice.projects, key=lambda p: len(p.all_indicators))
        page.goto(server + urls.url_of(U.project(widest.id)))
        page.screenshot(path=str(results_dir / f"project-{widest.id}-360px.png"), full_page=True)
        page.goto(server + urls.url_of(U.OVERVIEW))
        page.screenshot(path=str(results_dir / "overview-360px.png"), full_page=True)
        sources = [U.HOME, U.OVERVIEW, U.NOTICE, U.GLOSSARY, U.REQUIREMENTS]
        sources += [U.RETIRED, *(U.category(c.id) for c in notice.categories)]
        sources += [U.project(p.id) for p in notice.projects]
        too_wide = {}
        for src in sources:
            page.goto(server + urls.url_of(src), wait_until="domcontentloaded")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 360:
                too_wide[urls.url_of(src)] = width
        assert not too_wide, f"在 360px 宽的手机上出现横向滚动：{too_wide}"
    finally:
        context.close()
