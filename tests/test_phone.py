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
    "overview": "projects/",
    "notice": "notice/",
    "category": "categories/continued/",
    "situation": "situations/kunnan/",
    "project-items": "projects/kunnan-jiuzhu/",
    "project-figures": "projects/sihao-nongcunlu/",
    "project-blank": "projects/xuesheng-zizhu/",
    "glossary": "glossary/",
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

# Controls smaller than ``min`` px either way. A link inside running text (its parent has
# text of its own beside it) is exempt, as WCAG 2.5.8 exempts inline targets.
SMALL_TARGETS = """(min) => {
  const inline = (el) => el.tagName === 'A' && Array.from(el.parentElement.childNodes)
    .some(n => n !== el && n.nodeType === 3 && n.textContent.trim());
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


@pytest.mark.parametrize("name", list(PAGES))
def test_page_reads_on_a_phone(server: str, phone, name: str, results_dir: Path) -> None:
    phone.goto(server + PAGES[name])
    phone.wait_for_load_state("networkidle")
    shots = results_dir / "phone"
    shots.mkdir(exist_ok=True)
    phone.screenshot(path=shots / f"{name}.png", full_page=True)
    phone.screenshot(path=shots / f"{name}-first-screen.png")  # what a resident sees first
    assert phone.evaluate(SIDEWAYS) == [], f"{name}：有内容超出屏幕或左右滚动"
    assert phone.evaluate(SMALL_TARGETS, 44) == [], f"{name}：有小于 44×44 的可点元素"
    assert phone.evaluate(LOW_CONTRAST) == [], f"{name}：有对比度低于 7:1 的文字"


def test_large_text_switch_is_kept_across_pages(server: str, phone, results_dir: Path) -> None:
    phone.goto(server + PAGES["project-items"])
    switch = phone.locator(".ms-large-switch")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
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
    phone.screenshot(path=results_dir / "phone" / "notice-large-text.png")
    phone.locator(".ms-large-switch").click()
    phone.reload()
    size = phone.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.md-content article p:not([class])')).fontSize)")
    assert size < 20


def test_dibao_standard_in_three_taps_from_home(server: str, phone) -> None:
    """6639 元/年人 (农村居民最低生活保障) from the home page, without search."""
    phone.goto(server)
    taps = 0
    phone.get_by_role("link", name="困难家庭").click()  # the life situation
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
