"""``make serve``: seconds from saving an edit of the data to the served page showing it.

A real ``mkdocs serve --strict`` (as ``make serve`` runs it) of a copy of the real site in a
temporary folder: the data and its address lock copied and committed to a new git
repository (the build reads the data's version from git), a mkdocs.yml derived from the
real one (``bench/run.py``'s ``config``). Each round changes a search keyword of the first
project (shown on its page), saved as an editor saves, and asks for the project page every
20 ms until it holds the new word: the time from the save to that answer is what a clerk
waits for, less the browser's reload (mkdocs's livereload tells an open page at the same
moment; the reload itself is not counted). The page is reread after the edit, so a stale
page is never counted as done.

    .venv/bin/python bench/edit.py [--runs 15]

Prints min / median / max and writes ``bench/edit.json``. Timings depend on the machine
and its load (printed with them).
"""

from __future__ import annotations

import argparse
import json
import os
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

import run  # noqa: E402  (bench/run.py: mkdocs.yml for another data file, the machine)

OUT = ROOT / "bench" / "edit.json"
OLD = 'keywords: ["四带一自",'
PAGE = "projects/sidai-yizi/"
TARGET = 1.0  # seconds, median


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="minsheng-edit-"))
    try:
        data = work / "data" / "projects.yaml"
        data.parent.mkdir()
        shutil.copy2(ROOT / "data" / "projects.yaml", data)
        shutil.copy2(ROOT / "data" / "urls.lock", data.parent / "urls.lock")
        config = run.config(work / "mkdocs.yml", "太和县民生工程公开", ROOT / "docs", data)
        # committed, as in the real checkout: the build reads the data's version from git
        who = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
        for git in (["init", "-q"], ["add", "data"], [*who, "commit", "-qm", "bench"]):
            subprocess.run(["git", *git], cwd=work, check=True, capture_output=True)
        port = free_port()
        url = f"http://127.0.0.1:{port}/{PAGE}"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(work))
        log = (work / "serve.log").open("wb")
        proc = subprocess.Popen(
            [str(run.MKDOCS), "serve", "--strict", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while "四带一自" not in fetch(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"bench: mkdocs serve did not start:\n{(work / 'serve.log').read_text()}")
                time.sleep(0.2)
            time.sleep(2)  # the first build's after-effects (the watcher starting) settle
            seconds = []
            load = [os.getloadavg()[0]]
            text = data.read_text(encoding="utf-8")
            for i in range(args.runs):
                word = f"基准测试词{i}"
                data.write_text(text.replace(OLD, f'keywords: ["{word}", "四带一自",'), encoding="utf-8")
                t0 = time.perf_counter()
                while word not in fetch(url):
                    if time.perf_counter() - t0 > 60:
                        sys.exit(f"bench: the edit did not show in 60 s:\n{(work / 'serve.log').read_text()}")
                    time.sleep(0.02)
                seconds.append(time.perf_counter() - t0)
                print(f"  {i + 1}/{args.runs}: {seconds[-1]:.2f} s", flush=True)
                time.sleep(1.5)  # let the rebuild's finish step end before the next edit
            load.append(os.getloadavg()[0])
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    median = statistics.median(seconds)
    lines = [
        *run.machine(),
        f"运行期间 1 分钟平均负载 {min(load):.1f}–{max(load):.1f}；{args.runs} 次修改",
        f"make serve 从保存数据到页面显示修改：最小 {min(seconds):.2f} / 中位 {median:.2f} / 最大 {max(seconds):.2f} s"
        f"（目标中位 ≤ {TARGET:.1f} s：{'达到' if median <= TARGET else '未达到'}）",
    ]
    print("\n".join(lines))
    OUT.write_text(json.dumps({"seconds": seconds, "loadavg": load, "about": lines}, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
