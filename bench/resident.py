"""What a resident's phone downloads and waits for: first load, first search, results.

For the real notice (33 projects) and the synthetic ×100 data set that ``bench/run.py``
makes (3,300 projects), the site is built with the plugin (as ``make site`` does), served
with gzip and cache headers (``bench/serve.py``) and opened in Chromium at 360×740:

* **first load** of pages, with an empty cache: everything fetched until the network is idle
  for 0.5 s, each response counted at its gzip -6 size (``tests/transfer.py``);
* **first search**: the search button's dialog opened on a project page and a query typed,
  everything fetched from the keypress until the results are shown and the network is idle;
* **time to results**: from the last keystroke until the result list shows that query, both
  when typing at once after opening the dialog (Pagefind still loading: "cold") and when
  Pagefind has loaded while the dialog was open ("warm"); on this machine, and again under
  Chromium's 4× CPU throttling with a 400 kbit/s, 400 ms link (CDP).

    .venv/bin/python bench/resident.py                 # both sets (~10 min, most of it building 3,300)
    .venv/bin/python bench/resident.py --only real --keep /tmp/resident

Results: Markdown on stdout and in ``bench/resident.md``, raw numbers in ``bench/resident.json``.
Timings depend on the machine and its load (printed with them); repeat runs for the spread.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

import run  # noqa: E402  (bench/run.py: the machine)
import sites  # noqa: E402  (bench/sites.py: the synthetic data sets)
from serve import Server  # noqa: E402
from transfer import KB, watch  # noqa: E402

OUT = ROOT / "bench" / "resident.md"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
QUERIES = ["低保", "农村饮水", "351", "看病报销", "学生资助"]
BUDGET_LOAD, BUDGET_SEARCH = 80 * KB, 150 * KB
TARGET_FAST, TARGET_SLOW = 1.0, 3.0  # seconds from the last keystroke to the results
SLOW_LINK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8,
             "uploadThroughput": 400_000 / 8}  # fmt: skip
SETS = {"real": 1, "x100": 100}
PROJECT_PAGE = re.compile(r"^\d{4}/projects/[^/]+/$")  # a notice's project page, as the site lists it


@dataclass
class Result:
    name: str
    projects: int
    build_seconds: float = 0.0
    loads: dict[str, int] = field(default_factory=dict)  # page -> gzip bytes
    load_files: dict[str, list[str]] = field(default_factory=dict)
    searches: dict[str, int] = field(default_factory=dict)  # query -> gzip bytes
    search_files: dict[str, list[str]] = field(default_factory=dict)
    times: dict[str, list[float]] = field(default_factory=dict)  # kind -> seconds
    loadavg: list[float] = field(default_factory=list)


def prepare(name: str, copies: int, work: Path) -> Path:
    """mkdocs.yml for the data set (the real file, or bench/sites.py's synthetic copies)."""
    here = work / name
    here.mkdir(parents=True, exist_ok=True)
    if copies == 1:
        return sites.config(here / "mkdocs.yml", "基准：33 项", ROOT / "docs", [ROOT / "data" / "projects.yaml"])
    data = here / "data" / "projects.yaml"
    data.parent.mkdir(exist_ok=True)
    sites.synthetic_file(data, copies)
    config = sites.config(here / "mkdocs.yml", f"基准：{33 * copies} 项", ROOT / "docs", [data])
    sites.lock(config)
    return config


def build(config: Path, site: Path) -> float:
    shutil.rmtree(site, ignore_errors=True)
    env = dict(os.environ, SITE_URL=run.SITE_URL, NO_MKDOCS_2_WARNING="1")
    t0 = time.perf_counter()
    cmd = [str(run.MKDOCS), "build", "--strict", "--quiet", "-f", str(config), "-d", str(site)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"resident: build failed:\n{done.stderr}{done.stdout}")
    return time.perf_counter() - t0


def pages_to_load(site: Path) -> list[str]:
    """Every page but the project pages, and of those the ten heaviest and every 100th."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    pages = ["" if p == "." else p + "/" for p in pages]
    projects = [p for p in pages if PROJECT_PAGE.match(p)]
    html = {p: (site / p / "index.html").stat().st_size for p in projects}
    heaviest = sorted(projects, key=html.__getitem__, reverse=True)[:10]
    redirects = {p for p in pages if "http-equiv" in (site / p / "index.html").read_text()[:2000]}
    others = [p for p in pages if p not in projects and p not in redirects]
    return others + sorted(set(heaviest) | set(projects[::100]))


def opened(tab, url: str) -> None:
    """Load a page until its scripts have run (load: a long page, or a slow link, can be
    quiet for 0.5 s before that) and the network is idle."""
    tab.goto(url, wait_until="load", timeout=120_000)
    tab.wait_for_load_state("networkidle", timeout=120_000)
    tab.wait_for_timeout(500)


def first_loads(browser, url: str, pages: list[str], result: Result) -> None:
    for page in pages:
        context = browser.new_context(**PHONE)
        transfer = watch(context)
        tab = context.new_page()
        opened(tab, url + page)
        result.loads[page] = transfer.gzipped()
        result.load_files[page] = [f"{f.path} {f.gzipped}" for f in transfer.since_mark]
        context.close()


def search_once(tab, query: str, warm: bool) -> float:
    """Open the dialog, type ``query``; seconds from the last keystroke to its results."""
    tab.keyboard.press("/")
    tab.wait_for_selector("dialog.ms-search[open]", timeout=120_000)
    if warm:
        tab.wait_for_selector("dialog.ms-search[data-engine=ready]", timeout=120_000)
    tab.keyboard.type(query)
    tab.keyboard.press("End")  # keyboard.type of Chinese fires no keyup
    t0 = time.perf_counter()
    done = f"dialog.ms-search[data-state=done][data-query='{query}']"
    tab.wait_for_selector(done, timeout=120_000)
    return time.perf_counter() - t0


def searches(browser, url: str, page: str, result: Result, runs: int) -> None:
    for query in QUERIES:  # bytes of a first search, normal link
        context = browser.new_context(**PHONE)
        transfer = watch(context)
        tab = context.new_page()
        opened(tab, url + page)
        transfer.mark()
        result.times.setdefault("cold", []).append(search_once(tab, query, warm=False))
        tab.wait_for_load_state("networkidle")
        tab.wait_for_timeout(500)
        result.searches[query] = transfer.gzipped()
        result.search_files[query] = [f"{f.path} {f.gzipped}" for f in transfer.since_mark]
        context.close()
    for slow in (False, True):
        for _ in range(runs):
            for warm in (False, True):
                query = QUERIES[len(result.times.get(kind(slow, warm), [])) % len(QUERIES)]
                context = browser.new_context(**PHONE)
                tab = context.new_page()
                if slow:
                    cdp = context.new_cdp_session(tab)
                    cdp.send("Network.enable")
                    cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                opened(tab, url + page)
                seconds = search_once(tab, query, warm)
                result.times.setdefault(kind(slow, warm), []).append(seconds)
                context.close()


def kind(slow: bool, warm: bool) -> str:
    return ("slow" if slow else "fast") + ("-warm" if warm else "-cold")


def spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f} s"


def report(results: list[Result], runs: int) -> str:
    out = ["# 群众的流量与等待（bench/resident.py）", ""]
    out += [f"- {line}" for line in run.machine()]
    loads = [x for r in results for x in r.loadavg]
    out += [
        f"- 运行期间 1 分钟平均负载 {min(loads):.1f}–{max(loads):.1f}；Chromium 360×740，空缓存；"
        "网站由 bench/serve.py 以 gzip 和缓存头提供；字节数为每个响应 gzip -6 后之和。",
        "",
        "| 项目数 | 首次加载：最大页 | 超过 80 kB 的页 | 首次搜索：最多 | 结果出现（本机，冷 / 热） | 结果出现（4× CPU、400 kbit/s、400 ms，冷 / 热） |",
        "| ---: | ---: | --- | ---: | --- | --- |",
    ]
    for r in results:
        worst = max(r.loads, key=r.loads.__getitem__)
        over = [f"`/{p}` {r.loads[p] / KB:.0f} kB" for p in r.loads if r.loads[p] > BUDGET_LOAD]
        t = r.times
        out.append(
            f"| {r.projects:,} | {r.loads[worst] / KB:.1f} kB（`/{worst}`） "
            f"| {'、'.join(over) or '无'} | {max(r.searches.values()) / KB:.1f} kB "
            f"| {spread(t['fast-cold'])}；{spread(t['fast-warm'])} "
            f"| {spread(t['slow-cold'])}；{spread(t['slow-warm'])} |"
        )
    out += [
        "",
        f"时间为最小 / 中位 / 最大（每种 {runs} 次以上，查询轮换：{'、'.join(QUERIES)}）。"
        "“冷”：打开搜索框立即输入，Pagefind 尚在加载；“热”：Pagefind 已在搜索框打开时载入。",
        "",
    ]
    for r in results:
        out.append(f"## {r.projects:,} 项：每页首次加载（gzip -6）")
        out.append("")
        for page, size in sorted(r.loads.items(), key=lambda kv: -kv[1]):
            out.append(f"- `/{page}` {size / KB:.1f} kB")
        out.append("")
        out.append("首次搜索（项目页上打开搜索框并输入，gzip -6）：")
        for query, size in r.searches.items():
            files = "、".join(f"`{f}`" for f in r.search_files[query])
            out.append(f"- {query}：{size / KB:.1f} kB（{files}）")
        out.append("")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="real,x100", help="data sets: real, x100")
    parser.add_argument("--keep", type=Path, help="keep the data sets and sites here")
    parser.add_argument("--reuse", action="store_true", help="reuse sites built in --keep")
    parser.add_argument("--runs", type=int, default=3, help="timed searches of each kind")
    parser.add_argument("--report", action="store_true", help="rewrite the report from the JSON")
    args = parser.parse_args()
    if args.report:
        raw = json.loads(OUT.with_suffix(".json").read_text(encoding="utf-8"))
        results = [Result(**r) for r in raw]
        OUT.write_text(report(results, min(len(r.times["fast-cold"]) for r in results)), "utf-8")
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="minsheng-resident-"))
    from playwright.sync_api import sync_playwright

    results = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name in args.only.split(","):
                copies = SETS[name]
                site = work / name / "site"
                result = Result(name, 33 * copies, loadavg=[os.getloadavg()[0]])
                if not (args.reuse and (site / "pagefind").is_dir()):
                    print(f"{name}: 构建 {33 * copies} 项……", flush=True)
                    result.build_seconds = build(prepare(name, copies, work), site)
                with Server(site) as url:
                    print(f"{name}: 首次加载……", flush=True)
                    first_loads(browser, url, pages_to_load(site), result)
                    print(f"{name}: 搜索……", flush=True)
                    project = next(p for p in sorted(result.loads) if PROJECT_PAGE.match(p))
                    searches(browser, url, project, result, args.runs)
                result.loadavg.append(os.getloadavg()[0])
                results.append(result)
            browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = report(results, args.runs)
    print(text)
    if len(results) == len(SETS):
        OUT.write_text(text, encoding="utf-8")
        raw = json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1)
        OUT.with_suffix(".json").write_text(raw + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
