"""Rules across fields: what a single well-typed field cannot show.

Each rule adds its errors and goes on, so a clerk sees every mistake at once. They run
even when some fields could not be built (those hold placeholders, listed in
``broken``): a rule that reads such a field is skipped, every other one runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...errors import DataError
from ...model import Notice
from . import aliases, notice, projects, situations
from .base import Rules


def validate(
    data: Notice, lines: dict[str, int], name: str, broken: Iterable[str] = ()
) -> list[DataError]:
    """Every cross-field mistake in a notice, skipping what depends on a broken field."""
    rules = Rules(lines, name, broken)
    notice.check(rules, data)
    projects.check(rules, data)
    aliases.check(rules, data)
    situations.check(rules, data)
    return rules.errors
