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
    _printed_order(rules, notice)
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


def _printed_order(rules: Rules, notice: Notice) -> None:
    """What the notice page needs to show the notice as printed."""
    texts = notice.texts()
    for i, sic in enumerate(notice.document.sic):
        if not any(sic in t for t in texts):
            rules.error(f"document.sic[{i}]", f"“{sic}”不在通知原文中：这里只能照录原文里的文字")
    # which projects a category explains is known only if their ids, categories and
    # explanations were all read
    fields = ("id", "category", "explanation")
    projects_read = rules.intact(*(f"projects[{j}].{f}" for j in range(len(notice.projects)) for f in fields))
    for i, category in enumerate(notice.categories):
        if not (projects_read and rules.intact(f"categories[{i}]")):
            continue
        explained = [p.id for p in notice.projects_in(category.id) if p.explanation]
        path = f"categories[{i}].paragraphs"
        if sorted(category.paragraphs) != sorted(explained) or len(set(category.paragraphs)) != len(category.paragraphs):
            listed = "、".join(explained) or "无"
            rules.error(
                path,
                f"应按原文先后列出本类填了 explanation 的全部项目，每个一次（这些项目是：{listed}）",
            )
    body = notice.body_texts()
    for i, project in enumerate(notice.projects):
        if not project.name_in_annex and not any(project.name in t for t in body):
            rules.error(
                f"projects[{i}].name",
                f"附件未印名称（name_in_annex: false）时，名称须照正文，但正文中没有“{project.name}”",
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
        path = f"glossary[{i}]"
        if term.basis == "notice" and not any(term.definition in t for t in texts):
            rules.error(
                f"{path}.definition",
                "释义注明来自通知原文（basis: notice），但这段文字不在通知中；"
                "请照抄原文，或写明所引文件（basis: cited 和 source）",
            )
        if term.basis == "site" and any(term.term in t for t in texts):
            rules.error(
                f"{path}.basis",
                f"“{term.term}”是通知中的词：请照抄通知中讲它的原文（basis: notice），"
                "或写明所引文件（basis: cited 和 source）",
            )
        if term.basis == "cited" and term.source is None:
            rules.error(f"{path}.source", "释义引自其他文件（basis: cited）：请填写 source（标题、文号或发布机关、日期）")
        if term.source is not None:
            if term.basis != "cited":
                rules.error(f"{path}.source", "只有 basis: cited 的释义才填写 source")
            if not (term.source.number or term.source.publisher):
                rules.error(f"{path}.source", "所引文件须写明文号（number）或发布机关（publisher）")
