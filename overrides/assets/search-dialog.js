// The search dialog, loaded by search.js on first use. A modal <dialog>: a labelled search
// box, the number of results announced (aria-live), Esc or 关闭 closes it and focus returns
// to the button that opened it. Results come from Pagefind (pagefind/pagefind.js, written
// by the build, generator/search.py): the page title and a passage of the project's target
// text with the typed words marked. No HTML from the index is inserted as such: titles are
// text, and excerpts are rebuilt from their text and <mark> elements only.

// Ranking measured on tests/search_queries.yaml (README, 搜索): Pagefind's default 97.6%,
// termSimilarity 5 (favours index words as long as the typed ones) 98.4%, and the same
// from 2 to 9 and with keyword weights 1 or 3. The first target text ("promise") is
// metadata only to be shown, so it does not count again in the ranking. The keywords
// metadata holds each keyword split every way (generator/search.py).
// No web worker: it is one more script to download (12 kB gzip) for a search that takes
// milliseconds, and on the main thread Chromium's throttling in the tests applies to it.
import { sumPassage } from "./search-passage.js";
import { find, ordered, prepare, quoted } from "./search-query.js";

const OPTIONS = {
  ranking: { termSimilarity: 5, metaWeights: { promise: 0 } },
  excerptLength: 60, // words: a passage long enough to hold the figure after the words found
  noWorker: true,
};
// Results shown at once: each needs its own small record from the server, and five fill a
// phone's screen; more on request.
const PAGE = 5;
const WAIT = 120; // ms after the last keystroke before searching
const PROMISE_CHARS = 70;
// Without a network (the offline worker, sw.js, keeps what was read and searched before)
const OFFLINE = "手机没有联网：";

let dialog, input, status, list, more, opener, pagefind, root;
let years = []; // the site's years, newest first, when it holds several notices (issue 18)
let yearPick = null; // and then the year filter: all years or one
let entryTag = ""; // the "?ts=" of the index entry that search.js has preloaded
let ready = null; // the loading of Pagefind, started when the dialog first opens
let results = [];
let asksSum = false; // the question is about a sum of money (search-query.js)
let shown = 0;
let run = 0; // the latest search; older ones that finish late are dropped
let timer = 0;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function build() {
  input = el("input", {
    id: "ms-search-input", type: "search", autocomplete: "off", enterkeyhint: "search",
    spellcheck: "false", placeholder: "例如：低保、农村饮水、看病报销、351",
    "aria-describedby": "ms-search-status",
  });
  const close = el("button", { type: "button", class: "ms-search-close" }, "关闭");
  const form = el("form", { role: "search", class: "ms-search-form" },
    el("label", { for: "ms-search-input", id: "ms-search-label" }, "搜索本站：项目名称、常用叫法、目标或数字"),
    el("div", { class: "ms-search-row" }, input, close));
  status = el("p", { id: "ms-search-status", class: "ms-search-status", role: "status", "aria-live": "polite" });
  list = el("ol", { class: "ms-search-results", "aria-labelledby": "ms-search-label" });
  more = el("button", { type: "button", class: "ms-search-more", hidden: "" }, "显示更多结果");
  dialog = el("dialog", { class: "ms-search", "aria-labelledby": "ms-search-label" },
    form, status, list, more);
  document.body.append(dialog);
  setState("idle", "");

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (pagefind && query) pagefind.preload(query);
    timer = setTimeout(() => search(query), query ? WAIT : 0);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault(); // a search box would only clear itself: Esc closes the dialog
      dialog.close();
    } else if (event.key === "ArrowDown" && list.firstChild) {
      event.preventDefault();
      list.querySelector("a").focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    const links = Array.from(list.querySelectorAll("a"));
    const at = links.indexOf(document.activeElement);
    if (at < 0 || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    (next < 0 ? input : links[Math.min(next, links.length - 1)]).focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault(); // Enter opens the first result
    const first = list.querySelector("a");
    if (first) first.click();
  });
  close.addEventListener("click", () => dialog.close());
  more.addEventListener("click", () => showMore(run, true));
  // A click on the backdrop (outside the box, on a wide screen) closes the dialog.
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener("close", () => {
    document.documentElement.classList.remove("ms-search-lock");
    if (opener) opener.focus();
  });
}

