"""Run a command and write what it cost, its descendants included, as JSON.

    python bench/rusage.py OUT.json COMMAND [ARG...]

Why a separate process: Linux carries a process's peak memory (``ru_maxrss``) over
``fork`` and ``exec``, so a build started straight from ``bench/run.py`` would report at
least the benchmark's own peak (hundreds of MB once it has loaded 3,300 projects). Started
from this small process, the command's figure is its own. ``os.wait4`` gives the
command's user and system CPU time including every child it waited for (Pagefind, esbuild,
git) and the largest peak resident set of any one process among them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main() -> int:
    out, cmd = sys.argv[1], sys.argv[2:]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    cost = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss * 1024, "exit": code}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(cost, f)
    return code


if __name__ == "__main__":
    sys.exit(main())
