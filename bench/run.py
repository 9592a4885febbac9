"""``make bench``: build time, peak memory and size of the site for 33, 330 and 3,300 projects.

Not a test and not run by ``make test``: it takes minutes and its numbers depend on the
machine and on whatever else runs on it (the load average is printed with the results).

For each data set, N rounds; each round runs, one after the other (order reversed on
odd rounds so that a busy spell of the machine hits every kind alike):

* **generator**: ``mkdocs build --strict`` with the minsheng plugin, exactly as ``make site``
  does (data loaded and checked, pages rendered, finished: minified and indexed by Pagefind,
  address lock checked), the build cache (``.cache/minsheng/``) already filled, as for every
  build after the first;
* **generator bare**: the same without the finish step (``bench/bare.py``);
* **baseline**: the same pages and files written by ``python -m generator render`` with a
  mkdocs.yml without the plugin, built by stock ``mkdocs build``, then finished by the same
  step, ``python -m generator finish``; the two steps timed apart ("baseline build" is the
  fair match for "generator bare"). The render step itself is timed apart too and reported
  beside it ("baseline with render": issue 18's "fair baseline (render + stock MkDocs + the
  same finish)" read with the render's time in it); the headline ratio leaves it out.

Each command is started by ``bench/rusage.py``, which reports its CPU time (user + system,
every child it waited for included), wall time and peak memory. The generator's parts are
also timed in this process (``time_parts``), once with an empty build cache.

Data sets (``bench/sites.py``): the real notice (33 projects); two synthetic ones made from
it, in a temporary folder: the 33 projects repeated 10 and 100 times, as if every county's
notice were merged into one file (new ids and sequence numbers, names marked 合成, counts
adjusted); and a site of several notices, 7 fictional ones (years 2031–2037) of 45 projects
each, every one saying 虚构 in its own text, committed to a new git repository as the real
data is. Each passes the same ``load()`` that ``python -m generator check`` runs, and gets
its own address lock, as the real data has. Generated data never leaves the temp folder
unless ``--keep DIR`` is given.

For the real notice and the fictional notices, each round also runs **generator cold**: the
same build with the build cache emptied first, as a fresh clone, CI or a Pages deploy starts
(``bench/phases.py`` shows where its time goes).

Results: Markdown tables on stdout and in ``bench/results.md``; the raw numbers in
``bench/results.json``. What a resident downloads (first load, first search) is measured in
Chromium by ``bench/resident.py``; the report quotes its latest results.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gc
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sites  # noqa: E402  (bench/sites.py: the data sets)

from generator import cache  # noqa: E402
from generator.site import files as site_files  # noqa: E402
from generator.site import gbt7714, lock, qr, share  # noqa: E402
from generator.site import render as site_render  # noqa: E402
from generator.site.plan import Site  # noqa: E402

BIN = Path(sys.executable).parent
MKDOCS = BIN / "mkdocs"
RESULTS = ROOT / "bench" / "results.md"
SITE_URL = "http://127.0.0.1:8000/"
EDITS = [("edit.json", "真实数据（33 项）"), ("edit-n7x45.json", "虚构的 7 份通知（各 45 项），改最新一份")]
COPIES = ("real", "x10", "x100")  # the three sizes of one notice, for the linearity table
TARGET_OVERHEAD = 0.10  # the generator adds under 10% to the baseline build time
TARGET_COLD = 1.5  # a build with an empty cache takes at most 1.5 times a warm one's CPU
TARGET_LINEAR = 1.2  # marginal cost per project, 330->3,300 vs 33->330
TARGET_FIRST_LOAD = 80_000  # bytes gzipped (80 KB, KB = 1000 bytes)


# --------------------------------------------------------------------------
# The generator's parts, timed in this process
# --------------------------------------------------------------------------


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


def time_parts(plugin_config: Path, times: dict[str, float]) -> Site:
    """The plugin's own hooks run in this process on the real configuration, its parts
    timed on the way (CPU seconds); every page and file is made, as in a build."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    import generator.data.load
    import generator.plugin
    import generator.sheets

    environ = dict(os.environ)
    os.environ["SITE_URL"] = SITE_URL
    try:
        cfg = load_config(str(plugin_config))
        plugin = cfg.plugins["minsheng"]
        watch = Stopwatch(
            {
                "compose": (generator.data.load, "compose"),  # YAML -> nodes (libyaml or strict)
                "load": (generator.plugin, "load_all"),
                "pages": (site_render, "render"),
                "feeds": (site_files, "feed"),
                "exports": (site_files, "to_csv"),
                "qr": (qr, "svg"),
                "share": (share, "png"),
                "cite": (gbt7714, "text"),
                "workbooks": (generator.sheets, "_workbook"),
            }
        )
        with watch:
            t0 = time.process_time()
            plugin.on_config(cfg)
            times["on_config"] = time.process_time() - t0
            cfg.plugins._current_plugin = "minsheng"  # as PluginCollection sets it for hooks
            t0 = time.process_time()
            plugin.on_files(Files([]), config=cfg)
            times["on_files"] = time.process_time() - t0
        times.update(watch.seconds)
        times["feeds"] = times.get("feeds", 0.0) + times.pop("exports", 0.0)
    finally:
        os.environ.clear()
        os.environ.update(environ)  # on_config sets SOURCE_DATE_EPOCH for its own build
        plugin.reading.release()  # as on_post_build does, which is not run here
        gc.unfreeze()
    return plugin.site


