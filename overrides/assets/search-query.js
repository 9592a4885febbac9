// Query preparation for the search dialog (search-dialog.js): a resident's question becomes
// the words Pagefind should look for, and, when no page holds them all, fewer words in a fixed
// order; then the searches themselves and the order of their results. No DOM here, and
// Pagefind is handed in: tests/search_query.test.mjs runs it under node with a fake index.
//
// Pagefind keeps a page only if it holds every word of the query (it splits Chinese with the
// browser's Intl.Segmenter, as here). 多少钱, 怎么领, 有没有, 一年 … are in no target text,
// so a question such as 低保一年多少钱 found nothing (issue 21). Two steps:
//  1. words that only make the query a question are taken out (QUESTION, ASIDE);
//  2. if the rest still finds nothing, words are dropped one at a time (relax): first those
//     no page holds at all, then the most common of the rest (the least telling, as a word's
//     weight in ranking falls with the number of pages holding it), until a page holds all
//     that is left. The dialog says which words the results hold.

// Phrases that ask rather than name: taken out of the typed text wherever they stand, longest
// first (一年 before 一, 多少钱 before 多少). None is part of a word the notice uses for a
// programme or a figure.
export const QUESTION = [
  "是什么意思", "什么意思", "什么时候", "是多少钱", "可不可以", "怎么申请",
  "多少钱", "是多少", "有多少", "怎么样", "怎么办", "怎么领", "怎么弄", "能不能", "有没有",
  "是不是", "是什么", "要不要", "一个月", "每个月", "一个人", "每个人",
  "多少", "怎么", "怎样", "如何", "能否", "可以", "什么", "哪些", "哪里", "哪儿", "在哪",
  "有吗", "一位", "一名", "一年", "每年", "每月", "每人", "今年", "我家", "我们", "咱们", "自己", "请问",
];
// Words that, standing alone after Intl.Segmenter has split the rest, only carry the question
// (能 领 吗 …) or a unit of money the notice writes as 元.
export const ASIDE = new Set([
  "吗", "呢", "啊", "吧", "呀", "么", "的", "了", "是", "有", "能", "会", "要", "想", "领", "拿",
  "吃", "给", "去", "在", "和", "都", "还", "也", "就", "几", "谁", "哪", "钱", "块", "我", "你",
  "他", "她", "个", "位", "多", "少", "不", "交", "掏", "办", "做", "找", "问", "用",
]);
// A question about an amount: the dialog then prefers a passage with a sum of money.
const AMOUNT = /多少钱|钱|多少|标准|补贴|补助|津贴|一年|每年|每月|一个月|每个月/;
const HAN = /^\p{Script=Han}$/u;

/**
 * A query as the words to look for.
 * @param {string} query what the resident typed
 * @returns {{words: string[], asked: boolean, amount: boolean}} ``words``: in the typed
 *   order, a run of single characters kept as one word (低 保 → 低保, 危 房 → 危房);
 *   ``asked``: something was taken out; ``amount``: the question is about a sum.
 */
export function prepare(query) {
  let text = query.normalize("NFKC").toLowerCase();
  const amount = AMOUNT.test(text);
  const before = text.replace(/[\s\p{P}\p{S}]+/gu, "");
  for (const phrase of QUESTION) text = text.split(phrase).join(" ");
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  const words = [];
  let single = false; // the last word is a run of single Han characters, next to this one
  for (const { segment: word, isWordLike } of segmenter.segment(text)) {
    const one = HAN.test(word);
    if (!isWordLike || ASIDE.has(word)) single = false; // what was taken out parts a run
    else if (one && single) words[words.length - 1] += word;
    else {
      words.push(word);
      single = one;
    }
  }
  return { words, asked: words.join("") !== before, amount };
}

/**
 * The words to search for when too few pages hold them all.
 * @param {string[]} words from ``prepare``
 * @param {(words: string[]) => Promise<number>} count pages holding all the given words
 * @param {number} enough pages wanted: words are dropped until that many pages hold the rest,
 *   or one word (the most telling) is left
 * @returns {Promise<{kept: string[], at: number[]}>} the words (or pieces of them) to
 *   search for, and the place in ``words`` of each; ``kept`` is empty when no page holds any.
 */
export async function relax(words, count, enough = 1) {
  const alone = await Promise.all(words.map((word) => shortest(word, count)));
  let kept = alone.map((found, at) => ({ ...found, at })).filter((w) => w.pages > 0);
  while (kept.length > 1 && (await count(kept.map((w) => w.word))) < enough) {
    // The most common word goes; of two as common, the shorter, then the earlier (a Chinese
    // phrase ends with its head: 预防接种 is a kind of 接种, 看病报销 a kind of 报销).
    const worst = kept.reduce((a, b) =>
      b.pages > a.pages || (b.pages === a.pages && (b.word.length < a.word.length ||
        (b.word.length === a.word.length && b.at < a.at))) ? b : a);
    kept = kept.filter((w) => w !== worst);
  }
  return { kept: kept.map((w) => w.word), at: kept.map((w) => w.at) };
}

