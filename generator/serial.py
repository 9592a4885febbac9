"""One lock for everything that writes or publishes the data: import, check's update of
the address lock, ``make lock``, and every build (``make site``, each rebuild of ``make
serve``).

A writer holds it exclusively while it reads the data, decides and writes the data file
and the address lock; a build holds it shared from reading the data to checking the
built site against the lock. So two imports run one after the other, each reading what
the other wrote (nothing is lost), and a build never sees new data with an old lock. The
lock is ``flock`` on ``.minsheng.lock`` in the data file's folder (git ignores it); the
kernel releases it when its holder dies, even by SIGKILL.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

NAME = ".minsheng.lock"
WAITING = "另一个导入、检查或网站生成正在使用 {data}{holder}，等它结束后再继续……"


def path_for(data_file: str | Path) -> Path:
    return Path(os.path.realpath(data_file)).parent / NAME


def _open(data_file: str | Path) -> IO[str]:
    return open(path_for(data_file), "a+", encoding="utf-8")


def _take(lock: IO[str], mode: int, data_file: str | Path) -> None:
    """Take the lock; if someone holds it, say who (a writer leaves its process id) and wait."""
    try:
        fcntl.flock(lock, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.seek(0)
        pid = lock.read().strip()  # a writer's; a build (shared) leaves none
        holder = f"（进程 {pid}）" if pid.isdigit() else ""
        print(WAITING.format(data=data_file, holder=holder), file=sys.stderr, flush=True)
        fcntl.flock(lock, mode)


@contextlib.contextmanager
def exclusive(data_file: str | Path) -> Iterator[None]:
    """Hold the lock alone; wait, saying so on stderr, while someone else holds it.

    Raises OSError when the lock cannot be made (a read-only folder): a writer could not
    write the data there either. Without the data's folder there is nothing to guard: the
    loader then says the data file is missing."""
    if not path_for(data_file).parent.is_dir():
        yield
        return
    try:
        opened = _open(data_file)
    except OSError as exc:  # named by the data file: the lock's own file means nothing to a clerk
        exc.filename = str(data_file)
        raise
    with opened as lock:
        _take(lock, fcntl.LOCK_EX, data_file)
        lock.seek(0)
        lock.truncate(0)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        try:
            yield
        finally:
            lock.truncate(0)  # no longer the holder; closing the file releases the lock


class Shared:
    """The lock held shared by a build, from ``acquire`` to ``release`` (MkDocs hooks)."""

    def __init__(self) -> None:
        self._file: IO[str] | None = None

    def acquire(self, data_file: str | Path) -> None:
        """Wait for any writer to finish. A folder where the lock cannot be made (a
        read-only checkout) has no writer either: the build goes on without it."""
        self.release()
        try:
            self._file = _open(data_file)
        except OSError:
            return
        _take(self._file, fcntl.LOCK_SH, data_file)

    def release(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
