"""The citation files of the notice page and every project page (CSL-JSON, RIS, BibTeX) and
the citation meta tags, read back as reference managers read them: rispy, bibtexparser and
citation-js (npm, through node: tests/citejs.cjs). Each finds the title, the author (the
issuer for the notice; the site's publisher, or none, for a page), the date and the URL."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from conftest import ROOT
from htmltree import parse_file

from generator import urls
from generator.model import Notice
from generator.model.notice import Publisher
from generator.site import citefiles
from generator.site.cite import Citation, meta_tags
from generator.urls import Urls
from generator.version import Version

CITEJS = ROOT / "tests" / "citejs.cjs"


@dataclasses.dataclass(frozen=True)
class Expected:
    title: str
    authors: list[str]
    date: tuple[int, int, int]
    url: str


def citejs(files: list[Path]) -> list[list[dict[str, Any]]]:
    node = shutil.which("node")
    assert node, "找不到 node：请先安装 Node.js（make test 需要 npm）"
    done = subprocess.run([node, str(CITEJS), *map(str, files)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    read: list[list[dict[str, Any]]] = json.loads(done.stdout)
    return read


def check_csl(found: dict[str, Any], expected: Expected, where: str) -> None:
    """A CSL-JSON record (ours, or citation-js's reading of a file)."""
    assert found["title"] == expected.title, where
    names = [a.get("literal") or a.get("family") for a in found.get("author", [])]
    assert names == expected.authors, where
    assert tuple(found["issued"]["date-parts"][0]) == expected.date, where
    assert found["URL"] == expected.url, where


def check_files(folder: Path, expected: Expected) -> None:
    """The three files in ``folder``, each read by a Python reader and by citation-js."""
    files = [folder / Path(urls.citation_file("index.md", ext)).name for ext in urls.CITATION_FORMATS]
    csl, ris, bib = files
    records = json.loads(csl.read_text(encoding="utf-8"))
    assert len(records) == 1
    check_csl(records[0], expected, csl.name)

    (entry,) = rispy.loads(ris.read_text(encoding="utf-8"))
    year, month, day = expected.date
    assert entry["type_of_reference"] == "ELEC"
    assert entry["title"] == expected.title
    assert entry.get("authors", []) == expected.authors
    assert entry["date"] == f"{year:04d}/{month:02d}/{day:02d}" and entry["year"] == f"{year:04d}"
    assert entry["urls"] == [expected.url]

    # LaTeX's escapes decoded, authors apart: as a reference manager would take them
    decoded = [middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors()]
    library = bibtexparser.parse_string(bib.read_text(encoding="utf-8"), append_middleware=decoded)
    assert not library.failed_blocks
    (bibentry,) = library.entries
    fields = {f.key: f.value for f in bibentry.fields}
    assert bibentry.entry_type == "online"
    assert fields["title"] == expected.title
    assert fields.get("author", []) == expected.authors
    assert fields["date"] == f"{year:04d}-{month:02d}-{day:02d}"
    assert fields["url"] == expected.url

    for name, (found,) in zip(("csl", "ris", "bib"), citejs(files), strict=True):
        check_csl(found, expected, f"citation-js: {folder.name}/{name}")
        assert found["type"] == "webpage", name


def write(folder: Path, record: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for ext, writer in citefiles.WRITERS.items():
        (folder / Path(urls.citation_file("index.md", ext)).name).write_text(writer(record), encoding="utf-8", newline="")


def test_files_of_a_page_with_a_publisher_and_of_the_notice(sample_notice: Notice, tmp_path: Path) -> None:
    notice = dataclasses.replace(sample_notice, publisher=Publisher(name="测试县民生办 & {虚构} 100%_#"))
    cite = Citation(notice, Urls(), "https://example.org/ms/", Version("0123456789abcdef", "2099-04-01"))
    project = notice.project("ceshi-jiuzhu")
    write(tmp_path / "page", cite.project_record(project))
    title = "测试县人民政府关于2099年实施4项民生工程的通知（测试数据）: 测政〔2099〕1号"
    page_url = "https://example.org/ms/projects/ceshi-jiuzhu/"
    check_files(tmp_path / "page", Expected(f"{title} 附件第4项 测试救助", ["测试县民生办 & {虚构} 100%_#"], (2099, 7, 31), page_url))
    write(tmp_path / "notice", cite.notice_record())
    check_files(tmp_path / "notice", Expected(title, ["测试县人民政府"], (2099, 3, 15), "https://example.org/ms/notice/"))


def test_every_format_offered_is_written() -> None:
    assert tuple(citefiles.WRITERS) == urls.CITATION_FORMATS


def test_a_text_with_line_breaks_stays_one_line_in_ris() -> None:
    record = {"id": "x", "title": "一\n二", "issued": {"date-parts": [[2099, 1, 2]]}, "URL": "https://e/", "language": "zh-CN", "version": "v"}
    assert "TI  - 一 二\r\n" in citefiles.ris(record)


def meta(doc: Any) -> list[list[str]]:
    return [
        [el.attrs["name"], el.attrs["content"]]
        for el in doc.find_all("meta")
        if el.attrs.get("name", "").startswith(("citation_", "DC."))
    ]


@pytest.mark.slow
def test_every_project_and_the_notice_offer_their_citation(built_site: Path, notice: Notice) -> None:
    site_url = parse_file(built_site / "index.html").find("link", rel="canonical").attrs["href"]
    doc = notice.document
    date = tuple(int(part) for part in doc.date.split("-"))
    assert notice.publisher is None  # the real data names none: no author for a page
    title = f"{doc.title}: {doc.number}"
    notice_dir = built_site / "2020" / "notice"
    check_files(notice_dir, Expected(title, [doc.issuer], date, f"{site_url}2020/notice/"))
    page = parse_file(notice_dir / "index.html")
    tags = meta(page)
    assert ["citation_author", doc.issuer] in tags and ["DC.creator", doc.issuer] in tags
    assert ["citation_publication_date", doc.date.replace("-", "/")] in tags
    assert ["citation_public_url", f"{site_url}2020/notice/"] in tags
    box = page.find("div", class_="ms-notice-citation")
    links = {a.attrs["href"] for a in box.find_all("a")}
    assert links == {"cite.json", "cite.ris", "cite.bib"}
    for project in notice.projects:
        folder = built_site / "2020" / "projects" / project.id
        url = f"{site_url}2020/projects/{project.id}/"
        expected = Expected(f"{title} 附件第{project.seq}项 {project.name}", [], date, url)
        check_files(folder, expected)
        page = parse_file(folder / "index.html")
        record = json.loads((folder / "cite.json").read_text(encoding="utf-8"))[0]
        assert meta(page) == meta_tags(record, None)
        assert not any(name in ("citation_author", "DC.creator") for name, _ in meta(page))
        links = {a.attrs["href"] for a in page.find("p", class_="ms-cite-files").find_all("a")}
        assert links == {"cite.json", "cite.ris", "cite.bib"}
