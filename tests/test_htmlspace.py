"""The pages' indentation is dropped without changing what a page shows."""

from __future__ import annotations

from generator.htmlspace import collapse


def test_a_run_of_white_space_with_a_line_break_becomes_one_line_break() -> None:
    page = b"<ul>\n    <li>\n      <a href=x>  \xe4\xbd\xa0 </a>\n\n    </li>\n  </ul>"
    assert collapse(page) == b"<ul>\n<li>\n<a href=x>  \xe4\xbd\xa0 </a>\n</li>\n</ul>"


def test_white_space_on_one_line_is_left_as_it_is() -> None:
    assert collapse(b"<p>a  b\t c</p>") == b"<p>a  b\t c</p>"


def test_pre_textarea_script_and_style_keep_their_white_space() -> None:
    kept = (
        b"<pre>\n  code\n    more\n</pre>",
        b"<TEXTAREA name=t>\n  typed\n</TEXTAREA>",
        b'<script type="module">\n  const a = `x\n    y`;\n</script>',
        b"<style>\n  p { margin: 0 }\n</style>",
    )
    for element in kept:
        assert collapse(b"<div>\n    " + element + b"\n    </div>") == b"<div>\n" + element + b"\n</div>"