// A word as many pages hold it; a Chinese word that no page holds, as the longest piece of it
// that some page holds (棚改房 → 棚改, 吃水难 → 吃水, 看戏 → 戏), leftmost first, down to two
// characters (one for a word of two).
async function shortest(word, count) {
  const pages = await count([word]);
  if (pages || word.length < 2 || !/^\p{Script=Han}+$/u.test(word)) return { word, pages };
  for (let size = word.length - 1; size >= Math.min(2, word.length - 1); size--) {
    for (let start = 0; start + size <= word.length; start++) {
      const piece = word.slice(start, start + size);
      const found = await count([piece]);
      if (found) return { word: piece, pages: found };
    }
  }
  return { word, pages: 0 };
}

/**
 * The kept words for the result count line, as the resident wrote them: words that stood
 * together in the query stay together (公益 性 岗位 → “公益性岗位”).
 * @param {string[]} kept from ``relax``
 * @param {number[]} at from ``relax``
 */
export function quoted(kept, at) {
  const runs = [];
  kept.forEach((word, i) => {
    if (i && at[i] === at[i - 1] + 1) runs[runs.length - 1] += word;
    else runs.push(word);
  });
  return runs.map((run) => `“${run}”`).join("");
}

/**
 * The search for a question's words: pages with all the words (``prepare`` takes out the
 * words that only ask); when none or fewer than ``enough``, also pages with fewer words
 * (``relax``), the least telling dropped first. How telling a word is counts on the pages
 * that answer (project pages), so that a word only a page about the site holds (报名 in the
 * clerks' guide) goes before a word of the programme (公益性岗位). Residents write 看病报销,
 * 打疫苗 or 上幼儿园 where the notice says 报销比例, 疫苗 and 幼儿园: a page need not hold
 * every word to answer.
 * @param {{search: Function}} pagefind Pagefind's API (the dialog loads it)
 * @param {string[]} words from ``prepare``
 * @param {number} enough project pages with all the words that make relaxing needless
 * @param {{year?: string, years?: string[]}} scope on a site of several notices (issue 18):
 *   ``year``, the one year the resident chose (else every year); ``years``, the site's years,
 *   newest first, to put the latest first when no year is chosen. Neither on a site of one.
 * @returns {Promise<object>} ``full`` and ``some`` (the results for all the words and for the
 *   kept ones, each ``{answers, others, all}``), ``kept`` and ``at`` (as ``relax`` gives them)
 */
export async function find(pagefind, words, enough, scope = {}) {
  const found = new Map(); // the words searched for -> results, each search run once
  const look = (some) => {
    const key = some.join(" ");
    if (!found.has(key)) found.set(key, answersFirst(pagefind, key, scope));
    return found.get(key);
  };
  const full = await look(words);
  const none = { full, some: [], kept: words, at: words.map((_, i) => i) };
  // Enough when a screenful of project pages holds all the words, or the one word typed.
  if (full.answers.length >= enough || (words.length < 2 && full.answers.length)) return none;
  const count = async (some) => (await look(some)).answers.length;
  const { kept, at } = await relax(words, count, full.answers.length ? enough : 1);
  if (!kept.length || kept.join(" ") === words.join(" ")) return none;
  return { full, some: await look(kept), kept, at };
}

// The results in order: the pages that answer (project pages) before the others, and in each
// group those with all the words before those with the kept words.
export function ordered({ full, some }) {
  const seen = new Set();
  const fresh = (result) => !seen.has(result.id) && seen.add(result.id);
  return [full.answers, some.answers || [], full.others, some.others || []]
    .flatMap((group) => group.filter(fresh));
}

// The project pages (filter kind:project, templates/project.md.j2) answer a resident's
// question; the pages about the site or the rules (关于本站, 工作要求, the glossary) follow
// them, each group in Pagefind's order. 低保多少钱 ranked 工作要求 and 关于本站 first.
// A chosen year (filter year, render.py's _year_marks) holds for both searches; with none, on a
// site of several notices, one search a year says which year each page is of.
async function answersFirst(pagefind, key, { year = "", years = [] }) {
  const only = year ? { year } : {};
  const [answers, every, ...dated] = await Promise.all([
    pagefind.search(key, { filters: { ...only, kind: "project" } }),
    pagefind.search(key, { filters: only }),
    ...(year ? [] : years).map((each) => pagefind.search(key, { filters: { year: each } })),
  ]);
  const ids = new Set(answers.results.map((result) => result.id));
  const others = every.results.filter((result) => !ids.has(result.id));
  const latest = latestFirst(dated);
  return { answers: latest(answers.results), others: latest(others), all: every.results };
}

// Results in the order of the years' searches (newest first), each year's pages in Pagefind's
// order; the pages of no year (关于本站, a programme's 历年目标) after them. Pagefind's own sort
// (sort: {year: "desc"}) cannot do this: it replaces the ranking with the order of the index
// (名词解释 before the project pages) and leaves out every page without a year.
function latestFirst(dated) {
  const of = new Map();
  dated.forEach((found, at) => found.results.forEach((result) => of.set(result.id, at)));
  const rank = (result) => of.get(result.id) ?? dated.length;
  return (results) => (dated.length ? results.slice().sort((a, b) => rank(a) - rank(b)) : results);
}
