"""Fixed words of the site's interface, in one place: labels for the data's coded values.

Every sentence a page adds to the notice's own words comes from here or from a template.
"""

from __future__ import annotations

DIRECTION_LABELS: dict[str, str] = {
    "at-least": "不低于",
    "at-most": "不超过",
    "exactly": "目标值",
    "about": "约",
    "cap": "封顶（上限）",
}
NOTE_LABELS: dict[str, str] = {
    "no-task": "本年无任务",
    "county-class": "按县的类别设目标",
    "template": "沿用上级模板表述",
    "annex": "附件与正文的差异",
}
STATUS_LABELS: dict[str, str] = {
    "unpublished": "未公布",
    "ongoing": "进行中",
    "done": "已完成",
    "behind": "滞后",
    "no-task": "本年无任务",
}
