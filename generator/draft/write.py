"""The draft as YAML text (ruamel.yaml, comments kept) and its atomic write."""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .source import DraftError

SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "projects.schema.json"
HEADER = """\
# yaml-language-server: $schema={schema}
# 草稿：由 python -m generator draft 从 {source} 生成，尚未核对。
# 每个“# 待核对：”注释说明要对照原文确认什么；全部核对、改好后删去 draft: true 一行，
# 再运行 python -m generator check 检查。
"""


def render(data: Any, source_name: str, schema: str) -> str:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000  # never fold a long line: each value stays on its own line
    out = io.StringIO()
    yaml.dump(data, out)
    body = "\n".join(_comment_gap(line) for line in out.getvalue().split("\n"))
    return HEADER.format(schema=schema, source=source_name) + "\n" + body


MARK = " # 待核对："


def _comment_gap(line: str) -> str:
    """Two spaces before every end-of-line comment (ruamel lines them up by the one before).
    Only a comment after a whole value is touched, never text inside a quoted value."""
    value, mark, comment = line.rpartition(MARK)
    left = value.rstrip()
    if not mark or not left or left.endswith('\\"') or not (left.endswith(('"', ":")) or left[-1].isalnum()):
        return line
    return f"{left} {MARK}{comment}"


def write_new(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step, never over an existing file (a reviewed
    draft must not be lost to a second run)."""
    if path.exists() or path.is_symlink():
        raise DraftError(f"{path} 已存在，没有覆盖：请换一个文件名（--output），或先移走原文件")
    if not path.parent.is_dir():
        raise DraftError(f"目录 {path.parent} 不存在")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fchmod(out.fileno(), 0o644)  # mkstemp makes 0600: a data file the site's builds read
            os.fsync(out.fileno())
        try:
            os.link(tmp, path)  # fails if the file appeared meanwhile: never overwrites
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: the same step, checked just before
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(tmp, path)
    except FileExistsError:
        raise DraftError(f"{path} 已存在，没有覆盖：请换一个文件名（--output），或先移走原文件") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
