"""``python -m generator draft FILE [--output PATH]``: read a notice, write its draft data file."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ..atomic import reason
from . import build, site, write
from .earlier import Earlier
from .read import read
from .source import DraftError, Source
from .write import SCHEMA


def run(file: str, output: str | None) -> int:
    """Draft ``file``; print what was written, the path on the last line; errors in Chinese.
    Without ``output`` the draft joins the site (``site.py``)."""
    name = Path(file).name
    try:
        source = read(Path(file))
        if output:
            path = Path(output)
            data = _draft(source, name, site.listed())
            text = _text(data, name, path)
            write.write_new(path, text)
        else:
            with site.joining() as now:
                data = _draft(source, name, now)
                path, entry = site.destination(now, data["document"].get("year"))
                text = _text(data, name, path)
                site.register(now, path, entry, text)
    except DraftError as exc:
        print(f"错误：{exc}；没有写入任何文件。", file=sys.stderr)
        return 1
    except OSError as exc:  # the lock or the draft could not be written (a read-only folder)
        print(f"错误：{reason(exc)}；没有写入任何文件。", file=sys.stderr)
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
    if output:
        print(f"下一步：逐条核对“# 待核对：”注释，改好后删去 draft: true 一行，再检查：make check-draft DATA={path}"
              "（这份草稿没有加入网站的通知清单）")
    else:
        print(f"已加入网站的通知清单（{site.CONFIG} 的 notices）：make serve 可以预览，每页顶部标有“草稿”；"
              "删去 draft: true 之前，make site 不会发布它。")
        print(f"下一步：逐条核对“# 待核对：”注释，随时可以检查：make check DATA={path}；"
              "全部核对完，删去 draft: true 一行，再检查一次（登记新网址）。")
    print(path)
    return 0


def _draft(source: Source, name: str, now: site.Listed | None) -> CommentedMap:
    """The draft of ``source``, continuing the notice of the site ``now`` before its year."""
    try:
        year = build.year(source)
        return build.draft(source, Earlier.of(now.notices, year) if now is not None else None)
    except DraftError as exc:
        raise DraftError(f"{name} {exc}") from None


def _text(data: CommentedMap, name: str, path: Path) -> str:
    """The draft as the file ``path`` holds it (the schema named relative to it)."""
    return write.render(data, name, os.path.relpath(SCHEMA, path.resolve().parent))
