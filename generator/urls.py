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
    "years": Section("linian", "历年目标"),
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
    "years": Section("linian", "历年通知"),
}
ABOUT_SECTIONS = {
    "rules": Section("yuanze", "本站写什么、不写什么"),
    "who": Section("fabu", "谁发布、到哪里问"),
    "urls": Section("wangzhi", "网址永久有效"),
    "data": Section("shuju", "数据"),
}
CATEGORY_SECTIONS = {"projects": Section("xiangmu", "项目"), "explained": Section("shuoming", "通知正文的说明")}
OVERVIEW_SECTIONS = {"chart": Section("tu", "完成情况图")}
DATA_SECTIONS = {
    "csv": Section("csv", "indicators.csv 的列"),
    "sheets": Section("tianbaobiao", "进度填报表的填法"),
    "fields": Section("ziduan", "数据文件的字段"),
}
# The notice page: its parts whose headings the data gives, and its fixed paragraphs.
NOTICE_SECTIONS = {"retired": Section("retired"), "requirements": Section("requirements"), "annex": Section("annex")}
NOTICE_PARAGRAPHS = (
    "number", "addressees", "preamble", "retired", "requirements", "annex-heading", "date",
    "copied-to", "printed",
)  # fmt: skip

# A page's citation files for reference managers (site/citefiles.py): CSL-JSON, RIS, BibTeX.
CITATION_FORMATS = ("json", "ris", "bib")
PROGRESS_SHEET_FORMATS = ("xlsx", "csv")  # the progress templates, a spreadsheet and its CSV twin


class Urls:
    """Every page path and file path of one notice's site, made once per notice and
    passed down to whatever makes or links a page (Datasette's ``url_builder``); templates
    get it as ``urls``. Pages are named by source path, files by path.

    ``year`` None publishes the notice at the site's root, as the site of one notice did.
    Addresses of the whole site (the about and subscribe pages, the site's feed, the
    redirect script) are the same for every notice.
    """

    def __init__(self, year: int | None = None) -> None:
        self.year = year
        self.prefix = "" if year is None else f"{year}/"
        # the site's own pages and files, whichever notice links them
        self.SITE_HOME = "index.md"
        self.DATA_DICTIONARY = "data/index.md"
        self.SUBSCRIBE = "subscribe/index.md"
        self.ABOUT = "about/index.md"
        self.FEED = "feed.xml"
        self.ROBOTS = "robots.txt"
        self.SITEMAP = "sitemap.xml"  # written by MkDocs
        self.REDIRECT_SCRIPT = "assets/redirect.js"
        self.SHARE_IMAGE = "share.png"  # the site's share image (og:image of the pages without their own)
        self.JSON_ALL = "data/notices.json"  # every notice's data, for the whole site
        self.CSV_ALL = "data/notices-indicators.csv"
        # the notice's pages and files
        prefix = self.prefix
        self.HOME = f"{prefix}index.md"
        self.OVERVIEW = f"{prefix}projects/index.md"
        self.NOTICE = f"{prefix}notice/index.md"
        self.REQUIREMENTS = f"{prefix}requirements/index.md"
        self.GLOSSARY = f"{prefix}glossary/index.md"
        self.RETIRED = f"{prefix}categories/retired/index.md"
        self.UPDATES = f"{prefix}updates/index.md"
        self.NOTICE_FEED = f"{prefix}feed.xml"
        self.JSON_EXPORT = f"{prefix}data/projects.json"
        self.CSV_EXPORT = f"{prefix}data/indicators.csv"
        self.DATA_PACKAGE = f"{prefix}data/datapackage.json"

    def __repr__(self) -> str:
        return f"Urls({self.year!r})"

    def programme(self, programme_id: str) -> str:
        """Source path of a programme's page, gathering its projects of every year (the
        site's own: ``programmes/<id>/index.md``)."""
        return f"programmes/{programme_id}/index.md"

    def project(self, project_id: str) -> str:
        """Source path of a project page, e.g. ``projects/dibao/index.md``."""
        return f"{self.prefix}projects/{project_id}/index.md"

    def situation(self, situation_id: str) -> str:
        """Source path of a page of the notice's grouping by life situation."""
        return f"{self.prefix}situations/{situation_id}/index.md"

    def category(self, category_id: str) -> str:
        """Source path of a category page (新增, 完善, 继续实施)."""
        return f"{self.prefix}categories/{category_id}/index.md"

    def project_url(self, project_id: str) -> str:
        """Site-relative URL of a project page, e.g. ``projects/dibao/``."""
        return url_of(self.project(project_id))

    def anchor(self, project_id: str, anchor_id: str) -> str:
        """Site-relative URL of a sub-item or figure on its project page."""
        return f"{self.project_url(project_id)}#{anchor_id}"

    def project_feed(self, project_id: str) -> str:
        """Atom feed of one project's updates."""
        return f"{self.project_url(project_id)}feed.xml"

    def qr(self, project_id: str) -> str:
        """Path of a project's QR code image, beside its page."""
        return f"{self.project_url(project_id)}qr.svg"

    def share_image(self, project_id: str) -> str:
        """Path of a project's share image (og:image), beside its page."""
        return f"{self.project_url(project_id)}share.png"

    def progress_sheet(self, project_id: str | None, ext: str) -> str:
        """A progress template (``ext`` xlsx or csv): one project's beside its page, named
        after it so that downloads of several projects' templates keep apart; or, for
        ``None``, the template of every project of the notice, in its data folder."""
        if project_id is None:
            return f"{self.prefix}data/jindu.{ext}"
        return f"{self.project_url(project_id)}{project_id}-jindu.{ext}"

    def beside_project(self, project_id: str, sheets: bool) -> list[str]:
        """Every file published beside a project's page (``sheets``: it has progress
        templates), in one order for any id: a renamed project's files are found at their
        old paths by pairing these lists (moves.py)."""
        found = [self.project_feed(project_id), self.qr(project_id), self.share_image(project_id)]
        found += [citation_file(self.project(project_id), ext) for ext in CITATION_FORMATS]
        if sheets:
            found += [self.progress_sheet(project_id, ext) for ext in PROGRESS_SHEET_FORMATS]
        return found

    def redirect(self, project_id: str) -> str:
        """Path of the redirect page left at a former project id's address."""
        return f"{self.project_url(project_id)}index.html"

    # Anchors are the same on every notice's pages; here too, for the templates.
    @staticmethod
    def update_anchor(date: str) -> str:
        return update_anchor(date)

    @staticmethod
    def notice_anchor(kind: str, key: str) -> str:
        return notice_anchor(kind, key)

    @staticmethod
    def annex_row(project_id: str, row_id: str | None = None) -> str:
        return annex_row(project_id, row_id)

    CITATION_FORMATS = CITATION_FORMATS  # a page's citation files sit beside it, whichever notice

    @staticmethod
    def citation_file(page_src: str, ext: str) -> str:
        return citation_file(page_src, ext)


def of_notice(year: int) -> Urls:
    """The addresses of the site's notice of ``year``: every notice of a site of several
    has its pages under its year."""
    return Urls(year)


def url_of(path: str) -> str:
    """Site-relative URL of a page (from its source path) or of a file (its path)."""
    if path == "index.md" or path.endswith("/index.md"):
        return path.removesuffix("index.md")
    return path


def citation_file(page_src: str, ext: str) -> str:
    """Path of a page's citation in one of ``CITATION_FORMATS`` (``cite.ris``…), beside it."""
    return f"{url_of(page_src)}cite.{ext}"


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
