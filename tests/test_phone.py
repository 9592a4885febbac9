"""The site on a phone (360×740) in Chromium, as a resident uses it (issue 14).

Every page type: nothing in the content scrolls sideways; every control is at least
44×44 px (inline links in running text excepted); text and links have 7:1 contrast. The
大字 switch gives 20 px text and 60 px targets and is kept across pages. A resident finds
农村居民最低生活保障's 6639 from the home page in at most three taps, without search.
Screenshots of each page are kept in test-results/phone/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PHONE

PAGES = {
    "home": "",
    "overview": "2020/projects/",
    "notice": "2020/notice/",
    "category": "2020/categories/continued/",
    "situation": "2020/situations/kunnan/",
    "project-items": "2020/projects/kunnan-jiuzhu/",
    "project-figures": "2020/projects/sihao-nongcunlu/",
    "project-blank": "2020/projects/xuesheng-zizhu/",
    "glossary": "2020/glossary/",
    "subscribe": "subscribe/",
    "data": "data/",
    "about": "about/",
}

# Elements that stick out of the viewport, or scroll sideways inside it (not the hidden
# table heads of the card layout, which are clipped to 1 px for screen readers).
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > width) out.push('page ' + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll('.md-content *')) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.display === 'none' || style.visibility === 'hidden' || box.width <= 1) continue;
    if (box.right > width + 0.5) out.push(el.tagName + '.' + el.className + ' ends at ' + Math.round(box.right));
    if (el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(style.overflowX))
      out.push(el.tagName + '.' + el.className + ' scrolls sideways');
  }
  return out.slice(0, 10);
}"""

# Controls smaller than ``min`` px either way, folded parts (<details>) opened first. A link
# inside running text is exempt, as WCAG 2.5.8 exempts inline targets: one with words
# (not only punctuation) right beside it on its line. A link on a line of its own (after a
# <br>) or in a list of links joined by punctuation (“甲、乙”, “甲（乙）”) stands alone.
SMALL_TARGETS = """(min) => {
  document.querySelectorAll('.md-content details').forEach(d => { d.open = true; });
  const words = (n) => n && n.nodeType === 3 && /[\\p{L}\\p{N}]/u.test(n.textContent);
  const punct = (n) => n && n.nodeType === 3 && !words(n) && n.textContent.trim();
  const listed = (n, next) => punct(n) && (next ? n.nextSibling : n.previousSibling)?.tagName === 'A';
  const inline = (el) => el.tagName === 'A' && !listed(el.previousSibling, false) && !listed(el.nextSibling, true)
    && (words(el.previousSibling) || words(el.nextSibling));
  const out = [];
  const controls = document.querySelectorAll(
    '.md-content a[href], .md-content button, .md-content input, .md-content [role=button], .ms-large-switch');
  for (const el of controls) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.display === 'none' || style.visibility === 'hidden' || box.width === 0) continue;
    if (el.closest('.md-typeset table thead') && box.width <= 1) continue;
    if (inline(el)) continue;
    if (box.width < min - 0.5 || box.height < min - 0.5)
      out.push(`${el.tagName} “${el.textContent.trim().slice(0, 20)}” ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return out;
}"""

# Text with less than 7:1 contrast against what is behind it.
LOW_CONTRAST = """() => {
  const rgb = (s) => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  // the colour behind an element: its own and its ancestors' backgrounds, composited
  const background = (el) => {
    const layers = [];
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      const alpha = c.length < 4 ? 1 : c[3];
      if (alpha > 0) layers.push([c.slice(0, 3), alpha]);
      if (alpha === 1) break;
    }
    return layers.reverse().reduce((under, [c, a]) => c.map((v, i) => v * a + under[i] * (1 - a)), [255, 255, 255]);
  };
  const out = new Set();
  const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('[aria-hidden=true], .md-typeset thead')) continue;
    let fg = rgb(style.color);
    const bg = background(el);
    if (fg.length === 4) fg = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 7) out.add(`${el.tagName}.${el.className} “${node.textContent.trim().slice(0, 12)}” ${ratio.toFixed(2)}`);
  }
  return Array.from(out).slice(0, 10);
}"""


# Figure units smaller than ``min`` px.
SMALL_UNITS = """(min) => Array.from(document.querySelectorAll('.md-content .ms-unit'))
  .filter(el => el.getClientRects().length && parseFloat(getComputedStyle(el).fontSize) < min - 0.01)
  .map(el => `单位 “${el.textContent}” ${getComputedStyle(el).fontSize}`)"""


