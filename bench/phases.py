"""Where a build's time goes: one ``mkdocs build`` run in this process, timed by phase.

    .venv/bin/python bench/phases.py MKDOCS_YML [--cold] [--profile N] [--repeat N]

Phases, cut at the plugin's hooks: **config** (MkDocs reads mkdocs.yml; the plugin loads and
checks the data and makes the site plan, ``on_config``), **files** (every generated page's
Markdown and every other file, ``on_files``: the QR codes, share images, spreadsheets and
citations are made here when the build cache lacks them), **mkdocs** (MkDocs turns the
pages into HTML and writes them, ``on_page_markdown`` included), **finish** (``on_post_build``:
minify, Pagefind, the address lock). Each phase's CPU time (this process; its children, such as
Pagefind, apart) and wall time are printed; ``--profile N`` also runs cProfile in each phase
and prints its N costliest functions by cumulative time (the profiler slows the build: the
phase times are then only proportions). ``--cold`` empties the build cache
(``.cache/minsheng/`` beside mkdocs.yml) first, as a fresh clone, CI or a Pages deploy starts.
``--repeat N`` builds N times in the one process and shows the last build, as ``mkdocs serve``
rebuilds after a save (what stays in memory from one build to the next, stays).

Not a benchmark of the whole build (``bench/run.py`` is): a tool to find the costly part.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PHASES = ("config", "files", "mkdocs", "finish")


@dataclass
class Phase:
    cpu: float = 0.0  # this process
    children: float = 0.0  # processes it waited for (Pagefind, esbuild, git)
    wall: float = 0.0
    profile: cProfile.Profile | None = None


@dataclass
class Clock:
    """Times the phases one after the other; ``switch`` ends one and starts the next."""

    profiling: bool
    phases: dict[str, Phase] = field(default_factory=dict)
    current: str | None = None
    started: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @staticmethod
    def now() -> tuple[float, float, float]:
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time(), kids.ru_utime + kids.ru_stime, time.perf_counter()

    def switch(self, name: str | None) -> None:
        if self.current is not None:
            phase = self.phases.setdefault(self.current, Phase())
            if phase.profile is not None:
                phase.profile.disable()
            cpu, kids, wall = self.now()
            phase.cpu += cpu - self.started[0]
            phase.children += kids - self.started[1]
            phase.wall += wall - self.started[2]
        self.current = name
        if name is not None:
            phase = self.phases.setdefault(name, Phase())
            self.started = self.now()
            if self.profiling:
                phase.profile = phase.profile or cProfile.Profile()
                phase.profile.enable()


def timed_hooks(clock: Clock) -> None:
    """Cut the build into phases at the plugin's hooks (wrapped on the class, the hooks as
    the plugin defines them: a build after the first is timed by its own clock only)."""
    from generator.plugin import MinshengPlugin

    def around(name: str, before: str, after: str | None) -> None:
        original: Callable[..., Any] = getattr(MinshengPlugin, f"_untimed_{name}", getattr(MinshengPlugin, name))
        setattr(MinshengPlugin, f"_untimed_{name}", original)

        def hook(self: Any, *args: Any, **kwargs: Any) -> Any:
            clock.switch(before)
            try:
                return original(self, *args, **kwargs)
            finally:
                clock.switch(after)

        setattr(MinshengPlugin, name, hook)

    around("on_config", "config", "mkdocs")
    around("on_files", "files", "mkdocs")
    around("on_post_build", "finish", None)


def report(clock: Clock, top: int) -> str:
    out = ["| 阶段 | CPU（本进程） | CPU（子进程） | 墙钟 |", "| --- | ---: | ---: | ---: |"]
    for name in PHASES:
        p = clock.phases.get(name, Phase())
        out.append(f"| {name} | {p.cpu:.2f} s | {p.children:.2f} s | {p.wall:.2f} s |")
    total = clock.phases.values()
    out.append(
        f"| 合计 | {sum(p.cpu for p in total):.2f} s | {sum(p.children for p in total):.2f} s "
        f"| {sum(p.wall for p in total):.2f} s |"
    )
    for name in PHASES if top else ():
        profile = clock.phases.get(name, Phase()).profile
        if profile is None:
            continue
        text = io.StringIO()
        stats = pstats.Stats(profile, stream=text)
        stats.strip_dirs().sort_stats("cumulative").print_stats(top)
        body = text.getvalue()
        out += ["", f"## {name}: cProfile，按累计时间前 {top} 个函数", "", "```", body[body.find("   ncalls"):].rstrip(), "```"]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config", type=Path, help="the site's mkdocs.yml")
    parser.add_argument("--cold", action="store_true", help="empty the build cache first")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile: the N costliest functions per phase")
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="build N times, show the last")
    args = parser.parse_args()
    os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000/")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    if args.cold:
        from generator import cache

        shutil.rmtree(cache.folder(args.config.resolve().parent), ignore_errors=True)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    clocks = [Clock(profiling=args.profile > 0) for _ in range(args.repeat)]
    with tempfile.TemporaryDirectory(prefix="minsheng-phases-") as site:
        for clock in clocks:
            timed_hooks(clock)
            clock.switch("config")  # MkDocs reading mkdocs.yml counts with the plugin's on_config
            config = load_config(str(args.config), site_dir=site, strict=True)
            build(config)
            clock.switch(None)
    again = f"，同一进程中第 {args.repeat} 次构建" if args.repeat > 1 else ""
    print(f"{'空缓存' if args.cold else '缓存已有内容'}{again}：{args.config}")
    print(report(clocks[-1], args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
