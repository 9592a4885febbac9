"""Every number of a target: a figure (value, unit, direction from the notice's words) or not.

Years, deadlines, ages, ranges, classes and numbers quoted as names (“351”) are not targets;
each says why. A “/” where a figure would stand is kept as the notice prints it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Units as printed, longest first so that 万平方米 wins over 平方米 and 人次 over 人.
UNITS = sorted(
    ["万平方米", "平方米", "万元", "亿元", "元/年人", "元/人年", "元/月", "元/年", "万人", "万户", "万亩", "万吨", "人次", "剂次", "户次", "公里", "千米", "%", "个", "户", "元", "人", "名", "处", "件", "所", "座", "套", "条", "场", "次", "倍", "项", "家", "间", "张", "台", "辆", "吨", "亩", "米", "批", "支", "册", "本", "株", "头", "只", "期", "班", "篇", "床", "平方公里"],
    key=len,
    reverse=True,
)
_UNIT = "|".join(re.escape(u) for u in UNITS)
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?|/")
BOUNDARY = "，。；：！？（）"
# The notice's own words for a figure's direction: before the number, or right after its unit.
BEFORE = (("不低于", "at-least"), ("不少于", "at-least"), ("至少", "at-least"),
          ("不超过", "cap"), ("不高于", "cap"), ("最高", "cap"), ("预计", "about"))
AFTER = (("以上", "at-least"), ("左右", "about"), ("以内", "cap"), ("以下", "cap"))
SCOPE = re.compile(r"[一二三四]类(?:县|地区)|每个[\u4e00-\u9fff]{1,3}?(?:市|县|乡镇|村)")
NOT_AFTER = (
    (re.compile(r"年(?:底|前|内|末)"), "期限"),
    (re.compile(r"个?(?:月|年度|季度)|天|日|周|年内|年"), "期限"),
    (re.compile(r"岁"), "年龄"),
    (re.compile(r"[类种级档星]"), "分类"),
)


@dataclass
class Figure:
    """A number of a target: an indicator (``unit`` set) or a not-target (``reason`` set)."""

    start: int
    end: int
    value: str
    unit: str = ""
    direction: str = "exactly"
    word: str = ""  # the word the direction was read from
    reason: str = ""
    scope: str | None = None
    window: int = 0  # where the words about this figure begin
    clause_start: int = 0
    clause_end: int = 0
    review: list[str] = field(default_factory=list)


def find(target: str) -> list[Figure]:
    """Every number and “/” of the target, in order."""
    figures: list[Figure] = []
    last_end = 0
    pos = 0
    while (m := NUMBER.search(target, pos)) is not None:
        pos = m.end()
        if m.group() == "/" and (m.start() == 0 or target[m.start() - 1] in "元"):
            continue  # part of a unit such as 元/年人
        figure = _classify(target, m.start(), m.end(), figures, last_end)
        if figure is None:
            continue
        pos = max(pos, figure.end)
        figures.append(figure)
        last_end = figure.end
    return figures


def _classify(target: str, start: int, end: int, before: list[Figure], last_end: int) -> Figure | None:
    value = target[start:end]
    rest = target[end:]
    quoted = _quoted(target, start, end)
    if quoted is not None:
        return Figure(quoted[0], quoted[1], value, reason="政策简称")
    if value != "/" and (r := re.match(r"[-－~～至](\d+(?:\.\d+)?)(个月|岁|年|天|%|[\u4e00-\u9fff])?", rest)):
        return Figure(start, end + r.end(), value, reason="范围")
    if value != "/" and len(value) == 4 and value[:2] in ("19", "20") and rest.startswith("年"):
        late = re.match(r"年(?:底|前|末)+", rest)
        stop = end + (late.end() if late else 1)
        return Figure(start, stop, value, reason="期限" if late else "年份")
    if value != "/":
        for pattern, reason in NOT_AFTER:
            if (n := pattern.match(rest)) is not None:
                return Figure(start, end + n.end(), value, reason=reason)
    unit = next((u for u in UNITS if rest.startswith(u)), "")
    if value == "/" and not unit:
        return None  # a slash that stands for no figure is only one before a unit
    figure = Figure(start, end + len(unit), value, unit=unit)
    window_start = max(last_end, _clause_start(target, start))
    figure.window = window_start
    listed = bool(before) and target[before[-1].end : start] == "、"
    if not unit:
        follow = re.match(rf"(?:、\d+(?:\.\d+)?)*、?\d*(?:\.\d+)?({_UNIT})", rest)
        if follow is not None and rest.startswith("、"):
            figure.unit = follow.group(1)
            figure.review.append(f"单位“{figure.unit}”取自同列最后一个数字，请核对")
        else:
            figure.unit = rest[:1] or "个"
            figure.review.append(f"数字后没有常见单位，单位“{figure.unit}”为猜测，请核对")
    _direction(target, figure, window_start, before if listed else [])
    scope = SCOPE.search(target, _clause_start(target, start), start)
    if scope is not None:
        figure.scope = scope.group()
    starts = [start] + ([scope.start()] if scope else [])
    if figure.word and (at := target.rfind(figure.word, window_start, start)) >= 0:
        starts.append(at)
    figure.clause_start = min(starts)
    figure.clause_end = figure.end
    return figure


def _direction(target: str, figure: Figure, window_start: int, listed: list[Figure]) -> None:
    after = target[figure.end :]
    for word, direction in AFTER:
        if after.startswith(word):
            figure.direction, figure.word = direction, word
            figure.end += len(word)
            return
    window = target[window_start : figure.start]
    if window.endswith("约") or window.endswith("约为"):
        figure.direction, figure.word = "about", "约"
        return
    for word, direction in BEFORE:
        if word in window:
            figure.direction, figure.word = direction, word
            return
    if listed and listed[-1].word:
        figure.direction, figure.word = listed[-1].direction, listed[-1].word


def _clause_start(target: str, at: int) -> int:
    k = at
    while k > 0 and target[k - 1] not in BOUNDARY:
        k -= 1
    return k


def _quoted(target: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of “351” (with its brackets) when the number is a name in quotes."""
    if start > 0 and target[start - 1] == "“" and target[end : end + 1] == "”":
        a, b = start - 1, end + 1
        if a > 0 and target[a - 1] == "（" and target[b : b + 1] == "）":
            a, b = a - 1, b + 1
        return a, b
    return None