@dataclass
class DataSet:
    name: str
    copies: int  # of the real notice's projects in one notice; 0: fictional notices
    runs: int
    notices: int = 0  # fictional notices (copies 0) …
    each: int = 0  # … of this many projects each
    cold: bool = False  # also built with an empty build cache ("generator cold")
    projects: int = 0
    data: list[Path] = field(default_factory=list)
    data_bytes: int = 0
    plugin_config: Path = Path()
    baseline_config: Path = Path()
    site: Site | None = None
    # CPU seconds of the generator's parts, run in this process (see time_parts); the
    # slow files also with an empty cache ("qr_cold", "workbooks_cold", …)
    times: dict[str, float] = field(default_factory=dict)
    builds: dict[str, list[Build]] = field(default_factory=dict)
    loadavg: list[float] = field(default_factory=list)


def data_sets() -> list[DataSet]:
    """What ``make bench`` runs, in order. On the 2-core reference machine a round of
    3,300-project builds takes about 2 minutes, its preparation (the parts timed with an
    empty cache, the rendered baseline) about 2 more: three rounds give a min / median / max.
    Override the rounds with --runs."""
    return [
        DataSet("real", 1, 5, cold=True),
        DataSet("x10", 10, 3),
        DataSet("x100", 100, 3),
        DataSet("n7x45", 0, 3, notices=7, each=45, cold=True),
    ]


COLD_PARTS = ("qr", "share", "cite", "workbooks")  # the files the build cache keeps


