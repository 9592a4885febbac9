"""The site served by Debian's nginx with the production configuration, as ``make preview`` does.

The sample site, with a project, a sub-item and a figure renamed (tests/samplesite.py), is
built for real, its redirects written as ``make site`` writes them, and served by nginx
through ``generator.publish.preview.start`` with ``deploy/nginx/site.conf`` and
``brotli.conf``. Raw HTTP checks the headers: the Content-Security-Policy and the other
security headers on every answer, gzip and brotli, a year's cache for fingerprinted files
and revalidation for the rest, the Chinese 404 page, and 301s from former addresses. Then
Chromium opens a page of every kind and must see no CSP violation (``securitypolicyviolation``
events, in the page and in its workers) and no console error. ``make preview`` itself, and
the production server blocks (``minsheng.conf``, with TLS), are started for real too.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import checkout
import pytest
import samplesite
from conftest import ROOT
from test_addresses import single_notice_lock
from test_search import search

from generator.publish import nginx, preview

pytestmark = pytest.mark.slow  # builds sites or runs servers: not in make test-fast

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
}
YEAR = "public, max-age=31536000, immutable"
OLD, NEW = "/2099/projects/ceshi-jiuzhu/", "/2099/projects/ceshi-shehui-jiuzhu/"
ROOT_OLD = "/projects/ceshi-jiuzhu/"  # as it was before the site held several notices


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    site: Path
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        """One request, nothing followed or decoded: status, headers (lower-case), body."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            return (
                response.status,
                {k.lower(): v for k, v in response.getheaders()},
                response.read(),
            )
        finally:
            conn.close()

    def asset(self, pattern: str, only: bool = True) -> str:
        """The URL path of the one built file matching ``pattern`` (a fingerprinted name),
        or the first of several unless ``only``."""
        found = sorted(self.site.glob(pattern))
        assert len(found) == 1 if only else found, (pattern, found)
        return "/" + found[0].relative_to(self.site).as_posix()


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGQUIT)  # nginx's graceful shutdown
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("nginx")
    config = samplesite.copy(root / "sample", samplesite.RENAME)
    port = free_port()
    site = root / "site"
    proc = samplesite.build(config, site, f"http://127.0.0.1:{port}/")
    assert proc.returncode == 0, proc.stderr
    nginx.write_redirects(config, site)  # as make site does
    server = preview.start(site, port, root / "nginx")
    yield Served(site, port)
    stop(server)


# --------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------


def test_every_answer_carries_the_security_headers(served: Served) -> None:
    paths = [
        "/",
        "/projects/",
        NEW,
        "/assets/minsheng.css",
        served.asset("assets/javascripts/bundle.*.min.js"),
        "/data/indicators.csv",
        "/feed.xml",
        "/no-such-page/",
        OLD,
    ]
    for path in paths:
        status, headers, _ = served.get(path)
        assert status in (200, 301, 404), path
        for name, value in SECURITY.items():
            assert headers.get(name) == value, (path, name, headers.get(name))
        assert "strict-transport-security" not in headers  # only on the HTTPS server
        assert headers["server"] == "nginx"  # no version


