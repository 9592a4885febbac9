"""``python -m generator draft FILE [--output PATH]``: read a notice, write its draft data file."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from . import build, site, write
from .keys import SCHEMA, optional
from .read import read
from .source import DraftError


def run(file: str, output: str | None) -> int:
    """Draft ``file``; print what was written, the path on the last line; errors in Chinese."""
    try:
        source = read(Path(file))
        data = build.draft(source)
        year = data["document"].get("year")
        if optional("Project", "continues") and isinstance(year, int):
            data = build.draft(source, site.previous_projects(year))
        path = Path(output) if output else Path("data") / f"projects-{year or '草稿'}.yaml"
        schema = os.path.relpath(SCHEMA, path.resolve().parent)
        text = write.render(data, Path(file).name, schema)
        write.write_new(path, text)
    except DraftError as exc:
        print(f"错误：{exc}；没有写入任何文件。", file=sys.stderr)
        return 1
    if not output:
        site.register(path)
    projects = data["projects"]
    items = sum(len(p.get("items", [])) for p in projects)
    figures = sum(len(r.get("indicators", [])) for p in projects for r in [p, *p.get("items", [])])
    to_check = text.count("# 待核对：")
    print(f"已起草 {data['document'].get('number', Path(file).name)}：项目 {len(projects)} 个，"
          f"子项 {items} 个，指标 {figures} 个；待核对 {to_check} 处（文件中的“# 待核对：”注释）。")
    print(f"下一步：逐条核对后删去 draft: true 一行，再运行 python -m generator check {path}")
    print(path)
    return 0
