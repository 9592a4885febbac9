"""Writing a file of the project (the data file, its address lock) whole or not at all.

The new bytes go to a temporary file beside the real one (the target of a symbolic
link, so that the link stays a link), are flushed to the disk, renamed over the old file
in one step and the folder is flushed too: after a crash or a power cut the file is the
old one or the new one, never half of each. A failed write (a full disk, a read-only
folder) leaves the old file as it was and no temporary file behind; the error goes up
as the OSError it is, for the command line to explain (``errors.os_message``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


def target(path: Path) -> Path:
    """The file a write of ``path`` changes: a symbolic link's target, followed."""
    return Path(os.path.realpath(path))


def write_bytes(path: Path, content: bytes, suffix: str = ".tmp") -> None:
    """Replace ``path`` (through a symbolic link) by ``content``, synced to the disk."""
    real = target(path)
    mode = real.stat().st_mode & 0o7777 if real.exists() else 0o644
    try:
            fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=suffix)
    except OSError as exc:
        exc.filename = str(path)  # mkstemp names its random temporary file
        raise
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fchmod(out.fileno(), mode)  # mkstemp makes 0600: keep the file's own mode
            os.fsync(out.fileno())
        os.replace(tmp, real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None:
            exc.filename = str(path)  # an error of fsync or write names no file
        raise
    sync_folder(real.parent)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to the disk; where a system cannot, skip."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


_REASONS = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "文件夹是只读的",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOENT: "找不到",
    errno.EISDIR: "是文件夹，不是文件",
    errno.EIO: "读写磁盘出错",
}


def reason(exc: OSError) -> str:
    """An OSError as a clerk reads it: 无法写入 data/projects.yaml：磁盘已满."""
    what = _REASONS.get(exc.errno or 0, exc.strerror or "系统错误")
    name = exc.filename if exc.filename is not None else ""
    return f"{name}：{what}" if name else what
