"""The notice's body: letterhead, number, title, sections and their headings, requirements, 抄送."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .source import DraftError, clean

NUMBER = re.compile(r"^\S{1,12}〔\d{4}〕\d+号$")
SECTION = re.compile(r"^[一二三四五六七八九十]+、")
SUBSECTION = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
UPSTREAM = re.compile(r"《([^》]+)》（([^）]+号)）")
TERMINAL = "。：；！？"
# What each category's section heading says, in the notice's own words.
CATEGORY_WORDS = (("new", "新增"), ("improved", "完善"), ("continued", "继续实施"))
RETIRED_WORDS = ("调整和退出", "退出")


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Body:
    """The parts of the body that the data file keeps, by name."""

    fields: dict[str, str] = field(default_factory=dict)
    upstream: list[dict[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def joined(paragraphs: list[str]) -> list[str]:
    """Paragraphs cleaned of extraction spaces, a paragraph broken by a page rejoined."""
    out: list[str] = []
    for raw in paragraphs:
        text = clean(raw)
        if not text:
            continue
        if out and _continues(out[-1], text):
            out[-1] += text
        else:
            out.append(text)
    return out


def _continues(before: str, text: str) -> bool:
    if before[-1] in TERMINAL or len(before) < 20 or before.startswith(("附件", "抄送")) or before.endswith("通知"):
        return False
    return not (SECTION.match(text) or SUBSECTION.match(text) or DATE.match(text)
                or text.startswith(("附件", "抄送")))


def parse(paragraphs: list[str]) -> Body:
    """Find each named part of the body; a file that is not a notice is refused."""
    paras = joined(paragraphs)
    body = Body()
    f = body.fields
    title_at = next((i for i, p in enumerate(paras) if "关于" in p and p.endswith("通知")), None)
    number_at = next((i for i, p in enumerate(paras) if NUMBER.match(p)), None)
    if title_at is None or number_at is None:
        raise DraftError("不像一份通知：找不到文号（如“某政〔2031〕10号”）或标题（“……关于……的通知”）")
    f["number"] = paras[number_at]
    if number_at > 0 and paras[number_at - 1].endswith("文件"):
        f["letterhead"] = paras[number_at - 1]
    f["title"] = title = paras[title_at]
    f["issuer"] = title.split("关于", 1)[0]
    f["region"] = re.sub(r"人民政府.*$", "", f["issuer"])
    year = re.search(r"(\d{4})年", title)
    f["year"] = year.group(1) if year else ""
    rest = paras[title_at + 1 :]
    if rest and rest[0].endswith("："):
        f["addressees"] = rest.pop(0)
    if rest and not SECTION.match(rest[0]):
        f["preamble"] = rest.pop(0)
        body.upstream = [{"number": n, "title": t} for t, n in UPSTREAM.findall(f["preamble"])]
    tail = _sections(rest, body)
    _tail(tail, f)
    return body


def _sections(paras: list[str], body: Body) -> list[str]:
    """Group the paragraphs under their 一、二、… headings; return what follows them."""
    for i, p in enumerate(paras):
        if p.startswith("附件") or p.startswith("抄送"):
            return paras[i:]
        if SECTION.match(p):
            body.sections.append(Section(p))
        elif body.sections:
            body.sections[-1].paragraphs.append(p)
    return []


def _tail(paras: list[str], f: dict[str, str]) -> None:
    for i, p in enumerate(paras):
        date = DATE.match(p)
        if p.startswith("附件：") or p.startswith("附件:"):
            f["annex_heading"] = p
        elif p == "附件" or re.fullmatch(r"附件\d*", p):
            f["annex_mark"] = p
            if i + 1 < len(paras):
                f["annex_title"] = paras[i + 1]
        elif p.startswith("抄送"):
            f["copied_to"] = p
        elif p.endswith("印发") and DATE.match(p[:-2]):
            f["printed"] = p
        elif p.endswith("办公室") and "copied_to" in f:
            f["office"] = p
        elif date and "date" not in f:
            y, m, d = (int(g) for g in date.groups())
            f["date_text"] = p
            f["date"] = f"{y:04d}-{m:02d}-{d:02d}"


def category_of(heading: str) -> str | None:
    """The category a section heading names, if it names one."""
    for cid, word in CATEGORY_WORDS:
        if re.match(rf"^[一二三四五六七八九十]+、{word}\d+项", heading):
            return cid
    return None


def is_retired(heading: str) -> bool:
    return any(re.match(rf"^[一二三四五六七八九十]+、{w}\d+项", heading) for w in RETIRED_WORDS)


def count_in(heading: str) -> int:
    found = re.search(r"(\d+)项", heading)
    return int(found.group(1)) if found else 0


def explained(paragraph: str) -> tuple[str, str] | None:
    """A category paragraph “(一)name。text”: the project's name and the paragraph."""
    found = re.match(r"^[（(][一二三四五六七八九十]+[）)]([^。]+)。", paragraph)
    return (found.group(1), paragraph) if found else None


def listed_names(paragraph: str) -> list[str]:
    """The names in “继续实施A、B、C等25项民生工程。”, notes in brackets left off."""
    found = re.match(r"^继续实施(.+?)等\d+项", paragraph)
    if not found:
        return []
    names: list[str] = []
    depth = 0
    current = ""
    for ch in found.group(1):
        depth += ch in "（(“"
        depth -= ch in "）)”"
        if ch == "、" and depth == 0:
            names.append(current)
            current = ""
        else:
            current += ch
    names.append(current)
    return [re.sub(r"（[^）]*）$", "", n) for n in names if n]
