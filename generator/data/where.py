"""A field path in words, for the clerk who reads the message.

``projects[4].reports[0].values[0].reached`` becomes ``第5项 农村危房改造 进度报告第1份
指标 gaizao 的 累计完成数``: a project by its 序号 and name, a sub-item or figure by its
name, a report by its place, the field by its Chinese label. Names are read from the
node tree (not the model), so a message can name a project whose other fields are
broken; where a name cannot be read, the place in the list stands in.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, get_args, get_origin, get_type_hints

import yaml

from ..model import (
    Contact,
    Document,
    Indicator,
    Item,
    Note,
    Notice,
    Project,
    Publisher,
    Report,
    Responsible,
    Retired,
    RetiredProgramme,
    Situation,
    Source,
    Term,
)
from . import chars

# The Chinese name of each field, by field name; a few differ by class.
LABELS = {
    "document": "通知", "categories": "类别", "retired": "调整和退出部分", "projects": "项目清单",
    "glossary": "名词解释", "number": "文号", "issuer": "发文机关", "region": "县名",
    "year": "实施年度", "title": "标题", "date": "日期", "date_text": "成文日期原文",
    "addressees": "主送机关", "preamble": "导语", "upstream": "上级通知",
    "project_count": "项目数", "lead": "牵头部门", "requirements_heading": "工作要求标题",
    "requirements_intro": "工作要求总述", "requirements": "工作要求",
    "annex_heading": "附件说明行", "annex_title": "附件标题", "copied_to": "抄送",
    "office": "印发机关", "printed": "印发日期", "id": "编号", "heading": "标题",
    "text": "原文", "label": "类别名称", "count": "项目数", "intro": "总述", "part": "部分名称",
    "project": "并入的项目编号", "aliases": "旧编号", "name": "名称", "parts": "各部分去向",
    "programmes": "退出项目", "term": "名词", "definition": "释义", "basis": "释义来源",
    "counts": "统计内容", "quote": "引文", "value": "数值", "unit": "单位", "direction": "方向",
    "scope": "适用范围", "reason": "理由", "target": "目标任务", "indicators": "指标",
    "not_targets": "非目标数字", "indicator": "指标编号", "reached": "累计完成数",
    "met": "是否达到", "source": "来源", "link": "来源链接", "note": "说明",
    "correction": "更正", "values": "各指标数值", "kind": "类别", "seq": "序号",
    "body_name": "正文中的名称", "category": "类别", "explanation": "正文说明",
    "keywords": "关键词", "notes": "编者注", "items": "子项", "reports": "进度报告",
    "letterhead": "文头", "annex_mark": "“附件”字样", "sic": "原文如此的文字",
    "paragraphs": "正文各段的顺序", "name_in_annex": "附件是否印有名称", "headline": "最要紧的数字",
    "clause": "含数字的原文分句", "standard": "每人标准", "ties": "分组理由",
    "member": "成员", "words": "相关原文", "limit": "受益对象",
    "annex_group": "附件项目栏另印的文字", "situations": "生活情况分组", "members": "成员",
    "publisher": "发布单位", "contacts": "咨询渠道", "publisher_name": "发布单位名称",
}  # fmt: skip
CLASS_LABELS = {
    (Document, "date"): "成文日期",
    (Report, "date"): "报告日期",
    (Indicator, "value"): "目标值",
    (Note, "text"): "编者注文字",
    (Term, "aliases"): "其他写法",
    (Project, "name"): "项目名称",
    (Item, "name"): "子项名称",
    (Situation, "name"): "分组名称",
    (Source, "title"): "所引文件标题",
    (Source, "number"): "所引文件文号",
    (Source, "publisher"): "所引文件的发布机关",
    (Source, "date"): "所引文件的日期",
    (Contact, "label"): "渠道名称",
    (Contact, "value"): "号码或地址",
    (Contact, "source"): "公布它的文件",
    (Publisher, "name"): "发布单位名称",
    (Responsible, "unit"): "主管单位",
    (Responsible, "contact"): "联系方式",
    (Responsible, "source"): "写明主管单位的文件",
}
# How a list's entry is named: (class, field) -> (template using the entry's field, its
# field, the template without it). "{n}" is the place in the list, from 1.
ENTRIES: dict[tuple[type, str], tuple[str, str, str]] = {
    (Notice, "projects"): ("第{seq}项 {v}", "name", "第{n}个项目"),
    (Notice, "categories"): ("类别“{v}”", "label", "第{n}个类别"),
    (Notice, "glossary"): ("名词“{v}”", "term", "第{n}个名词"),
    (Retired, "programmes"): ("退出项目“{v}”", "name", "第{n}个退出项目"),
    (Project, "items"): ("子项“{v}”", "name", "第{n}个子项"),
    (Project, "indicators"): ("指标“{v}”", "counts", "第{n}个指标"),
    (Item, "indicators"): ("指标“{v}”", "counts", "第{n}个指标"),
    (Report, "values"): ("指标 {v}", "indicator", "第{n}项数值"),
    (Project, "reports"): ("", "", "进度报告第{n}份"),
    (Document, "requirements"): ("", "", "工作要求第{n}条"),
    (Document, "upstream"): ("", "", "上级通知第{n}份"),
    (RetiredProgramme, "parts"): ("", "", "第{n}部分"),
    (Notice, "situations"): ("分组“{v}”", "name", "第{n}个分组"),
    (Publisher, "contacts"): ("咨询渠道“{v}”", "label", "第{n}个咨询渠道"),
}
_STEP = re.compile(r"[^.\[\]]+|\[\d+\]")
NAME_SHOWN = 20


def label(cls: type, name: str) -> str:
    """The Chinese label of a field: from the tables, else its description's first words."""
    if (cls, name) in CLASS_LABELS:
        return CLASS_LABELS[(cls, name)]
    if name in LABELS:
        return LABELS[name]
    doc = next(f.metadata["doc"] for f in dataclasses.fields(cls) if f.name == name)
    return str(re.split(r"[，（：；,(]", doc)[0])


