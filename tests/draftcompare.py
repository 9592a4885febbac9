"""How close a drafted data file comes to the hand-made one: names, texts, rows, figures,
directions, with every difference listed (tests/test_draft*.py print them)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Score:
    """Matched / total for each measure, and every difference in words."""

    names: tuple[int, int] = (0, 0)
    targets: tuple[int, int] = (0, 0)
    items: tuple[int, int] = (0, 0)
    figures: tuple[int, int] = (0, 0)
    directions: tuple[int, int] = (0, 0)
    differences: list[str] = field(default_factory=list)

    def share(self, measure: str) -> float:
        matched, total = getattr(self, measure)
        return matched / total if total else 1.0

    def report(self, label: str) -> str:
        lines = [f"{label}:"]
        for m in ("names", "targets", "items", "figures", "directions"):
            matched, total = getattr(self, m)
            lines.append(f"  {m}: {matched}/{total} = {self.share(m):.1%}")
        lines += [f"  差异：{d}" for d in self.differences] or ["  无差异"]
        return "\n".join(lines)


def rows(project: dict[str, Any]) -> list[dict[str, Any]]:
    return list(project.get("items") or [project])


def compare(hand: dict[str, Any], draft: dict[str, Any]) -> Score:
    """Project by project (by 序号), row by row in printed order."""
    score = Score()
    drafted = {p["seq"]: p for p in draft["projects"]}
    counts = Counter[str]()
    for p in hand["projects"]:
        d = drafted.get(p["seq"])
        where = f"第{p['seq']}项"
        counts["names"] += 1
        if d is None:
            score.differences.append(f"{where} 没有起草出来")
            continue
        if d["name"] == p["name"]:
            counts["names_ok"] += 1
        else:
            score.differences.append(f"{where} 名称：手工 {p['name']!r}，草稿 {d['name']!r}")
        hand_rows, draft_rows = rows(p), rows(d)
        if len(hand_rows) != len(draft_rows):
            score.differences.append(f"{where} 行数：手工 {len(hand_rows)}，草稿 {len(draft_rows)}")
        for k, h in enumerate(hand_rows):
            r = draft_rows[k] if k < len(draft_rows) else {}
            _row(score, counts, f"{where}第{k + 1}行", h, r, "items" in p)
    score.names = (counts["names_ok"], counts["names"])
    score.targets = (counts["targets_ok"], counts["targets"])
    score.items = (counts["items_ok"], counts["items"])
    score.figures = (counts["figures_ok"], counts["figures"])
    score.directions = (counts["directions_ok"], counts["directions"])
    return score


def _row(score: Score, counts: Counter[str], where: str, hand: dict[str, Any],
         draft: dict[str, Any], is_item: bool) -> None:
    counts["targets"] += 1
    if draft.get("target") == hand["target"]:
        counts["targets_ok"] += 1
    else:
        score.differences.append(f"{where} 目标任务：手工 {hand['target']!r}，草稿 {draft.get('target')!r}")
    if is_item:
        counts["items"] += 1
        if draft.get("name") == hand["name"] and draft.get("target") == hand["target"]:
            counts["items_ok"] += 1
        elif draft.get("name") != hand["name"]:
            score.differences.append(f"{where} 子项名称：手工 {hand['name']!r}，草稿 {draft.get('name')!r}")
    h_figs = [(i["value"], i["unit"], i["direction"]) for i in hand.get("indicators") or []]
    d_figs = [(i["value"], i["unit"], i["direction"]) for i in draft.get("indicators") or []]
    h_count = Counter((v, u) for v, u, _ in h_figs)
    d_count = Counter((v, u) for v, u, _ in d_figs)
    counts["figures"] += max(len(h_figs), len(d_figs))
    counts["figures_ok"] += sum((h_count & d_count).values())
    for (v, u), n in (h_count - d_count).items():
        score.differences.append(f"{where} 缺少数值 {v}{u}（{n} 个）")
    for (v, u), n in (d_count - h_count).items():
        score.differences.append(f"{where} 多出数值 {v}{u}（{n} 个）")
    # directions of the figures both have, paired in printed order
    pending = list(d_figs)
    for v, u, direction in h_figs:
        counts["directions"] += 1
        match = next((f for f in pending if f[:2] == (v, u)), None)
        if match is None:
            continue
        pending.remove(match)
        if match[2] == direction:
            counts["directions_ok"] += 1
        else:
            score.differences.append(f"{where} {v}{u} 的方向：手工 {direction}，草稿 {match[2]}")
