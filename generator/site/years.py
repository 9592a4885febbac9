"""Year over year: which projects of different notices are one programme (``continues``),
and each figure's target in every year it was set.

A programme is a chain of projects, each continuing the one before in an earlier notice;
it is named by its first project's id. A figure is a chain of indicators the same way.
Made once per build from the validated notices (the site-level rules have checked every
``continues``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..model import Indicator, Notice, Project

Key = tuple[int, str]  # a project of the site: (its notice's year, its id)


@dataclass(frozen=True)
class Step:
    """A figure's target in one year."""

    year: int
    project: Project
    indicator: Indicator


@dataclass(frozen=True)
class Programme:
    """One programme across the notices that list it, oldest first."""

    id: str
    entries: tuple[tuple[int, Project], ...]
    figures: tuple[tuple[Step, ...], ...]  # each figure's steps, oldest first

    @property
    def name(self) -> str:
        return self.entries[-1][1].name

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(year for year, _ in self.entries)


class Years:
    """The programmes of the site's notices (``notices`` in any order)."""

    def __init__(self, notices: Sequence[Notice]) -> None:
        self.notices = sorted(notices, key=lambda n: n.document.year)
        self.latest_year = self.notices[-1].document.year

    @cached_property
    def _chains(self) -> dict[Key, list[tuple[int, Project]]]:
        """Each project's chain (the list shared by every project of one programme)."""
        chains: dict[Key, list[tuple[int, Project]]] = {}
        for notice in self.notices:
            year = notice.document.year
            for project in notice.projects:
                earlier = project.continues
                chain = chains.get((earlier.year, earlier.project), []) if earlier else []
                if chain and chain[-1][0] >= year:  # a second continuation in one year: a branch
                    chain = list(chain)
                chain.append((year, project))
                chains[(year, project.id)] = chain
        return chains

    @cached_property
    def programmes(self) -> dict[Key, Programme]:
        """The programme of each project that more than one notice lists, by project."""
        found: dict[Key, Programme] = {}
        named: set[str] = set()
        for key, chain in self._chains.items():
            if len(chain) < 2 or key in found:
                continue
            first_year, first = chain[0]
            pid = first.id if first.id not in named else f"{first.id}-{first_year}"
            named.add(pid)
            programme = Programme(pid, tuple(chain), _figures(chain))
            for year, project in chain:
                found[(year, project.id)] = programme
        return found

    def programme(self, year: int, project_id: str) -> Programme | None:
        return self.programmes.get((year, project_id))

    def in_latest(self, year: int, project_id: str) -> Project | None:
        """The same programme's project in the latest notice, if that notice lists it."""
        chain = self._chains.get((year, project_id), [])
        last_year, last = chain[-1] if chain else (0, None)
        return last if last_year == self.latest_year else None

    def all(self) -> list[Programme]:
        """Every programme, once, by id."""
        return sorted({p.id: p for p in self.programmes.values()}.values(), key=lambda p: p.id)


def _figures(chain: list[tuple[int, Project]]) -> tuple[tuple[Step, ...], ...]:
    """Each figure of the programme as the chain of its targets, oldest first; a figure
    that no later year continues ends its chain."""
    steps: dict[tuple[int, str], list[Step]] = {}  # by (year, indicator id): its chain so far
    before: int | None = None
    for year, project in chain:
        for ind in project.all_indicators:
            earlier = steps.get((before, ind.continues)) if before is not None and ind.continues else None
            steps[(year, ind.id)] = [*(earlier or []), Step(year, project, ind)]
        before = year
    # each chain once: the one whose last step no later year continues
    continued = {id(s[-2]) for s in steps.values() if len(s) > 1}
    return tuple(tuple(s) for s in steps.values() if id(s[-1]) not in continued)