def _value(node: yaml.Node | None, key: str) -> str | None:
    """The text of scalar field ``key`` of a mapping node, if it has one."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.ScalarNode):
            text = str(v.value).strip()
            return chars.show(text, NAME_SHOWN) if text else None
    return None


def _child(node: yaml.Node | None, step: str) -> yaml.Node | None:
    if step.startswith("["):
        index = int(step[1:-1])
        if isinstance(node, yaml.SequenceNode) and index < len(node.value):
            child: yaml.Node = node.value[index]
            return child
        return None
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if getattr(k, "value", None) == step), None)
    return None


def _entry(cls: type, name: str, index: int, node: yaml.Node | None) -> str:
    template, key, fallback = ENTRIES.get((cls, name), ("", "", ""))
    n = index + 1
    if not fallback:
        return f"{label(cls, name)}第{n}个"
    shown = _value(node, key) if key else None
    seq = _value(node, "seq")
    if shown is None:
        return fallback.format(n=n)
    if "{seq}" in template and not re.fullmatch(r"[1-9][0-9]{0,5}", seq or ""):
        return f"{fallback.format(n=n)} {shown}"  # its 序号 is the broken field
    return template.format(v=shown, seq=seq, n=n)


def _unwrap(hint: Any) -> Any:
    args = [a for a in get_args(hint) if a is not type(None)]
    return args[0] if args and get_origin(hint) is not tuple else hint


class Describer:
    """Describes the field paths of one file, by its node tree."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    def __call__(self, path: str) -> str:
        steps = _STEP.findall(path)
        parts: list[str] = []
        cls: Any = Notice
        node = self.root
        at = 0
        while at < len(steps):
            name = steps[at]
            hints = get_type_hints(cls) if dataclasses.is_dataclass(cls) else {}
            if name not in hints:
                break  # an unknown key: its parent says where
            hint = _unwrap(hints[name])
            child = _child(node, name)
            indexed = at + 1 < len(steps) and steps[at + 1].startswith("[")
            if indexed and get_origin(hint) is tuple:
                index = int(steps[at + 1][1:-1])
                node = _child(child, steps[at + 1])
                parts.append(_entry(cls, name, index, node))
                cls, at = get_args(hint)[0], at + 2
                continue
            if dataclasses.is_dataclass(hint) and at + 1 < len(steps):
                parts.append(label(cls, name))
                cls, node, at = hint, child, at + 1
                continue
            field = label(cls, name)
            return f"{' '.join(parts)} 的 {field}" if parts else field
        return " ".join(parts)
