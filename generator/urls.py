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


def annex_row(project_id: str, row_id: str) -> str:
    """Anchor of a sub-item's row in the notice's annex table."""
    return notice_anchor("annex", f"{project_id}-{row_id}")


def qr(project_id: str) -> str:
    """Path of a project's QR code image, beside its page."""
    return f"{project_url(project_id)}qr.svg"


def redirect(project_id: str) -> str:
    """Path of the redirect page left at a former project id's address."""
    return f"{project_url(project_id)}index.html"


def absolute(site_url: str, url: str) -> str:
    """A site-relative URL made permanent: prefixed with the published site's address."""
    return site_url + url if site_url.endswith("/") or not site_url else f"{site_url}/{url}"


# Anchors written literally in the templates, published on every build. The
# address lock checks each against the built pages, so a template that drops
# one fails the build instead of silently breaking a link.
HOME_SECTIONS = ("xiangmu", "shiyong")
CATEGORY_SECTIONS = ("xiangmu",)
CATEGORY_EXPLAINED = "shuoming"  # only when a project of the category has an explanation
PROJECT_ALWAYS = ("mubiao", "jindu", "leibie", "laiyuan", "yinyong")
PROJECT_REPORTED = "gengxin"  # only when the project has progress reports
OVERVIEW_SECTIONS = ("tu",)
DATA_DICTIONARY_SECTIONS = ("csv", "ziduan")
NOTICE_PARAGRAPHS = (
    "p-number",
    "p-addressees",
    "p-preamble",
    "retired",
    "p-retired",
    "requirements",
    "p-requirements",
    "p-annex-heading",
    "p-date",
    "annex",
    "p-copied-to",
    "p-printed",
)
