"""The address lock: a committed list of every address the site has published.

The lock (``urls.lock`` beside the data file, e.g. ``data/urls.lock``) only
grows: ``record`` (run by ``python -m generator check``, and by whatever else
writes the data) adds what the data now publishes and keeps old addresses that
still lead somewhere through ``aliases``; it refuses, writing nothing, when a
locked address would be lost. Only ``python -m generator lock`` (``make lock``)
removes addresses, on purpose. Every build checks each locked address against
the built site, so a published link cannot break without a visible change to
this file.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import atomic
from . import configured
from .moves import Moves
from .plan import Site

NAME = "urls.lock"
HEADER = """\
# 网址锁：本站发布过的每个网址和锚点，一行一个，按字母排序；不要手工编辑。
# 地址相对于网站根地址（mkdocs.yml 中的 site_url），“./”是首页。
# 每次生成网站都逐条检查：锁定的地址必须仍然生成，或经数据中的 aliases（旧编号）转到新位置，否则生成失败。
# 数据新增的网址由 make check（./check）自动登记进来，随数据一起提交。
"""


def path_for(data: str | Path) -> Path:
    """Where the lock of a data file lives: beside it (a site of several notices has one
    lock, beside the first listed)."""
    return Path(data).parent / NAME


def read(path: Path) -> list[str]:
    """The locked addresses; comments and blank lines skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def render(addresses: list[str]) -> str:
    return HEADER + "".join(f"{a}\n" for a in sorted(set(addresses)))


def write(path: Path, addresses: list[str]) -> None:
    """Replace the lock in one step: a reader never sees half a file."""
    atomic.write_bytes(path, render(addresses).encode("utf-8"))


