"""``python -m generator draft FILE [--output PATH]``: read a notice, write its draft data file."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from . import build, site, write
from .earlier import Earlier
from .read import read
from .source import DraftError
from .write import SCHEMA


def run(file: str, output: str | None) -> int:
    """Draft ``file``; print what was written, the path on the last line; errors in Chinese."""
    name = Path(file).name
    try:
        source = read(Path(file))
        now = site.listed()
        try:
            year = build.year(source)
            data = build.draft(source, Earlier.of(now.notices, year) if now is not None else None)
        except DraftError as exc:
            raise DraftError(f"{name} {exc}") from None
        path = Path(output) if output else Path("data") / f"projects-{year or '草稿'}.yaml"
        schema = os.path.relpath(SCHEMA, path.resolve().parent)
        text = write.render(data, name, schema)
        write.write_new(path, text)
    except DraftError as exc:
        print(f"错误：{exc}；没有写入任何文件。", file=sys.stderr)
        return 1
    except Exception as exc:  # a file no reader expected: a message, never a traceback
        print(f"错误：无法起草 {name}：读取时出了程序没有料到的问题（{type(exc).__name__}）；"
              "没有写入任何文件。请把这个文件交给维护网站的同志。", file=sys.stderr)
        return 1
    projects = data["projects"]
    items = sum(len(p.get("items", [])) for p in projects)
    figures = sum(len(r.get("indicators", [])) for p in projects for r in [p, *p.get("items", [])])
    to_check = text.count("# 待核对：")
    print(f"已起草 {data['document'].get('number', Path(file).name)}：项目 {len(projects)} 个，"
          f"子项 {items} 个，指标 {figures} 个；待核对 {to_check} 处（文件中的“# 待核对：”注释）。")
    print(f"下一步：逐条核对“# 待核对：”注释，改好后删去 draft: true 一行，再检查：make check-draft DATA={path}")
    print(path)
    return 0
