"""Ready citations of a project page or a figure, in GB/T 7714-2015 style.

The standard's pattern for an electronic resource (电子资源):

    主要责任者. 题名: 其他题名信息[EB/OL]. (更新或修改日期)[引用日期]. 获取和访问路径.

Here the responsible party and title are the notice's, the other title
information is the 文号 and the project's row in the annex (and the figure), the
update date is the data version's commit date, and the access path is the
page's permanent URL. The 引用日期 is the day the reader cites the page, which
a build cannot know: the text carries the placeholder ``[引用日期]``, which the
page's script replaces with the reader's date. The data version's commit ends
the citation (an addition to the standard's items, after the access path), so a
reader can find exactly the data that was cited.
"""

from __future__ import annotations

from .. import urls
from ..model import Indicator, Notice, Project
from ..urls import Urls
from ..version import Version

CITE_DATE = "[引用日期]"


class Citation:
    """Citations of the pages of one notice (its addresses ``address``) on the site at ``site_url`` ("" for site-relative addresses)
    and the data version it was built from."""

    def __init__(self, notice: Notice, address: Urls, site_url: str, version: Version) -> None:
        self.notice = notice
        self.address = address
        self.site_url = site_url
        self.version = version

    def url(self, project: Project, anchor: str = "") -> str:
        """The permanent address of a project page, or of an anchor on it."""
        page = urls.absolute(self.site_url, self.address.project_url(project.id))
        return f"{page}#{anchor}" if anchor else page

    def _cite(self, part: str, url: str) -> str:
        doc = self.notice.document
        version = self.version
        updated = f"({version.date})" if version.date else ""
        return (
            f"{doc.issuer}. {doc.title}: {doc.number} {part}[EB/OL]. "
            f"{updated}{CITE_DATE}. {url}. 数据版本 {version.label}."
        )

    def project(self, project: Project) -> str:
        return self._cite(f"附件第{project.seq}项 {project.name}", self.url(project))

    def figure(self, project: Project, indicator: Indicator) -> str:
        part = f"附件第{project.seq}项 {project.name} “{indicator.clause}”"
        return self._cite(part, self.url(project, indicator.id))
