"""Links: every internal link of the built site resolves, anchors included.

Pure Python over the files of a real build, no browser. Checked:

* in every HTML page: ``href``, ``src`` and ``srcset`` of every element, the
  ``url=`` of a meta refresh, and every address of the site written inside any
  other attribute (``og:url``, the citations in ``data-cite`` …);
* in the feeds, the sitemap and the open data: every address of the site;
* in the search index: every result's location.

An internal link must name a file of the build (a folder means its index.html),
and its ``#fragment`` must be an ``id`` (or an ``<a name>``) in that page. A link
to another host is allowed only where the data puts one: a progress report's
``link`` (its source), on that project's page; any other fails (the real data has
none, the sample has one). The real site is checked as the tests serve it (at a
host's root) and as it is published (under a sub-path, as on GitHub Pages), where
a link that assumes the root would leave the site.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import MAIN_CONFIG, build_site
from test_search import fragments

from generator import urls
from generator.model import Notice

U = urls.Urls(2020)  # the addresses of the real notice

SUBPATH_URL = "https://example.org/minsheng/"
LINK_ATTRS = {"href", "src"}
SCHEMES_OK = {"mailto", "tel", "data"}
TEXT_FILES = {".xml", ".json", ".csv", ".txt"}


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (where, url as written)


class _Collector(HTMLParser):
    def __init__(self, site_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.site_in_text = addresses_in_text(site_url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for name, value in values.items():
            where = f"<{tag} {name}>"
            if name in LINK_ATTRS:
                self.page.links.append((where, value))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.page.links.append((where, candidate.split()[0]))
            elif tag == "meta" and name == "content" and values.get("http-equiv") == "refresh":
                found = re.search(r"url=(.*)$", value, re.I)
                if found:
                    self.page.links.append((where, found.group(1).strip()))
            else:
                self.page.links += [(where, url) for url in self.site_in_text(value)]

    handle_startendtag = handle_starttag


URL_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]*"


def addresses_in_text(site_url: str):
    """A finder of the site's addresses written in a text, without trailing punctuation
    (a citation ends with its address and a full stop)."""
    pattern = re.compile(re.escape(site_url) + URL_CHARS)

    def find(text: str) -> list[str]:
        return [m.rstrip(".,;:!?'") for m in pattern.findall(text)]

    return find


def strings_in(value) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def page_url(site_url: str, rel: str) -> str:
    """The address a file of the site is served at (index.html as its folder)."""
    if rel == "index.html":
        return site_url
    if rel.endswith("/index.html"):
        return site_url + rel[: -len("index.html")]
    return site_url + rel


@dataclass
class Checked:
    internal: int = 0
    fragments: int = 0
    external: int = 0
    broken: list[str] = field(default_factory=list)


def allowed_external(notice: Notice) -> dict[str, set[str]]:
    """Report source links, by the page that shows them."""
    allowed: dict[str, set[str]] = defaultdict(set)
    for project in notice.projects:
        for report in project.reports:
            if report.link:
                page = urls.of_notice(notice.document.year).project(project.id).removesuffix(".md") + ".html"
                allowed[page].add(report.link)
    return allowed


def check_site(site: Path, site_url: str, notice: Notice) -> Checked:
    pages: dict[str, Page] = {}
    for path in sorted(site.rglob("*.html")):
        collector = _Collector(site_url)
        collector.feed(path.read_text(encoding="utf-8"))
        collector.close()
        pages[path.relative_to(site).as_posix()] = collector.page

    # Addresses in the feeds, the sitemap and the open data; results of the search index.
    others: dict[str, list[tuple[str, str]]] = defaultdict(list)
    find = addresses_in_text(site_url)
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix in TEXT_FILES and path.is_file():
            text = path.read_text(encoding="utf-8-sig")
            if path.suffix == ".json":
                texts = strings_in(json.loads(text))
            elif path.suffix == ".xml":
                texts = [html.unescape(text)]
            else:
                texts = [text]
            others[rel] += [("address", url) for t in texts for url in find(t)]
    for record in fragments(site):  # each search result, and its sections' anchors
        page = site_url + record["url"].lstrip("/")
        others["pagefind"] += [("result", page)]
        others["pagefind"] += [("section", f"{page}#{a['id']}") for a in record["anchors"]]

    allowed = allowed_external(notice)
    result = Checked()

    def check(source: str, where: str, base: str, written: str) -> None:
        url = urljoin(base, written)
        parts = urlsplit(url)
        if parts.scheme in SCHEMES_OK:
            return
        if not url.startswith(site_url):
            if parts.scheme in {"http", "https"} and written in allowed.get(source, set()):
                result.external += 1
                return
            kind = "站外链接" if parts.scheme in {"http", "https"} else "不支持的链接"
            result.broken.append(f"{source} {where}: {written} — {kind}（不在数据的进度来源中）")
            return
        result.internal += 1
        path = unquote(parts.path[len(urlsplit(site_url).path) :])
        target = site / path
        if path == "" or path.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            result.broken.append(f"{source} {where}: {written} — 找不到 {path or './'}")
            return
        if not parts.fragment:
            return
        result.fragments += 1
        rel = target.relative_to(site).as_posix()
        fragment = unquote(parts.fragment)
        if rel not in pages:
            result.broken.append(f"{source} {where}: {written} — {rel} 不是网页，不能有锚点")
        elif fragment not in pages[rel].ids:
            result.broken.append(f"{source} {where}: {written} — {rel} 中没有 id=“{fragment}”")

    for rel, page in pages.items():
        base = page_url(site_url, rel)
        for where, written in page.links:
            check(rel, where, base, written)
    for rel, found in others.items():
        for where, written in found:
            check(rel, where, site_url, written)
    return result


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built for a sub-path, as it is published on GitHub Pages."""
    return build_site(MAIN_CONFIG, tmp_path_factory.mktemp("subpath-site"), SUBPATH_URL)


