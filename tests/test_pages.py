"""What generated pages say: golden Markdown, and the plan's anchors in each page.

No MkDocs build: the plan is made and rendered in this process, with a fixed site
address and data version, so the golden files change only when a page does.
After a deliberate change of a page, regenerate the golden files with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_pages.py

and read every changed file before committing it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import markdown
import pytest
from conftest import MAIN_CONFIG

from generator import urls
from generator.model import Notice
from generator.site import planner, render
from generator.site.plan import Site
from generator.version import Version

GOLDEN = Path(__file__).with_name("golden_pages")
SITE_URL = "https://example.org/minsheng/"
VERSION = Version("0123456789abcdef0123456789abcdef01234567", "2099-10-01")
# (golden file, which notice, page)
REAL, SAMPLE = urls.Urls(2020), urls.Urls(2099)  # each site's one notice, under its year
CASES = [
    ("sample-project-with-items-and-progress.md", "sample", SAMPLE.project("ceshi-jiuzhu")),
    ("sample-home-with-progress.md", "sample", SAMPLE.SITE_HOME),
    ("real-home-without-progress.md", "real", REAL.SITE_HOME),
    ("real-notice.md", "real", REAL.NOTICE),
]


@pytest.fixture(scope="module")
def sites(notice: Notice, sample_notice: Notice) -> dict[str, Site]:
    return {
        "real": planner.site([notice], SITE_URL, [VERSION], root_year=2020),
        "sample": planner.site([sample_notice], SITE_URL, [VERSION]),
    }


@pytest.mark.parametrize(("golden", "which", "src"), CASES, ids=[c[0] for c in CASES])
def test_generated_page_is_as_golden(sites: dict[str, Site], golden: str, which: str, src: str) -> None:
    page = sites[which].by_src[src]
    plan = sites[which].owner[src]
    # the front matter is ASCII-escaped JSON: shown readable here, then the page's body
    body = render.render(plan, page).split("\n---\n", 1)[1]
    text = json.dumps(page.meta, ensure_ascii=False, indent=1) + "\n---\n" + body
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{golden} 与生成的页面不同"


def _rendered(site: Site, src: str) -> str:
    return render.render(site.owner[src], site.by_src[src])


def test_home_says_what_progress_was_published(sites: dict[str, Site]) -> None:
    with_reports = _rendered(sites["sample"], SAMPLE.SITE_HOME)
    assert "截至2099-09-30，4个项目公布了进度" in with_reports
    assert "尚未公布" not in with_reports
    assert "截至2099-09-30，4个项目公布了进度" in _rendered(sites["sample"], SAMPLE.HOME)  # and the notice's own home
    without = _rendered(sites["real"], REAL.SITE_HOME)
    assert "这是2020年度的目标；本站没有收到完成情况。" in without


def _markdown_extensions() -> list[str]:
    """The Markdown extensions of mkdocs.yml (names only: ids do not depend on options)."""
    text = MAIN_CONFIG.read_text(encoding="utf-8")
    block = text.split("markdown_extensions:", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^  - ([\w.]+)", block, re.M)


@pytest.mark.parametrize("which", ["real", "sample"])
def test_every_planned_anchor_is_an_id_of_its_page(sites: dict[str, Site], which: str) -> None:
    """The plan's anchors (what the address lock lists) are in the pages, before any build."""
    site = sites[which]
    converter = markdown.Markdown(extensions=_markdown_extensions())
    missing = []
    for page in site.pages:
        body = _rendered(site, page.src).split("\n---\n", 1)[1]
        html = converter.reset().convert(body)
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        missing += [f"{page.url or './'}#{a}" for a in page.anchors if a not in ids]
        assert len(set(page.anchors)) == len(page.anchors), f"{page.src} 的锚点有重复"
    assert not missing, "计划中的锚点不在页面中：\n" + "\n".join(missing)


def test_pages_and_files_have_one_path_each(sites: dict[str, Site]) -> None:
    for site in sites.values():
        paths = [p.src for p in site.pages] + [f.path for f in site.files]
        assert len(paths) == len(set(paths))
