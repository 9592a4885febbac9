"""The site a draft joins: the notices mkdocs.yml lists, and the draft added to them.

Without ``--output`` the draft joins the site: under the writers' lock (``serial.py``, on
the folder of the site's first data file, as ``import`` and ``check`` take it) the site's
notices are read, the draft is made and written beside the first data file as
``projects-<year>.yaml``, and mkdocs.yml lists it last (``listing.py``): both or neither.
"""
from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import atomic, serial
from ..errors import DataErrors
from ..model import Notice
from . import listing, write
from .source import DraftError

CONFIG = Path("mkdocs.yml")


@dataclass(frozen=True)
class Listed:
    """The site's notices as mkdocs.yml lists them."""

    config: Path
    files: list[str]  # as listed: relative to the folder of mkdocs.yml
    notices: list[Notice]  # loaded and checked together, in the listed order


def listed(config: Path = CONFIG) -> Listed | None:
    """The notices of the site ``config`` describes; None when there is no such file.
    A site whose data has mistakes is refused: its projects cannot be matched."""
    if not config.is_file():
        return None
    from ..data.notices import load_all

    files = _files(config)
    try:
        notices = load_all(config.parent, files)
    except DataErrors as exc:
        raise DraftError(
            f"{config} 所列的通知有数据错误（{exc.file}），无法对照往年的项目：请先运行 make check 改正"
        ) from None
    return Listed(config, files, notices)


def _files(config: Path) -> list[str]:
    import yaml

    try:
        return listing.files(config.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        raise DraftError(f"{config} 不是有效的 YAML 文件，读不出网站的通知清单") from None


@contextlib.contextmanager
def joining(config: Path = CONFIG) -> Iterator[Listed]:
    """The site's notices, read under the writers' lock, which is held until the draft
    is registered: no import, check or build runs in between."""
    if not config.is_file():
        raise DraftError(f"找不到 {config}：请在网站的文件夹中运行（make draft），或用 --output 指定草稿写到哪里")
    with serial.exclusive(config.parent / _files(config)[0]):
        now = listed(config)
        assert now is not None
        yield now


def destination(now: Listed, year: int | None) -> tuple[Path, str]:
    """Where the draft of ``year`` goes: beside the site's first data file, named
    ``projects-<year>.yaml`` as ``data/projects.yaml`` is; the path, and the line for
    mkdocs.yml (relative to its folder). Refused for a year the site already has."""
    if year is None:
        raise DraftError("通知中没有找到年度（标题中的“20XX年”），无法加入网站的通知清单：请用 --output 指定草稿写到哪里")
    for name, notice in zip(now.files, now.notices, strict=True):
        if notice.document.year == year:
            raise DraftError(
                f"{now.config} 的 notices 中已有 {year} 年的通知（{name}）：同一年只能有一份通知；"
                "要重新起草，请先从 notices 中删去那一行，或用 --output 写到别处"
            )
    entry = posixpath.join(posixpath.dirname(now.files[0]), f"projects-{year}.yaml")
    return now.config.parent / entry, entry


def register(now: Listed, path: Path, entry: str, text: str) -> None:
    """Write the draft ``text`` as ``path`` (never over a file) and add ``entry`` to the
    notices of mkdocs.yml, comments and tags kept: both or, on any failure, neither."""
    config_text = listing.added(now.config.read_text(encoding="utf-8"), entry, str(now.config))
    write.write_new(path, text)
    try:
        atomic.write_bytes(now.config, config_text.encode("utf-8"))
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise DraftError(f"无法改写 {atomic.reason(exc)}") from None
