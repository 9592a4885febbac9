"""Rules across fields: what a single well-typed field cannot show.

Each rule adds its errors and goes on, so a clerk sees every mistake at once.
"""

from __future__ import annotations

from ...errors import DataError
from ...model import Notice
from . import aliases, notice, projects, situations
from .base import Rules


def validate(data: Notice, lines: dict[str, int], name: str) -> list[DataError]:
    """Every cross-field mistake in a notice whose fields are each well-typed."""
    rules = Rules(lines, name)
    notice.check(rules, data)
    projects.check(rules, data)
    aliases.check(rules, data)
    situations.check(rules, data)
    return rules.errors
