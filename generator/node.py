"""The Node.js tools the build runs (pinned in package-lock.json, installed by ``npm ci``)."""

from __future__ import annotations

from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def find_bin(name: str, start: Path, checkout: Path = _CHECKOUT) -> Path | None:
    """``node_modules/.bin/<name>`` in ``start`` or the nearest folder above it, as node
    resolves packages (the sample site's mkdocs.yml lives below the repository root), or
    else in this checkout (a configuration elsewhere, as the benchmarks write them)."""
    for folder in [start, *start.parents, checkout]:
        candidate = folder / "node_modules" / ".bin" / name
        if candidate.is_file():
            return candidate
    return None


def missing(name: str, purpose: str) -> str:
    """The message for a tool that is not installed."""
    return f"找不到 {name}（node_modules/.bin/{name.lower()}）：{purpose}，请先运行 npm ci（make 会运行）"
