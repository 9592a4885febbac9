"""Shared fixtures: real site builds, a local web server, and Chromium.

Sections:
  * paths and the project's data
  * site builds   (``built_site``, ``sample_site``)
  * web server    (``server``)
  * browser       (``browser``, ``page``)

Every fixture here is session-scoped except ``page``: the site is built once and
served once for the whole run. The browser fixtures never skip: when Chromium is
missing they fail and say how to install it (``make chromium``).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.data import load
from generator.model import Notice
from generator.site import configured
from generator.site.plan import Site

# --------------------------------------------------------------------------
# Paths and data
# --------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
MAIN_CONFIG = ROOT / "mkdocs.yml"
SAMPLE_DIR = ROOT / "tests" / "fixtures" / "sample"
SAMPLE_CONFIG = SAMPLE_DIR / "mkdocs.yml"
RESULTS = ROOT / "test-results"  # git-ignored: screenshots and measurements

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Tests that build a site or drive Chromium are marked ``slow``: ``make test-fast`` leaves
# them out. A test is slow if it uses one of these fixtures, or if its module says so.
SLOW_FIXTURES = {"built_site", "sample_site", "server", "browser", "page", "phone", "locked_sample"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def notice() -> Notice:
    """The real notice, loaded the way the plugin loads it."""
    return load(ROOT / "data" / "projects.yaml", "data/projects.yaml")


@pytest.fixture(scope="session")
def real_site() -> Site:
    """The plan of the real site as mkdocs.yml lists its notices (no data version)."""
    return configured.load_site(ROOT / "mkdocs.yml", dated=False)[0]


@pytest.fixture(scope="session")
def sample_notice() -> Notice:
    """The invented four-project notice used to prove the generator is reusable."""
    return load(SAMPLE_DIR / "projects.yaml", "tests/fixtures/sample/projects.yaml")


@pytest.fixture(scope="session")
def results_dir() -> Path:
    RESULTS.mkdir(exist_ok=True)
    return RESULTS


# --------------------------------------------------------------------------
# Site builds
# --------------------------------------------------------------------------

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_mkdocs(config: Path, dest: Path, site_url: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict``, whatever its outcome; output without colours."""
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(dest)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    proc.stdout, proc.stderr = ANSI.sub("", proc.stdout), ANSI.sub("", proc.stderr)
    return proc


def build_site(config: Path, dest: Path, site_url: str) -> Path:
    """Run a real ``mkdocs build --strict``; fail on any error or any warning."""
    proc = run_mkdocs(config, dest, site_url)
    log = proc.stderr + proc.stdout
    assert proc.returncode == 0, f"mkdocs build failed ({config.name}):\n{log}"
    warnings = [line for line in log.splitlines() if re.search(r"\bWARNING\b", line)]
    assert not warnings, "mkdocs build printed warnings:\n" + "\n".join(warnings)
    assert (dest / "index.html").is_file()
    return dest


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class LocalServer:
    """A server bound before the build, so the site can be built for its URL."""

    root: Path
    httpd: ThreadingHTTPServer = field(init=False)

    def __post_init__(self) -> None:
        handler = functools.partial(QuietHandler, directory=str(self.root))
        # Port 0: the OS picks a free port; the socket listens from here on.
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    @contextlib.contextmanager
    def serving(self) -> Iterator[str]:
        """Serve ``root`` from a thread until the block ends; yields the base URL."""
        thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self.url
        finally:
            self.httpd.shutdown()
            self.httpd.server_close()
            thread.join(timeout=5)


@pytest.fixture(scope="session")
def _main_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    local = LocalServer(tmp_path_factory.mktemp("site"))
    yield local
    local.httpd.server_close()


@pytest.fixture(scope="session")
def built_site(_main_server: LocalServer) -> Path:
    """The real site, built with site_url = the test server's URL."""
    return build_site(MAIN_CONFIG, _main_server.root, _main_server.url)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the invented sample notice (tests/fixtures/sample)."""
    return build_site(
        SAMPLE_CONFIG, tmp_path_factory.mktemp("sample-site"), "http://127.0.0.1:8000/"
    )


# --------------------------------------------------------------------------
# Web server
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def server(_main_server: LocalServer, built_site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1; yields the base URL (ends with /)."""
    thread = threading.Thread(target=_main_server.httpd.serve_forever, daemon=True)
    thread.start()
    yield _main_server.url
    _main_server.httpd.shutdown()
    thread.join(timeout=5)


# --------------------------------------------------------------------------
# Browser
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"找不到 Chromium（{CHROMIUM}）：浏览器测试不能跳过，请先运行 make chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser) -> Iterator:
    """A fresh phone-sized page (360×740, touch)."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, locale="zh-CN", is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser) -> Iterator:
    """A fresh desktop-sized page; ``page.requests`` lists every URL requested so far.

    Requests are recorded on the context, so those of the search worker count too.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(10_000)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    new_page = context.new_page()
    new_page.requests = requests
    yield new_page
    context.close()
