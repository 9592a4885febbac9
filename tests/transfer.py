"""What a resident's browser downloads: every response of a page load, and its gzip size.

Used by the browser tests (first-load budget, no 404) and by ``bench/resident.py``. Sizes
are ``gzip -6`` of each response body, as a server compressing at level 6 would send
it; files that are compressed already (Pagefind's index, its WebAssembly) gain nothing
from it and count about as they are.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

KB = 1000  # budgets are in kB (1,000 bytes), as the issue states them
PHONE = {"width": 360, "height": 740}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass
class Fetched:
    url: str
    status: int
    bytes: int  # of the body as served
    gzipped: int  # of the body after gzip -6

    @property
    def path(self) -> str:
        return urlsplit(self.url).path


@dataclass
class Transfer:
    """Responses seen by one browser context, in order; ``mark()`` starts a new count."""

    responses: list[Fetched] = field(default_factory=list)
    start: int = 0

    def record(self, response) -> None:
        # Counted once, as the page got it: a request the offline worker (sw.js) makes for
        # the page is the same download, and one it makes to keep what the page has just
        # loaded is answered by the browser's HTTP cache.
        if getattr(response.request, "service_worker", None) is not None:
            return
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        self.responses.append(Fetched(response.url, response.status, len(body), gz(body)))

    def mark(self) -> None:
        self.start = len(self.responses)

    @property
    def since_mark(self) -> list[Fetched]:
        return self.responses[self.start :]

    def gzipped(self) -> int:
        return sum(f.gzipped for f in self.since_mark)

    def failed(self) -> list[Fetched]:
        return [f for f in self.responses if f.status >= 400]

    def table(self) -> str:
        rows = [f"  {f.gzipped / KB:7.1f} kB  {f.status}  {f.path}" for f in self.since_mark]
        return "\n".join([*rows, f"  {self.gzipped() / KB:7.1f} kB  合计（gzip -6）"])


def watch(context) -> Transfer:
    """Record every response of a Playwright browser context (pages and workers)."""
    transfer = Transfer()
    context.on("response", transfer.record)
    return transfer


def first_load(browser, url: str, opened: Callable[[Any], Any] = lambda page: None) -> tuple[Transfer, Any]:
    """What a phone-sized window (360×740) with an empty cache downloads to show ``url``:
    every response until the network is idle, and 0.3 s more; and what ``opened`` returned,
    given the page before it loads (to listen to its console)."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    transfer = watch(context)
    try:
        page = context.new_page()
        seen = opened(page)
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(300)
    finally:
        context.close()
    return transfer, seen