function engine() {
  if (!ready) {
    ready = (async () => {
      // The same module search.js has started to load: a module is fetched only once.
      const loaded = await import(new URL("pagefind/pagefind.js", root).href);
      // Result addresses are relative to the site's root, also under a sub-path.
      await loaded.options({ ...OPTIONS, baseUrl: root.pathname, ...(entryTag && { metaCacheTag: entryTag }) });
      await loaded.init();
      await loaded.search(""); // returns once the WebAssembly has loaded, which init() does not wait for
      // The years the index holds (filter year, generator/site/render.py): none on a site of one
      // notice, which shows no year filter.
      const filters = await loaded.filters().catch(() => ({}));
      const held = Object.keys(filters.year || {}).sort().reverse();
      if (held.length > 1 && !yearPick) addYears(held);
      pagefind = loaded;
      dialog.dataset.engine = "ready"; // for tests and bench/resident.py
      return loaded;
    })();
    ready.catch(() => { ready = null; }); // a failed load is tried again on the next search
  }
  return ready;
}

// A labelled list to choose the year of the notices searched: all years (the default) or one.
// Loaded with the dialog, shown once the index says the site holds several notices.
function addYears(held) {
  years = held;
  yearPick = el("select", { id: "ms-search-year" }, el("option", { value: "" }, "全部年份"),
    ...years.map((year) => el("option", { value: year }, `${year}年`)));
  yearPick.addEventListener("change", () => {
    clearTimeout(timer);
    search(input.value.trim());
  });
  input.parentElement.after(el("div", { class: "ms-search-years" },
    el("label", { for: "ms-search-year" }, "年份"), yearPick));
}

// data-state, data-query and data-year say which search the list shows (tests wait for them).
function setState(state, query) {
  dialog.dataset.state = state;
  dialog.dataset.query = query;
  dialog.dataset.year = yearPick ? yearPick.value : "";
}

async function search(query) {
  const mine = ++run;
  if (!query) {
    results = [];
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    setState("idle", "");
    return;
  }
  setState("searching", query);
  const { words, amount } = prepare(query);
  asksSum = amount;
  if (!words.length) {
    results = [];
    list.replaceChildren();
    more.hidden = true;
    status.textContent = `请写出要找的事情，例如“低保”“高龄津贴”：“${query}”只是提问的说法。`;
    setState("done", query);
    return;
  }
  let found, year;
  try {
    const loaded = await engine(); // the year filter is there once Pagefind is
    year = yearPick ? yearPick.value : "";
    found = await find(loaded, words, PAGE, { year, years });
  } catch (error) {
    if (mine === run) {
      status.textContent = navigator.onLine === false
        ? OFFLINE + "这次搜索要用的索引还没有保存在手机上，联网后再试。"
        : "搜索暂时无法使用，请检查网络后再试。";
      setState("error", query);
    }
    return;
  }
  if (mine !== run) return;
  results = ordered(found);
  shown = 0;
  list.replaceChildren();
  await showMore(mine, false);
  if (mine !== run) return;
  const all = found.full.all.length;
  const extra = results.length - all;
  status.textContent = (year ? `${year}年的通知中：` : "") + (navigator.onLine === false
    ? OFFLINE + (list.firstChild
      ? `以下是保存在手机上的 ${list.children.length} 个相关页面；联网后可以搜索全部页面。`
      : `保存在手机上的页面中没有与“${query}”相关的；联网后可以搜索全部页面。`)
    : all && extra
      ? `找到 ${all} 个相关页面；另有 ${extra} 个页面只含有${quoted(found.kept, found.at)}。`
      : all
        ? `找到 ${all} 个相关页面。`
        : extra
          ? `没有同时包含全部词语的结果，下面是包含${quoted(found.kept, found.at)}的结果（${extra} 个）。`
          : `没有找到与“${query}”相关的页面，请换个说法，例如项目名称里的词。`);
  setState("done", query);
}