def prepare(ds: DataSet, work: Path) -> None:
    here = work / ds.name
    here.mkdir(parents=True)
    if ds.copies == 1:
        ds.data = [ROOT / "data" / "projects.yaml"]  # with its own committed urls.lock
        site_name = "太和县民生工程公开"
    elif ds.copies:
        ds.data = [here / "data" / "projects.yaml"]
        ds.data[0].parent.mkdir()
        sites.synthetic_file(ds.data[0], ds.copies)
        site_name = f"基准测试：合成数据（{33 * ds.copies} 项）"
    else:
        ds.data = sites.fictional_site(here / "data", ds.notices, ds.each)
        site_name = f"基准测试：虚构的 {ds.notices} 份通知（各 {ds.each} 项）"
    ds.data_bytes = sum(len(path.read_bytes()) for path in ds.data)
    t0 = time.process_time()
    for path in ds.data:
        yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    ds.times["libyaml"] = time.process_time() - t0
    ds.plugin_config = sites.config(here / "mkdocs.yml", site_name, ROOT / "docs", ds.data)
    if ds.copies != 1:  # an address lock, as the real data has, so the build checks it too
        sites.lock(ds.plugin_config)
    if not ds.copies:  # committed, as in a real checkout: the build reads each notice's version
        sites.commit(here, ds.data)
    # The plugin's on_config runs the loader, i.e. what `python -m generator check` runs:
    # invalid generated data stops the benchmark here. First with an empty build cache
    # (what a fresh clone's first build pays), then warm, as every later build is.
    shutil.rmtree(cache.folder(here), ignore_errors=True)
    cold: dict[str, float] = {}
    time_parts(ds.plugin_config, cold)
    ds.site = time_parts(ds.plugin_config, ds.times)
    ds.times.update({f"{part}_cold": cold.get(part, 0.0) for part in COLD_PARTS})
    ds.projects = sum(len(plan.notice.projects) for plan in ds.site.plans)
    # The fair baseline: the same pages and files, written by `python -m generator render`
    # with a mkdocs.yml without the plugin, built by stock MkDocs and then finished by the
    # same post-build step as the plugin's (minify + Pagefind).
    rendered = here / "baseline"
    run_logged([str(BIN / "python"), "-m", "generator", "render", str(rendered), "-f", str(ds.plugin_config)],
               here / "render.log")  # fmt: skip
    ds.baseline_config = rendered / "mkdocs.yml"


def run_logged(cmd: list[str], log: Path) -> None:
    env = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1")
    with log.open("wb") as out:
        done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{log.read_text(errors='replace')}")


def time_lock_check(ds: DataSet, site: Path) -> None:
    """The plugin's on_post_build, run again in this process on the built site."""
    assert ds.site is not None
    t0 = time.process_time()
    lost = lock.missing(lock.read(lock.path_for(ds.data[0])), lock.BuiltSite(site), ds.site.moves)
    ds.times["lock"] = time.process_time() - t0
    if lost:
        sys.exit(f"bench: {ds.name}: the address lock misses {len(lost)} addresses")


# --------------------------------------------------------------------------
# Builds
# --------------------------------------------------------------------------


@dataclass
class Build:
    wall: float  # seconds
    cpu: float  # user + system seconds of the command and every child it waited for
    rss: int  # peak resident set size of the largest process among them, bytes


# What each round runs, timed one by one (bench/rusage.py). "baseline" is the sum of its
# two steps, "build" and "finish"; "generator bare" is the plugin's build without its finish.
# "baseline render" (``python -m generator render``, the pages the baseline builds, written
# again each round) is timed apart: "baseline with render" adds it, the reading of issue 18's
# "fair baseline (render + stock MkDocs + the same finish)" in which the render's time counts.
KINDS = ("generator", "generator cold", "generator bare", "baseline render", "baseline build", "baseline finish")


def command(ds: DataSet, kind: str, site: Path) -> list[str]:
    mkdocs_build = ["build", "--strict", "--quiet", "-d", str(site)]
    if kind in ("generator", "generator cold"):
        return [str(MKDOCS), *mkdocs_build, "-f", str(ds.plugin_config)]
    if kind == "generator bare":
        return [str(BIN / "python"), str(ROOT / "bench" / "bare.py"), *mkdocs_build, "-f", str(ds.plugin_config)]
    if kind == "baseline render":  # into the folder the baseline builds (render empties it first)
        rendered = ds.baseline_config.parent
        return [str(BIN / "python"), "-m", "generator", "render", str(rendered), "-f", str(ds.plugin_config)]
    if kind == "baseline build":
        return [str(MKDOCS), *mkdocs_build, "-f", str(ds.baseline_config)]
    return [str(BIN / "python"), "-m", "generator", "finish", str(site), "-f", str(ds.baseline_config)]


