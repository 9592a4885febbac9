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


def column_letter(number: int) -> str:
    """A column as a spreadsheet names it: 1 is A, 27 is AA (CSV files open the same way)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """The inverse of ``column_letter``."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
