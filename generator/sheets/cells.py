"""The cells and tables a filled template is read into, whatever its format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Cell:
    value: Any  # str, int, float, datetime, or None for an empty cell
    percent: bool = False  # shown with a % format: a spreadsheet keeps 85% as 0.85
    pending: bool = False  # a formula whose result was never stored
    error: bool = False  # an error value (#N/A, #DIV/0! …) where a formula failed


Grid = list[tuple[int, list[Cell]]]
# The error values of Excel, WPS and LibreOffice: a failed formula, never a figure or a text.
ERRORS = frozenset(
    {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
    | {"#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "Err:502", "Err:504"}
)


@dataclass
class Table:
    """A sheet as read: its cells by row, and what the spreadsheet hides or merges."""

    name: str
    grid: Grid
    hidden: bool = False  # a hidden sheet
    hidden_rows: frozenset[int] = frozenset()
    merged: tuple[tuple[str, int, int, int], ...] = ()  # (range, first row, last row, first column)
