"""One annex project as a data-file entry: rows, sub-items, figures, ids, what to confirm."""
from __future__ import annotations

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..urls import RESERVED_ON_PROJECT
from . import figures
from .annex import AnnexProject, Row
from .earlier import Figures, Match
from .ids import Names, pinyin_id
from .marks import ID_NOTE, note, q

DIRECTION_WORDS = "以上、不低于、不少于、不超过、约、预计、左右"


def project_entry(
    row: AnnexProject,
    name: str | None,
    body_name: str | None,
    category_of: dict[str, str],
    explanation: dict[str, str],
    ids: Names,
    match: Match | None,
) -> CommentedMap:
    """The entry of one annex project; ``match``: the earlier project of the same name,
    whose id it keeps (``ids`` holds it already) and which it continues."""
    entry = CommentedMap()
    shown = name or f"第{row.seq}项"
    if match is None:
        entry["id"] = q(ids.unique(pinyin_id(shown, 3)))
        note(entry, "id", ID_NOTE)
    else:
        entry["id"] = q(match.project.id)
        note(entry, "id", f"编号沿用 {match.year} 年的同名项目，历年网址一致；编号是网址的一部分，发布后不能再改")
    entry["seq"] = row.seq
    entry["name"] = q(shown)
    if name is None:  # not a name: name_in_annex below makes check ask for the body's one
        note(entry, "name", "附件本项未印名称，正文中也没有找到：请照原文填写")
    if row.name is None:
        entry["name_in_annex"] = False
        note(entry, "name_in_annex", "附件本项未印项目名称，名称取自正文第四部分，请核对")
    if body_name is not None:
        entry["body_name"] = q(body_name)
        note(entry, "body_name", "正文中的名称与附件不同，请核对")
    key = body_name or name or ""
    entry["category"] = q(category_of.get(key, "continued"))
    if key not in category_of:
        note(entry, "category", "正文中没有找到本项目，类别为猜测")
    if key in explanation:
        entry["explanation"] = q(explanation[key])
    matcher = None
    if match is not None:
        entry["continues"] = CommentedMap(year=match.year, project=q(match.project.id))
        entry["continues"].fa.set_flow_style()
        note(entry, "continues", f"按名称对应 {match.year} 年的同名项目；若不是同一项工程，可改成别的项目，"
                                 "或删去这一行和各指标的 continues")
        drafted = [(figures.counts(r.target, f), f.unit) for r in row.rows for f in figures.find(r.target) if not f.reason]
        matcher = match.figures(drafted)
    anchors = Names(set(RESERVED_ON_PROJECT))
    if len(row.rows) == 1 and row.rows[0].name is None:
        _fill(entry, row.rows[0], anchors, matcher)
        return entry
    items = CommentedSeq()
    for r in row.rows:
        item = CommentedMap()
        item["id"] = q(anchors.unique(pinyin_id(r.name or shown, 2)))
        note(item, "id", ID_NOTE)
        item["name"] = q(r.name or shown)
        if r.group is not None:
            item["annex_group"] = q(r.group)
            note(item, "annex_group", "附件此行“项目”栏另印的文字")
        _fill(item, r, anchors, matcher)
        items.append(item)
    entry["items"] = items
    return entry


def _fill(entry: CommentedMap, row: Row, anchors: Names, matcher: Figures | None) -> None:
    """target, indicators and not_targets of one printed row; ``matcher``: the figures of
    the earlier project that this one continues."""
    target = row.target
    entry["target"] = q(target)
    indicators = CommentedSeq()
    not_targets = CommentedSeq()
    for fig in figures.find(target):
        quoted = figures.quote(target, fig)
        if fig.reason:
            nt = CommentedMap(quote=q(quoted), reason=q(fig.reason))
            note(nt, "reason", "程序判断这个数字不是目标数值，请核对")
            not_targets.append(nt)
            continue
        label = figures.counts(target, fig)
        ind = CommentedMap()
        ind["id"] = q(anchors.unique(pinyin_id(label, 2)))
        note(ind, "id", ID_NOTE)
        ind["counts"] = q(label)
        note(ind, "counts", "说明文字由程序从原文摘取，请改成简明的说法")
        ind["quote"] = q(quoted)
        ind["value"] = q(fig.value)
        ind["unit"] = q(fig.unit)
        earlier, about = matcher.of(label, fig.unit) if matcher is not None else (None, None)
        unit_notes = [*fig.review, *([about] if about and earlier is None else [])]
        if unit_notes:
            note(ind, "unit", "；".join(unit_notes))
        ind["direction"] = q(fig.direction)
        said = f"据原文“{fig.word}”" if fig.word else f"原文未见“{DIRECTION_WORDS}”等词，"
        note(ind, "direction", f"{said}定为 {fig.direction}")
        if fig.scope:
            ind["scope"] = q(fig.scope)
            note(ind, "scope", "适用范围由程序摘取；若数字适用于本县，请删去这一行")
        ind["clause"] = q(figures.clause(target, fig))
        if earlier is not None and about is not None:
            ind["continues"] = q(earlier)
            note(ind, "continues", about)
        indicators.append(ind)
    entry["indicators"] = indicators
    entry["not_targets"] = not_targets