def gone(data_file: str | Path) -> str | None:
    """The error when the lock of ``data_file`` was deleted: git has it, the folder not.

    Without its lock nothing would notice a published address vanish, so every command
    that reads or writes the lock stops. (A lock git does not hold is a new data file's:
    ``make lock`` makes its first lock.)"""
    path = path_for(data_file)
    if path.exists():
        return None
    try:
        known = subprocess.run(
            ["git", "ls-files", "--", path.name],
            cwd=path.parent, capture_output=True, text=True, timeout=10, check=False,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None  # no git here: nothing to compare with
    if not known:
        return None
    name = path.as_posix()
    return (
        f"错误：找不到网址锁 {name}（git 中有这个文件，它被删除了）。"
        f"没有它就无法检查已发布的网址是否失效；请运行 git checkout HEAD -- {name} 恢复后再试。"
    )


def of_data(data_file: str | Path) -> tuple[Path, Site]:
    """The lock of the site that ``data_file`` belongs to (``configured.for_data``: every
    notice mkdocs.yml lists with it; raises DataErrors), and that site."""
    site, files = configured.for_data(data_file)
    return path_for(files[0]), site


def wanted(site: Site, locked: list[str], docs_dir: str | Path) -> list[str]:
    """The lock the data asks for: what it publishes, plus old addresses still redirected."""
    return updated(locked, site.addresses(Path(docs_dir)), site.moves)


@dataclass(frozen=True)
class Recorded:
    """What ``record`` did to a lock."""

    path: Path
    added: list[str]  # new addresses, now in the lock
    lost: list[str]  # locked addresses the data no longer makes: then nothing was written


def record(data_file: str | Path, docs_dir: str | Path = "docs") -> Recorded | None:
    """Add every address the data now publishes to the lock beside ``data_file``.

    For the commands that change or check the data (``check``, ``import``): the new
    addresses show in the diff and are committed with the data. Nothing is written
    when a locked address would be lost (``lost`` lists them: the caller fails). None
    when the site has no lock. The addresses are the whole site's that the data file
    belongs to (``configured.for_data``: every notice mkdocs.yml lists with it; raises
    DataErrors); ``docs_dir`` holds the hand-written pages.
    """
    path, site = of_data(data_file)
    if not path.is_file():
        return None
    locked = read(path)
    new = wanted(site, locked, docs_dir)
    lost = sorted(set(locked) - set(new))
    added = sorted(set(new) - set(locked))
    if added and not lost:
        write(path, new)
    return Recorded(path, added if not lost else [], lost)


def updated(locked: list[str], published: list[str], moves: Moves) -> list[str]:
    """The new lock: what the data publishes, plus old addresses that still lead there."""
    now = set(published)
    kept = {a for a in locked if a not in now and moves.resolve(a) in now}
    return sorted(now | kept)


# An id attribute: found by its literal text, then kept if it stands in a start tag
# (``_ids``). mkdocs, material and our templates always quote attributes with double
# quotes. The lock check runs on every build and reads every page: this reads 80 MB of
# HTML (3,300 projects) in 0.1 s, where a regular expression over whole tags took 0.8 s
# and html.parser ten times that.
_ID = re.compile(r'id="([^"]+)"')


def _ids(html: str) -> set[str]:
    """The ids of the start tags of ``html``: ``<tag … id="x" …>``, the attribute after a
    space, the tag a start tag (``<`` then a letter) that has not closed before it."""
    found = set()
    for match in _ID.finditer(html):
        at = match.start()
        if at == 0 or not html[at - 1].isspace():
            continue  # data-id="…", or the text 'id="…"' outside any tag
        opened = html.rfind("<", 0, at)
        if opened < 0 or html.rfind(">", 0, at) > opened:
            continue
        name = html[opened + 1 : opened + 2]
        if name.isascii() and name.isalpha():
            found.add(match.group(1))
    return found


def anchors(page: bytes) -> set[str]:
    """The ids of a built page's elements."""
    return _ids(page.decode("utf-8", errors="replace"))


class BuiltSite:
    """A built site, asked whether it produces an address."""

    def __init__(self, site_dir: str | Path, ids: Callable[[str], set[str]] | None = None) -> None:
        """``ids``, if given, gives a page's anchors (``make serve`` keeps them, filememo.py)."""
        self.root = os.fspath(site_dir)
        self._read = ids
        self._ids: dict[str, set[str]] = {}
        self._files: dict[str, str | None] = {}  # by page: most pages are asked many times

    def file(self, page: str) -> str:
        """The file of a page or file address (a string: asked for every page after every
        save of ``make serve``, where pathlib cost more than the rest of the check)."""
        page = "" if page == "./" else page
        return os.path.join(self.root, page + "index.html" if page.endswith("/") or not page else page)

    def ids(self, file: str) -> set[str]:
        if file not in self._ids:
            self._ids[file] = self._read(file) if self._read else anchors(Path(file).read_bytes())
        return self._ids[file]

    def page_file(self, page: str) -> str | None:
        """The file of a page or file address, if the site has it."""
        if page not in self._files:
            candidate = self.file(page)
            self._files[page] = candidate if os.path.isfile(candidate) else None
        return self._files[page]

    def produces(self, address: str) -> bool:
        page, _, anchor = address.partition("#")
        file = self.page_file(page)
        if file is None:
            return False
        return not anchor or (file.endswith(".html") and anchor in self.ids(file))


def missing(locked: list[str], site: BuiltSite, moves: Moves) -> list[str]:
    """Locked addresses the site neither produces nor redirects to a produced one, in
    the lock's order.

    A moved page must have its redirect page; an anchor on it counts once the
    address it is redirected to is produced. An old anchor on a current page
    must be there itself (the alias kept by the template).

    Asked page by page (each page's anchors at once, as sets): make serve checks the
    whole lock after every save, ~8,000 addresses at 7 notices.
    """
    lost: set[str] = set()
    for page, anchors in _by_page(tuple(locked)).items():
        if page in moves.pages:
            here = site.produces(page)
            for anchor, address in anchors.items():
                if not (here and (not anchor or site.produces(moves.resolve(address)))):
                    lost.add(address)
            continue
        file = site.page_file(page)
        if file is None:
            lost.update(anchors.values())
            continue
        anchored = {anchor for anchor in anchors if anchor}
        if anchored:
            absent = anchored - site.ids(file) if file.endswith(".html") else anchored
            lost.update(anchors[anchor] for anchor in absent)
    return [address for address in locked if address in lost]


@lru_cache(maxsize=4)
def _by_page(locked: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Each page's locked anchors ("" for the page itself), with their addresses."""
    pages: dict[str, dict[str, str]] = {}
    for address in locked:
        page, _, anchor = address.partition("#")
        pages.setdefault(page, {})[anchor] = address
    return pages


def message(lock_name: str, lost: list[str]) -> str:
    """The error naming every lost address (of a build, or of ``record``)."""
    lines = "\n".join(f"  {a}" for a in lost)
    return (
        f"网址锁 {lock_name} 中有 {len(lost)} 个已发布的地址既没有生成，也没有转到新位置：\n{lines}\n"
        "已发布的网址不能失效：如果改了编号，请把旧编号写进该条目的 aliases；"
        "如果确实要删除这些地址，请运行 make lock 更新网址锁，并在提交说明中写明原因。"
    )