def clause(target: str, figure: Figure) -> str:
    """The shortest verbatim span of the target that holds the number with its qualifier,
    unit and scope (不低于…50%, 约598人次, 一类县…达90%以上)."""
    return target[min(figure.clause_start, figure.start) : max(figure.clause_end, figure.end)]


def quote(target: str, figure: Figure, lead: int = 6) -> str:
    """A short quote of the figure: a few words before it within its clause, made longer
    until it stands once in the target and holds the number only once (the checker finds
    the figure by its first occurrence in the quote)."""
    start, end = figure.start, figure.end
    value = re.compile(rf"(?<![\d.]){re.escape(figure.value)}(?!\d|\.\d)")
    lowest = _clause_start(target, start)
    for low in (max(lowest, start - lead), 0):
        for a in range(max(low, start - lead) if low else start - lead, start + 1):
            if a < 0 or value.search(target, a, start):
                continue
            for b in range(end, len(target) + 1):
                if target.count(target[a:b]) == 1:
                    return target[a:b]
    return target[start:end]


def counts(target: str, figure: Figure) -> str:
    """What the figure counts, in the notice's words: the clause before the number, without
    the words that only say its direction; else the words after it."""
    text = target[figure.window : figure.start]
    for word, _ in BEFORE:
        text = text.replace(word, "")
    text = re.sub(r"(达到|达|为|共|约|计划|稳定在|按照|按)$", "", text).strip("、 ")
    if len(text) >= 2:
        return text[-30:]
    tail = target[figure.end :]
    stop = min([tail.find(c) for c in BOUNDARY + "、" if c in tail] + [len(tail)])
    return tail[:stop][:30] or figure.unit
