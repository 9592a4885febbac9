"""The commands that write the data or its address lock: ``check`` (which records new
addresses), ``lock`` and ``import``.

Each runs under the one writers' lock (``serial.py``) and reads the data there, so that
two of them at once never lose each other's work; a failed write (a full disk, a
read-only folder) is explained in Chinese and changes nothing (``atomic.py``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import serial
from .errors import DataErrors

if TYPE_CHECKING:
    from .model import Notice


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
    # The address lock leaves a draft out (site/configured.py): said, so that no one waits
    # for its addresses in the lock's diff.
    draft = "\n  这是草稿（draft: true）：make site 不发布它，网址锁也不登记它的网址；核对完删去这一行，再运行 make check。"
    return (
        f"数据检查通过：{name}\n"
        f"  {notice.document.number}：项目 {len(notice.projects)} 个（{by_category}），"
        f"子项 {items} 个，指标 {len(indicators)} 个，"
        f"其中 {blank} 个为“/”（本年未设数值）。\n"
        f"  {reports}" + (draft if notice.draft else "")
    )


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _load(file: str) -> Notice | None:
    from .data import load

    try:
        return load(file)
    except DataErrors as exc:
        _say(exc.report())
        return None


def _ready(file: str) -> Notice | None:
    """The data, and its address lock not deleted; or None after saying what is wrong."""
    from .site import lock

    notice = _load(file)
    if notice is not None and (gone := lock.gone(file)) is not None:
        _say(gone)
        return None
    return notice


def check(args: argparse.Namespace) -> int:
    """Check the data; record the addresses it adds in its address lock (with
    ``--check-lock``, only say which are missing: CI, where nothing may be written)."""
    from .site import lock

    if args.check_lock:
        notice = _ready(args.file)
        return 1 if notice is None else _verify(args, notice)
    if args.no_record:
        notice = _load(args.file)
        if notice is None:
            return 1
        print(summary(notice, args.file))
        return 0
    with serial.exclusive(args.file):
        notice = _ready(args.file)
        if notice is None:
            return 1
        try:
            recorded = lock.record(args.file, args.docs)
        except DataErrors as exc:  # another notice listed with it in mkdocs.yml
            _say(exc.report())
            return 1
    if recorded is not None and recorded.lost:  # the data is fine, but would break links
        _say("错误：" + lock.message(recorded.path.as_posix(), recorded.lost))
        return 1
    print(summary(notice, args.file))
    if recorded is not None and recorded.added:
        name = recorded.path.as_posix()
        print(f"  网址锁 {name}：新登记 {len(recorded.added)} 个地址，请与数据文件一起提交：")
        print("\n".join(f"    {a}" for a in recorded.added))
    return 0


def _verify(args: argparse.Namespace, notice: Notice) -> int:
    """CI's check: the lock must hold every address the data publishes; nothing written."""
    from .site import lock

    try:
        path, site = lock.of_data(args.file)
    except DataErrors as exc:  # another notice of the site
        _say(exc.report())
        return 1
    if not path.is_file():
        _say(f"错误：找不到网址锁 {path.as_posix()}；请在本地运行 make lock 生成，并与数据文件一起提交。")
        return 1
    locked = lock.read(path)
    new = lock.wanted(site, locked, args.docs)
    lost, added = sorted(set(locked) - set(new)), sorted(set(new) - set(locked))
    if lost:
        _say("错误：" + lock.message(path.as_posix(), lost))
        return 1
    if added:
        listing = "\n".join(f"  {a}" for a in added)
        _say(
            f"错误：网址锁 {path.as_posix()} 缺少数据发布的 {len(added)} 个地址：\n{listing}\n"
            "请在本地运行 make check（会自动登记这些地址），并把网址锁与数据文件一起提交。"
        )
        return 1
    print(summary(notice, args.file))
    return 0


def lock_command(args: argparse.Namespace) -> int:
    """Rewrite (or with --check, compare) the address lock beside the data file."""
    if args.check:
        return _lock(args)
    with serial.exclusive(args.file):
        return _lock(args)


