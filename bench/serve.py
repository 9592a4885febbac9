"""A local web server for measurements: the built site with gzip and cache headers.

Until the production nginx configuration is in the repository, ``make lighthouse`` and
``bench/resident.py`` serve the site with this, as a production server would: text
compressed with gzip (level 6), long caching for files whose names carry a content hash,
revalidation for the rest, and the site's 404 page. Point them at a real server instead
with ``--url``.

    .venv/bin/python bench/serve.py site/ --port 8001 [--prefix /sub/]
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import gzip
import mimetypes
import re
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESS = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".csv", ".map"}
# Named by their content: material's bundle.a5f9d56c.min.js, main.57a0d79d.min.css, and
# Pagefind's index files (zh_1fb54dd.pf_fragment). Not Pagefind's wasm.unknown.pagefind or
# pagefind.js: their names stay the same when a new Pagefind version changes them.
HASHED = re.compile(
    r"\.[0-9a-f]{8}\.min\.(js|css)$|_[0-9a-f]{7,}\.pf_(index|fragment|meta|filter)$"
)
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".svg": "image/svg+xml"}


def cache_control(path: Path) -> str:
    if HASHED.search(path.name):
        return "public, max-age=31536000, immutable"
    if path.suffix == ".html":
        return "no-cache"  # always revalidated: a new build shows at once
    return "public, max-age=3600"


class Handler(BaseHTTPRequestHandler):
    def __init__(self, *args: object, root: Path, prefix: str, **kwargs: object) -> None:
        self.root, self.prefix = root, prefix
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def resolve(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return None
        target = (self.root / path[len(self.prefix) :]).resolve()
        if self.root not in (target, *target.parents):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def do_HEAD(self) -> None:
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:
        target = self.resolve()
        status = 200
        if target is None:
            status, target = 404, self.root / "404.html"
        stamp = email.utils.formatdate(target.stat().st_mtime, usegmt=True)
        if status == 200 and self.headers.get("If-Modified-Since") == stamp:
            self.send_response(304)
            self.send_header("Cache-Control", cache_control(target))
            self.end_headers()
            return
        data = target.read_bytes()
        gzipped = target.suffix in COMPRESS and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            data = gzip.compress(data, compresslevel=6, mtime=0)
        self.send_response(status)
        kind = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0]
        kind = kind or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", cache_control(target))
        self.send_header("Last-Modified", stamp)
        if target.suffix in COMPRESS:
            self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if body:
            self.wfile.write(data)


class Server:
    """``with Server(site) as url:`` serves ``site`` at ``url`` (prefix included)."""

    def __init__(self, root: Path, port: int = 0, prefix: str = "/") -> None:
        handler = partial(Handler, root=root.resolve(), prefix=prefix)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self.url

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--prefix", default="/", help="serve the site under this path")
    args = parser.parse_args()
    server = Server(args.site, args.port, args.prefix)
    print(f"{args.site} → {server.url}（gzip、缓存头；Ctrl-C 停止）")
    with contextlib.suppress(KeyboardInterrupt):
        server.httpd.serve_forever()


if __name__ == "__main__":
    main()
