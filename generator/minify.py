"""Our own scripts and styles (``overrides/assets``), minified in the built site.

The files in the repository keep their comments, which say why; residents download them
minified by esbuild (pinned in package-lock.json): 9.8 kB gzip become 6.0 kB on every
first page load, which keeps the longest page, the notice, within the 80 kB budget
(README, 搜索). Same names, so nothing that links them changes. Material's own files come
minified already.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from . import node

KINDS = (".js", ".css")


class MinifyError(Exception):
    """esbuild is missing or failed: the build must stop rather than publish a half-done site."""


def ours(custom_dir: Path) -> list[str]:
    """The site paths of our scripts and styles: what the theme override folder holds."""
    return sorted(
        p.relative_to(custom_dir).as_posix()
        for p in custom_dir.rglob("*")
        if p.suffix in KINDS and p.is_file()
    )


def minify(
    site_dir: Path,
    names: list[str],
    config_dir: Path,
    checkout: Path | None = None,
    kept: dict[bytes, bytes] | None = None,
) -> None:
    """Minify ``names`` (paths inside ``site_dir``) in place, in one esbuild run; esbuild is
    found from ``config_dir`` up, or in ``checkout`` (``node.find_bin``). With ``kept``
    (``make serve``: each file as esbuild minified it before, by the file as it was), a file
    minified before is written from there, and esbuild runs only for the others."""
    files = [site_dir / name for name in names if (site_dir / name).is_file()]
    originals = {path: path.read_bytes() for path in files} if kept is not None else {}
    if kept is not None:
        for path, original in originals.items():
            if original in kept:
                path.write_bytes(kept[original])
        files = [path for path in files if originals[path] not in kept]
    if not files:
        return
    esbuild = node.find_bin("esbuild", config_dir, *([checkout] if checkout else []))
    if esbuild is None:
        raise MinifyError(node.missing("esbuild", "压缩本站的脚本和样式需要它"))
    # No bundling, no syntax lowering: each file stays the script it was, only smaller.
    cmd = [str(esbuild), *map(str, files), "--minify", "--charset=utf8", "--log-level=error"]
    cmd += [f"--outdir={site_dir}", f"--outbase={site_dir}", "--allow-overwrite"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise MinifyError("esbuild 压缩脚本和样式失败：" + " / ".join(detail))
    if kept is not None:
        kept.update((originals[path], path.read_bytes()) for path in files)
