"""The only place where a page path, a file path or an anchor is made.

Every address comes from an id written in the data, never from a title or a
position, so that a published link keeps working when names or order change.
Pages are named by their source path (``projects/dibao/index.md``), which MkDocs
publishes at a directory URL (``projects/dibao/``); files by their path.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.utils import get_relative_url


@dataclass(frozen=True)
class Section:
    """A fixed section of a page: its anchor and, where the site names it, its heading."""

    id: str
    title: str = ""


# The fixed sections of each kind of page. The site plan decides which ones a page shows;
# templates and the address lock take the anchors from there.
PROJECT_SECTIONS = {
    "target": Section("mubiao", "目标任务"),
    "progress": Section("jindu", "进度"),
    "history": Section("gengxin", "更新记录"),
    "category": Section("leibie", "类别"),
    "notes": Section("bianzhezhu", "编者注"),
    "keywords": Section("guanjianci", "常用说法"),
    "cite": Section("yinyong", "引用本页"),
    "source": Section("laiyuan", "来源"),
}
# Item and indicator ids share a project page with its sections: none may take one of
# these anchors ("zhibiao" is kept free for a section of figures).
RESERVED_ON_PROJECT = {s.id: s.title for s in PROJECT_SECTIONS.values()} | {"zhibiao": "指标"}
HOME_SECTIONS = {
    "situations": Section("qingkuang", "按生活情况找"),
    "projects": Section("xiangmu", "按通知的分类看"),
    "usage": Section("shiyong", "怎样使用本站"),
}
ABOUT_SECTIONS = {
    "rules": Section("yuanze", "本站写什么、不写什么"),
    "who": Section("fabu", "谁发布、到哪里问"),
    "urls": Section("wangzhi", "网址永久有效"),
    "data": Section("shuju", "数据"),
}
CATEGORY_SECTIONS = {"projects": Section("xiangmu", "项目"), "explained": Section("shuoming", "通知正文的说明")}
OVERVIEW_SECTIONS = {"chart": Section("tu", "完成情况图")}
DATA_SECTIONS = {"csv": Section("csv", "indicators.csv 的列"), "fields": Section("ziduan", "数据文件的字段")}
# The notice page: its parts whose headings the data gives, and its fixed paragraphs.
NOTICE_SECTIONS = {"retired": Section("retired"), "requirements": Section("requirements"), "annex": Section("annex")}
NOTICE_PARAGRAPHS = (
    "number", "addressees", "preamble", "retired", "requirements", "annex-heading", "date",
    "copied-to", "printed",
)  # fmt: skip

# Generated pages, by source path.
HOME = "index.md"
OVERVIEW = "projects/index.md"
NOTICE = "notice/index.md"
REQUIREMENTS = "requirements/index.md"
GLOSSARY = "glossary/index.md"
RETIRED = "categories/retired/index.md"
UPDATES = "updates/index.md"
DATA_DICTIONARY = "data/index.md"
SUBSCRIBE = "subscribe/index.md"
ABOUT = "about/index.md"
# Generated files, by path.
JSON_EXPORT = "data/projects.json"
CSV_EXPORT = "data/indicators.csv"
FEED = "feed.xml"
SHARE_IMAGE = "share.png"  # the site's share image (og:image of the pages without their own)
PROGRESS_SHEET_FORMATS = ("xlsx", "csv")  # the progress templates, a spreadsheet and its CSV twin
REDIRECT_SCRIPT = "assets/redirect.js"


def project(project_id: str) -> str:
    """Source path of a project page, e.g. ``projects/dibao/index.md``."""
    return f"projects/{project_id}/index.md"


def situation(situation_id: str) -> str:
    """Source path of a page of the site's grouping by life situation."""
    return f"situations/{situation_id}/index.md"


def category(category_id: str) -> str:
    """Source path of a category page (新增, 完善, 继续实施)."""
    return f"categories/{category_id}/index.md"


def url_of(path: str) -> str:
    """Site-relative URL of a page (from its source path) or of a file (its path)."""
    if path == "index.md" or path.endswith("/index.md"):
        return path.removesuffix("index.md")
    return path


def project_url(project_id: str) -> str:
    """Site-relative URL of a project page, e.g. ``projects/dibao/``."""
    return url_of(project(project_id))


def anchor(project_id: str, anchor_id: str) -> str:
    """Site-relative URL of a sub-item or figure on its project page."""
    return f"{project_url(project_id)}#{anchor_id}"


def project_feed(project_id: str) -> str:
    """Atom feed of one project's updates."""
    return f"{project_url(project_id)}feed.xml"


def qr(project_id: str) -> str:
    """Path of a project's QR code image, beside its page."""
    return f"{project_url(project_id)}qr.svg"


# A page's citation files for reference managers (site/citefiles.py): CSL-JSON, RIS, BibTeX.
CITATION_FORMATS = ("json", "ris", "bib")


def citation_file(page_src: str, ext: str) -> str:
    """Path of a page's citation in one of ``CITATION_FORMATS`` (``cite.ris``…), beside it."""
    return f"{url_of(page_src)}cite.{ext}"


def share_image(project_id: str) -> str:
    """Path of a project's share image (og:image), beside its page."""
    return f"{project_url(project_id)}share.png"


def progress_sheet(project_id: str | None, ext: str) -> str:
    """A progress template (``ext`` xlsx or csv): one project's beside its page, named after
    it so that downloads of several projects' templates keep apart; or, for ``None``, the
    template of every project, on /data/."""
    if project_id is None:
        return f"data/jindu.{ext}"
    return f"{project_url(project_id)}{project_id}-jindu.{ext}"


def redirect(project_id: str) -> str:
    """Path of the redirect page left at a former project id's address."""
    return f"{project_url(project_id)}index.html"


def update_anchor(date: str) -> str:
    """Anchor of one dated report in a project's update history."""
    return f"gengxin-{date}"


def notice_anchor(kind: str, key: str) -> str:
    """Anchor of a paragraph on the notice page, e.g. ``p-dibao`` (a project's paragraph)."""
    return f"{kind}-{key}"


def annex_row(project_id: str, row_id: str | None = None) -> str:
    """Anchor of a project's first row (or of a sub-item's row) in the notice's annex."""
    return notice_anchor("annex", project_id if row_id is None else f"{project_id}-{row_id}")


def absolute(site_url: str, url: str) -> str:
    """A site-relative URL made permanent: prefixed with the published site's address.

    ``site_url`` "" leaves the address site-relative (for tests and previews).
    """
    if not site_url:
        return url
    return site_url + url if site_url.endswith("/") else f"{site_url}/{url}"


def relative(from_path: str, to_path: str, anchor_id: str = "") -> str:
    """A link from one page (by source path or URL) to a page or file, with an anchor."""
    link = get_relative_url(url_of(to_path) or ".", url_of(from_path) or ".")
    if to_path.endswith("index.md") and not link.endswith("/"):
        link += "/"  # a directory URL keeps its slash
    return link + (f"#{anchor_id}" if anchor_id else "")