def site_url_of(site: Path) -> str:
    """The site_url a build was made for: its home page's canonical address."""
    html = (site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert found, "首页没有 canonical 链接"
    return found.group(1)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["real", "real-subpath", "sample"])
def test_no_broken_link_or_anchor(request, which: str) -> None:
    site = request.getfixturevalue(
        {"real": "built_site", "real-subpath": "subpath_site", "sample": "sample_site"}[which]
    )
    notice = request.getfixturevalue("sample_notice" if which == "sample" else "notice")
    site_url = site_url_of(site)
    if which == "real-subpath":
        assert site_url == SUBPATH_URL
    result = check_site(site, site_url, notice)
    print(
        f"\n{which}: {result.internal} 个站内链接（其中 {result.fragments} 个带锚点），"
        f"{result.external} 个进度来源链接，{len(result.broken)} 个坏链接"
    )
    assert not result.broken, f"{len(result.broken)} 个坏链接：\n" + "\n".join(result.broken)
    assert result.internal > 500 and result.fragments > 200  # the checker saw the site
    expected_external = sum(len(v) for v in allowed_external(notice).values())
    assert result.external >= expected_external  # each report link was seen on its page


def test_the_checker_finds_broken_links(tmp_path: Path, sample_notice: Notice) -> None:
    """A link to a missing page, a missing anchor, and a stray outside link all fail."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "pagefind" / "fragment").mkdir(parents=True)
    record = {"url": "/a/", "anchors": [{"id": "gone"}]}  # a search result, a lost section
    (site / "pagefind" / "fragment" / "zh_1.pf_fragment").write_bytes(
        gzip.compress(b"pagefind_dcd" + json.dumps(record).encode())
    )
    (site / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#there">ok</a><a href="b/">missing page</a>'
        '<a href="a/#nowhere">missing anchor</a><a href="https://evil.example/">outside</a>'
        '<a href="/a/">root, outside the sub-path</a>',
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text('<h2 id="there">x</h2>', encoding="utf-8")
    result = check_site(site, "https://example.org/sub/", sample_notice)
    assert result.internal == 6
    joined = "\n".join(result.broken)
    assert len(result.broken) == 5, joined
    for needle in ["b/", "#nowhere", "evil.example", "/a/", "a/#gone"]:
        assert needle in joined
