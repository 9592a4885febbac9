"""``make bench``: build time, peak memory and size of the site for 33, 330 and 3,300 projects.

Not a test and not run by ``make test``: it takes minutes and its numbers depend on the
machine and on whatever else runs on it (the load average is printed with the results).

For each data set the script builds the site twice, alternately, N times each:

* **generator**: ``mkdocs build`` with the minsheng plugin, exactly as ``make site`` does
  (data loaded and checked, pages rendered, address lock checked after the build);
* **baseline**: the same pages pre-rendered by the generator (the files its ``on_files``
  hook adds, written into a folder beside the hand-written ``docs/``) built by plain
  MkDocs with the same theme, search and Markdown settings, without the plugin.

Data sets: the real notice (33 projects) and two synthetic ones made from it here, in a
temporary folder: the 33 projects repeated 10 and 100 times, as if every county's notice
were merged into one file (new ids and sequence numbers, names marked 合成, counts
adjusted); each passes the same ``load()`` that ``python -m generator check`` runs, and gets
its own address lock, as the real data has. Synthetic data never leaves the temp folder
unless ``--keep DIR`` is given.

Results: Markdown tables on stdout and in ``bench/results.md``; the raw numbers in
``bench/results.json``. ``--browser`` also loads a project page in Chromium and lists what
it fetches, to check what the first-load size counts.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.model import Notice  # noqa: E402
from generator.site import files as site_files  # noqa: E402
from generator.site import lock, planner, qr  # noqa: E402
from generator.site import render as site_render  # noqa: E402

BIN = Path(sys.executable).parent
MKDOCS = BIN / "mkdocs"
RESULTS = ROOT / "bench" / "results.md"
SITE_URL = "http://127.0.0.1:8000/"
# (name, copies of the real notice, builds of each kind). On the 2-core reference machine a
# pair of 3,300-project builds takes 3-5 minutes (more when other jobs share the cores), so
# that set is built once of each kind, keeping the whole run near 10 minutes; the smaller
# sets are cheap, and more runs steady their medians. Override with --runs.
SETS = [("real", 1, 5), ("x10", 10, 3), ("x100", 100, 1)]
TARGET_OVERHEAD = 0.10  # the generator adds under 10% to the baseline build time
TARGET_LINEAR = 1.2  # marginal cost per project, 330->3,300 vs 33->330
TARGET_FIRST_LOAD = 80_000  # bytes gzipped (80 KB, KB = 1000 bytes)


# --------------------------------------------------------------------------
# Data sets and configurations
# --------------------------------------------------------------------------


def synthetic(real: dict, copies: int) -> dict:
    """The real notice's projects repeated ``copies`` times, one copy per invented county."""
    data = copy.deepcopy(real)
    doc = data["document"]
    doc["title"] = f"【合成基准数据：{copies}个县的通知合并】{doc['title']}"
    doc["project_count"] = len(real["projects"]) * copies
    for category in data["categories"]:
        category["count"] *= copies
        if "paragraphs" in category:  # every county's copy of each explained project
            category["paragraphs"] = [
                f"x{county:03d}-{pid}" for county in range(1, copies + 1) for pid in category["paragraphs"]
            ]
    projects = []
    for county in range(1, copies + 1):
        for project in real["projects"]:
            p = copy.deepcopy(project)
            p["id"] = f"x{county:03d}-{project['id']}"
            p["seq"] = len(projects) + 1
            p["name"] = f"{project['name']}（合成第{county}县）"
            # a name taken from the body (not printed in the annex) must be in the body: the
            # marked synthetic name is not, so it counts as printed in the annex
            p.pop("name_in_annex", None)
            projects.append(p)
    data["projects"] = projects
    for situation in data.get("situations", []):  # every county's copy in the same groups
        situation["members"] = [
            f"x{county:03d}-{member}" for county in range(1, copies + 1) for member in situation["members"]
        ]
    for programme in data["retired"]["programmes"]:  # retired parts point at county 1's copy
        for part in programme["parts"]:
            if part.get("project"):
                part["project"] = f"x001-{part['project']}"
    return data


def dump(data: dict, path: Path, copies: int) -> None:
    header = (
        f"# 合成基准数据（bench/run.py 生成，不是真实数据）：data/projects.yaml 的 33 个项目重复 {copies} 次，\n"
        "# 编号、序号和名称已改，项目数和各类项目数已按比例调整。\n"
    )
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: seconds, not minutes
    text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10**6)
    path.write_text(header + text, encoding="utf-8")


