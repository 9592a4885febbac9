"""``make lighthouse``: Lighthouse's mobile preset on the home page and a project page.

Lighthouse (npm ``lighthouse``, pinned in package-lock.json) drives Debian's Chromium
(``CHROME_PATH``, headless, --no-sandbox) with its default mobile settings: a phone-sized
screen, 4× CPU slowdown and a simulated slow 4G link. The site is built and served by
``bench/serve.py`` with gzip and cache headers, as a production server sends it; give
``--url`` to measure a real server instead (e.g. the nginx configuration) and skip the build.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--url https://example.org/sub/]

Each page is measured ``--runs`` times; the table gives the median and the range of each
score, and LCP. Reports (JSON) go to test-results/lighthouse/; the audits that keep a
category below 100 are listed. Not part of ``make test``: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from serve import Server  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
MKDOCS = Path(sys.executable).parent / "mkdocs"
OUT = ROOT / "test-results" / "lighthouse"
PAGES = {"首页": "", "项目页": "projects/kunnan-jiuzhu/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LCP_TARGET = 2.5  # seconds


def build(dest: Path, url: str) -> None:
    env = dict(os.environ, SITE_URL=url, NO_MKDOCS_2_WARNING="1")
    cmd = [str(MKDOCS), "build", "--strict", "--quiet", "-d", str(dest)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"lighthouse: mkdocs build failed:\n{done.stderr}{done.stdout}")


def lighthouse(url: str, report: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--form-factor=mobile",  # the default preset, said explicitly
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--quiet",
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0 or not report.is_file():
        sys.exit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def failing(result: dict) -> list[str]:
    """Audits below full marks in the categories that must reach 100."""
    out = []
    for cat in ["accessibility", "best-practices", "seo"]:
        for ref in result["categories"][cat]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                out.append(f"{cat}: {ref['id']} ({audit['title']})")
    return out


def spread(values: list[float], fmt: str = "{:.0f}") -> str:
    median = fmt.format(statistics.median(values))
    low, high = fmt.format(min(values)), fmt.format(max(values))
    return median if low == high else f"{median}（{low}–{high}）"


def measure(base: str, runs: int) -> str:
    OUT.mkdir(parents=True, exist_ok=True)
    lines = [
        "| 页面 | 性能 | 无障碍 | 最佳做法 | SEO | LCP | FCP | TBT | CLS |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    problems: list[str] = []
    missed: list[str] = []
    for name, path in PAGES.items():
        results = []
        for n in range(runs):
            report = OUT / f"{path.strip('/').replace('/', '-') or 'home'}-{n + 1}.json"
            results.append(lighthouse(base + path, report))
        scores = {c: [r["categories"][c]["score"] * 100 for r in results] for c in CATEGORIES}
        metric = {
            k: [r["audits"][k]["numericValue"] for r in results]
            for k in [
                "largest-contentful-paint",
                "first-contentful-paint",
                "total-blocking-time",
                "cumulative-layout-shift",
            ]
        }
        lcp = [v / 1000 for v in metric["largest-contentful-paint"]]
        fcp = [v / 1000 for v in metric["first-contentful-paint"]]
        lines.append(
            f"| {name} `/{path}` | {spread(scores['performance'])} | {spread(scores['accessibility'])} "
            f"| {spread(scores['best-practices'])} | {spread(scores['seo'])} "
            f"| {spread(lcp, '{:.2f}')} s | {spread(fcp, '{:.2f}')} s "
            f"| {spread(metric['total-blocking-time'])} ms "
            f"| {spread(metric['cumulative-layout-shift'], '{:.3f}')} |"
        )
        for cat, target in TARGETS.items():
            if min(scores[cat]) < target:
                missed.append(f"{name} {cat} {min(scores[cat]):.0f} < {target}")
        if max(lcp) >= LCP_TARGET:
            missed.append(f"{name} LCP {max(lcp):.2f} s ≥ {LCP_TARGET} s")
        problems += [f"{name}: {p}" for r in results for p in failing(r)]
    lines.append("")
    lines.append(f"每页 {runs} 次，中位数（最低–最高）。报告：test-results/lighthouse/*.json。")
    lines.append("未达目标：" + ("；".join(missed) if missed else "无"))
    if problems:
        lines.append("未满分的审核：" + "；".join(sorted(set(problems))))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="measure this server (site root, ending with /)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit(
            "找不到 Lighthouse（node_modules/.bin/lighthouse）：请先运行 npm ci（make 会运行）"
        )
    print(f"1 分钟平均负载（开始）：{os.getloadavg()[0]:.1f}")
    if args.url:
        text = measure(args.url, args.runs)
    else:
        with tempfile.TemporaryDirectory(prefix="minsheng-lighthouse-") as tmp:
            server = Server(Path(tmp))  # bound first: the site is built for its address
            build(Path(tmp), server.url)
            with server as url:
                text = measure(url, args.runs)
    print(text)
    print(f"1 分钟平均负载（结束）：{os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
