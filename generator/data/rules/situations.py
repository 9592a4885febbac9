"""Rules on the site's grouping by life situation: every member exists, every project is
in a group, and no group names a member twice."""

from __future__ import annotations

from ...model import Notice
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
    for p in notice.projects:
        if p.id not in covered:
            rules.error("situations", f"第{p.seq}项 {p.name}（{p.id}）不在任何分组中：请把它加进至少一组")
