"""The address lock reads the ids of a built page (``lock._ids``) as an HTML parser does,
for HTML as MkDocs, material and our templates write it: attributes in double quotes, any
``<``, ``>`` or ``"`` inside a value escaped, text escaped except for quotes."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.lock import _ids


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # as written in the page (the parser unescapes values; the lock compares them raw)
        self.ids.update(html.escape(value) for name, value in attrs if name == "id" and value)


def parsed_ids(page: str) -> set[str]:
    parser = _Parsed()
    parser.feed(page)
    parser.close()
    return parser.ids


values = st.text(alphabet='ab 1-_#&id="<>\n中', max_size=8).map(lambda v: html.escape(v, quote=True))
names = st.sampled_from(["id", "data-id", "class", "title", "aria-describedby", "href"])
attributes = st.lists(st.tuples(names, values, st.sampled_from([" ", "\n", "  "])), max_size=4)
texts = st.text(alphabet='ab id="x"= \n中<>&', max_size=12).map(lambda t: html.escape(t, quote=False))


@st.composite
def pages(draw: st.DrawFn) -> str:
    out = []
    for _ in range(draw(st.integers(0, 6))):
        tag = draw(st.sampled_from(["a", "h2", "div", "p", "td"]))
        attrs = "".join(f'{space}{name}="{value}"' for name, value, space in draw(attributes))
        out.append(f"<{tag}{attrs}>{draw(texts)}</{tag}>{draw(texts)}")
        if draw(st.booleans()):
            out.append(f"<!-- {draw(texts)} -->")
    return "".join(out)


@settings(max_examples=300)
@given(pages())
def test_ids_are_those_an_html_parser_reads(page: str) -> None:
    assert _ids(page) == parsed_ids(page)


def test_ids_in_tags_only() -> None:
    page = '<h2 id="mubiao">目标</h2><p>文字里写 id="jia" 不算</p><p data-id="x"></p>\n<a\nid="line">'
    assert _ids(page) == {"mubiao", "line"}
