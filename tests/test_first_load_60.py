"""First load of a site whose notice has 60 projects, measured as test_search.py measures
the real site's (``transfer.first_load``: 360×740, empty cache, every response until the
network is idle, each at its gzip -6 size). The notice is fictional (``bench/sites.py``:
made from the real notice's projects, the copies beyond its 33 enciphered so that gzip
cannot squeeze a repeated text, every target marked 虚构), built in a temporary folder;
nothing of it is committed. Sizes are deterministic, so the budget is a test; timings are
not (``make bench``).
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, LocalServer, build_site
from transfer import KB, first_load

sys.path.insert(0, str(ROOT / "bench"))
import sites  # bench/sites.py: the fictional notices

PROJECTS = 60
FIRST_LOAD_BUDGET = 80 * KB  # as tests/test_search.py
NOTICE_PAGE = f"{sites.FIRST_YEAR}/notice/"

pytestmark = pytest.mark.slow  # builds a site and drives Chromium


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The site of one fictional 60-project notice, served; yields (base URL, site folder)."""
    work = tmp_path_factory.mktemp("sixty")
    files = sites.fictional_site(work / "data", 1, PROJECTS)
    config = sites.config(work / "mkdocs.yml", f"测试：虚构的{PROJECTS}项通知", ROOT / "docs", files)
    sites.lock(config)
    sites.commit(work, files)
    local = LocalServer(work / "site")
    (work / "site").mkdir()
    build_site(config, local.root, local.url)
    with local.serving() as url:
        yield url, local.root


@pytest.fixture(scope="module")
def loads(served: tuple[str, Path], browser, results_dir: Path) -> dict[str, int]:
    """Gzipped bytes of the first load of every page but redirects. Of the project pages,
    which share everything but their own HTML, only the five whose HTML is largest gzipped
    (a browser load each costs seconds; the real site's test opens every one)."""
    url, site = served
    pages = [p for p in sorted(site.rglob("index.html")) if 'http-equiv="refresh"' not in p.read_text("utf-8")]
    projects = [p for p in pages if p.parent.parent.name == "projects"]
    largest = sorted(projects, key=lambda p: -len(gzip.compress(p.read_bytes())))[:5]
    sizes, tables = {}, {}
    for index in [p for p in pages if p not in projects] + largest:
        rel = index.parent.relative_to(site).as_posix()
        rel = "" if rel == "." else rel + "/"
        transfer, _ = first_load(browser, url + rel)
        sizes[rel], tables[rel] = transfer.gzipped(), transfer.table()
    lines = [f"{PROJECTS} 个项目的虚构通知：首次加载（gzip -6，空缓存，直到网络空闲），{len(sizes)} 页（项目页取页面本身最大的 5 页）"]
    lines += [f"通知原文页 /{NOTICE_PAGE}：", tables[NOTICE_PAGE]]
    lines += [f"{n / KB:7.1f} kB  /{rel}" for rel, n in sorted(sizes.items(), key=lambda kv: -kv[1])]
    (results_dir / f"first-load-{PROJECTS}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sizes


def test_every_page_of_a_60_project_notice_fits_the_budget(loads: dict[str, int]) -> None:
    assert len(loads) > 25
    assert NOTICE_PAGE in loads
    over = {rel: f"{n / KB:.1f} kB" for rel, n in loads.items() if n > FIRST_LOAD_BUDGET}
    assert not over, f"首次加载超过 80 kB：{over}"
