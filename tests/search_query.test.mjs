// Unit tests of the search dialog's query preparation and searches
// (overrides/assets/search-query.js), run by node's test runner from tests/test_search_query.py. Node splits Chinese with the
// same Intl.Segmenter as Chromium; the cases hold for any split of the words they keep.
import assert from "node:assert/strict";
import { test } from "node:test";

import { QUESTION, find, ordered, prepare, quoted, relax } from "../overrides/assets/search-query.js";

test("asking words never reach the search", () => {
  assert.deepEqual(prepare("低保一年多少钱").words, ["低保"]);
  assert.deepEqual(prepare("我家能不能吃低保？").words, ["低保"]);
  assert.deepEqual(prepare("高龄津贴怎么领").words.join(""), "高龄津贴");
  assert.deepEqual(prepare("孤儿每个月有多少生活费").words.join(""), "孤儿生活费");
  assert.deepEqual(prepare("五保户有没有护理补贴").words.join(""), "五保户护理补贴");
  assert.equal(prepare("低保一年多少钱").asked, true);
  assert.equal(prepare("低保").asked, false);
  assert.deepEqual(prepare("多少钱？").words, []);
});

test("a question about a sum is known as one", () => {
  assert.equal(prepare("孤儿一个月多少钱").amount, true);
  assert.equal(prepare("法律援助怎么申请").amount, false);
});

test("figures and names stay whole", () => {
  assert.deepEqual(prepare("351是什么意思").words, ["351"]);
  assert.deepEqual(prepare("6639").words, ["6639"]);
  // Single characters that stood together are one word; what was taken out parts them.
  assert.ok(prepare("危房改造补助多少钱").words.includes("危房"));
  assert.ok(!prepare("学杂费免不免").words.some((word) => word.includes("免免")));
});

test("no asking word is part of a programme's name", async () => {
  const { readFileSync } = await import("node:fs");
  const data = readFileSync(new URL("../data/projects.yaml", import.meta.url), "utf8");
  const names = Array.from(data.matchAll(/^\s+(?:- id: .*\n\s+)?name: "(.*)"$/gm), (m) => m[1]);
  assert.ok(names.length > 40, names.length);
  for (const name of names) {
    for (const phrase of QUESTION) assert.ok(!name.includes(phrase), `${name} ⊃ ${phrase}`);
  }
});

// Pages by word, as a fake index: a page holds the words listed for it.
function index(pages) {
  const count = async (words) =>
    Object.values(pages).filter((held) => words.every((word) => held.includes(word))).length;
  return count;
}

test("relaxing drops first the words no page holds, then the most common", async () => {
  const count = index({
    a: ["低保", "标准", "农村"],
    b: ["农村", "公路"],
    c: ["农村", "饮水"],
  });
  assert.deepEqual(await relax(["低保", "小孩"], count), { kept: ["低保"], at: [0] });
  // 农村 (3 pages) goes before 公路 (1); 低保 公路 still has no page, then 低保 or 公路:
  // equally common and as long, the earlier goes (a phrase ends with its head).
  assert.deepEqual(await relax(["低保", "农村", "公路"], count), { kept: ["公路"], at: [2] });
  assert.deepEqual(await relax(["低保", "标准", "小孩"], count), { kept: ["低保", "标准"], at: [0, 1] });
  assert.deepEqual(await relax(["小孩"], count), { kept: [], at: [] });
});

test("relaxing to enough pages stops at the most telling word", async () => {
  const count = index({ a: ["农村", "饮水"], b: ["农村"], c: ["农村"] });
  assert.deepEqual((await relax(["农村", "饮水"], count, 3)).kept, ["饮水"]);
  assert.deepEqual((await relax(["农村", "饮水"], count, 1)).kept, ["农村", "饮水"]);
});

test("a run no page holds is shortened to a piece some page holds", async () => {
  const count = index({ a: ["棚改", "改造"], b: ["戏"] });
  assert.deepEqual(await relax(["棚改房"], count), { kept: ["棚改"], at: [0] });
  assert.deepEqual(await relax(["看戏"], count), { kept: ["戏"], at: [0] });
});

test("the count line quotes the kept words as they were written", () => {
  assert.equal(quoted(["公益", "性", "岗位"], [0, 1, 2]), "“公益性岗位”");
  assert.equal(quoted(["低保", "标准"], [0, 2]), "“低保”“标准”");
});