async function showMore(mine, focusFirst) {
  const batch = results.slice(shown, shown + PAGE);
  // Offline, a result whose record the phone has not kept cannot be shown: left out.
  const pages = await Promise.all(batch.map((result) => result.data().catch(() => null)));
  if (mine !== run) return;
  const items = pages.filter(Boolean).map(item);
  list.append(...items);
  shown += batch.length;
  more.hidden = shown >= results.length;
  if (focusFirst && items.length) items[0].querySelector("a").focus();
}

// A result opens the part of the page that holds the words: the sub-item (its heading, a
// Pagefind sub-result) whose words weigh most, and shows that part's passage of the target
// text, where the figures stand with their units. Without a sub-item: the page itself.
function item(page) {
  const part = bestPart(page);
  const passage = (asksSum && sumExcerpt(page, part)) || (part ? part.excerpt : page.excerpt);
  const excerpt = passage.includes("<mark>") || !page.meta.promise
    ? marked(passage)
    : document.createTextNode(shorten(page.meta.promise));
  const title = page.meta.title || page.url;
  // The year of the notice the page is of, on a site of several (meta year, render.py).
  const year = page.meta.year ? [el("span", { class: "ms-search-when" }, `${page.meta.year}年`)] : [];
  return el("li", {},
    el("a", { href: part ? part.url : page.url }, ...year,
      el("span", { class: "ms-search-title" }, title),
      ...(part ? [el("span", { class: "ms-search-part" }, part.title)] : []),
      el("span", { class: "ms-search-text" }, excerpt)));
}

function bestPart(page) {
  const weight = (sub) => (sub.weighted_locations || []).reduce((sum, w) => sum + w.balanced_score, 0);
  let best = null;
  for (const sub of page.sub_results || []) {
    if (!best || weight(sub) > weight(best)) best = sub;
  }
  // The page's own title (h1) is the top of the page: no part of it.
  return best && best.anchor && !/^h1$/i.test(best.anchor.element) ? best : null;
}

// For a question about a sum, the passage of the part (or page) that holds the sum the found
// words lead to (search-passage.js), as Pagefind would mark it: its words are escaped text.
function sumExcerpt(page, part) {
  const words = (page.raw_content || "").split("\u200B");
  const start = part ? part.anchor.location : 0;
  const after = page.anchors.filter((a) => /^h\d$/i.test(a.element) && a.location > start);
  const end = Math.min(words.length, ...after.map((a) => a.location));
  const found = part ? part.locations : page.locations;
  const range = sumPassage(words, found, start, end);
  if (!range) return "";
  const [from, to] = range;
  const marks = new Set(found);
  const text = words.slice(from, to).map((word, i) => (marks.has(from + i) ? `<mark>${word}</mark>` : word));
  return (from > start ? "…" : "") + text.join("").trim() + (to < end ? "…" : "");
}

// Pagefind's excerpt is escaped text with <mark> around the typed words: keep exactly that.
function marked(html) {
  const parsed = document.createElement("template");
  parsed.innerHTML = html; // inert: nothing in a template runs or loads
  const out = document.createDocumentFragment();
  for (const node of parsed.content.childNodes) {
    out.append(node.nodeName === "MARK" ? el("mark", {}, node.textContent) : node.textContent);
  }
  return out;
}

function shorten(text) {
  return text.length > PROMISE_CHARS ? text.slice(0, PROMISE_CHARS) + "…" : text;
}

export function open(button, siteRoot, cacheTag) {
  opener = button;
  root = siteRoot;
  entryTag = cacheTag;
  if (!dialog) build();
  if (dialog.open) return;
  document.documentElement.classList.add("ms-search-lock");
  dialog.showModal();
  input.focus();
  input.select();
  engine().catch(() => {}); // start loading the index while the resident types
}