def config(dest: Path, site_name: str, docs_dir: Path, source: Path | None) -> Path:
    """mkdocs.yml of the real site with other docs and data (or, source None, no plugin).

    Derived from the real file, so theme, search and Markdown settings are the same.
    """
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = f"  - minsheng:\n      source: {source}\n" if source else ""
    for pattern, repl in [
        (r"(?m)^site_name: .*\n", f"site_name: {site_name}\n"),
        (r"(?m)^docs_dir: .*\n", f"docs_dir: {docs_dir}\n"),
        (r"(?m)^  custom_dir: .*\n", f"  custom_dir: {ROOT / 'overrides'}\n"),
        (r"(?m)^  - minsheng:\n(?:      .*\n)+", plugin),
    ]:
        text, n = re.subn(pattern, lambda _m, r=repl: r, text)
        if n != 1:
            raise SystemExit(f"bench: mkdocs.yml has no unique match for {pattern!r}")
    dest.write_text(text, encoding="utf-8")
    return dest


class Stopwatch:
    """CPU seconds spent in named functions of the generator run in this process.

    Wraps module attributes for the duration of a ``with`` block; a name the code no
    longer has is skipped (its column shows "—"), so the benchmark never edits the code.
    """

    def __init__(self, targets: dict[str, tuple[object, str]]) -> None:
        self.targets = targets
        self.seconds: dict[str, float] = {}
        self.saved: list[tuple[object, str, object]] = []

    def __enter__(self) -> Stopwatch:
        for label, (owner, name) in self.targets.items():
            original = getattr(owner, name, None)
            if original is None:
                continue
            self.saved.append((owner, name, original))
            setattr(owner, name, self._wrap(label, original))
        return self

    def _wrap(self, label: str, original: object) -> object:
        if isinstance(original, type):  # the YAML composer: time get_single_node

            class Timed(original):  # type: ignore[misc, valid-type]
                def get_single_node(inner) -> object:
                    t0 = time.process_time()
                    try:
                        return super().get_single_node()
                    finally:
                        self.add(label, time.process_time() - t0)

            return Timed

        def timed(*args: object, **kwargs: object) -> object:
            t0 = time.process_time()
            try:
                return original(*args, **kwargs)  # type: ignore[operator]
            finally:
                self.add(label, time.process_time() - t0)

        return timed

    def add(self, label: str, seconds: float) -> None:
        self.seconds[label] = self.seconds.get(label, 0.0) + seconds

    def __exit__(self, *exc: object) -> None:
        for owner, name, original in reversed(self.saved):
            setattr(owner, name, original)


