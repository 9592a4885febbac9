"""Rules on the notice as a whole: its year, date and counts, retired programmes, glossary."""

from __future__ import annotations

import datetime as dt

from ...model import Notice
from .base import Rules

# Years a notice may be for. Livelihood-project notices began in the 2000s; and every
# date of the site must fit the file formats it is written into (gzip stores a file's
# time as seconds since 1970 in 32 bits, which ends in 2106).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def notice_date(notice: Notice, rules: Rules) -> dt.date | None:
    """The notice's date, if it was built and is a real date."""
    if rules.hit("document.date"):
        return None
    try:
        return dt.date.fromisoformat(notice.document.date)
    except ValueError:
        return None


def check(rules: Rules, notice: Notice) -> None:
    _document(rules, notice)
    _retired(rules, notice)
    _glossary(rules, notice)


def _document(rules: Rules, notice: Notice) -> None:
    doc = notice.document
    if not FIRST_YEAR <= doc.year <= LAST_YEAR:
        rules.error("document.year", f"实施年度 {doc.year} 不在 {FIRST_YEAR}–{LAST_YEAR} 年之间")
    date = notice_date(notice, rules)
    if date is None:
        rules.error("document.date", f"日期 '{doc.date}' 不是有效日期")
    elif date.year != doc.year and not rules.hit("document.year"):
        rules.error("document.date", f"成文日期 {doc.date} 不在实施年度 {doc.year} 年内")
    if doc.project_count != len(notice.projects) and not rules.hit("projects"):
        rules.error(
            "document.project_count",
            f"通知称有 {doc.project_count} 个项目，但项目清单列出了 {len(notice.projects)} 个",
        )
    rules.unique(
        ((f"document.requirements[{i}].id", r.id) for i, r in enumerate(doc.requirements)),
        "编号",
    )
    rules.unique(((f"categories[{i}].id", c.id) for i, c in enumerate(notice.categories)), "类别")
    categories_known = not rules.hit("projects") and all(
        not rules.hit(f"projects[{k}].category") for k in range(len(notice.projects))
    )
    for i, cat in enumerate(notice.categories):
        members = notice.projects_in(cat.id)
        if cat.count != len(members) and categories_known and not rules.hit(f"categories[{i}].id"):
            seqs = "、".join(str(p.seq) for p in members) or "无"
            rules.error(
                f"categories[{i}].count",
                f"“{cat.label}”类通知称有 {cat.count} 个项目，但清单中有 {len(members)} 个（序号 {seqs}）",
            )


def _retired(rules: Rules, notice: Notice) -> None:
    retired = notice.retired
    if retired.count != len(retired.programmes) and not rules.hit("retired.programmes"):
        rules.error(
            "retired.count",
            f"通知称调整和退出 {retired.count} 个项目，但清单列出了 {len(retired.programmes)} 个",
        )
    rules.unique(
        ((f"retired.programmes[{i}].id", p.id) for i, p in enumerate(retired.programmes)), "编号"
    )
    ids_known = not rules.hit("projects") and all(
        not rules.hit(f"projects[{k}].id") for k in range(len(notice.projects))
    )
    project_ids = {p.id for p in notice.projects}
    for i, programme in enumerate(retired.programmes):
        for k, part in enumerate(programme.parts):
            path = f"retired.programmes[{i}].parts[{k}]"
            if part.text not in programme.text and rules.intact(f"retired.programmes[{i}].text"):
                rules.error(f"{path}.text", f"文字 '{part.text}' 不在该项目的原文中")
            if part.project is not None and part.project not in project_ids and ids_known:
                rules.error(f"{path}.project", f"项目编号 '{part.project}' 不存在")


def _glossary(rules: Rules, notice: Notice) -> None:
    terms = notice.glossary
    rules.unique(((f"glossary[{i}].id", t.id) for i, t in enumerate(terms)), "编号")
    rules.unique(((f"glossary[{i}].term", t.term) for i, t in enumerate(terms)), "名词")
    # the definitions are checked against every text of the notice: all must be built
    texts_of_projects = [
        f"projects[{k}].{f}"
        for k in range(len(notice.projects))
        for f in ("name", "explanation", "target", "items")
    ]
    if rules.hit("projects") or not rules.intact(
        "document", "categories", "retired", *texts_of_projects
    ):
        return
    texts = notice.texts()
    for i, term in enumerate(terms):
        if term.basis == "notice" and not any(term.definition in t for t in texts):
            rules.error(
                f"glossary[{i}].definition",
                "释义注明来自通知原文（basis: notice），但这段文字不在通知中；"
                "请照抄原文，或改为 basis: explanatory",
            )
