"""The notice a draft continues (``continues``): the latest one on the site before the
draft's year, its projects matched by name and their figures by what they count.

A project continues the earlier project of exactly the same name, and takes its id, so
that a programme keeps its address year over year. A figure continues an earlier figure
of that project only when both count the same thing in the same words: the same unit and
the same ``counts`` (spaces aside), with no other figure on either side alike. Anything
less (the same unit in other words, two candidates) is left to a person, with a note
naming the candidates: a wrong ``continues`` would put two different numbers side by side
as one target over the years, where a missing one only leaves the table shorter.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Indicator, Notice, Project
from .ids import MAX_LENGTH

LISTED = 5  # candidates named in a note; the rest counted


@dataclass(frozen=True)
class Earlier:
    """The projects of the notice a draft continues, by name."""

    year: int
    projects: dict[str, Project]

    @classmethod
    def of(cls, notices: Sequence[Notice], year: int | None) -> Earlier | None:
        """The latest of ``notices`` before ``year``; None when there is none."""
        before = [n for n in notices if year is not None and n.document.year < year]
        if not before:
            return None
        latest = max(before, key=lambda n: n.document.year)
        return cls(latest.document.year, {p.name: p for p in latest.projects})

    def match(self, names: Sequence[str | None]) -> list[Match | None]:
        """For each drafted project name, the earlier project of that name (each earlier
        project once, and only with an id the draft can keep)."""
        taken: set[str] = set()
        found: list[Match | None] = []
        for name in names:
            project = self.projects.get(name) if name is not None else None
            if project is None or project.id in taken or len(project.id) > MAX_LENGTH:
                found.append(None)
                continue
            taken.add(project.id)
            found.append(Match(self.year, project))
        return found


@dataclass(frozen=True)
class Match:
    """A drafted project and the earlier project it continues."""

    year: int
    project: Project

    def figures(self, drafted: Sequence[tuple[str, str]]) -> Figures:
        """The matcher of the drafted project's figures, given all of them as (counts, unit)."""
        return Figures(self, Counter((_words(c), u) for c, u in drafted))


@dataclass(frozen=True)
class Figures:
    """Which earlier figure a drafted figure continues, or what a person should look at."""

    match: Match
    drafted: Counter[tuple[str, str]]  # how many drafted figures have each (counts, unit)

    def _same(self, counts: str, unit: str) -> list[Indicator]:
        return [i for i in self.match.project.all_indicators if i.unit == unit and _words(i.counts) == counts]

    def _claimed(self) -> set[str]:
        """Earlier figures that a drafted figure continues for certain."""
        certain = [self._same(c, u) for (c, u), n in self.drafted.items() if n == 1]
        return {same[0].id for same in certain if len(same) == 1}

    def of(self, counts: str, unit: str) -> tuple[str | None, str | None]:
        """The earlier figure's id (or None), and the note for the person who checks."""
        year, project = self.match.year, self.match.project.id
        key = (_words(counts), unit)
        same = self._same(*key)
        if len(same) == 1 and self.drafted[key] == 1:
            return same[0].id, f"说明文字和单位与 {year} 年的指标 {same[0].id} 相同，按此对应，请核对"
        claimed = self._claimed()
        alike = [i for i in self.match.project.all_indicators if i.unit == unit and i.id not in claimed]
        if not alike:
            return None, None
        where = f"{year} 年的项目 {project} 中单位同为“{unit}”的指标"
        if len(alike) == 1:
            one = alike[0]
            return None, (f"{where}只有 {one.id}（{one.counts}），没有把握是同一件事，没有写 continues；"
                          f"若是，请加一行 continues: {one.id}")
        named = "、".join(f"{i.id}（{i.counts}）" for i in alike[:LISTED])
        more = f"等 {len(alike)} 个" if len(alike) > LISTED else ""
        return None, (f"{where}有 {named}{more}，没有把握是哪一个，没有写 continues；"
                      "若其中一个统计同一件事，请加一行 continues: 它的编号")


def _words(text: str) -> str:
    return re.sub(r"\s+", "", text)