def small_tooltips(phone, least: float) -> list[str]:
    """Tooltips (a glossary term's, a figure's in the text) smaller than ``least`` px, shown
    as a reader shows them: the pointer on the first of each kind."""
    out = []
    for host in ["abbr[title]", "a.ms-fig[title]"]:
        found = phone.locator(f".md-content {host}")
        if not found.count():
            continue
        found.first.scroll_into_view_if_needed()
        found.first.hover()
        tip = phone.locator(".md-tooltip2--active .md-tooltip2__inner")
        tip.wait_for()
        size = float(tip.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
        if size < least - 0.01:
            out.append(f"{host} 的提示 {size}px")
        phone.mouse.move(0, 0)
    phone.evaluate("() => window.scrollTo(0, 0)")
    return out


@pytest.mark.parametrize("name", list(PAGES))
def test_page_reads_on_a_phone(server: str, phone, name: str, results_dir: Path) -> None:
    phone.goto(server + PAGES[name])
    phone.wait_for_load_state("networkidle")
    shots = results_dir / "phone"
    shots.mkdir(exist_ok=True)
    # (the data dictionary is 26,000 px long: its whole-page picture takes ~10 s here)
    phone.screenshot(path=shots / f"{name}.png", full_page=True, timeout=60_000)
    phone.screenshot(path=shots / f"{name}-first-screen.png")  # what a resident sees first
    assert phone.evaluate(SIDEWAYS) == [], f"{name}：有内容超出屏幕或左右滚动"
    assert phone.evaluate(SMALL_TARGETS, 44) == [], f"{name}：有小于 44×44 的可点元素"
    assert phone.evaluate(LOW_CONTRAST) == [], f"{name}：有对比度低于 7:1 的文字"
    assert phone.evaluate(SMALL_UNITS, 14) == [], f"{name}：有小于 14px 的单位"
    assert small_tooltips(phone, 14) == [], f"{name}：有小于 14px 的提示文字"


def test_large_text_switch_is_kept_across_pages(server: str, phone, results_dir: Path) -> None:
    phone.goto(server + PAGES["project-items"])
    switch = phone.locator(".ms-large-switch")
    assert switch.get_attribute("aria-pressed") == "false"
    assert switch.text_content() == "大字：关"
    assert phone.get_by_role("button", name="大字", exact=True).count() == 1  # its name stays
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    assert switch.text_content() == "大字：开"
    for name in ["project-items", "home", "notice"]:
        if name != "project-items":
            phone.goto(server + PAGES[name])
        phone.wait_for_load_state("networkidle")
        size = phone.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.md-content article p:not([class])')).fontSize)")
        line = phone.evaluate(
            "() => { const s = getComputedStyle(document.querySelector('.md-content article p:not([class])'));"
            " return parseFloat(s.lineHeight) / parseFloat(s.fontSize); }"
        )
        assert size >= 20, f"{name}：大字模式下正文只有 {size}px"
        assert line >= 1.6, f"{name}：大字模式下行高只有 {line:.2f}"
        assert phone.locator(".ms-large-switch").get_attribute("aria-pressed") == "true"
        assert phone.evaluate(SMALL_TARGETS, 60) == [], f"{name}：大字模式下有小于 60×60 的可点元素"
        assert phone.evaluate(SIDEWAYS) == [], f"{name}：大字模式下有内容左右滚动"
        assert phone.evaluate(LOW_CONTRAST) == [], f"{name}：大字模式下有对比度低于 7:1 的文字"
        assert phone.evaluate(SMALL_UNITS, 20) == [], f"{name}：大字模式下有小于 20px 的单位"
        assert small_tooltips(phone, 20) == [], f"{name}：大字模式下有小于 20px 的提示文字"
        assert phone.locator(".ms-large-switch").text_content() == "大字：开"
    phone.screenshot(path=results_dir / "phone" / "notice-large-text.png")
    phone.locator(".ms-large-switch").click()
    phone.reload()
    size = phone.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.md-content article p:not([class])')).fontSize)")
    assert size < 20


def test_dibao_standard_in_three_taps_from_home(server: str, phone) -> None:
    """6639 元/年人 (农村居民最低生活保障) from the home page, without search."""
    phone.goto(server)
    taps = 0
    phone.locator(".md-content").get_by_role("link", name="困难家庭").click()  # the life situation
    taps += 1
    # (instant navigation swaps the page in place: wait for the new page's content)
    figure = phone.locator(".ms-members .ms-value", has_text="6639")
    figure.wait_for()
    assert figure.count() == 1, "困难家庭页上没有 6639"
    figure.locator("xpath=ancestor::a").click()  # the project it belongs to
    taps += 1
    shown = phone.locator(".ms-glance .ms-value", has_text="6639")
    shown.wait_for()
    assert shown.is_visible() and shown.bounding_box()["y"] < PHONE["height"], "项目页第一屏没有 6639"
    phone.locator(".ms-glance a", has_text="农村居民最低生活保障").click()  # its sub-item
    taps += 1
    row = phone.locator("tr#dibao-biaozhun")
    row.scroll_into_view_if_needed()
    assert "6639" in row.inner_text() and "元/年人" in row.inner_text()
    assert taps <= 3


def test_pilcrow_copies_the_address_and_says_so(server: str, phone) -> None:
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone.goto(server + PAGES["project-items"])
    phone.locator("tr#dibao-biaozhun a.headerlink").click()
    toast = phone.locator(".ms-toast")
    toast.wait_for()
    expected = server + PAGES["project-items"] + "#dibao-biaozhun"
    assert toast.inner_text() == f"已复制本处网址：{expected}"
    assert phone.evaluate("() => navigator.clipboard.readText()") == expected


def test_first_screen_of_every_project_page_holds_year_promise_and_figures(
    server: str, phone, notice, results_dir: Path
) -> None:
    """At 360×740 the first screen shows the year, the figures (the sub-items with their
    figures, or the first figures of the one target) and the start of the promise; the
    material for media and staff is folded below everything else."""
    shots = results_dir / "phone" / "first-screen"
    shots.mkdir(parents=True, exist_ok=True)
    height = PHONE["height"]
    wrong = []
    for project in notice.projects:
        phone.goto(server + f"2020/projects/{project.id}/")
        phone.wait_for_load_state("networkidle")
        phone.screenshot(path=shots / f"{project.id}.png")
        box = phone.evaluate(
            """() => Object.fromEntries(['.ms-year-state', '.ms-lede .ms-glance', 'blockquote.ms-promise',
                 'details.ms-staff', '.ms-prevnext'].map(s => {
               const el = document.querySelector(s);
               if (!el) return [s, null];
               const r = el.getBoundingClientRect();
               return [s, {top: r.top, bottom: r.bottom, open: el.open === true}];
             }))"""
        )
        year, glance, promise = box[".ms-year-state"], box[".ms-lede .ms-glance"], box["blockquote.ms-promise"]
        if year["bottom"] > height:
            wrong.append(f"{project.id}：年度说明不在第一屏")
        # a project the notice gives no task this year shows no figure to reach (issue 20)
        shows_figures = not project.no_task and any(ind.has_figure for ind in project.all_indicators)
        if shows_figures and not (glance and glance["top"] + 44 <= height):
            wrong.append(f"{project.id}：数字不在第一屏")
        # the promise: its first lines (one target), or the sub-items it is split into
        if not project.items and promise["top"] + 60 > height:
            wrong.append(f"{project.id}：目标任务原文不在第一屏（从 {promise['top']:.0f}px 开始）")
        staff = box["details.ms-staff"]
        if staff["open"] or staff["top"] < box[".ms-prevnext"]["bottom"]:
            wrong.append(f"{project.id}：供媒体和工作人员的部分没有折叠在最后")
    assert not wrong, "\n".join(wrong)


def test_an_address_inside_the_fold_opens_it(server: str, phone) -> None:
    """A permanent anchor in the folded part (引用本页) still lands there, open."""
    phone.goto(server + PAGES["project-items"] + "#yinyong")
    phone.wait_for_load_state("networkidle")
    assert phone.locator("details.ms-staff").evaluate("d => d.open")
    heading = phone.locator("h2#yinyong").bounding_box()
    assert heading is not None and 0 <= heading["y"] < PHONE["height"]
    # and from a link on the page (an in-page address: hashchange, no reload)
    phone.goto(server + PAGES["project-figures"])
    phone.wait_for_load_state("networkidle")
    assert not phone.locator("details.ms-staff").evaluate("d => d.open")
    phone.evaluate("() => { location.hash = '#yinyong'; }")
    phone.wait_for_function("() => document.querySelector('details.ms-staff').open")
    phone.locator("details.ms-staff summary").click()  # a tap folds it again
    assert not phone.locator("details.ms-staff").evaluate("d => d.open")