def total(steps: list[Build]) -> Build:
    """Steps run one after the other, as one: their times added, the largest memory."""
    return Build(sum(s.wall for s in steps), sum(s.cpu for s in steps), max(s.rss for s in steps))


def build(cmd: list[str], log: Path) -> Build:
    """One command, timed by bench/rusage.py (started afresh, so that the peak memory is the
    command's own), its output in ``log``."""
    cost = log.with_suffix(".json")
    run_logged([sys.executable, str(ROOT / "bench" / "rusage.py"), str(cost), *cmd], log)
    measured = json.loads(cost.read_text(encoding="utf-8"))
    return Build(measured["wall"], measured["cpu"], measured["rss"])


def run_builds(ds: DataSet, work: Path) -> None:
    ds.builds = {kind: [] for kind in (*KINDS, "baseline", "baseline with render")}
    ds.loadavg.append(os.getloadavg()[0])
    here = work / ds.name
    for i in range(ds.runs):
        # alternate the order so that a busy spell of the machine hits both kinds alike
        order = ["generator", *(["generator cold"] if ds.cold else []), "generator bare", "baseline"]
        for kind in order if i % 2 == 0 else order[::-1]:
            if kind == "baseline":
                site = here / "site-baseline"
                shutil.rmtree(site, ignore_errors=True)
                steps = [build(command(ds, k, site), here / f"{k}.log") for k in KINDS[3:]]
                for k, b in zip(KINDS[3:], steps, strict=True):
                    ds.builds[k].append(b)
                ds.builds["baseline with render"].append(total(steps))
                b = total(steps[1:])  # build and finish
            else:
                site = here / f"site-{kind.replace(' ', '-')}"
                shutil.rmtree(site, ignore_errors=True)
                if kind == "generator cold":  # as a fresh clone, CI or a Pages deploy starts
                    shutil.rmtree(cache.folder(here), ignore_errors=True)
                b = build(command(ds, kind, site), here / f"{kind}.log")
            ds.builds[kind].append(b)
            print(
                f"  {ds.name:4} {kind:14} {i + 1}/{ds.runs}: {b.wall:6.1f} s wall, "
                f"{b.cpu:6.1f} s CPU, {b.rss / 2**20:4.0f} MiB",
                flush=True,
            )
    ds.loadavg.append(os.getloadavg()[0])


def stat(ds: DataSet, kind: str, what: str) -> tuple[float, float, float]:
    """(min, median, max) of a kind's wall or cpu seconds over the runs."""
    values = [getattr(b, what) for b in ds.builds[kind]]
    return min(values), statistics.median(values), max(values)


def wall(ds: DataSet, kind: str) -> float:
    return stat(ds, kind, "wall")[1]


def cpu(ds: DataSet, kind: str) -> float:
    return stat(ds, kind, "cpu")[1]


def rss(ds: DataSet, kind: str) -> int:
    return max(b.rss for b in ds.builds[kind])


def ratios(ds: DataSet, gen: str, base: str, what: str) -> list[float]:
    """Generator over baseline, round by round (each pair ran back to back)."""
    return [getattr(g, what) / getattr(b, what) for g, b in zip(ds.builds[gen], ds.builds[base], strict=True)]


# --------------------------------------------------------------------------
# Sizes
# --------------------------------------------------------------------------


def tree(path: Path) -> dict[str, int]:
    return {
        f.relative_to(path).as_posix(): f.stat().st_size for f in path.rglob("*") if f.is_file()
    }


@dataclass
class Sizes:
    site: int  # bytes of site/
    baseline_site: int
    index: int  # bytes of the search index (site/pagefind/) on disk
    same_files: bool  # the baseline site has the same files as the generator's