def test_text_is_compressed_with_gzip_and_brotli(served: Served, results_dir: Path) -> None:
    paths = [
        "/",
        NEW,
        served.asset("assets/javascripts/bundle.*.min.js"),
        served.asset("assets/stylesheets/main.*.min.css"),
        "/assets/minsheng.js",
        "/feed.xml",
        "/pagefind/pagefind.js",
        "/2099/data/indicators.csv",
        NEW + "qr.svg",
    ]
    lines = ["路径\t原始字节\tgzip\tbrotli"]
    for path in paths:
        _, plain_headers, plain = served.get(path)
        assert "content-encoding" not in plain_headers, path
        _, gz_headers, gz = served.get(path, **{"Accept-Encoding": "gzip"})
        assert gz_headers["content-encoding"] == "gzip", path
        assert gz_headers["vary"] == "Accept-Encoding", path
        assert gzip.decompress(gz) == plain, path
        _, br_headers, br = served.get(path, **{"Accept-Encoding": "br, gzip"})
        assert br_headers["content-encoding"] == "br", path
        assert len(br) < len(plain), path
        lines.append(f"{path}\t{len(plain)}\t{len(gz)}\t{len(br)}")
    (results_dir / "nginx-compression.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, headers, _ = served.get("/assets/images/favicon.png", **{"Accept-Encoding": "gzip, br"})
    assert "content-encoding" not in headers  # images are compressed already


def test_fingerprinted_files_are_cached_a_year_and_the_rest_revalidated(served: Served) -> None:
    fingerprinted = [
        served.asset("assets/javascripts/bundle.*.min.js"),
        served.asset("assets/stylesheets/main.*.min.css"),
        served.asset("pagefind/pagefind.zh_*.pf_meta"),
        served.asset("pagefind/index/zh_*.pf_index", only=False),
        served.asset("pagefind/fragment/zh_*.pf_fragment", only=False),
    ]
    for path in fingerprinted:
        assert re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$|_[0-9a-f]{7,}\.pf_[a-z]+$", path), path
        assert served.get(path)[1]["cache-control"] == YEAR, path
    revalidated = [
        "/",
        NEW,
        "/about/",
        "/assets/minsheng.css",
        "/assets/minsheng.js",
        "/assets/theme-scope.js",
        NEW + "qr.svg",
        "/feed.xml",
        "/data/projects.json",
        "/pagefind/pagefind.js",
        "/pagefind/pagefind-entry.json",
        "/pagefind/wasm.unknown.pagefind",
        "/no-such-page/",
    ]
    for path in revalidated:
        assert served.get(path)[1]["cache-control"] == "no-cache", path
    _, headers, _ = served.get("/")
    assert served.get("/", **{"If-None-Match": headers["etag"]})[0] == 304


def test_a_missing_address_answers_404_with_the_chinese_page(served: Served) -> None:
    for path in ("/no-such-page/", "/projects/no-such-project/", "/404.html"):
        status, headers, body = served.get(path)
        assert status == 404, path
        assert headers["content-type"] == "text/html; charset=utf-8"
        page = body.decode("utf-8")
        assert "<title>找不到这个页面 - 测试县民生工程公开（测试数据）</title>" in page
        assert "<h1>找不到这个页面</h1>" in page
        assert "Not found" not in page
    # Configuration and hidden files are not content.
    for path in ("/nginx-redirects.conf", "/.lock", "/assets/.hidden"):
        status, _, body = served.get(path)
        assert status == 404 and "找不到这个页面".encode() in body, path
    assert (served.site / "nginx-redirects.conf").is_file()


def test_former_addresses_answer_301_with_the_current_one(served: Served) -> None:
    for old, new in [
        (OLD, NEW),
        (OLD + "?from=qr", NEW + "?from=qr"),
        (OLD + "qr.svg", NEW + "qr.svg"),
        (OLD + "feed.xml", NEW + "feed.xml"),
        (ROOT_OLD, NEW),  # straight to the current page, not through OLD
        ("/projects/ceshi-lu/", "/2099/projects/ceshi-lu/"),
        ("/projects/", "/2099/projects/"),
        ("/notice/?a=1", "/2099/notice/?a=1"),
        ("/data/indicators.csv", "/2099/data/indicators.csv"),
    ]:
        status, headers, _ = served.get(old)
        assert (status, headers["location"]) == (301, new), old
    assert served.get(OLD.rstrip("/"))[1]["location"] == OLD  # nginx adds the slash, then 301
    # The redirect page the build leaves there is still served as a file, for other hosts.
    status, _, body = served.get(OLD + "index.html")
    assert status == 200 and "本页网址已更改" in body.decode("utf-8")


def test_open_data_and_feeds_may_be_read_by_any_site(served: Served) -> None:
    status, headers, _ = served.get("/2099/data/indicators.csv")
    assert status == 200
    assert headers["content-type"] == "text/csv; charset=utf-8"
    assert headers["access-control-allow-origin"] == "*"
    for path in ("/2099/data/projects.json", "/feed.xml", "/2099/feed.xml"):
        assert served.get(path)[1]["access-control-allow-origin"] == "*", path
    assert "access-control-allow-origin" not in served.get("/")[1]


# --------------------------------------------------------------------------
# Chromium: no page breaks the policy
# --------------------------------------------------------------------------

PAGES = [
    ("首页", "", 200),
    ("通知首页", "2099/", 200),
    ("项目总览", "2099/projects/", 200),
    ("通知原文", "2099/notice/", 200),
    ("类别", "2099/categories/new/", 200),
    ("调整和退出", "2099/categories/retired/", 200),
    ("项目页", NEW.lstrip("/"), 200),
    ("名词解释", "2099/glossary/", 200),
    ("工作要求", "2099/requirements/", 200),
    ("最近更新", "2099/updates/", 200),
    ("开放数据", "data/", 200),
    ("手写页面", "about/", 200),
    ("404 页", "no-such-page/", 404),
    ("旧编号留下的转向页", OLD.lstrip("/") + "index.html", 200),
    ("旧地址（301）", OLD.lstrip("/"), 301),
]
REPORT = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolation(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
}, true);
"""


@dataclass
class Watched:
    violations: list[str]
    errors: list[str]


@pytest.fixture
def watched_page(browser) -> Iterator[tuple[object, Watched]]:
    """A page whose CSP violations and console errors, its workers' too, are recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(15_000)
    seen = Watched([], [])
    context.expose_binding("__cspViolation", lambda source, text: seen.violations.append(text))
    context.add_init_script(REPORT)
    page = context.new_page()

    def console(message) -> None:
        if message.type == "error":
            seen.errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: seen.errors.append(f"pageerror: {error}"))

    def failed(response) -> None:
        if response.status >= 400:
            seen.errors.append(f"{response.status} {response.url}")

    page.on("response", failed)
    page.on("worker", lambda worker: worker.on("console", console))
    yield page, seen
    context.close()


