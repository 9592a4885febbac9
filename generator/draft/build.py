"""Assemble the draft data file from the body and the annex, with what a person must confirm.

The result is ruamel.yaml's commented structure: a ``# 待核对：`` comment stands next to each
generated id, guessed unit, direction, label and unclear cell.
"""
from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import annex, sections
from .earlier import Earlier
from .ids import Names, pinyin_id
from .marks import ID_NOTE, note, q
from .source import DraftError, Source


def year(source: Source) -> int | None:
    """The year of the notice, as its title gives it (None if it does not)."""
    found = sections.parse(source.paragraphs).fields.get("year", "")
    return int(found) if found.isdigit() else None


def draft(source: Source, earlier: Earlier | None = None) -> CommentedMap:
    """The data file for one notice; ``earlier``: the site's notice before it, whose
    projects of the same name it continues."""
    body = sections.parse(source.paragraphs)
    rows = annex.parse(source.rows)
    if not rows:
        raise DraftError("不像一份通知：找不到附件的目标任务表（首列为“序号”的表格）")
    data = CommentedMap()
    data["draft"] = True
    data.yaml_add_eol_comment("草稿：核对完全部“待核对”后删去这一行", "draft")
    data["document"] = _document(body, len(rows))
    categories, category_of, explanation = _categories(body)
    explained_order = list(explanation.values())
    data["categories"] = categories
    data["retired"] = _retired(body)
    data["projects"] = _projects(rows, category_of, explanation, earlier)
    by_text = {p["explanation"]: p["id"] for p in data["projects"] if p.get("explanation")}
    for cat in categories:
        if "paragraphs" in cat:  # the projects it explains, in the order of its paragraphs
            ids = [by_text[t] for t in explained_order if t in by_text and cat["id"] == category_of[_name(t)]]
            cat["paragraphs"] = CommentedSeq(q(i) for i in ids)
            cat["paragraphs"].fa.set_flow_style()
    return data


DOCUMENT_ORDER = ("letterhead", "number", "issuer", "region", "year", "title", "date", "date_text",
                  "addressees", "preamble", "upstream", "project_count", "lead",
                  "requirements_heading", "requirements_intro", "requirements", "annex_heading",
                  "annex_mark", "annex_title", "copied_to", "office", "printed")
REQUIRED = {"number", "issuer", "region", "year", "title", "date", "date_text", "addressees",
            "preamble", "upstream", "project_count", "lead", "requirements_heading",
            "requirements_intro", "requirements", "annex_heading", "annex_title", "copied_to",
            "office", "printed"}


def _document(body: sections.Body, annex_count: int) -> CommentedMap:
    f = body.fields
    values: dict[str, Any] = {k: q(v) for k, v in f.items() if k != "year"}
    if f.get("year", "").isdigit():
        values["year"] = int(f["year"])
    values["upstream"] = CommentedSeq(
        CommentedMap(number=q(u["number"]), title=q(u["title"])) for u in body.upstream
    )
    count = re.search(r"实施(\d+)项", f.get("title", ""))
    values["project_count"] = int(count.group(1)) if count else annex_count
    requirements = next((s for s in body.sections if sections.category_of(s.heading) is None
                         and not sections.is_retired(s.heading)), None)
    if requirements is not None:
        values["requirements_heading"] = q(requirements.heading)
        items = [p for p in requirements.paragraphs if sections.SUBSECTION.match(p)]
        intro = [p for p in requirements.paragraphs if not sections.SUBSECTION.match(p)]
        if intro:
            values["requirements_intro"] = q("".join(intro))
        values["requirements"] = _requirements(items)
        lead = next((m.group() for p in items
                     if (m := re.search(r"[^，。；）]*牵头[^。；]*?主体责任", p))), None)
        if lead:
            values["lead"] = q(lead)
    doc = CommentedMap()
    for key in DOCUMENT_ORDER:
        if key in values:
            doc[key] = values[key]
    for key in ("region", "lead"):
        if key in doc:
            note(doc, key, "由程序从原文摘取，请核对")
    if "project_count" in doc and doc["project_count"] != annex_count:
        note(doc, "project_count", f"标题称 {doc['project_count']} 项，附件表中读到 {annex_count} 项")
    missing = sorted(REQUIRED - set(doc))
    if missing:
        doc.yaml_set_start_comment("待核对：原文中没有找到这些字段，请照原文补上：" + "、".join(missing), indent=2)
    return doc


