"""Command line: ``python -m generator check [FILE]``, ``import SHEET`` and friends.

Errors are printed for people, never as a traceback: one line per mistake,
then a one-line summary, and exit status 1. ``check`` also records the addresses
the data adds in the address lock (``site/lock.py``), so that nothing else is
left for the clerk to run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataErrors

if TYPE_CHECKING:
    from .model import Notice

# Each command imports what it uses, in its function: `finish` runs after every build of
# the rendered folder and `check` before every commit of the data; neither should load
# the spreadsheet importer (ruamel.yaml), the site planner or the templates for nothing.

DEFAULT_DATA = "data/projects.yaml"


def summary(notice: Notice, name: str) -> str:
    """What a successful check read, in a few short lines."""
    indicators = [ind for p in notice.projects for ind in p.all_indicators]
    blank = sum(not ind.has_figure for ind in indicators)
    by_category = "、".join(f"{c.label} {len(notice.projects_in(c.id))}" for c in notice.categories)
    items = sum(len(p.items) for p in notice.projects)
    reported = [p for p in notice.projects if p.reports]
    if reported:
        count = sum(len(p.reports) for p in reported)
        latest = max(r.date for p in reported for r in p.reports)
        each = "；".join(f"第{p.seq}项 {p.name} {len(p.reports)} 份" for p in reported)
        reports = f"进度报告 {count} 份，最新截至 {latest}：{each}。"
    else:
        reports = "进度报告：尚无。"
    return (
        f"数据检查通过：{name}\n"
        f"  {notice.document.number}：项目 {len(notice.projects)} 个（{by_category}），"
        f"子项 {items} 个，指标 {len(indicators)} 个，"
        f"其中 {blank} 个为“/”（本年未设数值）。\n"
        f"  {reports}"
    )


def _load(file: str) -> Notice | None:
    """The data, or None after printing every error for the person who edited it."""
    from .data import load

    try:
        return load(file)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return None


def _check(args: argparse.Namespace) -> int:
    """Check the data; record the addresses it adds in its address lock."""
    from .site import lock

    notice = _load(args.file)
    if notice is None:
        return 1
    # Under the pre-commit hook nothing is written (a hook must not change what is being
    # committed): the hook's lock --check then says whether make check should run first.
    try:
        recorded = None if args.no_record else lock.record(args.file, args.docs)
    except DataErrors as exc:  # another notice listed with it in mkdocs.yml
        print(exc.report(), file=sys.stderr)
        return 1
    if recorded is not None and recorded.lost:  # the data is fine, but would break links
        print("错误：" + lock.message(recorded.path.as_posix(), recorded.lost), file=sys.stderr)
        return 1
    print(summary(notice, args.file))
    if recorded is not None and recorded.added:
        name = recorded.path.as_posix()
        print(f"  网址锁 {name}：新登记 {len(recorded.added)} 个地址，请与数据文件一起提交：")
        print("\n".join(f"    {a}" for a in recorded.added))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .data import schema

    text = schema.render()
    if args.check:
        current = Path(schema.SCHEMA_PATH).read_text(encoding="utf-8")
        if current != text:
            print(
                f"错误：{schema.SCHEMA_PATH} 已过期，请运行 python -m generator schema",
                file=sys.stderr,
            )
            return 1
        return 0
    Path(schema.SCHEMA_PATH).write_text(text, encoding="utf-8")
    print(f"已写入 {schema.SCHEMA_PATH}")
    return 0


def _lock(args: argparse.Namespace) -> int:
    """Rewrite (or with --check, compare) the address lock beside the data file."""
    from .site import configured, lock

    if _load(args.file) is None:
        return 1
    try:
        site, files = configured.for_data(args.file)
    except DataErrors as exc:  # another notice of the site
        print(exc.report(), file=sys.stderr)
        return 1
    path = lock.path_for(files[0])
    old = lock.read(path) if path.is_file() else []
    new = lock.updated(old, site.addresses(Path(args.docs)), site.moves)
    added, removed = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    name = path.as_posix()
    if args.check:
        if added or removed:
            print(
                f"错误：{name} 与数据不一致（应新增 {len(added)} 个、删除 {len(removed)} 个地址），"
                + ("请运行 make lock（会列出删除的地址）" if removed else "请运行 make check（会自动登记新地址）")
                + "并提交",
                file=sys.stderr,
            )
            return 1
        return 0
    lock.write(path, new)
    print(f"已写入 {name}：共 {len(new)} 个地址，新增 {len(added)} 个，删除 {len(removed)} 个。")
    if removed:
        print("删除的地址（既不再生成，也没有经 aliases 转到新位置）：")
        print("\n".join(f"  {a}" for a in removed))
    return 0


def _import(args: argparse.Namespace) -> int:
    """Add the reports of a filled progress template to the data file, then to the lock."""
    from .sheets import importer
    from .site import lock

    sheet = Path(args.sheet)
    if not sheet.is_file():
        print(f"错误：找不到文件 {args.sheet}", file=sys.stderr)
        return 1
    outcome = importer.run(sheet, Path(args.file), args.file)
    if outcome.data_errors is not None:
        print(outcome.data_errors.report(), file=sys.stderr)
        print(f"错误：{args.file} 本身有错误，请先改正（make check），再导入。", file=sys.stderr)
        return 1
    if outcome.problems:
        print("\n".join([*outcome.problems.lines(), outcome.problems.summary()]), file=sys.stderr)
        return 1
    if outcome.rejected is not None:
        print(outcome.rejected.report(), file=sys.stderr)
        print(f"错误：导入后的数据没有通过检查，{args.file} 没有改动。", file=sys.stderr)
        return 1
    print("\n".join(importer.describe(outcome, sheet.name)))
    if not outcome.added:
        print(f"{args.file} 没有改动：表中没有新的进度。")
        return 0
    print(f"已写入 {args.file}：新增 {len(outcome.added)} 份报告。")
    # The new reports' addresses (their anchors in the update history) go into the lock.
    recorded = lock.record(args.file, docs_dir=args.docs)
    lock_name = (recorded.path if recorded else lock.path_for(args.file)).as_posix()
    if recorded is not None and recorded.lost:
        print("错误：" + lock.message(lock_name, recorded.lost), file=sys.stderr)
        return 1
    if recorded is not None and recorded.added:
        print(f"网址锁 {lock_name}：新登记 {len(recorded.added)} 个地址：")
        print("\n".join(f"  {a}" for a in recorded.added))
    print(
        f"下一步：运行 make check 检查；然后提交 {args.file} 和 {lock_name}"
        "（不熟悉 git 的，把这两个文件交给负责提交的同志）。"
    )
    return 0


def _render(args: argparse.Namespace) -> int:
    """Write the whole site's content to a folder that stock MkDocs builds."""
    from .site import folder

    try:
        config = folder.write(Path(args.config), Path(args.dir))
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(f"已写入 {args.dir}：用 mkdocs build -f {config.as_posix()} 构建（不需要 minsheng 插件）")
    return 0


