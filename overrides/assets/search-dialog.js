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
const OPTIONS = {
  ranking: { termSimilarity: 5, metaWeights: { promise: 0 } },
  excerptLength: 36,
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
let entryTag = ""; // the "?ts=" of the index entry that search.js has preloaded
let ready = null; // the loading of Pagefind, started when the dialog first opens
let results = [];
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
      pagefind = loaded;
      dialog.dataset.engine = "ready"; // for tests and bench/resident.py
      return loaded;
    })();
    ready.catch(() => { ready = null; }); // a failed load is tried again on the next search
  }
  return ready;
}

// data-state and data-query say which search the list shows (tests wait for them).
function setState(state, query) {
  dialog.dataset.state = state;
  dialog.dataset.query = query;
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
  let all, some;
  try {
    [all, some] = await find(await engine(), query);
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
  results = all.concat(some);
  shown = 0;
  list.replaceChildren();
  await showMore(mine, false);
  if (mine !== run) return;
  status.textContent = navigator.onLine === false
    ? OFFLINE + (list.firstChild
      ? `以下是保存在手机上的 ${list.children.length} 个相关页面；联网后可以搜索全部页面。`
      : `保存在手机上的页面中没有与“${query}”相关的；联网后可以搜索全部页面。`)
    : all.length
    ? `找到 ${results.length} 个相关页面。`
    : some.length
      ? `没有同时含有这几个词的页面；以下 ${some.length} 个页面含有其中大部分的词。`
      : `没有找到与“${query}”相关的页面，请换个说法，例如项目名称里的词。`;
  setState("done", query);
}

// Pages with all the words of the query, then, when they are few, pages with all of them
// but one, those missing the shortest word first. Residents write 看病报销, 打疫苗 or
// 上幼儿园 where the notice says 报销比例, 疫苗 and 幼儿园: a page need not have every
// word of the question to be its answer.
async function find(pagefind, query) {
  const all = (await pagefind.search(query)).results;
  const words = Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(query))
    .filter((s) => s.isWordLike)
    .map((s) => s.segment);
  if (all.length >= PAGE || words.length < 2 || words.length > 6) return [all, []];
  const seen = new Set(all.map((result) => result.id));
  const shorter = words.map((_, i) => words.filter((__, j) => j !== i).join(""));
  const partial = new Map();
  const found = await Promise.all(shorter.map((rest) => pagefind.search(rest)));
  found.forEach((search, i) => {
    for (const result of search.results) {
      const kept = shorter[i].length; // more of the query kept: a better answer
      const entry = partial.get(result.id);
      if (seen.has(result.id) || (entry && entry.kept >= kept)) continue;
      partial.set(result.id, { result, kept, score: result.score });
    }
  });
  const some = Array.from(partial.values())
    .sort((a, b) => b.kept - a.kept || b.score - a.score)
    .map((entry) => entry.result);
  return [all, some];
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

function item(page) {
  const excerpt = page.excerpt.includes("<mark>") || !page.meta.promise
    ? marked(page.excerpt)
    : document.createTextNode(shorten(page.meta.promise));
  return el("li", {},
    el("a", { href: page.url },
      el("span", { class: "ms-search-title" }, page.meta.title || page.url),
      el("span", { class: "ms-search-text" }, excerpt)));
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