@pytest.mark.parametrize(("kind", "path", "status"), PAGES, ids=[p[0] for p in PAGES])
def test_no_page_breaks_the_content_security_policy(
    served: Served, watched_page, kind: str, path: str, status: int
) -> None:
    page, seen = watched_page
    first = []
    page.on("response", lambda r: first.append(r) if r.request.is_navigation_request() else None)
    page.goto(served.url + path)
    page.wait_for_load_state("networkidle")
    assert first and first[0].status == status, kind
    assert first[0].headers["content-security-policy"] == CSP
    if path.startswith("projects/ceshi-jiuzhu"):  # the old address lands on the new page
        page.wait_for_url(served.url + NEW.lstrip("/"))
        assert page.inner_text("h1").startswith("4．测试救助")
    if status == 404:  # the document itself, and only it, was not found
        missing = "Failed to load resource: the server responded with a status of 404 (Not Found)"
        assert sorted(seen.errors) == [f"404 {served.url}{path}", missing]
        seen.errors.clear()
        assert page.inner_text("h1") == "找不到这个页面"
    # material's scripts ran: the storage helpers (overrides/assets/theme-scope.js) exist
    assert page.evaluate("typeof __md_get === 'function' && __md_scope instanceof URL")
    assert page.evaluate("document.querySelectorAll('script:not([src]):not([type])').length") == 0
    assert seen.violations == [], kind
    assert seen.errors == [], kind


def test_search_works_under_the_policy(served: Served, watched_page) -> None:
    page, seen = watched_page
    page.goto(served.url + "projects/")
    page.wait_for_load_state("networkidle")
    # Pagefind's script and WebAssembly, and its index chunks, under the policy
    assert NEW in search(page, "救助")
    assert seen.violations == [] and seen.errors == []


def test_the_listener_does_report_an_inline_script(served: Served, watched_page) -> None:
    # A check that cannot fail proves nothing: an inline script must be refused and seen.
    page, seen = watched_page
    page.goto(served.url)
    page.wait_for_load_state("networkidle")
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.__ran = true"; document.head.append(s); }"""
    )
    for _ in range(50):
        if seen.violations:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.__ran === undefined")
    assert [v.split(" ")[0] for v in seen.violations] == ["script-src-elem"]


# --------------------------------------------------------------------------
# make preview, and the production server blocks
# --------------------------------------------------------------------------


def _unanswered(served: Served, addresses: list[str]) -> list[str]:
    """The addresses (``page#anchor`` or a file, site-relative) that nginx does not answer:
    a page or file must come back 200, directly or after one 301, and an anchor must be an
    id of the page it lands on (or be carried there by its redirect page's script)."""
    lost = []
    for address in addresses:
        path, _, anchor = address.partition("#")
        url = "/" + ("" if path == "./" else path)
        status, headers, body = served.get(url)
        if status == 301:
            status, headers, body = served.get(headers["location"])
        if status != 200 or (anchor and f'id="{anchor}"' not in body.decode("utf-8", "replace")):
            lost.append(address)
    return lost