def prerender(plugin_config: Path, docs: Path, times: dict[str, float]) -> Notice:
    """Write what the plugin adds to a build (its on_files output) into ``docs``.

    Runs the plugin's own hooks on the real configuration, so the baseline gets
    exactly the generator's pages, feeds, open data, QR codes and redirect pages;
    times its parts on the way.
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    import generator.data.compose
    import generator.plugin

    environ = dict(os.environ)
    os.environ["SITE_URL"] = SITE_URL
    try:
        cfg = load_config(str(plugin_config))
        plugin = cfg.plugins["minsheng"]
        # composition: libyaml's fast path and the strict one if the loader has them,
        # else the pure-Python composer class
        compose = {
            "compose": (generator.data.compose, "_compose_fast"),
            "compose_strict": (generator.data.compose, "_compose_strict"),
        }
        watch = Stopwatch(
            {
                **compose,
                "load": (generator.plugin, "load"),
                "pages": (site_render, "render"),
                "feeds": (site_files, "feed"),
                "exports": (site_files, "to_csv"),
                "qr": (qr, "svg"),
            }
        )
        with watch:
            t0 = time.process_time()
            plugin.on_config(cfg)
            times["on_config"] = time.process_time() - t0
            cfg.plugins._current_plugin = "minsheng"  # as PluginCollection sets it for hooks
            t0 = time.process_time()
            files = plugin.on_files(Files([]), config=cfg)
            times["on_files"] = time.process_time() - t0
        times.update(watch.seconds)
        times["compose"] = times.get("compose", 0.0) + times.pop("compose_strict", 0.0)
        times["feeds"] = times.get("feeds", 0.0) + times.pop("exports", 0.0)
    finally:
        os.environ.clear()
        os.environ.update(environ)  # on_config sets SOURCE_DATE_EPOCH for its own build
    for f in files:
        out = docs / f.src_uri
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(f.content_bytes)
    return plugin.plan.notice


@dataclass
class DataSet:
    name: str
    copies: int
    runs: int
    projects: int = 0
    data: Path = Path()
    data_bytes: int = 0
    plugin_config: Path = Path()
    baseline_config: Path = Path()
    notice: Notice | None = None
    # CPU seconds of the generator's parts, run once in this process (see prerender)
    times: dict[str, float] = field(default_factory=dict)
    builds: dict[str, list[Build]] = field(default_factory=dict)
    loadavg: list[float] = field(default_factory=list)


def prepare(ds: DataSet, work: Path) -> None:
    here = work / ds.name
    here.mkdir(parents=True)
    if ds.copies == 1:
        ds.data = ROOT / "data" / "projects.yaml"  # with its own committed urls.lock
        site_name = "太和县民生工程公开"
    else:
        real = yaml.safe_load((ROOT / "data" / "projects.yaml").read_text(encoding="utf-8"))
        ds.data = here / "data" / "projects.yaml"
        ds.data.parent.mkdir()
        dump(synthetic(real, ds.copies), ds.data, ds.copies)
        site_name = f"基准测试：合成数据（{33 * ds.copies} 项）"
    text = ds.data.read_text(encoding="utf-8")
    ds.data_bytes = len(text.encode())
    t0 = time.process_time()
    yaml.compose(text, Loader=yaml.CSafeLoader)
    ds.times["libyaml"] = time.process_time() - t0
    ds.plugin_config = config(here / "mkdocs.yml", site_name, ROOT / "docs", ds.data)
    baseline_docs = here / "baseline-docs"
    shutil.copytree(ROOT / "docs", baseline_docs)
    # the plugin's on_config runs the loader, i.e. what `python -m generator check` runs:
    # invalid synthetic data stops the benchmark here
    ds.notice = prerender(ds.plugin_config, baseline_docs, ds.times)
    ds.projects = len(ds.notice.projects)
    if ds.copies != 1:  # an address lock, as the real data has, so the build checks it too
        published = planner.make(ds.notice).addresses(ROOT / "docs")
        lock.path_for(ds.data).write_text(lock.render(published), encoding="utf-8")
    ds.baseline_config = config(here / "baseline.yml", site_name, baseline_docs, None)


def time_lock_check(ds: DataSet, site: Path) -> None:
    """The plugin's on_post_build, run again in this process on the built site."""
    assert ds.notice is not None
    t0 = time.process_time()
    lost = lock.missing(
        lock.read(lock.path_for(ds.data)), lock.BuiltSite(site), planner.make(ds.notice).moves
    )
    ds.times["lock"] = time.process_time() - t0
    if lost:
        sys.exit(f"bench: {ds.name}: the address lock misses {len(lost)} addresses")


# --------------------------------------------------------------------------
# Builds
# --------------------------------------------------------------------------


@dataclass
class Build:
    wall: float  # seconds
    cpu: float  # user + system seconds of mkdocs and anything it waited for
    rss: int  # peak resident set size, bytes


def build(cfg: Path, site: Path, log: Path) -> Build:
    """One ``mkdocs build``, timed; its peak memory from the kernel's accounting."""
    shutil.rmtree(site, ignore_errors=True)
    env = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1")
    with log.open("wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [str(MKDOCS), "build", "--strict", "--quiet", "-f", str(cfg), "-d", str(site)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would be the max of all so far
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"bench: mkdocs build -f {cfg} failed:\n{log.read_text(errors='replace')}")
    return Build(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)  # KiB on Linux


def run_builds(ds: DataSet, work: Path) -> None:
    ds.builds = {"generator": [], "baseline": []}
    ds.loadavg.append(os.getloadavg()[0])
    for i in range(ds.runs):
        # alternate the order so that a busy spell of the machine hits both kinds alike
        kinds = ["generator", "baseline"] if i % 2 == 0 else ["baseline", "generator"]
        for kind in kinds:
            cfg = ds.plugin_config if kind == "generator" else ds.baseline_config
            b = build(cfg, work / ds.name / f"site-{kind}", work / ds.name / f"{kind}.log")
            ds.builds[kind].append(b)
            print(
                f"  {ds.name:4} {kind:9} {i + 1}/{ds.runs}: {b.wall:6.1f} s wall, "
                f"{b.cpu:6.1f} s CPU, {b.rss / 2**20:4.0f} MiB",
                flush=True,
            )
    ds.loadavg.append(os.getloadavg()[0])