test("a question about a sum is shown the sum its words lead to", async () => {
  const { sumPassage } = await import("../overrides/assets/search-passage.js");
  // 对 23723 名 重度 残疾人 给予 护理 补贴 ， 补贴 标准 为 每人 每月 60 元 。
  const words = ["生活", "补贴", "每人", "每年", "800", "元", "、", "400", "元", "。", "对", "23723",
    "名", "重度", "残疾人", "给予", "护理", "补贴", "，", "补贴", "标准", "为", "每人", "每月",
    "60", "元", "。"];
  const found = [16, 17, 19]; // 护理 补贴 补贴
  assert.deepEqual(sumPassage(words, found, 0, words.length), [0, 27]); // to 60元。
  assert.deepEqual(sumPassage(words, found, 10, words.length), [10, 27]); // within the part
  // Found words before the first sum only: that one, with 6 words after it (、400元。).
  assert.deepEqual(sumPassage(words, [1], 0, words.length), [0, 10]);
  // No sum after the found words, no sum at all: no passage.
  assert.equal(sumPassage(words, [26], 0, words.length), null);
  assert.equal(sumPassage(["低保", "53095", "人"], [0], 0, 3), null);
});

// A fake Pagefind: pages in its ranking order, each with its words and filter values. A search
// finds the pages that hold every word of the query and every filter value asked for, in that
// order, and is recorded.
function fakePagefind(pages) {
  const calls = [];
  const search = async (key, { filters = {} } = {}) => {
    calls.push({ key, filters });
    const words = key.split(" ");
    const held = (page) => words.every((word) => page.words.includes(word)) &&
      Object.entries(filters).every(([name, value]) => page[name] === value);
    return { results: pages.filter(held).map(({ id }) => ({ id })) };
  };
  return { calls, search };
}
const ids = (found) => ordered(found).map((result) => result.id);

test("project pages come first, each group in Pagefind's order", async () => {
  const pagefind = fakePagefind([
    { id: "about", words: ["低保"] },
    { id: "dibao", words: ["低保", "标准"], kind: "project" },
    { id: "rules", words: ["低保", "标准"] },
    { id: "tekun", words: ["低保"], kind: "project" },
    { id: "canji", words: ["标准"], kind: "project" },
    { id: "yanglao", words: ["标准"], kind: "project" },
  ]);
  assert.deepEqual(ids(await find(pagefind, ["低保"], 5)), ["dibao", "tekun", "about", "rules"]);
  assert.deepEqual(pagefind.calls, [
    { key: "低保", filters: { kind: "project" } }, { key: "低保", filters: {} }]);
  // Fewer than enough with every word: the pages with the kept word (标准 is the commoner on
  // project pages) follow those with both, in each group.
  const found = await find(pagefind, ["低保", "标准"], 5);
  assert.deepEqual(found.kept, ["低保"]);
  assert.deepEqual(ids(found), ["dibao", "tekun", "rules", "about"]);
});

// A site of several notices (issue 18): pages in Pagefind's order, each of a year but 关于本站.
const YEARS = ["2021", "2020"];
const twoNotices = () => fakePagefind([
  { id: "2020/dibao", words: ["低保"], kind: "project", year: "2020" },
  { id: "about", words: ["低保"] },
  { id: "2021/dibao", words: ["低保"], kind: "project", year: "2021" },
  { id: "2020/glossary", words: ["低保"], year: "2020" },
  { id: "2020/tekun", words: ["低保"], kind: "project", year: "2020" },
  { id: "2021/glossary", words: ["低保"], year: "2021" },
  { id: "2021/tekun", words: ["低保"], kind: "project", year: "2021" },
]);

test("the latest year comes first in each group, Pagefind's order within a year", async () => {
  const found = await find(twoNotices(), ["低保"], 5, { years: YEARS });
  assert.deepEqual(ids(found), ["2021/dibao", "2021/tekun", "2020/dibao", "2020/tekun",
    "2021/glossary", "2020/glossary", "about"]);
  assert.equal(found.full.all.length, 7);
});

test("a chosen year holds for both searches of every query", async () => {
  const pagefind = twoNotices();
  const found = await find(pagefind, ["低保", "小孩"], 5, { year: "2020", years: YEARS });
  assert.deepEqual(ids(found), ["2020/dibao", "2020/tekun", "2020/glossary"]);
  assert.ok(pagefind.calls.length > 2); // relaxed: 小孩 is on no page
  for (const { filters } of pagefind.calls) assert.equal(filters.year, "2020");
});