def _requirements(paragraphs: list[str]) -> CommentedSeq:
    names = Names()
    out = CommentedSeq()
    for p in paragraphs:
        found = re.match(r"^([（(][一二三四五六七八九十]+[）)][^。]*。)(.*)$", p)
        heading, text = (found.group(1), found.group(2)) if found else (p, p)
        core = re.sub(r"^[（(][^）)]*[）)]|要[^。]*。$|。$", "", heading)
        entry = CommentedMap(id=q(names.unique(pinyin_id(core, 2))), heading=q(heading), text=q(text))
        note(entry, "id", ID_NOTE)
        out.append(entry)
    return out


def _categories(body: sections.Body) -> tuple[CommentedSeq, dict[str, str], dict[str, str]]:
    out = CommentedSeq()
    category_of: dict[str, str] = {}
    explanation: dict[str, str] = {}
    for section in body.sections:
        cid = sections.category_of(section.heading)
        if cid is None:
            continue
        label = dict(sections.CATEGORY_WORDS)[cid]
        cat = CommentedMap(id=q(cid), label=q(label), heading=q(section.heading),
                           count=sections.count_in(section.heading))
        intro = []
        for p in section.paragraphs:
            found = sections.explained(p)
            if found:
                category_of[found[0]] = cid
                explanation[found[0]] = found[1]
            else:
                intro.append(p)
                for name in sections.listed_names(p):
                    category_of.setdefault(name, cid)
        if intro:
            cat["intro"] = q("".join(intro))
        if any(sections.explained(p) for p in section.paragraphs):
            cat["paragraphs"] = CommentedSeq()
        out.append(cat)
    return out, category_of, explanation


def _retired(body: sections.Body) -> CommentedMap:
    section = next((s for s in body.sections if sections.is_retired(s.heading)), None)
    retired = CommentedMap()
    if section is None:  # nothing is made up: check lists the fields a person must fill in
        retired.yaml_set_start_comment("待核对：原文中没有找到“调整和退出”一节，请照原文填写", indent=2)
        return retired
    text = "".join(section.paragraphs)
    retired["heading"] = q(section.heading)
    retired["text"] = q(text)
    retired["count"] = sections.count_in(section.heading)
    programmes = CommentedSeq()
    names = Names()
    for sentence in [s for s in text.split("。") if s]:
        name = _retired_name(sentence)
        entry = CommentedMap(id=q(names.unique(pinyin_id(name, 3))), name=q(name), text=q(sentence + "。"))
        entry["parts"] = CommentedSeq([CommentedMap(part=q(name), text=q(sentence))])
        note(entry, "id", ID_NOTE)
        note(entry, "name", "名称与分项由程序按句拆分，请对照原文核对，并填写各分项并入的项目（project）")
        programmes.append(entry)
    retired["programmes"] = programmes
    return retired


def _name(paragraph: str) -> str:
    found = sections.explained(paragraph)
    return found[0] if found else ""


def _retired_name(sentence: str) -> str:
    found = re.search(r"([^，]+?)(?:不再单列|退出民生工程)", sentence)
    if found and found.group(1).strip():
        return found.group(1)
    first = re.match(r"^(.+?)(?:机制|已|现已|转为|纳入|，)", sentence)
    return first.group(1) if first else sentence[:20]


def _projects(
    rows: list[annex.AnnexProject],
    category_of: dict[str, str],
    explanation: dict[str, str],
    earlier: Earlier | None,
) -> CommentedSeq:
    from .project import project_entry

    named = {p.name for p in rows if p.name}
    leftover = [n for n in category_of if n not in named and not any(
        n.startswith(m) or m.startswith(n) for m in named)]
    names: list[tuple[str | None, str | None]] = []
    for row in rows:
        name, body_name = row.name, None
        if name is None and len(leftover) == 1:
            name = leftover.pop()
        elif name is not None and name not in category_of:
            body_name = next((n for n in category_of if n.startswith(name) or name.startswith(n)), None)
        names.append((name, body_name))
    matches = earlier.match([n for n, _ in names]) if earlier is not None else [None] * len(rows)
    ids = Names({m.project.id for m in matches if m is not None})  # kept ids first: never taken by another
    return CommentedSeq(
        project_entry(row, name, body_name, category_of, explanation, ids, match)
        for row, (name, body_name), match in zip(rows, names, matches, strict=True)
    )
