"""The only place where a page path or an anchor is made.

Every address comes from an id written in the data, never from a title or a
position, so that a published link keeps working when names or order change.
"""

from __future__ import annotations

# Anchors of the fixed sections of a project page. Item and indicator ids share
# the page with them, so the validator refuses these as ids.
PROJECT_SECTIONS = {
    "mubiao": "目标任务",
    "leibie": "类别",
    "zhibiao": "指标",
    "jindu": "进度",
    "gengxin": "更新记录",
    "laiyuan": "来源",
    "guanjianci": "关键词",
    "bianzhezhu": "编者注",
    "yinyong": "引用本页",
}


def project(project_id: str) -> str:
    """Source path of a project page, e.g. ``projects/dibao/index.md``."""
    return f"projects/{project_id}/index.md"


def project_url(project_id: str) -> str:
    """Site-relative URL of a project page, e.g. ``projects/dibao/``."""
    return f"projects/{project_id}/"


def anchor(project_id: str, anchor_id: str) -> str:
    """Site-relative URL of a sub-item or figure on its project page."""
    return f"{project_url(project_id)}#{anchor_id}"


HOME = "index.md"
OVERVIEW = "projects/index.md"
NOTICE = "notice/index.md"
REQUIREMENTS = "requirements/index.md"
GLOSSARY = "glossary/index.md"
RETIRED = "categories/retired/index.md"
UPDATES = "updates/index.md"
DATA_DICTIONARY = "data/index.md"
JSON_EXPORT = "data/projects.json"
CSV_EXPORT = "data/indicators.csv"
FEED = "feed.xml"


def project_feed(project_id: str) -> str:
    """Atom feed of one project's updates."""
    return f"projects/{project_id}/feed.xml"


def update_anchor(date: str) -> str:
    """Anchor of one dated report in a project's update history."""
    return f"gengxin-{date}"


def category(category_id: str) -> str:
    """Source path of a category page (新增, 完善, 继续实施)."""
    return f"categories/{category_id}/index.md"


def notice_anchor(kind: str, key: str) -> str:
    """Anchor of a paragraph on the notice page, e.g. ``p-project-dibao``."""
    return f"{kind}-{key}"


def url_of(src_path: str) -> str:
    """Site-relative URL of a generated page, from its source path."""
    return src_path.removesuffix("index.md")
