"""Site search: what Pagefind indexes, and running Pagefind after the build.

Pagefind (npm package ``pagefind``, pinned in package-lock.json, its binary inside the
package) reads the built HTML and writes a chunked index into ``site/pagefind/``. The
browser loads nothing of it until a resident opens the search dialog
(``overrides/assets/search.js``); then only the chunks that the typed words need.

What is indexed: the content of each page (``data-pagefind-body``, set by
``overrides/main.html``, so that a build without this plugin marks the same), never the theme
around it (header, navigation, footer) nor the line every page ends with (data version). The
templates mark boilerplate inside the content with ``data-pagefind-ignore`` (status lines,
the citation box, the figure tables, our notes). A page whose front matter says
``search: {exclude: true}`` (as material's search plugin understood it) is not marked, so not
indexed: lists of projects would only push the project pages they list down the results.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from . import node

BUNDLE = "pagefind"  # folder of the index inside the site, next to assets/
INDEX_CHUNK = 4000  # word locations per index chunk
# What Pagefind writes that the site does not use: its ready-made interfaces (ours is
# overrides/assets/search-dialog.js) and its web worker (the dialog runs without it).
UNUSED = ["pagefind-*ui.js", "pagefind-*ui.css", "pagefind-highlight.js", "pagefind-worker.js"]


class SearchError(Exception):
    """Pagefind is missing or failed: the build must stop (a site without search is broken)."""



_HAN = re.compile(r"[\u3400-\u9fff]+")
_LONGEST = 4


def terms(keywords: Iterable[str]) -> str:
    """A project's keywords as the words its search metadata holds: each keyword and every
    piece of up to four Chinese characters inside it, space-separated.

    Pagefind splits page text into words at build time (its own dictionary) but a query in
    the browser (Intl.Segmenter, another dictionary), and metadata not at all: 新农合 may be
    one word in the index and 新 / 农 / 合 in the query, and then matches nothing exactly.
    Holding every piece of every keyword, the metadata matches any split of a keyword (the
    browser's dictionary has few words longer than four characters)."""
    out: dict[str, None] = {}
    for keyword in keywords:
        out[keyword] = None
        for run in _HAN.findall(keyword):
            for size in range(1, min(len(run), _LONGEST) + 1):
                for start in range(len(run) - size + 1):
                    out[run[start : start + size]] = None
    return " ".join(out)



def find_pagefind(start: Path, checkout: Path | None = None) -> Path:
    """Pagefind's binary, found as node finds packages (``node.find_bin``)."""
    found = node.find_bin("pagefind", start, *([checkout] if checkout else []))
    if found is None:
        raise SearchError(node.missing("Pagefind", "网站搜索需要它"))
    return found


def index(site_dir: Path, config_dir: Path) -> None:
    """Write the search index of the built site into ``site_dir/pagefind``."""
    pagefind = find_pagefind(config_dir)
    if shutil.which("node") is None:
        raise SearchError("找不到 node：网站搜索的索引由 Pagefind 生成，需要 Node.js")
    out = site_dir / BUNDLE
    if out.exists():
        shutil.rmtree(out)  # `mkdocs build --dirty` keeps old files: no stale chunk survives
    # The language is the pages' own (<html lang="zh">): Pagefind segments Chinese words.
    cmd = [str(pagefind), "--site", str(site_dir), "--output-subdir", BUNDLE, "--quiet"]
    # The "¶" permalinks that the toc extension adds to every heading.
    cmd += ["--exclude-selectors", ".headerlink"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    # Smaller index chunks than Pagefind's default (20,000 word locations): a first search
    # downloads ~100 kB gzip instead of ~155 kB on the real site (README, 搜索). An
    # "unstable" setting of 1.6.0: without it the build still works, with bigger chunks.
    env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(INDEX_CHUNK)
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0 or not (out / "pagefind.js").is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise SearchError("Pagefind 生成搜索索引失败：" + " / ".join(detail))
    # Quiet, Pagefind speaks only when it indexed a page otherwise than the page says (a
    # `data-pagefind-ignore` value it does not know is read as "all", a warning per page):
    # a mistake of our templates, refused rather than published unnoticed.
    if said := [line for line in dict.fromkeys((done.stderr + done.stdout).splitlines()) if line.strip()]:
        raise SearchError("Pagefind 生成搜索索引时有警告：" + " / ".join(said[:5]))
    for pattern in UNUSED:
        for path in out.glob(pattern):
            path.unlink()
