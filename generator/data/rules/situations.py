"""Rules on the site's grouping by life situation: every member exists, every project is
in a group, no group names a member twice, and every member is tied to its group by the
notice's own words (and its limit of who benefits, if any, is the notice's too)."""

from __future__ import annotations

from ...model import Notice, Situation
from .base import Rules


def check(rules: Rules, notice: Notice) -> None:
    situations = notice.situations
    ids = [f"projects[{j}].id" for j in range(len(notice.projects))]
    ids += [f"projects[{j}].items[{k}].id" for j, p in enumerate(notice.projects) for k in range(len(p.items))]
    if not situations or not rules.intact(*ids):
        return  # what a member names is known only when every id was read
    rules.unique(((f"situations[{i}].id", s.id) for i, s in enumerate(situations)), "编号")
    covered: set[str] = set()
    for i, situation in enumerate(situations):
        path = f"situations[{i}]"
        rules.unique(
            ((f"{path}.members[{k}]", m) for k, m in enumerate(situation.members)), "成员"
        )
        for k, ref in enumerate(situation.members):
            found = notice.member(ref)
            if found is None:
                rules.error(f"{path}.members[{k}]", f"“{ref}”不是现有的项目或子项（写法：项目编号 或 项目编号#子项编号）")
            else:
                covered.add(found[0].id)
        _ties(rules, notice, situation, path)
    for p in notice.projects:
        if p.id not in covered:
            rules.error("situations", f"第{p.seq}项 {p.name}（{p.id}）不在任何分组中：请把它加进至少一组")


def _ties(rules: Rules, notice: Notice, situation: Situation, path: str) -> None:
    """One tie per member, its words and limit quoted from that member's texts."""
    rules.unique(((f"{path}.ties[{k}].member", t.member) for k, t in enumerate(situation.ties)), "成员")
    for k, ref in enumerate(situation.members):
        if situation.tie(ref) is None and notice.member(ref) is not None:
            rules.error(
                f"{path}.members[{k}]",
                f"“{ref}”没有分组理由：请在 ties 中照录通知里把它与“{situation.name}”联系起来的原文",
            )
    for k, tie in enumerate(situation.ties):
        where = f"{path}.ties[{k}]"
        if tie.member not in situation.members:
            rules.error(f"{where}.member", f"“{tie.member}”不是本组的成员")
            continue
        if notice.member(tie.member) is None:
            continue  # reported on the member
        texts = notice.member_texts(tie.member)
        for key, words in (("words", tie.words), ("limit", tie.limit)):
            if words is not None and not any(words in text for text in texts):
                rules.error(f"{where}.{key}", f"“{words}”不在“{tie.member}”的名称或目标任务原文中：这里只能照录原文")
