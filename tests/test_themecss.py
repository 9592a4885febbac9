"""The theme's stylesheet trimmed to what the site uses (generator/themecss.py).

The fast tests read small stylesheets and material's own; the browser test compares, on
real pages in the states a resident puts them in, every computed style under the trimmed
stylesheet with the same page under material's whole one.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import material
import pytest

from generator import finish, themecss

MATERIAL_CSS = next((Path(material.__file__).parent / "templates").glob(themecss.THEME_CSS))


def usage(classes: str = "", words: str = "", directions: str = "ltr") -> themecss.Usage:
    used = themecss.Usage()
    used.add_page(f'<html dir="{directions}"><body class="{classes}"></body></html>'.encode())
    used.add_script(words)
    return used


def test_a_rule_goes_when_no_page_or_script_has_its_classes() -> None:
    css = ".a{color:red}.a .b{color:blue}.c,.a{margin:0}"
    assert themecss.trim(css, usage("a")) == ".a{color:red}.a{margin:0}"
    assert themecss.trim(css, usage("a", words='el.classList.add("b")')) == css.replace(".c,", "")


def test_a_class_inside_a_functional_pseudo_class_is_not_needed() -> None:
    css = ".a:not(.gone){color:red}.a:is(.gone,.x) p{color:blue}"
    assert themecss.trim(css, usage("a")) == css


def test_rules_inside_media_queries_are_trimmed_and_empty_queries_go() -> None:
    css = "@media screen{.a{color:red}.b{color:blue}}@media print{.b{display:none}}"
    assert themecss.trim(css, usage("a")) == "@media screen{.a{color:red}}"


def test_right_to_left_rules_go_unless_a_page_is_written_right_to_left() -> None:
    css = ".a{left:0}[dir=rtl] .a{right:0}[dir=ltr] .a{left:1px}"
    assert themecss.trim(css, usage("a")) == ".a{left:0}[dir=ltr] .a{left:1px}"
    assert themecss.trim(css, usage("a", directions="rtl")) == ".a{left:0}[dir=rtl] .a{right:0}"


def test_a_custom_property_goes_when_nothing_reads_it() -> None:
    css = (
        ':root{--used:1px;--chained:var(--used);--unused:url("data:x;y")}.a{margin:var(--chained)}'
    )
    assert (
        themecss.trim(css, usage("a"))
        == ":root{--used:1px;--chained:var(--used)}.a{margin:var(--chained)}"
    )
    # read by a rule that goes: goes too, with whatever only it read
    assert themecss.trim(css, usage("b")) == ""


def test_a_custom_property_read_by_our_styles_a_page_or_a_script_stays() -> None:
    css = ":root{--a:1;--b:2;--c:3}"
    used = usage(words='el.style.setProperty("--c", 4)')
    used.add_style(".x{width:var(--a)}")
    used.add_page(b'<p style="height:var(--b)">')
    assert themecss.trim(css, used) == css


def test_statements_keyframes_and_pages_stay_as_they_are() -> None:
    css = '@charset "UTF-8";@keyframes gone{0%{opacity:0}to{opacity:1}}@page{margin:25mm}'
    assert themecss.trim(css, usage()) == css


@pytest.mark.parametrize("css", [".a{color:red", ".a{b{c:d}}", ".a{x:y}}", "@media x{.a{b:c}"])
def test_a_stylesheet_that_cannot_be_read_exactly_is_left_whole(css: str) -> None:
    assert themecss.trim(css, usage("a")) is None


def test_materials_stylesheet_is_read_exactly_and_mostly_goes_for_a_plain_page() -> None:
    css = MATERIAL_CSS.read_text(encoding="utf-8")
    trimmed = themecss.trim(css, usage("md-typeset md-content"))
    assert trimmed is not None
    assert (
        ".md-typeset" in trimmed and ".admonition" not in trimmed and "--md-tasklist" not in trimmed
    )
    assert len(gzip.compress(trimmed.encode())) < len(gzip.compress(css.encode())) / 3


def test_the_trimmed_stylesheet_is_named_by_its_content_and_linked_from_every_page(
    tmp_path: Path,
) -> None:
    styles = tmp_path / "assets" / "stylesheets"
    styles.mkdir(parents=True)
    (styles / "main.0123abcd.min.css").write_text(".a{color:red}.b{color:blue}", encoding="utf-8")
    (styles / "main.0123abcd.min.css.map").write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    link = '<link rel="stylesheet" href="{}assets/stylesheets/main.0123abcd.min.css">'
    (tmp_path / "index.html").write_text(link.format("") + '<p class="a">', encoding="utf-8")
    (tmp_path / "sub" / "index.html").write_text(link.format("../"), encoding="utf-8")
    renamed = themecss.trim_theme(tmp_path, finish.page_usage(tmp_path))
    assert renamed is not None
    old, new = renamed
    assert old == "assets/stylesheets/main.0123abcd.min.css"
    assert [p.name for p in styles.iterdir()] == [Path(new).name]
    assert (tmp_path / new).read_text(encoding="utf-8") == ".a{color:red}"
    finish.mend_pages(tmp_path, renamed)
    assert f'href="{new}"' in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert f'href="../{new}"' in (tmp_path / "sub" / "index.html").read_text(encoding="utf-8")
    # the same site gives the same name
    assert themecss.trim_theme(tmp_path, finish.page_usage(tmp_path)) == (new, new)


# --------------------------------------------------------------------------
# In Chromium: the trimmed stylesheet styles the pages as the whole one does
# --------------------------------------------------------------------------

WHOLE = "ms-test-whole-theme.css"  # served by the test from material's own file

# Material's whole stylesheet loaded beside the trimmed one, at the same place in the
# cascade, and switched off.
ADD_WHOLE = """async href => {
    const trimmed = document.querySelector('link[href*="assets/stylesheets/main."]');
    const whole = trimmed.cloneNode();
    whole.href = href;
    whole.dataset.whole = '';
    const loaded = new Promise(done => whole.addEventListener('load', done));
    trimmed.after(whole);
    await loaded;
    whole.sheet.disabled = true;
}"""

# Every element's computed style and that of its ::before and ::after under the trimmed
# stylesheet, then under the whole one, in one task (no script of the page runs between):
# what differs (custom properties aside: leaving out those nobody reads is the point).
DIFFERENCES = """() => {
    const trimmed = document.querySelector('link[href*="assets/stylesheets/main."]');
    const whole = document.querySelector('link[data-whole]');
    const names = Array.from(getComputedStyle(document.body)).filter(p => !p.startsWith('--'));
    const drawn = (el, pseudo) => !pseudo || !['none', 'normal'].includes(getComputedStyle(el, pseudo).content);
    const targets = Array.from(document.querySelectorAll('*'))
        .flatMap(el => [null, '::before', '::after'].map(pseudo => [el, pseudo]));
    // a ::before or ::after drawn under either stylesheet
    trimmed.sheet.disabled = true;
    whole.sheet.disabled = false;
    const drawnWhole = targets.map(([el, pseudo]) => drawn(el, pseudo));
    whole.sheet.disabled = true;
    trimmed.sheet.disabled = false;
    targets.splice(0, targets.length, ...targets.filter(([el, pseudo], i) => drawnWhole[i] || drawn(el, pseudo)));
    const read = () => targets.map(([el, pseudo]) => {
        const style = getComputedStyle(el, pseudo);
        return names.map(p => style.getPropertyValue(p));
    });
    const before = read();
    trimmed.sheet.disabled = true;
    whole.sheet.disabled = false;
    const after = read();
    whole.sheet.disabled = true;
    trimmed.sheet.disabled = false;
    const out = [];
    targets.forEach(([el, pseudo], i) => names.forEach((p, k) => {
        if (before[i][k] !== after[i][k]) out.push(
            el.tagName + '.' + el.classList.value + (pseudo || '') + ' ' + p + ': '
            + before[i][k] + ' (whole: ' + after[i][k] + ')');
    }));
    return out;
}"""

# Every kind of page, as it opens and as it prints (the real notice's pages under its year:
# the addresses from before are redirect pages).
KINDS = [
    "",
    "2020/situations/laonianren/",
    "2020/projects/",
    "2020/notice/",
    "2020/categories/new/",
    "2020/projects/kunnan-jiuzhu/",  # with sub-items
    "2020/projects/falv-yuanzhu/",  # one target
    "2020/glossary/",
    "2020/requirements/",
    "2020/updates/",
    "subscribe/",
    "data/",
    "guide/",
    "about/",
    "404.html",
]

# Before comparing: the fonts loaded and every transition that an action started at its end
# (under load, a transition of the large text was still running when the styles were read,
# and the two stylesheets then saw different moments of it), then two frames drawn.
SETTLED = """async () => {
    await document.fonts.ready;
    const running = document.getAnimations().filter(a => a.playState === 'running'
        && a.effect && a.effect.getComputedTiming().iterations !== Infinity);
    await Promise.all(running.map(a => a.finished.catch(() => null)));
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""

# What a resident does to a page; each state is compared with both stylesheets.
STATES = {
    "menu open": """() => { for (const box of document.querySelectorAll('#__drawer, .md-nav__toggle'))
        box.checked = true; }""",
    "large text": "() => document.documentElement.classList.add('ms-large')",
    "scrolled back up": """async () => { scrollTo(0, 1500); await new Promise(r => setTimeout(r, 200));
        scrollTo(0, 1200); await new Promise(r => setTimeout(r, 300)); }""",
}


@pytest.fixture
def both_stylesheets(browser, server: str):
    """A page at 360 or 1280 px wide that opens ``rel`` with material's whole stylesheet
    loaded beside the trimmed one."""
    contexts = []

    def open_page(rel: str, width: int = 360):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, locale="zh-CN", reduced_motion="reduce"
        )
        contexts.append(context)
        context.route(
            f"**/{WHOLE}", lambda r: r.fulfill(path=MATERIAL_CSS, content_type="text/css")
        )
        page = context.new_page()
        page.goto(server + rel, wait_until="networkidle")
        page.evaluate(ADD_WHOLE, server + WHOLE)
        page.evaluate(SETTLED)
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_the_theme_stylesheet_is_trimmed_and_renamed(built_site: Path) -> None:
    trimmed = sorted(built_site.glob(themecss.THEME_CSS))
    assert len(trimmed) == 1 and trimmed[0].name != MATERIAL_CSS.name
    assert trimmed[0].stat().st_size < MATERIAL_CSS.stat().st_size / 2


