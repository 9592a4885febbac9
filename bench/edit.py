"""``make serve``: seconds from saving an edit of the data to the served page showing it.

A real ``mkdocs serve --dirty --strict`` (as ``make serve`` runs it) in a temporary folder, of

* **real**: a copy of the real site (the data and its address lock), or
* **n7x45**: a site of 7 fictional notices of 45 projects each (``bench/sites.py``, every
  one marked 虚构), one notice's data edited,

the data committed to a new git repository (the build reads each notice's version from git)
and a mkdocs.yml derived from the real one (``bench/sites.py``'s ``config``). Each round
changes a search keyword of the first project of the edited notice (shown on its page),
saved as an editor saves, and asks for the project page every 20 ms until it holds the new
word: the time from the save to that answer is what a clerk waits for, less the browser's
reload (mkdocs's livereload tells an open page at the same moment; the reload itself is
not counted). The page is reread after the edit, so a stale page is never counted as done.
The server's CPU time over the same span (the rebuild's, read from /proc) is reported too:
on a machine shared with others the wall time grows with their load, the CPU time much
less. Before each edit the server is left to settle (no child, next to no CPU for half a second),
so that a rebuild never waits for the search index of the one before.

    .venv/bin/python bench/edit.py [--runs 15] [--site real|n7x45]

Prints min / median / max and writes ``bench/edit.json`` (``bench/edit-n7x45.json`` for the
notices). Timings depend on the machine and its load (printed with them).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import run  # noqa: E402  (bench/run.py: the machine)
import sites  # noqa: E402  (bench/sites.py: the sites)

from generator.data import load as load_notice  # noqa: E402

# The first project's first keyword, in the real file's flow style or the generated block style.
KEYWORD = re.compile(r'(keywords:\s*(?:\[\s*"|-\s*))四带一自')
PROJECT = "sidai-yizi"
TARGET = 1.0  # seconds, median
NOTICES, EACH = 7, 45


def prepare(site: str, work: Path) -> tuple[Path, Path]:
    """The site's mkdocs.yml in ``work`` and the data file each round edits."""
    data = work / "data"
    data.mkdir()
    if site == "real":
        files = [data / "projects.yaml"]
        shutil.copy2(ROOT / "data" / "projects.yaml", files[0])
        shutil.copy2(ROOT / "data" / "urls.lock", data / "urls.lock")
        config = sites.config(work / "mkdocs.yml", "太和县民生工程公开", ROOT / "docs", files)
    else:
        files = sites.fictional_site(data, NOTICES, EACH)
        config = sites.config(work / "mkdocs.yml", f"基准：虚构的 {NOTICES} 份通知", ROOT / "docs", files)
        sites.lock(config)
    sites.commit(work, files)
    return config, files[-1]  # the latest notice: the one a clerk adds progress to


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of process ``pid`` and of the children it waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def busy(pid: int) -> bool:
    """Whether ``pid`` has a child process (the search index written in the background)."""
    return any(t.read_text().strip() for t in Path(f"/proc/{pid}/task").glob("*/children"))


def settle(pid: int, limit: float = 600) -> None:
    """Wait until the server has no child and has been all but idle for half a second (its
    watcher polls the data file): the first build's after-effects, or the last rebuild's
    search index, done before the next edit."""
    deadline, last = time.monotonic() + limit, -1.0
    while time.monotonic() < deadline:
        now = cpu_seconds(pid)
        if 0 <= now - last < 0.05 and not busy(pid):
            return
        last = now
        time.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--site", choices=("real", "n7x45"), default="real")
    args = parser.parse_args()
    out = ROOT / "bench" / ("edit.json" if args.site == "real" else f"edit-{args.site}.json")
    work = Path(tempfile.mkdtemp(prefix="minsheng-edit-"))
    try:
        config, data = prepare(args.site, work)
        year = load_notice(data).document.year
        port = free_port()
        url = f"http://127.0.0.1:{port}/{year}/projects/{PROJECT}/"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(work))
        log = (work / "serve.log").open("wb")
        proc = subprocess.Popen(
            [str(run.MKDOCS), "serve", "--dirty", "--strict", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 600
            while "四带一自" not in fetch(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"bench: mkdocs serve did not start:\n{(work / 'serve.log').read_text()}")
                time.sleep(0.2)
            settle(proc.pid)
            seconds, cpu = [], []
            load = [os.getloadavg()[0]]
            text = data.read_text(encoding="utf-8")
            for i in range(args.runs):
                word = f"基准测试词{i}"
                c0 = cpu_seconds(proc.pid)
                data.write_text(KEYWORD.sub(rf"\g<1>{word}四带一自", text, count=1), encoding="utf-8")
                t0 = time.perf_counter()
                while word not in fetch(url):
                    if time.perf_counter() - t0 > 300:
                        sys.exit(f"bench: the edit did not show in 300 s:\n{(work / 'serve.log').read_text()}")
                    time.sleep(0.02)
                seconds.append(time.perf_counter() - t0)
                cpu.append(cpu_seconds(proc.pid) - c0)
                print(f"  {i + 1}/{args.runs}: {seconds[-1]:.2f} s（CPU {cpu[-1]:.2f} s）", flush=True)
                settle(proc.pid)
            load.append(os.getloadavg()[0])
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    median = statistics.median(seconds)
    what = "真实数据（33 项）" if args.site == "real" else f"虚构的 {NOTICES} 份通知（各 {EACH} 项），改最新一份"
    lines = [
        *run.machine(),
        f"{what}；运行期间 1 分钟平均负载 {min(load):.1f}–{max(load):.1f}；{args.runs} 次修改",
        f"make serve 从保存数据到页面显示修改：最小 {min(seconds):.2f} / 中位 {median:.2f} / 最大 {max(seconds):.2f} s"
        f"（目标中位 ≤ {TARGET:.1f} s：{'达到' if median <= TARGET else '未达到'}）",
        f"其间 mkdocs serve 进程用的 CPU（重建）：最小 {min(cpu):.2f} / 中位 {statistics.median(cpu):.2f} / 最大 {max(cpu):.2f} s",
    ]
    print("\n".join(lines))
    raw = {"seconds": seconds, "cpu": cpu, "loadavg": load, "about": lines}
    out.write_text(json.dumps(raw, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
