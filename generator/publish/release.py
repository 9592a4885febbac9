"""``make site``: build a new release, then publish it as ``site`` in one atomic step.

``site`` is a symbolic link to a folder in ``.site-releases/``. Each build goes into a
fresh folder there; only a build that succeeds is published, by renaming a new link over
``site`` (rename(2) is atomic), so that at every moment ``site`` is the whole old site or
the whole new one, never missing and never half written. A lock (flock on
``.site-releases/.lock``) makes a second ``make site`` wait until the first has finished;
the kernel releases it when a build dies, even by SIGKILL. The previous release stays
(requests may still be reading it; it is there to roll back by hand); older ones and the
remains of killed builds go at the next publication. The exit status is 0 only if the
site was published.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import fcntl
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..config import PUBLISHING
from . import address, nginx

RELEASES = ".site-releases"
LINK = "site"
UNCHANGED = "网站未更新：site/ 仍是原来的网站。"


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the publishing lock; wait, saying so, while another build holds it."""
    (root / RELEASES).mkdir(exist_ok=True)
    with open(root / RELEASES / ".lock", "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "?"
            print(
                f"另一个 make site 正在生成网站（进程 {holder}），等它结束后再开始……",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(lock, fcntl.LOCK_EX)
        lock.truncate(0)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        yield  # closing the file releases the lock


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    at_fdcwd, rename_exchange = -100, 2
    done: int = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return done == 0


def flip(root: Path, release: str) -> str | None:
    """Point ``site`` at ``release`` in one rename; returns the release it pointed at before."""
    site, link = root / LINK, root / f".site-link-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(f"{RELEASES}/{release}")
    if site.is_symlink() or not site.exists():
        before = os.readlink(site) if site.is_symlink() else None
        os.replace(link, site)
        return Path(before).name if before else None
    # A site/ folder from before releases (the old make site): swap it for the link in one
    # step where the system can, and keep it as the previous release.
    kept = f"{release}-before"
    if _exchange(site, link):
        link.rename(root / RELEASES / kept)
    else:
        site.rename(root / RELEASES / kept)
        os.replace(link, site)
    return kept


def prune(root: Path, keep: set[str]) -> None:
    """Remove every release but ``keep``, and links left by killed builds."""
    for path in (root / RELEASES).iterdir():
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
    for path in root.glob(".site-link-*"):
        path.unlink(missing_ok=True)


def publish(root: Path, config: str) -> int:
    """Build ``config`` into a new release and publish it; the exit status."""
    release = dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + str(os.getpid())
    dest = root / RELEASES / release
    proc: subprocess.Popen[bytes] | None = None
    published = False
    try:
        cmd = [sys.executable, "-m", "generator.publish.build", "--strict", "--quiet"]
        # a build to publish: the plugin refuses a draft notice (config.PUBLISHING)
        env = {**os.environ, PUBLISHING: "1"}
        proc = subprocess.Popen([*cmd, "-f", config, "-d", str(dest)], cwd=root, env=env)
        if proc.wait() != 0:
            print(f"错误：网站生成失败。{UNCHANGED}", file=sys.stderr)
            return 1
        nginx.write_redirects(root / config, dest)
        before = flip(root, release)
        published = True
        prune(root, {release} | ({before} if before else set()))
        print(f"网站已生成：site/（{RELEASES}/{release}）")
        return 0
    except KeyboardInterrupt:  # Ctrl+C, or SIGTERM (see main)
        print(f"错误：生成被中断。{UNCHANGED}", file=sys.stderr)
        return 130
    finally:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            proc.wait()
        if not published:
            shutil.rmtree(dest, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.publish", description="生成网站并以一次原子操作发布为 site/"
    )
    parser.add_argument("-f", "--config", default="mkdocs.yml", help="MkDocs 配置文件")
    parser.add_argument("--local", action="store_true", help="允许本机地址（make preview：只在本机查看）")
    args = parser.parse_args(argv)
    if not args.local and (refused := address.refusal(Path(args.config))):
        print(f"{refused}{UNCHANGED}", file=sys.stderr)
        return 1
    # SIGTERM ends a build as Ctrl+C does: the partial release is removed, site/ stays.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    root = Path.cwd()
    try:
        with locked(root):
            return publish(root, args.config)
    except KeyboardInterrupt:  # while waiting for the lock
        print(f"错误：已取消。{UNCHANGED}", file=sys.stderr)
        return 130