@pytest.mark.parametrize("width", [360, 1280])
def test_every_kind_of_page_looks_the_same_with_the_trimmed_stylesheet(
    both_stylesheets, width: int
) -> None:
    for rel in KINDS:
        page = both_stylesheets(rel, width)
        assert page.evaluate(DIFFERENCES) == [], rel
        if width == 360:  # printed pages do not depend on the screen
            page.emulate_media(media="print")
            assert page.evaluate(DIFFERENCES) == [], (rel, "print")
        page.context.close()


@pytest.mark.parametrize("rel", ["2020/notice/", "2020/projects/kunnan-jiuzhu/"])
def test_a_page_looks_the_same_in_every_state_with_the_trimmed_stylesheet(
    both_stylesheets, rel: str
) -> None:
    page = both_stylesheets(rel)
    for state, action in STATES.items():
        page.evaluate(action)
        page.evaluate(SETTLED)
        assert page.evaluate(DIFFERENCES) == [], state
    # the search dialog with its results, on a wide screen
    page = both_stylesheets(rel, 1280)
    page.keyboard.press("/")
    page.locator("#ms-search-input").fill("低保")
    page.wait_for_selector(".ms-search-results a")
    assert page.evaluate(DIFFERENCES) == [], "search"


def test_a_tooltip_looks_the_same_with_the_trimmed_stylesheet(both_stylesheets) -> None:
    page = both_stylesheets("2020/projects/kunnan-jiuzhu/", 1280)
    page.locator(".md-content abbr[title]").first.hover()
    page.wait_for_selector(".md-tooltip2--active")
    assert page.evaluate(DIFFERENCES) == []


def test_the_comparison_sees_a_rule_left_out(both_stylesheets) -> None:
    page = both_stylesheets("2020/notice/")
    page.evaluate("""() => {
        const sheet = document.querySelector('link[href*="assets/stylesheets/main."]').sheet;
        const rules = Array.from(sheet.cssRules);
        sheet.deleteRule(rules.findIndex(r => r.selectorText === '.md-header'));
    }""")
    assert any(".md-header " in line for line in page.evaluate(DIFFERENCES))