def sizes(ds: DataSet, work: Path) -> Sizes:
    site = work / ds.name / "site-generator"
    files, base = tree(site), tree(work / ds.name / "site-baseline")
    return Sizes(
        site=sum(files.values()),
        baseline_site=sum(base.values()),
        index=sum(n for name, n in files.items() if name.startswith("pagefind/")),
        same_files=files.keys() == base.keys(),
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


PARTS = ("load", "pages", "feeds", "qr", "share", "workbooks", "lock")  # "cite" is part of "pages"


def label(ds: DataSet) -> str:
    """How a data set is named in the tables: its projects (and notices, if several)."""
    if ds.notices:
        return f"{ds.notices} 份通知 × {ds.each} = {ds.projects:,}"
    return f"{ds.projects:,}"


def own(ds: DataSet) -> float:
    """CPU seconds of the generator's own parts (warm cache), timed in this process."""
    return sum(ds.times.get(k, 0.0) for k in PARTS)


def marginal(values: list[float], counts: list[int]) -> tuple[float, float, float]:
    """Cost per added project 33->330 and 330->3,300, and their ratio."""
    a = (values[1] - values[0]) / (counts[1] - counts[0])
    b = (values[2] - values[1]) / (counts[2] - counts[1])
    return a, b, (b / a if a > 0 else float("inf"))


def spread(values: tuple[float, float, float] | list[float], unit: str = " s") -> str:
    lo, mid, hi = (min(values), statistics.median(values), max(values)) if isinstance(values, list) else values
    return f"{secs(lo)} / {secs(mid)} / {secs(hi)}{unit}"


def resident() -> dict[int, dict]:
    """bench/resident.py's last results (bench/resident.json), by project count."""
    path = ROOT / "bench" / "resident.json"
    if not path.is_file():
        return {}
    return {r["projects"]: r for r in json.loads(path.read_text(encoding="utf-8"))}


def report(sets: list[DataSet], sz: dict[str, Sizes], loadavg: tuple[float, float]) -> str:
    out = ["# 性能基准结果（bench/run.py）", ""]
    out += [f"- {line}" for line in machine()]
    runs = "、".join(f"{label(ds)} 项 {ds.runs} 轮" for ds in sets)
    load_seen = [x for ds in sets for x in ds.loadavg]
    out += [
        f"- 每轮依次（奇偶轮顺序相反）做三种构建（有“空缓存”一栏的数据另做第四种）：{runs}；下表为最小 / 中位 / 最大。",
        f"- 运行期间的 1 分钟平均负载：{min(load_seen):.1f}–{max(load_seen):.1f}"
        f"（开始 {loadavg[0]:.1f}，结束 {loadavg[1]:.1f}）。机器与别人共用：负载高于核数时墙钟时间偏大，"
        "CPU 时间（用户+系统，含子进程）受干扰较小，目标按 CPU 时间判断。",
        "- 本生成器：`mkdocs build --strict`，带插件（即 `make site` 的构建，构建缓存已有内容，如第二次及以后的构建）。"
        "基线：`python -m generator render` 写出的同样页面和文件，由不带插件的 `mkdocs build` 构建，"
        "再运行同一个完成步骤 `python -m generator finish`（压缩本站脚本和样式、Pagefind 索引）；两步分别计时后相加。",
        "- CPU 和墙钟时间、峰值内存由 `bench/rusage.py` 启动每条命令测得（`os.wait4`：命令及其等待过的全部子进程，"
        "如 Pagefind、esbuild、git）；峰值内存是其中最大的单个进程的常驻内存。",
        "",
        "## 构建 CPU 时间（用户+系统，含子进程）",
        "",
        "| 项目数 | 本生成器 | 基线（构建 + 完成步骤） | 中位数之比 | 逐轮之比 | 不含完成步骤：本生成器 | 基线构建 | 中位数之比 | 逐轮之比 |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for ds in sets:
        out.append(
            f"| {label(ds)} | {spread(stat(ds, 'generator', 'cpu'))} | {spread(stat(ds, 'baseline', 'cpu'))} "
            f"| **{cpu(ds, 'generator') / cpu(ds, 'baseline'):.2f}** "
            f"| {spread(ratios(ds, 'generator', 'baseline', 'cpu'), '')} "
            f"| {spread(stat(ds, 'generator bare', 'cpu'))} | {spread(stat(ds, 'baseline build', 'cpu'))} "
            f"| {cpu(ds, 'generator bare') / cpu(ds, 'baseline build'):.2f} "
            f"| {spread(ratios(ds, 'generator bare', 'baseline build', 'cpu'), '')} |"
        )
    out += [
        "",
        "基线含 `python -m generator render` 的时间（issue 18 的“公平基线：render + stock MkDocs + 同样的完成步骤”按此读；"
        "上表不计 render，更严）：",
        "",
        "| 项目数 | 本生成器 | render | 基线（render + 构建 + 完成步骤） | 中位数之比 | 逐轮之比 | 不含完成步骤：本生成器 | render + 基线构建 | 中位数之比 |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for ds in sets:
        bare_base = cpu(ds, "baseline render") + cpu(ds, "baseline build")
        out.append(
            f"| {label(ds)} | {spread(stat(ds, 'generator', 'cpu'))} | {spread(stat(ds, 'baseline render', 'cpu'))} "
            f"| {spread(stat(ds, 'baseline with render', 'cpu'))} "
            f"| **{cpu(ds, 'generator') / cpu(ds, 'baseline with render'):.2f}** "
            f"| {spread(ratios(ds, 'generator', 'baseline with render', 'cpu'), '')} "
            f"| {spread(stat(ds, 'generator bare', 'cpu'))} | {bare_base:.1f} s "
            f"| {cpu(ds, 'generator bare') / bare_base:.2f} |"
        )
    coldsets = [ds for ds in sets if ds.builds.get("generator cold")]
    if coldsets:
        out += [
            "",
            "## 空缓存的构建（构建缓存 `.cache/minsheng/` 清空后，如新克隆、CI 和 Pages 部署的第一次构建）",
            "",
            "| 项目数 | CPU：缓存已有内容 | CPU：空缓存 | 中位数之比 | 逐轮之比 | 墙钟：缓存已有内容 | 墙钟：空缓存 |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for ds in coldsets:
            out.append(
                f"| {label(ds)} | {spread(stat(ds, 'generator', 'cpu'))} | {spread(stat(ds, 'generator cold', 'cpu'))} "
                f"| **{cpu(ds, 'generator cold') / cpu(ds, 'generator'):.2f}** "
                f"| {spread(ratios(ds, 'generator cold', 'generator', 'cpu'), '')} "
                f"| {spread(stat(ds, 'generator', 'wall'))} | {spread(stat(ds, 'generator cold', 'wall'))} |"
            )
    out += [
        "",
        "## 构建墙钟时间",
        "",
        "| 项目数 | 本生成器 | 基线（构建 + 完成步骤） | 中位数之比 | 不含完成步骤：本生成器 | 基线构建 | 中位数之比 |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for ds in sets:
        out.append(
            f"| {label(ds)} | {spread(stat(ds, 'generator', 'wall'))} | {spread(stat(ds, 'baseline', 'wall'))} "
            f"| {wall(ds, 'generator') / wall(ds, 'baseline'):.2f} "
            f"| {spread(stat(ds, 'generator bare', 'wall'))} | {spread(stat(ds, 'baseline build', 'wall'))} "
            f"| {wall(ds, 'generator bare') / wall(ds, 'baseline build'):.2f} |"
        )
    out += [
        "",
        "## 峰值内存（最大的单个进程）",
        "",
        "| 项目数 | 数据文件 | 本生成器 | 基线构建 | 完成步骤（Pagefind 等） |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for ds in sets:
        out.append(
            f"| {label(ds)} | {mb(ds.data_bytes)} | {rss(ds, 'generator') / 2**20:.0f} MiB "
            f"| {rss(ds, 'baseline build') / 2**20:.0f} MiB | {rss(ds, 'baseline finish') / 2**20:.0f} MiB |"
        )
    out += [
        "",
        "## 生成器各部分（在本进程中运行插件的钩子，CPU 秒）",
        "",
        "“空缓存”是构建缓存（`.cache/minsheng/`）为空时的第一次构建：新克隆的仓库、CI 上的第一次构建。",
        "",
        "| 项目数 | 读数据 load() | 其中组装 YAML | 页面模板 | 其中引文（空缓存） | 订阅与开放数据 | 二维码（空缓存） | 分享图片（空缓存） | 填报表 .xlsx（空缓存） | 网址锁检查 | 合计 |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for ds in sets:
        t = ds.times
        cold = {part: f"{secs(t.get(part))}（{secs(t.get(part + '_cold'))}）" for part in COLD_PARTS}
        out.append(
            f"| {label(ds)} | {secs(t.get('load'))} | {secs(t.get('compose'))} | {secs(t.get('pages'))} "
            f"| {cold['cite']} | {secs(t.get('feeds'))} | {cold['qr']} | {cold['share']} | {cold['workbooks']} "
            f"| {secs(t.get('lock'))} | {secs(own(ds))} |"
        )
    out += ["", "## 群众的流量与等待（`bench/resident.py` 的最近一次结果，`bench/resident.json`）", ""]
    found = resident()
    if found:
        out += [
            "| 项目数 | 首次加载：最大页 | 首次搜索：最多 | 结果出现，本机（冷 / 热） | 4× CPU、400 kbit/s、400 ms（冷 / 热） |",
            "| ---: | ---: | ---: | --- | --- |",
        ]
        for n, r in sorted(found.items()):
            worst = max(r["loads"], key=r["loads"].__getitem__)
            t = r["times"]
            out.append(
                f"| {n:,} | {mb(r['loads'][worst])}（`/{worst}`） | {mb(max(r['searches'].values()))} "
                f"| {spread(t['fast-cold'])}；{spread(t['fast-warm'])} | {spread(t['slow-cold'])}；{spread(t['slow-warm'])} |"
            )
        missing = [f"{ds.projects:,}" for ds in sets if ds.projects not in found]
        out += [
            "",
            "首次加载：空缓存打开每一页、直到网络空闲下载的全部字节（gzip -6）；首次搜索：在项目页打开搜索框并输入后下载的字节；"
            "结果出现：最后一次按键到结果列表显示（最小 / 中位 / 最大）。"
            + (f"{'、'.join(missing)} 项没有测（resident.py 只测 33 和 3,300 项）。" if missing else ""),
        ]
    else:
        out.append("（没有 bench/resident.json：先运行 `.venv/bin/python bench/resident.py`。）")
    edits = [(ROOT / "bench" / name, what) for name, what in EDITS]
    if any(path.is_file() for path, _ in edits):
        out += ["", "## make serve：从保存数据到页面显示修改（`bench/edit.py` 的最近一次结果）", ""]
    for path, what in edits:
        if path.is_file():
            measured = json.loads(path.read_text(encoding="utf-8"))
            seconds, load = measured["seconds"], measured["loadavg"]
            cpu_used = f"，其间 mkdocs serve 用的 CPU {spread(measured['cpu'])}" if "cpu" in measured else ""
            out.append(
                f"- {what}（`bench/{path.name}`），{len(seconds)} 次修改：{spread(seconds)}（目标中位数 ≤ 1.0 s："
                + ("达到" if statistics.median(seconds) <= 1.0 else "未达到")
                + f"）{cpu_used}；负载 {min(load):.1f}–{max(load):.1f}。"
            )
    out += [
        "",
        "## 网站体积（gzip 前）",
        "",
        "| 项目数 | 网站 site/ | 每项目 | 搜索索引 pagefind/ | 每项目 |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for ds in sets:
        s = sz[ds.name]
        out.append(
            f"| {label(ds)} | {mb(s.site)} | {mb(s.site / ds.projects)} | {mb(s.index)} | {mb(s.index / ds.projects)} |"
        )
    if not all(sz[ds.name].same_files for ds in sets):
        out += ["", "注意：基线网站的文件与生成器网站不完全相同，比较可能不公平。"]
    verdicts = [
        "",
        "## 目标",
        "",
    ]
    for ds in sets:
        r = cpu(ds, "generator") / cpu(ds, "baseline")
        verdicts.append(
            f"- {label(ds)} 项：CPU 时间为基线的 {r:.2f} 倍，"
            + ("**达到** ≤ 1.10。" if r <= 1 + TARGET_OVERHEAD else f"**未达到** ≤ 1.10（超出 {(r - 1 - TARGET_OVERHEAD) * 100:.0f} 个百分点）。")
        )
        r = cpu(ds, "generator") / cpu(ds, "baseline with render")
        verdicts.append(
            f"- {label(ds)} 项：基线含 render 时为 {r:.2f} 倍，"
            + ("≤ 1.10。" if r <= 1 + TARGET_OVERHEAD else f"超出 1.10 {(r - 1 - TARGET_OVERHEAD) * 100:.0f} 个百分点。")
        )
        if ds in coldsets:
            r = cpu(ds, "generator cold") / cpu(ds, "generator")
            verdicts.append(
                f"- {label(ds)} 项：空缓存的构建 CPU 时间为缓存已有内容时的 {r:.2f} 倍，"
                + (f"**达到** ≤ {TARGET_COLD:.1f}。" if r <= TARGET_COLD else f"**未达到** ≤ {TARGET_COLD:.1f}。")
            )
    out += verdicts
    sizes_of_one = [ds for ds in sets if ds.name in COPIES]
    if len(sizes_of_one) == len(COPIES):
        sets = sizes_of_one
        counts = [ds.projects for ds in sets]
        out += [
            "",
            "## 线性增长：每增加一个项目的代价",
            "",
            "| 量 | 33→330 每项目 | 330→3,300 每项目 | 比值（目标 ≤ 1.2） |",
            "| --- | ---: | ---: | ---: |",
        ]
        rows = [
            ("生成器构建 CPU 时间", [cpu(ds, "generator") for ds in sets], "s"),
            ("基线 CPU 时间", [cpu(ds, "baseline") for ds in sets], "s"),
            ("读数据 load()（进程内 CPU）", [ds.times.get("load", 0.0) for ds in sets], "s"),
            ("网址锁检查（进程内 CPU）", [ds.times.get("lock", 0.0) for ds in sets], "s"),
            ("生成器自身各部分合计（进程内 CPU）", [own(ds) for ds in sets], "s"),
            ("网站体积", [sz[ds.name].site for ds in sets], "B"),
            ("生成器峰值内存", [rss(ds, "generator") for ds in sets], "B"),
        ]
        for what, values, unit in rows:
            a, b, ratio = marginal(values, counts)
            fmt = (lambda x: f"{x * 1000:.1f} ms") if unit == "s" else mb
            out.append(f"| {what} | {fmt(a)} | {fmt(b)} | {ratio:.2f} |")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", help="builds of each kind per data set run, e.g. 5,3,1")
    parser.add_argument(
        "--only", help="data sets to run, e.g. real,x10 (linearity needs all three)"
    )
    parser.add_argument("--keep", type=Path, help="keep data sets and sites in this folder")
    args = parser.parse_args()
    sets = data_sets()
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
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = report(sets, sz, (start_load, os.getloadavg()[0]))
    text += f"\n整个基准用时 {(time.perf_counter() - t0) / 60:.1f} 分钟。\n"
    print()
    print(text)
    if len(sets) < len(data_sets()):
        print("（只运行了部分数据集，不写结果文件）")
        return 0
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