def wall(ds: DataSet, kind: str) -> float:
    return statistics.median(b.wall for b in ds.builds[kind])


def cpu(ds: DataSet, kind: str) -> float:
    return statistics.median(b.cpu for b in ds.builds[kind])


def rss(ds: DataSet, kind: str) -> int:
    return max(b.rss for b in ds.builds[kind])


# --------------------------------------------------------------------------
# Sizes
# --------------------------------------------------------------------------


def tree(path: Path) -> dict[str, int]:
    return {
        f.relative_to(path).as_posix(): f.stat().st_size for f in path.rglob("*") if f.is_file()
    }


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _Refs(HTMLParser):
    """What a page's HTML makes a browser fetch: styles, scripts, the icon, images."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and ("stylesheet" in rel or "icon" in rel) and a.get("href"):
            self.refs.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.refs.append(a["src"])


# Fetched on a first load although the HTML does not name them. With material's search this
# was its worker, lunr and the whole index, and instant navigation's sitemap; Pagefind loads
# nothing until the first search (bench/resident.py measures that) and instant navigation is
# off, so nothing. Seen in Chromium (run with --browser).
EAGER: list[str] = []


@dataclass
class FirstLoad:
    page: str  # project id
    html: int  # gzipped bytes of the page
    refs: int  # gzipped bytes of the styles, scripts, icon and images its HTML names
    index: int  # gzipped search index fetched on page open (none with Pagefind)
    other_eager: int  # other files fetched on page open that the HTML does not name
    files: list[str] = field(default_factory=list)

    @property
    def page_only(self) -> int:
        return self.html + self.refs

    @property
    def total(self) -> int:
        return self.page_only + self.index + self.other_eager


def eager_files(site: Path) -> list[str]:
    names = [f.relative_to(site).as_posix() for f in site.rglob("*") if f.is_file()]
    return [n for pattern in EAGER for n in names if re.fullmatch(pattern, n)]


def first_load(site: Path, page: Path, eager: list[str], cache: dict[str, int]) -> FirstLoad:
    def size(rel: str) -> int:
        if rel not in cache:
            cache[rel] = gz((site / rel).read_bytes())
        return cache[rel]

    html = page.read_bytes()
    parser = _Refs()
    parser.feed(html.decode("utf-8"))
    base = "http://site/" + page.relative_to(site).as_posix()
    refs = []
    for ref in dict.fromkeys(parser.refs):
        url = urlsplit(urljoin(base, ref))
        if url.netloc != "site":
            sys.exit(f"bench: {page} loads an outside address: {ref}")
        refs.append(unquote(url.path).lstrip("/"))
    return FirstLoad(
        page=page.parent.name,
        html=gz(html),
        refs=sum(size(r) for r in refs),
        index=0,
        other_eager=sum(size(n) for n in eager),
        files=[page.relative_to(site).as_posix(), *refs, *eager],
    )


@dataclass
class Sizes:
    site: int  # bytes of site/
    baseline_site: int
    index: int  # bytes of the search index (site/pagefind/) on disk
    same_files: bool  # the baseline site has the same files as the generator's
    heaviest: FirstLoad  # the project page with the largest first load
    median_page_only: float


def sizes(ds: DataSet, work: Path) -> Sizes:
    assert ds.notice is not None
    site = work / ds.name / "site-generator"
    files, base = tree(site), tree(work / ds.name / "site-baseline")
    cache: dict[str, int] = {}
    eager = eager_files(site)
    loads = [
        first_load(site, site / "projects" / p.id / "index.html", eager, cache)
        for p in ds.notice.projects
    ]
    return Sizes(
        site=sum(files.values()),
        baseline_site=sum(base.values()),
        index=sum(n for name, n in files.items() if name.startswith("pagefind/")),
        same_files=files.keys() == base.keys(),
        heaviest=max(loads, key=lambda f: f.page_only),
        median_page_only=statistics.median(f.page_only for f in loads),
    )


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def machine() -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"(?m)^model name\s*:\s*(.*)$", cpuinfo)
    mem = re.search(r"(?m)^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text())
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    from importlib.metadata import version

    ram = f"内存 {int(mem.group(1)) / 2**20:.1f} GiB" if mem else "内存未知"
    return [
        f"机器：{os.cpu_count()} 核（nproc），{model.group(1) if model else '未知 CPU'}，{ram}",
        f"软件：Python {platform.python_version()}，MkDocs {version('mkdocs')}，"
        f"mkdocs-material {version('mkdocs-material')}，PyYAML {version('PyYAML')}",
        f"日期：{dt.date.today().isoformat()}；提交：{commit or '未知'}"
        + ("（工作区有未提交的修改）" if dirty else ""),
    ]


def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def pct(x: float) -> str:
    return f"{x * 100:+.0f}%"


def secs(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}" if x < 10 else f"{x:.1f}"


PARTS = ("load", "pages", "feeds", "qr", "lock")


def own(ds: DataSet) -> float:
    """CPU seconds of the generator's own parts, timed in this process."""
    return sum(ds.times.get(k, 0.0) for k in PARTS)


