"""How the draft writes a value and a note to the person who checks it."""
from __future__ import annotations

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

ID_NOTE = "编号由名称拼音生成，是网址的一部分，发布后不能再改"


def q(text: str) -> DoubleQuotedScalarString:
    """A string written in double quotes, as in the hand-written data file: never read as
    another type (a date, a number, yes/no)."""
    quoted: DoubleQuotedScalarString = DoubleQuotedScalarString(text)
    return quoted


def note(mapping: CommentedMap, key: str, text: str) -> None:
    """``# 待核对：text`` at the end of ``key``'s line."""
    mapping.yaml_add_eol_comment(f"待核对：{text}", key)