def _lock(args: argparse.Namespace) -> int:
    from .site import lock

    notice = _ready(args.file)
    if notice is None:
        return 1
    try:
        path, site = lock.of_data(args.file)
    except DataErrors as exc:  # another notice of the site
        _say(exc.report())
        return 1
    old = lock.read(path) if path.is_file() else []
    new = lock.wanted(site, old, args.docs)
    added, removed = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    name = path.as_posix()
    if args.check:
        if added or removed:
            _say(
                f"错误：{name} 与数据不一致（应新增 {len(added)} 个、删除 {len(removed)} 个地址），"
                + ("请运行 make lock（会列出删除的地址）" if removed else "请运行 make check（会自动登记新地址）")
                + "并提交"
            )
            return 1
        return 0
    lock.write(path, new)
    print(f"已写入 {name}：共 {len(new)} 个地址，新增 {len(added)} 个，删除 {len(removed)} 个。")
    if removed:
        print("删除的地址（既不再生成，也没有经 aliases 转到新位置）：")
        print("\n".join(f"  {a}" for a in removed))
    return 0


def import_command(args: argparse.Namespace) -> int:
    """Add the reports of a filled progress template to the data file, then to the lock."""
    sheet = Path(args.sheet)
    if not sheet.is_file():
        what = "不是普通文件" if sheet.exists() else "找不到文件"
        _say(f"错误：{what} {args.sheet}")
        return 1
    with serial.exclusive(args.file):
        return _import(args, sheet)


def _import(args: argparse.Namespace, sheet: Path) -> int:
    from .sheets import importer
    from .site import lock

    if (gone := lock.gone(args.file)) is not None:
        _say(gone)
        return 1
    outcome = importer.run(sheet, Path(args.file), args.file)
    if outcome.data_errors is not None:
        _say(outcome.data_errors.report())
        _say(f"错误：{args.file} 本身有错误，请先改正（make check），再导入。")
        return 1
    if outcome.problems:
        _say("\n".join([*outcome.problems.lines(), outcome.problems.summary()]))
        return 1
    if outcome.rejected is not None:
        _say(outcome.rejected.report())
        _say(f"错误：导入后的数据没有通过检查，{args.file} 没有改动。")
        return 1
    print("\n".join(importer.describe(outcome, sheet.name)))
    if not outcome.added:
        print(f"{args.file} 没有改动：表中没有新的进度。")
        return 0
    print(f"已写入 {args.file}：新增 {len(outcome.added)} 份报告。")
    lock_name = lock.path_for(args.file).as_posix()
    # The new reports' addresses (their anchors in the update history) go into the lock.
    try:
        recorded = lock.record(args.file, docs_dir=args.docs)
    except OSError as exc:
        from .atomic import reason

        _say(f"错误：{args.file} 已写入，但网址锁 {lock_name} 没能写入（{reason(exc)}）；问题解决后请运行 make check 登记新地址。")
        return 1
    except DataErrors as exc:  # another notice listed with it in mkdocs.yml
        _say(exc.report())
        _say(f"错误：{args.file} 已写入，但同一网站的其他通知有错误，网址锁没有更新；改正后请运行 make check 登记新地址。")
        return 1
    if recorded is not None:  # a site of several notices has one lock, beside its first notice
        lock_name = recorded.path.as_posix()
    if recorded is not None and recorded.lost:
        _say("错误：" + lock.message(lock_name, recorded.lost))
        return 1
    if recorded is not None and recorded.added:
        print(f"网址锁 {lock_name}：新登记 {len(recorded.added)} 个地址：")
        print("\n".join(f"  {a}" for a in recorded.added))
    print(
        f"下一步：运行 make check 检查；然后提交 {args.file} 和 {lock_name}"
        "（不熟悉 git 的，把这两个文件交给负责提交的同志）。"
    )
    return 0
