"""The data model: what a notice of livelihood projects says. No I/O here.

The dataclasses are the single description of the data file: the loader builds
them field by field (so an unknown key is an error) and ``data/schema.py`` turns
the same fields into the JSON Schema that editors use. Each field's ``doc`` is the
Chinese description a county clerk sees in both places.
"""

from __future__ import annotations

from .fields import (
    DATE_PATTERN,
    ID_PATTERN,
    LINK_PATTERN,
    MEMBER_PATTERN,
    NO_FIGURE,
    VALUE_PATTERN,
    value_pattern,
)
from .notice import (
    Basis,
    Category,
    Contact,
    Document,
    Notice,
    Publisher,
    Requirement,
    Retired,
    RetiredPart,
    RetiredProgramme,
    Situation,
    Source,
    Term,
    Tie,
    Upstream,
)
from .project import (
    CategoryId,
    Continues,
    Direction,
    Indicator,
    Item,
    Note,
    NoteKind,
    NotTarget,
    Project,
    Reading,
    Report,
    Responsible,
    Row,
)

__all__ = [
    "DATE_PATTERN",
    "ID_PATTERN",
    "LINK_PATTERN",
    "MEMBER_PATTERN",
    "NO_FIGURE",
    "VALUE_PATTERN",
    "Basis",
    "Category",
    "CategoryId",
    "Contact",
    "Continues",
    "Direction",
    "Document",
    "Indicator",
    "Item",
    "NotTarget",
    "Note",
    "NoteKind",
    "Notice",
    "Project",
    "Publisher",
    "Reading",
    "Report",
    "Requirement",
    "Responsible",
    "Retired",
    "RetiredPart",
    "RetiredProgramme",
    "Row",
    "Situation",
    "Source",
    "Term",
    "Tie",
    "Upstream",
    "value_pattern",
]
