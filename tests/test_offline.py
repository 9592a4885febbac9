"""Offline reading (issue 21): the service worker (overrides/sw.js) in Chromium.

The built site is served under a sub-path (/minsheng/), as a county may publish it. A
resident reads two project pages and searches once; then the phone loses its network:
those pages open again, her search works over them, and a page she never read says
plainly that the phone is offline. Back online, a changed page shows at once (network
first), and a new build's worker deletes the old build's cache.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PHONE, LocalServer

from generator import offline
from generator.filememo import FileMemo

READ = ["2020/projects/kunnan-jiuzhu/", "2020/projects/sihao-nongcunlu/"]
NOT_READ = "2020/projects/dabing-baoxian/"


@pytest.fixture(scope="module")
def subsite(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A copy of the built site served at /minsheng/: (its address, its folder)."""
    root = tmp_path_factory.mktemp("offline")
    shutil.copytree(built_site, root / "minsheng")
    local = LocalServer(root)
    with local.serving() as url:
        yield url + "minsheng/", root / "minsheng"


@pytest.fixture
def resident(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def search(page, query: str) -> list[str]:
    """Search as a resident does; the result addresses."""
    if not page.locator("dialog.ms-search[open]").count():
        page.locator(".ms-search-open").click()
    box = page.locator("#ms-search-input")
    box.fill(query)
    page.wait_for_function(
        "q => { const d = document.querySelector('dialog.ms-search');"
        " return d && d.dataset.query === q && ['done', 'error'].includes(d.dataset.state); }",
        arg=query,
    )
    return [a.get_attribute("href") for a in page.locator(".ms-search-results a").all()]


def test_pages_read_and_searches_made_work_offline(subsite: tuple[str, Path], resident, results_dir: Path) -> None:
    base, _ = subsite
    page = resident
    page.goto(base)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    scope = page.evaluate("() => navigator.serviceWorker.controller.scriptURL")
    assert scope == base + "sw.js"
    for path in READ:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    online = search(page, "孤儿")
    assert any("kunnan-jiuzhu" in href for href in online), online

    page.context.set_offline(True)
    try:
        for path in READ:
            page.goto(base + path)
            assert page.locator("h1").first.inner_text().startswith(("20．", "4．")), path
            assert page.locator(".ms-promise").first.is_visible()
        page.screenshot(path=results_dir / "phone-offline-page.png")
        found = search(page, "孤儿")
        assert any("kunnan-jiuzhu" in href for href in found), found
        status = page.locator("#ms-search-status").inner_text()
        assert status.startswith("手机没有联网：以下是保存在手机上的"), status
        page.screenshot(path=results_dir / "phone-offline-search.png")
        # a result opens, from the phone
        page.locator(".ms-search-results a", has_text="困难人员救助").first.click()
        page.wait_for_url("**/kunnan-jiuzhu/**")
        assert page.locator(".ms-glance").is_visible()
        # a page never read: said plainly, with the pages that are kept
        page.goto(base + NOT_READ)
        assert page.locator("h1").inner_text() == "手机没有联网"
        assert "这个页面还没有保存在手机上" in page.locator("body").inner_text()
        kept = [a.get_attribute("href") for a in page.locator("li a").all()]
        assert {base, *(base + path for path in READ)} <= set(kept), kept
        # the first page read (before the worker took charge) opens too, with its styles
        page.goto(base)
        assert page.locator(".md-header").evaluate("el => getComputedStyle(el).position") != "static"
        page.screenshot(path=results_dir / "phone-offline-not-read.png")
    finally:
        page.context.set_offline(False)


def test_online_pages_are_never_stale_and_a_new_build_drops_the_old_cache(subsite: tuple[str, Path], resident) -> None:
    base, folder = subsite
    page = resident
    page.goto(base + READ[0])
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.reload()  # now through the worker: kept
    old = page.evaluate("() => caches.keys()")
    assert len(old) == 1 and old[0].startswith("minsheng-"), old

    # the page changes on the server: online, the resident sees the change at once
    html = folder / READ[0] / "index.html"
    html.write_text(html.read_text(encoding="utf-8").replace("</h1>", "（已更新）</h1>", 1), encoding="utf-8")
    page.reload()
    assert page.locator("h1").first.inner_text().endswith("（已更新）")

    # a new build: a new worker version, whose activation deletes the old cache
    worker = folder / offline.WORKER
    version = old[0].removeprefix("minsheng-")
    worker.write_text(worker.read_text(encoding="utf-8").replace(version, "0" * 16), encoding="utf-8")
    page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function("() => caches.keys().then(k => k.length === 1 && k[0] === 'minsheng-' + '0'.repeat(16))")


def test_the_worker_is_versioned_by_the_site_it_serves(tmp_path: Path) -> None:
    """Same site, same version (builds stay reproducible); a changed file, a new version; the
    search index (written later, from the pages) and the worker itself do not count."""

    sites = iter(range(100))

    def built(page: str, index: str) -> str:
        site = tmp_path / str(next(sites))
        (site / "pagefind").mkdir(parents=True)
        (site / "index.html").write_text(page, encoding="utf-8")
        (site / "pagefind" / "pagefind-entry.json").write_text(index, encoding="utf-8")
        (site / offline.WORKER).write_text(f'var VERSION = "{offline.PLACEHOLDER}";', encoding="utf-8")
        version = offline.stamp(site)
        assert version is not None
        assert (site / offline.WORKER).read_text(encoding="utf-8") == f'var VERSION = "{version}";'
        return version

    assert built("a", "1") == built("a", "2")
    assert built("a", "1") != built("b", "1")
    assert offline.stamp(tmp_path / "0" / "pagefind") is None  # no worker: nothing to do


def test_the_site_files_are_walked_as_pathlib_would_and_a_kept_digest_changes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in ("a.html", "b/index.html", "b/c/d.png", "b-c.txt", "中文/页.html", ".hidden/x"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    (site / "link.html").symlink_to(site / "a.html")  # not followed, as rglob with is_symlink
    (site / "linked").symlink_to(site / "b", target_is_directory=True)
    expected = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and not p.is_symlink())
    assert [name for name, _ in offline.files(site)] == expected
    assert all(Path(path) == site / name for name, path in offline.files(site))
    kept = FileMemo(offline.sha256)
    assert offline.digest(site, kept) == offline.digest(site) == offline.digest(site, kept)
