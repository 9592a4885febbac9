"""What the draft needs from the site it joins: the notices that mkdocs.yml lists."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DataErrors
from ..model import Notice
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
    import yaml

    from ..config import options
    from ..data.notices import load_all
    from ..site.configured import plugins, read

    try:
        files, _ = options(plugins(read(config))[1])
    except yaml.YAMLError:
        raise DraftError(f"{config} 不是有效的 YAML 文件，读不出网站的通知清单") from None
    try:
        notices = load_all(config.parent, files)
    except DataErrors as exc:
        raise DraftError(
            f"{config} 所列的通知有数据错误（{exc.file}），无法对照往年的项目：请先运行 make check 改正"
        ) from None
    return Listed(config, files, notices)
