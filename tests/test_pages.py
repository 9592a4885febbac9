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
from generator.site.plan import Plan
from generator.version import Version

U = urls.Urls()  # the addresses of a notice published at the site's root

GOLDEN = Path(__file__).with_name("golden_pages")
SITE_URL = "https://example.org/minsheng/"
VERSION = Version("0123456789abcdef0123456789abcdef01234567", "2099-10-01")
# (golden file, which notice, page)
CASES = [
    ("sample-project-with-items-and-progress.md", "sample", U.project("ceshi-jiuzhu")),
    ("sample-home-with-progress.md", "sample", U.HOME),
    ("real-home-without-progress.md", "real", U.HOME),
    ("real-notice.md", "real", U.NOTICE),
]


@pytest.fixture(scope="module")
def plans(notice: Notice, sample_notice: Notice) -> dict[str, Plan]:
    return {
        "real": planner.make(notice, SITE_URL, VERSION),
        "sample": planner.make(sample_notice, SITE_URL, VERSION),
    }


@pytest.mark.parametrize(("golden", "which", "src"), CASES, ids=[c[0] for c in CASES])
def test_generated_page_is_as_golden(plans: dict[str, Plan], golden: str, which: str, src: str) -> None:
    plan = plans[which]
    page = plan.page(src)
    # the front matter is ASCII-escaped JSON: shown readable here, then the page's body
    body = render.render(plan, page).split("\n---\n", 1)[1]
    text = json.dumps(page.meta, ensure_ascii=False, indent=1) + "\n---\n" + body
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{golden} 与生成的页面不同"


def test_home_says_what_progress_was_published(plans: dict[str, Plan]) -> None:
    with_reports = render.render(plans["sample"], plans["sample"].page(U.HOME))
    assert "截至2099-09-30，4个项目公布了进度" in with_reports
    assert "尚未公布" not in with_reports
    without = render.render(plans["real"], plans["real"].page(U.HOME))
    assert "这是2020年度的目标；本站没有收到完成情况。" in without


def _markdown_extensions() -> list[str]:
    """The Markdown extensions of mkdocs.yml (names only: ids do not depend on options)."""
    text = MAIN_CONFIG.read_text(encoding="utf-8")
    block = text.split("markdown_extensions:", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^  - ([\w.]+)", block, re.M)


@pytest.mark.parametrize("which", ["real", "sample"])
def test_every_planned_anchor_is_an_id_of_its_page(plans: dict[str, Plan], which: str) -> None:
    """The plan's anchors (what the address lock lists) are in the pages, before any build."""
    plan = plans[which]
    converter = markdown.Markdown(extensions=_markdown_extensions())
    missing = []
    for page in plan.pages:
        body = render.render(plan, page).split("\n---\n", 1)[1]
        html = converter.reset().convert(body)
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        missing += [f"{page.url or './'}#{a}" for a in page.anchors if a not in ids]
        assert len(set(page.anchors)) == len(page.anchors), f"{page.src} 的锚点有重复"
    assert not missing, "计划中的锚点不在页面中：\n" + "\n".join(missing)


def test_pages_and_files_have_one_path_each(plans: dict[str, Plan]) -> None:
    for plan in plans.values():
        paths = [p.src for p in plan.pages] + [f.path for f in plan.files]
        assert len(paths) == len(set(paths))
