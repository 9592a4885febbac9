"""JSON Schema for the data file, generated from the model's dataclasses.

The schema is committed (editors read it from the repository) and a test
checks it is current: ``python -m generator schema`` rewrites it.
"""

from __future__ import annotations

import dataclasses
import json
import types
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from ..model import Notice

SCHEMA_PATH = Path(__file__).parent.parent / "schema" / "projects.schema.json"
# What each part of the data file is called on /data/.
CLASS_TITLES = {
    "Notice": "整个数据文件",
    "Document": "通知",
    "Upstream": "上级通知",
    "Requirement": "工作要求",
    "Category": "项目类别",
    "Retired": "调整和退出",
    "RetiredProgramme": "调整和退出的项目",
    "RetiredPart": "调整和退出项目的一部分",
    "Project": "项目",
    "Item": "子项",
    "Indicator": "指标",
    "NotTarget": "不是目标的数字",
    "Report": "进度报告",
    "Reading": "一个指标的进度",
    "Note": "编者注",
    "Term": "名词解释",
    "Source": "所引文件",
    "Situation": "生活情况分组",
    "Tie": "分组理由",
    "Publisher": "发布单位",
    "Continues": "接续的往年项目",
    "Contact": "咨询渠道",
    "Responsible": "主管单位",
}
# What each part of the data file is, in Chinese for its readers (the editors who see it
# through the schema, and the public on /data/); code docstrings stay for programmers.
CLASS_DESCRIPTIONS = {
    "Notice": "整个数据文件：通知、项目类别、调整和退出的项目、全部项目和名词解释。",
    "Document": "通知本身：文号、发文机关、成文日期和正文各段。",
    "Upstream": "本通知所依据的上级通知。",
    "Requirement": "一条工作要求：小标题和正文。",
    "Category": "项目类别（新增、完善、继续实施）：项目与上一年相比的情况。",
    "Retired": "通知中“调整和退出”的部分。",
    "RetiredProgramme": "一个调整或退出的项目。",
    "RetiredPart": "调整或退出项目的一部分，及其去向。",
    "Project": "一项民生工程：名称、类别、目标任务（一段文字，或分为几个子项）、其中的数字和进度报告。",
    "Item": "子项：附件中一个项目下分行列出的一行，有自己的目标任务。",
    "Indicator": "指标：目标任务中的一个数字，照原文记下数值、单位和统计内容。",
    "NotTarget": "目标任务中不是目标的数字（如年份、年龄段），及其理由。",
    "Report": "一份进度报告：截止日期、来源和各指标的进度。",
    "Reading": "一份进度报告中一个指标的进度：累计达到的数值，或是否已达到。",
    "Note": "编者注：对原文特殊之处的说明，不是通知内容。",
    "Term": "名词解释：通知中的一个名词、它的释义和释义的来源。",
    "Source": "名词释义所引的其他公开文件：标题、文号或发布机关、日期。",
    "Situation": "按群众生活情况分的一组项目（本站的分组，不是通知的分类）。",
    "Tie": "一个成员为什么在这一组：通知中把它与本组联系起来的原文，以及通知限定的受益对象。",
    "Publisher": "本站的发布单位，以及正式公布过的咨询渠道。",
    "Contact": "一条正式公布过的咨询渠道：名称、号码或地址，以及公布它的文件。",
    "Responsible": "项目的主管（责任）单位和咨询方式，照正式文件或公告，并写明出处；通知没有逐项写明，没有出处就不填。",
    "Continues": "本项目接续的往年项目：本站收录的往年通知的年份，和该通知中那个项目的编号。",
}


def _type(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in get_args(hint) if a is not type(None)]
        return {"anyOf": [_type(inner, defs), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type(get_args(hint)[0], defs)}
    if origin is Literal:
        return {"enum": list(get_args(hint))}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # placeholder first: guards against recursion
            defs[name] = _object(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    if hint is int:
        return {"type": "integer"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is Decimal:
        return {"type": ["number", "string"], "pattern": r"^[0-9]+(\.[0-9]+)?$"}
    return {"type": "string", "minLength": 1}


def _object(cls: Any, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(cls):
        prop = _type(hints[f.name], defs)
        prop["description"] = f.metadata["doc"]
        if f.metadata.get("pattern"):
            if prop.get("type") == "array":  # a list of ids: the pattern is on each item
                target = prop["items"]
            else:
                target = prop if prop.get("type") == "string" else prop["anyOf"][0]
            target["pattern"] = f.metadata["pattern"]
        if f.metadata.get("example") is not None:
            prop["examples"] = [f.metadata["example"]]
        properties[f.name] = prop
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    return {
        "type": "object",
        "description": CLASS_DESCRIPTIONS[cls.__name__],
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def build() -> dict[str, Any]:
    """The JSON Schema of a data file."""
    defs: dict[str, Any] = {}
    root = _object(Notice, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "民生工程数据文件",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=2) + "\n"