def test_make_preview_builds_and_serves_the_site_through_nginx(tmp_path: Path) -> None:
    repo = checkout.clone(tmp_path / "repo")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    (repo / ".stamp").touch()  # this venv stands in for the clone's: make installs nothing
    (repo / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    make = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "--old-file=node_modules/.package-lock.json",  # linked, never reinstalled
            "preview",
            f"PORT={port}",
            f"BIN={Path(sys.executable).parent}",
            f"STAMP={repo / '.stamp'}",
        ],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, stopped below as Ctrl+C would
    )
    try:
        line, before = "", []
        for line in make.stdout:
            if line.startswith("预览："):
                break
            before.append(line)
        assert (
            line == f"预览：http://127.0.0.1:{port}/（nginx，配置同正式服务器；按 Ctrl+C 结束）\n"
        )
        # make exports NGINX (the binary's path), a name nginx itself reads: no [emerg]
        assert not [x for x in before if "[emerg]" in x or "[alert]" in x], before
        served = Served(repo / "site", port)
        status, headers, body = served.get("/")
        assert status == 200 and headers["content-security-policy"] == CSP
        assert "太和县" in body.decode("utf-8")
        assert not _unanswered(served, single_notice_lock())
    finally:
        os.killpg(make.pid, signal.SIGINT)
        make.communicate(timeout=20)
    with pytest.raises(OSError):  # nginx has stopped
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def production(site: Path, tmp_path: Path) -> tuple[str, int, int]:
    """minsheng.conf as committed, with only its paths and ports moved into this test:
    its server blocks, the HTTP and the HTTPS port."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=minsheng.example.org", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    http_port, https_port = free_port(), free_port()
    text = (ROOT / "deploy" / "nginx" / "minsheng.conf").read_text(encoding="utf-8")
    moved = {
        "/etc/nginx/minsheng/tls/fullchain.pem": str(cert),
        "/etc/nginx/minsheng/tls/privkey.pem": str(key),
        "/etc/nginx/minsheng/": str(preview.DEPLOY) + "/",
        "/srv/minsheng/site": str(site),
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
    }
    for old, new in moved.items():
        assert old in text, old
        text = text.replace(old, new)
    text = "\n".join(line for line in text.splitlines() if "[::]" not in line)
    return text, http_port, https_port


def test_the_production_server_blocks_serve_https_with_the_same_configuration(
    served: Served, tmp_path: Path
) -> None:
    text, http_port, https_port = production(served.site, tmp_path)
    server = preview.serve(preview.wrapper(tmp_path, text, served.site), https_port, tmp_path)
    try:
        plain = Served(served.site, http_port)
        status, headers, _ = plain.get(NEW, Host="minsheng.example.org")
        assert (status, headers["location"]) == (301, "https://minsheng.example.org" + NEW)
        conn = http.client.HTTPSConnection(
            "127.0.0.1", https_port, timeout=10, context=ssl._create_unverified_context()
        )
        conn.request("GET", OLD, headers={"Host": "minsheng.example.org"})
        response = conn.getresponse()
        assert (response.status, response.getheader("Location")) == (301, NEW)
        assert response.getheader("Strict-Transport-Security") == "max-age=31536000"
        assert response.getheader("Content-Security-Policy") == CSP
        conn.close()
    finally:
        stop(server)


def test_a_stock_mkdocs_build_passes_nginx_t_and_is_served(sample_site: Path, tmp_path: Path) -> None:
    # A plain `mkdocs build` writes no nginx-redirects.conf (make site does): the preview's
    # and the production configuration include it only where it exists.
    assert not (sample_site / nginx.NAME).exists()
    text, _, _ = production(sample_site, tmp_path)
    conf = tmp_path / "nginx.conf"
    conf.write_text(preview.wrapper(tmp_path, text, sample_site), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NGINX"}
    checked = subprocess.run(
        [preview.NGINX, "-p", str(conf.parent), "-e", "stderr", "-c", str(conf), "-t"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr
    port = free_port()
    server = preview.start(sample_site, port, tmp_path / "preview")  # runs nginx -t first
    try:
        stock = Served(sample_site, port)
        assert stock.get("/")[0] == 200
        status, headers, body = stock.get("/robots.txt")
        assert (status, headers["content-type"]) == (200, "text/plain; charset=utf-8")
        assert body.decode().endswith("Sitemap: http://127.0.0.1:8000/sitemap.xml\n")
    finally:
        stop(server)
    # With the file, the same pattern reads it: a former address answers 301 (above).
    assert preview.redirects_include(sample_site).endswith('nginx-redirects.con[f]"')