def _finish(args: argparse.Namespace) -> int:
    """Minify our assets and index a site that stock MkDocs built from ``render``."""
    from mkdocs.utils.yaml import yaml_load

    from . import finish

    config_path = Path(args.config)
    with open(config_path, encoding="utf-8") as f:
        theme = (yaml_load(f) or {}).get("theme") or {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    try:
        finish.finish(Path(args.site), config_path.parent, config_path.parent / custom if custom else None)
    except finish.FinishError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"已完成 {args.site}：本站的脚本和样式已压缩，搜索索引已写入 {args.site}/pagefind/")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="民生工程公开网站的数据工具"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查数据文件，并把新增的网址登记进网址锁")
    check.add_argument("file", nargs="?", default=DEFAULT_DATA)
    check.add_argument("--docs", default="docs", help="手写页面的目录（默认 docs）")
    check.add_argument("--no-record", action="store_true", help="只检查，不改写网址锁（提交前检查用）")
    check.set_defaults(run=_check)
    sch = commands.add_parser("schema", help="由数据模型生成 JSON Schema")
    sch.add_argument("--check", action="store_true", help="只检查文件是否最新")
    sch.set_defaults(run=_schema)
    lck = commands.add_parser("lock", help="把数据发布的网址写进网址锁（数据文件旁的 urls.lock）")
    lck.add_argument("file", nargs="?", default=DEFAULT_DATA)
    lck.add_argument("--docs", default="docs", help="手写页面的目录（默认 docs）")
    lck.add_argument("--check", action="store_true", help="只检查网址锁是否最新")
    lck.set_defaults(run=_lock)
    imp = commands.add_parser("import", help="导入填好的进度填报表（.xlsx 或 .csv）")
    imp.add_argument("sheet", help="填好的进度填报表")
    imp.add_argument("--data", dest="file", default=DEFAULT_DATA, help=f"数据文件（默认 {DEFAULT_DATA}）")
    imp.add_argument("--docs", default="docs", help="手写页面的目录（默认 docs）")
    imp.set_defaults(run=_import)
    ren = commands.add_parser("render", help="把网站的全部页面和文件写到一个目录，供不带插件的 MkDocs 构建")
    ren.add_argument("dir", help="输出目录（已有的会被替换）")
    ren.add_argument("-f", "--config", default="mkdocs.yml", help="网站配置（默认 mkdocs.yml）")
    ren.set_defaults(run=_render)
    fin = commands.add_parser("finish", help="压缩本站的脚本和样式、生成搜索索引（不带插件构建之后）")
    fin.add_argument("site", help="mkdocs build 生成的网站目录")
    fin.add_argument("-f", "--config", default="mkdocs.yml", help="构建它的网站配置（默认 mkdocs.yml）")
    fin.set_defaults(run=_finish)
    args = parser.parse_args(argv)
    return int(args.run(args))
