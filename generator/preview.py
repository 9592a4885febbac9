"""``make serve`` with broken data: the browser shows the errors, at once.

When a rebuild fails, ``mkdocs serve`` keeps the last good pages, but its server holds
every request (even for the CSS) until a rebuild succeeds: the browser hangs, and the
error is only in the terminal. ``Preview`` wraps the server's WSGI app instead: while the
last build failed, every request except livereload's poll is answered at once with an
error page listing the same messages as ``make check``; the built pages are not touched.
The page polls livereload like every page of the preview, so it turns back into the site
as soon as the fixed file has been rebuilt.

mkdocs' server has no public interface for this: the wrapper uses its ``get_app`` and
``set_app`` (wsgiref), its livereload script (``_inject_js_into_html``) and its epochs
(``_epoch_cond``, ``_visible_epoch``, ``_wanted_epoch``), as of mkdocs 1.6
(tests/test_preview.py runs a real ``mkdocs serve``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

from mkdocs.livereload import LiveReloadServer

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>数据有错误，预览暂停</title></head>
<body style="font-family: sans-serif; margin: 1rem; line-height: 1.6">
<h1>数据有错误，网站没有更新</h1>
<p>改正下面的错误并保存，本页会自动变回网站。错误与 <code>make check</code> 列出的相同：</p>
<pre id="errors" style="white-space: pre-wrap; background: #fff3f3; padding: 1rem">{errors}</pre>
</body></html>
"""

Start = Callable[..., Any]
App = Callable[[dict[str, Any], Start], Iterable[bytes]]


class Preview:
    """The outcome of the preview's last build, and the server that shows it."""

    def __init__(self, server: LiveReloadServer) -> None:
        self.server = server
        self.errors: str | None = None  # the messages of the failed build, or None
        self._app: App = server.get_app()  # type: ignore[assignment]
        server.set_app(self._serve)

    def passed(self) -> None:
        """The data loads again: requests go to the site (and wait for its build)."""
        self.errors = None

    def failed(self, errors: str) -> None:
        """A build failed: show ``errors`` from now on, and reload the open pages."""
        self.errors = errors
        server: Any = self.server
        with server._epoch_cond:
            # The failed build counts as shown: requests stop waiting for it, and every
            # open page's livereload poll answers, so the page reloads into the errors.
            server._visible_epoch = server._wanted_epoch
            server._epoch_cond.notify_all()

    def _serve(self, environ: dict[str, Any], start: Start) -> Iterable[bytes]:
        errors = self.errors
        if errors is None or environ.get("PATH_INFO", "").startswith("/livereload/"):
            return self._app(environ, start)
        server: Any = self.server
        page = PAGE.format(errors=html.escape(errors)).encode("utf-8")
        page = server._inject_js_into_html(page, server._visible_epoch)
        start(
            "500 Internal Server Error",
            [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
        )
        return [page]
