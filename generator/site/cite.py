"""Citations of the notice page, a project page or a figure: one CSL-JSON record each, and
from it the GB/T 7714—2015 text that the page shows (``gbt7714.py``) and the files a
reference manager imports (``citefiles.py``: CSL-JSON, RIS, BibTeX).

Who and when, by GB/T 7714—2015's pattern for an electronic resource (电子资源):

    主要责任者. 题名: 其他题名信息[EB/OL]. (更新或修改日期)[引用日期]. 获取和访问路径.

* The notice page: the notice's issuer and the notice's date.
* A project page (and a figure on it): this site's page, so its author is the site's
  publisher from the data (``publisher.name``), or none when none is given; the notice is
  named in the title (its title, 文号 and the project's row in the annex). Its date is the
  latest dated thing on the page: the notice's date, or its newest progress report's.
* The 引用日期 is the day the reader cites the page, which a build cannot know: the files
  leave it out for the citer, and the page's text carries the placeholder ``[引用日期]``,
  which the page's script replaces with the reader's date.
* The data version (the data file's commit) is not a date of the page: it follows the
  access path in the text (an addition to the standard's items) and is the record's
  ``version``, so a reader can find exactly the data that was cited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import urls
from ..model import Indicator, Notice, Project
from ..urls import Urls
from ..version import Version
from . import gbt7714

CITE_DATE = "[引用日期]"
Record = dict[str, Any]  # a CSL-JSON item


class Citation:
    """Citations of the pages of one notice (its addresses ``address``) on the site at
    ``site_url`` ("" for site-relative addresses) and the data version it was built from;
    rendered texts kept in ``cache_dir``."""

    def __init__(
        self, notice: Notice, address: Urls, site_url: str, version: Version, cache_dir: Path | None = None
    ) -> None:
        self.notice = notice
        self.address = address
        self.site_url = site_url
        self.version = version
        self.cache_dir = cache_dir

    def url(self, project: Project, anchor: str = "") -> str:
        """The permanent address of a project page, or of an anchor on it."""
        page = urls.absolute(self.site_url, self.address.project_url(project.id))
        return f"{page}#{anchor}" if anchor else page

    @property
    def publisher(self) -> str | None:
        return self.notice.publisher.name if self.notice.publisher else None

    def _record(self, key: str, title: str, url: str, date: str, author: str | None) -> Record:
        year, month, day = (int(part) for part in date.split("-"))
        record: Record = {
            "id": f"minsheng-{self.notice.document.year}-{key}",
            "type": "webpage",
            "title": title,
            "issued": {"date-parts": [[year, month, day]]},
            "URL": url,
            "language": "zh-CN",
            "version": self.version.label,
        }
        if author:
            record["author"] = [{"literal": author}]
        return record

    def notice_record(self) -> Record:
        doc = self.notice.document
        url = urls.absolute(self.site_url, urls.url_of(self.address.NOTICE))
        return self._record("notice", f"{doc.title}: {doc.number}", url, doc.date, doc.issuer)

    def project_record(self, project: Project, indicator: Indicator | None = None) -> Record:
        doc = self.notice.document
        title = f"{doc.title}: {doc.number} 附件第{project.seq}项 {project.name}"
        key, url = project.id, self.url(project)
        if indicator is not None:
            title += f" “{indicator.clause}”"
            key, url = f"{project.id}-{indicator.id}", self.url(project, indicator.id)
        date = max([doc.date, *(report.date for report in project.reports)])
        return self._record(key, title, url, date, self.publisher)

    def text(self, record: Record) -> str:
        """The GB/T 7714 text of ``record``, with the placeholder for the 引用日期."""
        body = gbt7714.text({**record, "accessed": {"literal": CITE_DATE.strip("[]")}}, self.cache_dir)
        return f"{body} 数据版本 {self.version.label}."

    def project(self, project: Project) -> str:
        return self.text(self.project_record(project))

    def figure(self, project: Project, indicator: Indicator) -> str:
        return self.text(self.project_record(project, indicator))

    def notice_text(self) -> str:
        return self.text(self.notice_record())


def meta_tags(record: Record, publisher: str | None) -> list[list[str]]:
    """The meta tags (name, content) that reference managers read from a page (Zotero's
    embedded-metadata reader): Highwire Press ``citation_*`` and Dublin Core ``DC.*``."""
    year, month, day = record["issued"]["date-parts"][0]
    authors = [a["literal"] for a in record.get("author", [])]
    tags = [["citation_title", record["title"]]]
    tags += [["citation_author", a] for a in authors]
    tags += [
        ["citation_publication_date", f"{year:04d}/{month:02d}/{day:02d}"],
        ["citation_public_url", record["URL"]],
        ["citation_language", "zh"],
    ]
    tags += [["citation_publisher", publisher]] if publisher else []
    tags += [["DC.title", record["title"]]] + [["DC.creator", a] for a in authors]
    tags += [["DC.publisher", publisher]] if publisher else []
    tags += [
        ["DC.date", f"{year:04d}-{month:02d}-{day:02d}"],
        ["DC.identifier", record["URL"]],
        ["DC.language", "zh-CN"],
        ["DC.type", "Text"],
    ]
    return tags
