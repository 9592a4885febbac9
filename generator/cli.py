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

from . import writers
from .errors import DataErrors

# Each command imports what it uses, in its function: `finish` runs after every build of
# the rendered folder and `check` before every commit of the data; neither should load
# the spreadsheet importer (ruamel.yaml), the site planner or the templates for nothing.

DEFAULT_DATA = "data/projects.yaml"


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


def _draft(args: argparse.Namespace) -> int:
    from .draft.cli import run

    return run(args.notice, args.output)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="民生工程公开网站的数据工具"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查数据文件，并把新增的网址登记进网址锁")
    check.add_argument("file", nargs="?", default=DEFAULT_DATA)
    check.add_argument("--docs", default="docs", help="手写页面的目录（默认 docs）")
    check.add_argument("--no-record", action="store_true", help="只检查，不改写网址锁（提交前检查用）")
    check.add_argument(
        "--check-lock", action="store_true", help="只核对网址锁是否已登记全部地址，不写入（CI 用）"
    )
    check.set_defaults(run=writers.check)
    sch = commands.add_parser("schema", help="由数据模型生成 JSON Schema")
    sch.add_argument("--check", action="store_true", help="只检查文件是否最新")
    sch.set_defaults(run=_schema)
    lck = commands.add_parser("lock", help="把数据发布的网址写进网址锁（数据文件旁的 urls.lock）")
    lck.add_argument("file", nargs="?", default=DEFAULT_DATA)
    lck.add_argument("--docs", default="docs", help="手写页面的目录（默认 docs）")
    lck.add_argument("--check", action="store_true", help="只检查网址锁是否最新")
    lck.set_defaults(run=writers.lock_command)
    imp = commands.add_parser("import", help="导入填好的进度填报表（.xlsx 或 .csv）")
    imp.add_argument("sheet", help="填好的进度填报表")
    imp.add_argument("--data", dest="file", default=DEFAULT_DATA, help=f"数据文件（默认 {DEFAULT_DATA}）")
    imp.add_argument("--docs", default="docs", help="手写页面的目录（默认 docs）")
    imp.set_defaults(run=writers.import_command)
    dra = commands.add_parser("draft", help="从通知原件（.docx、.pdf 或 .txt）起草数据文件，供核对")
    dra.add_argument("notice", help="通知原件")
    dra.add_argument(
        "--output",
        help="写到这个文件，不加入网站（不写时：写在网站第一个数据文件旁的 projects-年度.yaml，"
        "并加进 mkdocs.yml 的 notices）；已有的文件不覆盖",
    )
    dra.set_defaults(run=_draft)
    ren = commands.add_parser("render", help="把网站的全部页面和文件写到一个目录，供不带插件的 MkDocs 构建")
    ren.add_argument("dir", help="输出目录（已有的会被替换）")
    ren.add_argument("-f", "--config", default="mkdocs.yml", help="网站配置（默认 mkdocs.yml）")
    ren.set_defaults(run=_render)
    fin = commands.add_parser("finish", help="压缩本站的脚本和样式、生成搜索索引（不带插件构建之后）")
    fin.add_argument("site", help="mkdocs build 生成的网站目录")
    fin.add_argument("-f", "--config", default="mkdocs.yml", help="构建它的网站配置（默认 mkdocs.yml）")
    fin.set_defaults(run=_finish)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except OSError as exc:  # a full disk, a read-only folder: said in Chinese, no traceback
        from .atomic import reason

        print(f"错误：{reason(exc)}；操作没有完成，文件保持原样。", file=sys.stderr)
        return 1
