"""``python -m generator draft``: seconds to draft the 2020 notice from each format.

The .docx and .pdf are made from ``data/source/taizheng-2020-10.txt`` as the tests make them
(``tests/draftfiles.py``); each is drafted ``--runs`` times in a fresh interpreter, as a clerk
runs it. Wall time and CPU time (user + system, ``os.wait4``) are printed with the load
average, since on a busy machine the wall time is mostly waiting for a core.

    .venv/bin/python bench/draft.py [--runs 3]

Writes ``bench/draft.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from draftfiles import make_docx, make_pdf  # noqa: E402

SOURCE = ROOT / "data" / "source" / "taizheng-2020-10.txt"


def once(notice: Path, out: Path) -> tuple[float, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "draft", str(notice), "--output", str(out)],
                            cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"drafting {notice.name} failed")
    out.unlink()
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = SOURCE.read_text(encoding="utf-8")
        notices = {".txt": SOURCE, ".docx": folder / "notice.docx", ".pdf": folder / "notice.pdf"}
        make_docx(text, notices[".docx"])
        make_pdf(text, notices[".pdf"])
        for kind, notice in notices.items():
            times = [once(notice, folder / "draft.yaml") for _ in range(runs)]
            walls, cpus = [w for w, _ in times], [c for _, c in times]
            results[kind] = {"wall_min": min(walls), "wall_median": statistics.median(walls),
                             "wall_max": max(walls), "cpu_median": statistics.median(cpus)}
            print(f"{kind:6} wall {min(walls):.2f}–{max(walls):.2f} s (median {statistics.median(walls):.2f}), "
                  f"CPU {statistics.median(cpus):.2f} s")
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores, {runs} runs each")
    record = {"runs": runs, "load": load, "cores": os.cpu_count(), "results": results}
    (ROOT / "bench" / "draft.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
