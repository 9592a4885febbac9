"""Which characters a text of the data may hold, and how a value is shown in a message.

The policy, the same for every text field and every key (what the site could not
publish, or would publish differently from what the clerk sees):

* control characters (U+0000–U+001F, DEL U+007F, U+0080–U+009F): a NUL makes feeds
  ill-formed XML, others are invisible or break the page; a tab is refused too (a
  space does the same), and a line break is allowed only in paragraphs (below);
* U+2028 and U+2029 (line and paragraph separators): line breaks that Markdown and
  JavaScript treat differently from the one YAML writes;
* lone surrogates (U+D800–U+DFFF, only reachable by a ``\\u`` escape): no character at
  all, they cannot be written as UTF-8;
* non-characters (U+FDD0–U+FDEF and U+xFFFE, U+xFFFF of every plane): not text, and
  not allowed in XML;
* invisible format characters (Unicode category Cf), among them the bidi controls
  (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which make a text show in
  an order other than the one stored, and the zero-width characters (U+200B–U+200D,
  U+2060, U+FEFF), which make two keywords or terms that look the same differ. A
  verbatim copy of a Chinese notice holds none of them.

Decided per field, by its kind: a line break is allowed only in a paragraph (or a quote
from one), which the model marks ``multiline`` (``model/fields.py``) and a page shows as a
space; in every other text (ids, names, keywords, headings, units, figures, dates,
sources) a break is a mistake and is refused. Private-use characters (rare characters in
names) and every other printable character are allowed. Only ASCII digits count as digits.
"""

from __future__ import annotations

import unicodedata

_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_ZERO_WIDTH = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}
_NAMES = {0x00: " NUL", 0x0D: " CR（回车）", 0x1B: " ESC", 0x7F: " DEL"}


def _noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _what(char: str, multiline: bool) -> str | None:
    """Why ``char`` may not stand in a text, or None if it may."""
    code = ord(char)
    hexa = f"U+{code:04X}"
    if code == 0x0A:
        return None if multiline else f"换行（{hexa}），此字段只能写一行"
    if code == 0x09:
        return f"制表符（{hexa}），请改为空格"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"控制字符{_NAMES.get(code, '')}（{hexa}），请删除"
    if code in (0x2028, 0x2029):
        return f"分隔符（{hexa}），请删除；需要换行时直接换行"
    if 0xD800 <= code <= 0xDFFF:
        return f"不成对的代理码位（{hexa}），不是字符，请删除"
    if _noncharacter(code):
        return f" Unicode 非字符（{hexa}），请删除"
    if code in _BIDI:
        return f"看不见的文字方向控制符（{hexa}），会使文字显示的顺序与实际不同，请删除"
    if code in _ZERO_WIDTH:
        return f"看不见的零宽字符（{hexa}），请删除"
    if unicodedata.category(char) == "Cf":
        return f"看不见的格式字符（{hexa}），请删除"
    return None


def problem(text: str, multiline: bool = False) -> str | None:
    """What is wrong with the characters of ``text`` (the first bad one, by position)."""
    if text.isprintable():  # the usual case; every refused character is unprintable
        return None
    bad = [
        (at, why)
        for at, char in enumerate(text)
        if not char.isprintable() and (why := _what(char, multiline)) is not None
    ]
    if not bad:
        return None
    at, why = bad[0]
    more = f"（共 {len(bad)} 处）" if len(bad) > 1 else ""
    return f"第 {at + 1} 个字符是{why}{more}"


def foreign_digit(text: str) -> str | None:
    """The first digit in ``text`` that is not an ASCII digit, described, or None."""
    for at, char in enumerate(text):
        if char.isdigit() and not "0" <= char <= "9":
            name = unicodedata.name(char, "")
            kind = next((k for n, k in _DIGIT_KINDS if n in name), "非半角数字")
            return f"第 {at + 1} 个字符“{char}”是{kind}（U+{ord(char):04X}），请改用半角数字 0–9"
    return None


_DIGIT_KINDS = (("FULLWIDTH", "全角数字"), ("ARABIC-INDIC", "阿拉伯-印度数字"))
SHOWN = 40  # characters of a value repeated in a message


def show(value: str, limit: int = SHOWN) -> str:
    """A value as a message repeats it: shortened, every refused character as [U+XXXX].

    A message goes to a terminal and a web page: a control character in it could
    rewrite the terminal, a bidi control reorder the line.
    """
    short = value[:limit] + ("…" if len(value) > limit else "")
    if short.isprintable():
        return short
    return "".join(
        f"[U+{ord(c):04X}]" if not c.isprintable() and _what(c, False) else c for c in short
    )