def marginal(values: list[float], counts: list[int]) -> tuple[float, float, float]:
    """Cost per added project 33->330 and 330->3,300, and their ratio."""
    a = (values[1] - values[0]) / (counts[1] - counts[0])
    b = (values[2] - values[1]) / (counts[2] - counts[1])
    return a, b, (b / a if a > 0 else float("inf"))


def report(sets: list[DataSet], sz: dict[str, Sizes], loadavg: tuple[float, float]) -> str:
    out = ["# 性能基准结果（bench/run.py）", ""]
    out += [f"- {line}" for line in machine()]
    runs = "、".join(f"{ds.projects} 项 {ds.runs} 次" for ds in sets)
    load_seen = [x for ds in sets for x in ds.loadavg]
    out += [
        f"- 每种构建的次数（取中位数）：{runs}；两种构建交替进行。",
        f"- 运行期间的 1 分钟平均负载：{min(load_seen):.1f}–{max(load_seen):.1f}"
        f"（开始 {loadavg[0]:.1f}，结束 {loadavg[1]:.1f}）；负载高于核数时墙钟时间偏大，"
        "CPU 时间（用户+系统）受干扰较小。",
        "",
        "## 构建时间与内存",
        "",
        "| 数据 | 项目数 | 数据文件 | 本生成器构建 | 基线构建（同页面、无插件） | 生成器增加 | CPU 时间（生成器/基线） | CPU 增加 | 峰值内存（生成器/基线） |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    names = {"real": "真实数据", "x10": "合成 ×10", "x100": "合成 ×100"}
    for ds in sets:
        g, b = wall(ds, "generator"), wall(ds, "baseline")
        gc, bc = cpu(ds, "generator"), cpu(ds, "baseline")
        out.append(
            f"| {names.get(ds.name, ds.name)} | {ds.projects:,} | {mb(ds.data_bytes)} | {g:.1f} s | {b:.1f} s "
            f"| {pct(g / b - 1)} | {gc:.1f} s / {bc:.1f} s | {pct(gc / bc - 1)} "
            f"| {rss(ds, 'generator') / 2**20:.0f} / {rss(ds, 'baseline') / 2**20:.0f} MiB |"
        )
    out.append("")
    for ds in sets:
        runs_g = " ".join(f"{b.wall:.1f}" for b in ds.builds["generator"])
        runs_b = " ".join(f"{b.wall:.1f}" for b in ds.builds["baseline"])
        spread = max(
            (max(b.wall for b in v) - min(b.wall for b in v)) / statistics.median(b.wall for b in v)
            for v in ds.builds.values()
        )
        note = f"（同一构建最快与最慢相差中位数的 {spread * 100:.0f}%）" if ds.runs > 1 else ""
        out.append(f"- {ds.projects:,} 项各次墙钟时间（秒）：生成器 {runs_g}；基线 {runs_b}{note}")
    out += [
        "",
        "## 生成器各部分耗时（在本进程中各运行一次，CPU 秒）",
        "",
        "| 项目数 | 读数据 load() | 其中组装 YAML 节点树 | 组装占生成器构建 CPU | 同一文件用 libyaml 组装（对照） | 页面模板 | 订阅与开放数据 | 二维码与转址页 | 网址锁检查 | 合计 | 构建 CPU 之差（生成器−基线） |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for ds in sets:
        t = ds.times
        total = own(ds)
        share = f"{t['compose'] / cpu(ds, 'generator') * 100:.0f}%" if "compose" in t else "—"
        out.append(
            f"| {ds.projects:,} | {secs(t.get('load'))} | {secs(t.get('compose'))} | {share} "
            f"| {secs(t.get('libyaml'))} | {secs(t.get('pages'))} | {secs(t.get('feeds'))} "
            f"| {secs(t.get('qr'))} | {secs(t.get('lock'))} | {secs(total)} "
            f"| {secs(cpu(ds, 'generator') - cpu(ds, 'baseline'))} |"
        )
    out += [
        "",
        "## 网站体积与项目页首次加载（gzip -6）",
        "",
        "| 项目数 | 网站 site/ | 每项目 | 搜索索引 | 每项目 | 项目页首次加载：页面本身（中位 / 最大） | 加上搜索索引等（最大页） |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for ds in sets:
        s = sz[ds.name]
        out.append(
            f"| {ds.projects:,} | {mb(s.site)} | {mb(s.site / ds.projects)} | {mb(s.index)} "
            f"| {mb(s.index / ds.projects)} | {mb(s.median_page_only)} / {mb(s.heaviest.page_only)} "
            f"| {mb(s.heaviest.total)}（索引 {mb(s.heaviest.index)}） |"
        )
    real = sz[sets[0].name].heaviest
    out += [
        "",
        "“页面本身”= 项目页 HTML 加上 HTML 中引用的全部 CSS、JS、图标和图片（二维码），"
        "各自按 gzip 第 6 级压缩后相加；不含字体（`font: false`，无外部请求）。"
        "“加上搜索索引等”再加页面打开时下载、HTML 中没有写的文件：换用 Pagefind 并关闭即时导航后没有"
        "（搜索在第一次使用时才加载，见 `bench/resident.md`）。真实数据最大的项目页是 "
        f"`{real.page}`，计入的文件：{'、'.join(f'`{f}`' for f in real.files)}。",
        "",
        "## 线性增长：每增加一个项目的代价",
        "",
        "| 量 | 33→330 每项目 | 330→3,300 每项目 | 比值（目标 ≤ 1.2） |",
        "| --- | ---: | ---: | ---: |",
    ]
    counts = [ds.projects for ds in sets]
    rows = [
        ("生成器构建墙钟时间", [wall(ds, "generator") for ds in sets], "s"),
        ("生成器构建 CPU 时间", [cpu(ds, "generator") for ds in sets], "s"),
        ("基线构建墙钟时间", [wall(ds, "baseline") for ds in sets], "s"),
        ("基线构建 CPU 时间", [cpu(ds, "baseline") for ds in sets], "s"),
        ("生成器自身各部分合计（进程内 CPU）", [own(ds) for ds in sets], "s"),
        ("网站体积", [sz[ds.name].site for ds in sets], "B"),
        ("搜索索引", [sz[ds.name].index for ds in sets], "B"),
        ("生成器峰值内存", [rss(ds, "generator") for ds in sets], "B"),
    ]
    lin = {}
    for label, values, unit in rows:
        a, b, r = marginal(values, counts)
        lin[label] = r
        fmt = (lambda x: f"{x * 1000:.0f} ms") if unit == "s" else mb
        out.append(f"| {label} | {fmt(a)} | {fmt(b)} | {r:.2f} |")
    big = sets[-1]
    overhead = wall(big, "generator") / wall(big, "baseline") - 1
    worst_over = max(wall(ds, "generator") / wall(ds, "baseline") - 1 for ds in sets)
    time_lin = lin["生成器构建墙钟时间"]
    own_lin = lin["生成器自身各部分合计（进程内 CPU）"]
    size_lin = max(lin["网站体积"], lin["搜索索引"])
    page = max(sz[ds.name].heaviest.page_only for ds in sets)
    total = max(sz[ds.name].heaviest.total for ds in sets)

    def verdict(ok: bool) -> str:
        return "**达到**" if ok else "**未达到**"

    out += [
        "",
        "## 目标",
        "",
        f"- 生成器使构建时间增加不到 10%：{verdict(worst_over < TARGET_OVERHEAD)}"
        f"（最多增加 {worst_over * 100:.0f}%，{big.projects:,} 项时 {overhead * 100:.0f}%）。",
        f"- 时间和体积线性增长（比值 ≤ {TARGET_LINEAR}）：时间 {verdict(time_lin <= TARGET_LINEAR)}"
        f"（构建墙钟 {time_lin:.2f}；生成器自身各部分 {own_lin:.2f}），"
        f"体积 {verdict(size_lin <= TARGET_LINEAR)}（{size_lin:.2f}）。"
        "构建时间的比值由三组带噪声的中位数相减得来，见上面各次时间的离散程度。",
        f"- 项目页首次加载 < 80 KB（gzip）：只算页面本身 {verdict(page < TARGET_FIRST_LOAD)}"
        f"（最大 {mb(page)}）；算上打开页面即下载的搜索索引等 {verdict(total < TARGET_FIRST_LOAD)}"
        f"（最大 {mb(total)}）。",
    ]
    if not all(sz[ds.name].same_files for ds in sets):
        out.append("- 注意：基线网站的文件与生成器网站不完全相同，比较可能不公平。")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Browser check of what a first load fetches (optional)
# --------------------------------------------------------------------------


def browser_check(site: Path, page: str, counted: list[str]) -> None:
    """Load a project page in Chromium and compare what it fetches with what is counted."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            context = browser.new_context()
            fetched: list[str] = []
            context.on("request", lambda r: fetched.append(r.url))
            tab = context.new_page()
            tab.goto(base + page, wait_until="networkidle")
            tab.wait_for_timeout(2000)
            browser.close()
    finally:
        httpd.shutdown()
    paths = {urlsplit(u).path.lstrip("/") or "index.html" for u in fetched if u.startswith(base)}
    paths = {p + "index.html" if p.endswith("/") else p for p in paths}
    existing = {p for p in paths if (site / p).is_file()}
    print(
        f"Chromium 打开 {page} 时下载了 {len(existing)} 个文件（另有不存在的 {len(paths - existing)} 个）："
    )
    for p in sorted(existing):
        print(f"  {'计入' if p in counted else '未计入'}  {p}")
    missing = set(counted) - existing
    if missing:
        print("计入但 Chromium 没有下载：" + "、".join(sorted(missing)))


# --------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", help="builds of each kind per data set run, e.g. 5,3,1")
    parser.add_argument(
        "--only", help="data sets to run, e.g. real,x10 (linearity needs all three)"
    )
    parser.add_argument("--keep", type=Path, help="keep data sets and sites in this folder")
    parser.add_argument(
        "--browser", action="store_true", help="check the first-load list in Chromium"
    )
    args = parser.parse_args()
    sets = [DataSet(name, copies, runs) for name, copies, runs in SETS]
    if args.only:
        sets = [ds for ds in sets if ds.name in args.only.split(",")]
    if args.runs:
        for ds, n in zip(sets, args.runs.split(","), strict=True):
            ds.runs = int(n)
    work = Path(tempfile.mkdtemp(prefix="minsheng-bench-")) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    start_load = os.getloadavg()[0]
    t0 = time.perf_counter()
    sz: dict[str, Sizes] = {}
    try:
        for ds in sets:
            print(f"{ds.name}: 准备数据与基线页面……", flush=True)
            prepare(ds, work)
            print(f"{ds.name}: {ds.projects} 个项目，构建 {ds.runs} 轮", flush=True)
            run_builds(ds, work)
            time_lock_check(ds, work / ds.name / "site-generator")
            sz[ds.name] = sizes(ds, work)
        if args.browser:
            first = sets[0]
            heaviest = sz[first.name].heaviest
            browser_check(
                work / first.name / "site-generator", f"projects/{heaviest.page}/", heaviest.files
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if len(sets) < 3:
        print("（只运行了部分数据集，不写结果文件）")
        for ds in sets:
            print(ds.name, ds.times, {k: [b.wall for b in v] for k, v in ds.builds.items()})
        return 0
    text = report(sets, sz, (start_load, os.getloadavg()[0]))
    text += f"\n整个基准用时 {(time.perf_counter() - t0) / 60:.1f} 分钟。\n"
    print()
    print(text)
    RESULTS.write_text(text, encoding="utf-8")
    raw = {
        ds.name: {
            "projects": ds.projects,
            "builds": {k: [dataclasses.asdict(b) for b in v] for k, v in ds.builds.items()},
            "cpu_seconds": ds.times,
            "sizes": dataclasses.asdict(sz[ds.name]),
            "loadavg": ds.loadavg,
        }
        for ds in sets
    }
    RESULTS.with_suffix(".json").write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    print(f"已写入 {RESULTS.relative_to(ROOT)} 和 {RESULTS.with_suffix('.json').name}（原始数据）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
