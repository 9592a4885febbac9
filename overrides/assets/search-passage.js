// The passage a result shows for a question about a sum (低保一年多少钱): the part of the
// target text that holds the sum of money the found words lead to, with its unit and what
// stands before it (每人每月不低于1050元), rather than Pagefind's passage around the words,
// which may stop just before the number. No DOM and no Pagefind here: tests/search_query.test.mjs.

const BEFORE = 36; // words shown before the sum: the scope (每人每月) and the qualifier (不低于)
const AFTER = 6; // and after it: the unit (元/年人) and a second sum (800元、400元)
const NEAR = 24; // found words this close before a sum lead to it

/**
 * Where the passage for a sum lies in a page's words.
 * @param {string[]} words the page's words (Pagefind's raw content split at its word marks)
 * @param {number[]} found the places of the found words in ``words``
 * @param {number} start first word of the part (a sub-item's heading)
 * @param {number} end the word after the part
 * @returns {[number, number] | null} the first word and the word after the passage, or null
 *   when the part holds no sum of money after a found word
 */
export function sumPassage(words, found, start, end) {
  let best = null;
  let bestNear = 0;
  for (let at = start; at < end - 1; at++) {
    if (!/^\d[\d.]*$/.test(words[at].trim()) || !words[at + 1].trim().startsWith("元")) continue;
    // The sum with the most found words just before it; of two, the first.
    const near = found.filter((f) => f < at && f >= at - NEAR).length;
    if (near > bestNear) [best, bestNear] = [at, near];
  }
  if (best === null) return null;
  return [Math.max(start, best - BEFORE), Math.min(end, best + AFTER)];
}
