"""``make serve`` with broken data: every request answers at once with the errors.

A real ``mkdocs serve`` of a copy of the sample site on a free port; the copy's data is
broken and fixed while it runs. While it is broken, every request (a page, the CSS)
answers within a second with an error page listing word for word what ``python -m
generator check`` prints, and the last good pages stay as they were; once the file is
fixed, the site comes back. Once in Chromium: an open page turns into the error page by
itself, and back.
"""

from __future__ import annotations

import html
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import samplesite
from conftest import MKDOCS, ROOT

pytestmark = pytest.mark.slow

# A project name that ends in DEL, after Markdown that would become <img onerror>.
BROKEN = ("    name: 测试道路建设\n", '    name: "测试道路建设![x](x){: onerror=alert(1)}\\x7f"\n')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    url: str
    src: Path  # the copy of the sample site: projects.yaml, mkdocs.yml
    site_dir: Path  # where mkdocs serve builds (its temporary folder)

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of one request."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for(self, path: str, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        body = ""
        while time.monotonic() < deadline:
            _, body = self.get(path)
            if text in body:
                return body
            time.sleep(0.3)
        raise AssertionError(f"{text!r} not served at {path} after {timeout} s:\n{body[:500]}")

    def edit(self, old: str, new: str) -> None:
        samplesite.edit(self.src / "projects.yaml", [(old, new)])

    def check_output(self) -> str:
        """What ``python -m generator check`` says of the data, as the clerk runs it."""
        proc = subprocess.run(
            [sys.executable, "-m", "generator", "check", "projects.yaml"],
            cwd=self.src, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert proc.returncode == 1
        return proc.stderr


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    config = samplesite.copy(tmp_path / "src")
    port = _free_port()
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temp))
    proc = subprocess.Popen(
        [str(MKDOCS), "serve", "--dirty", "--strict", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        serve = Served(f"http://127.0.0.1:{port}/", tmp_path / "src", temp)
        deadline = time.monotonic() + 120
        while True:
            try:
                if serve.get("")[0] == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None, "mkdocs serve exited"
            assert time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.5)
        (serve.site_dir,) = temp.glob("mkdocs_*")
        yield serve
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_broken_data_is_shown_at_once_and_the_preview_recovers(served: Served) -> None:
    page = "2099/projects/ceshi-lu/"
    assert "测试道路建设" in served.wait_for(page, "测试道路建设")
    good = (served.site_dir / page / "index.html").read_bytes()

    served.edit(*BROKEN)
    served.wait_for(page, "数据有错误")
    expected = served.check_output()
    assert "projects[0].name" in expected and "U+007F" in expected
    for path in [page, "", "assets/stylesheets/", "no/such/page/"]:
        status, body = served.get(path)  # at once: no build runs (speed is measured in make bench)
        assert status == 500, (path, status)
        shown = body.split('<pre id="errors"', 1)[1].split(">", 1)[1].split("</pre>", 1)[0]
        assert html.unescape(shown) == expected.rstrip("\n")
    assert (served.site_dir / page / "index.html").read_bytes() == good  # the last good page

    served.edit(BROKEN[1], BROKEN[0])
    body = served.wait_for(page, "第1项：测试道路建设（新增）")
    assert "数据有错误" not in body
    assert served.get("")[0] == 200


def test_an_open_page_turns_into_the_errors_and_back(served: Served, page) -> None:
    page.goto(served.url + "2099/projects/ceshi-lu/")
    page.wait_for_selector("h1")
    served.edit(*BROKEN)
    page.wait_for_selector("#errors", timeout=60_000)  # livereload reloads the page
    assert "U+007F" in page.locator("#errors").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    served.edit(BROKEN[1], BROKEN[0])
    page.wait_for_selector("article h1", timeout=60_000)
    assert "测试道路建设" in page.locator("article h1").inner_text()
