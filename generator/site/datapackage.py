"""Open data as a Frictionless data package: ``datapackage.json`` beside the CSVs.

Each CSV gets a Table Schema: its columns in order, with Chinese titles and descriptions,
and types and constraints as the data's own rules have them (ids, figures, dates, the
requirement codes), so that a reader (``frictionless validate``, a newsroom's script)
knows each column without reading our pages. ``tests/test_datapackage.py`` validates the
built package with frictionless itself.
"""

from __future__ import annotations

import json
from typing import Any

from .. import urls
from ..model import ID_PATTERN, Notice
from ..phrases import DIRECTION_LABELS, t
from ..sheets import layout
from ..urls import Urls
from .export import CSV_COLUMNS

_ID = {"pattern": ID_PATTERN.strip("^$")}  # Table Schema patterns match the whole value
_YES_NO = {"enum": ["是", "否"]}


def _text(doc: str, **constraints: Any) -> dict[str, Any]:
    return {"type": "string", "description": doc, **({"constraints": constraints} if constraints else {})}


def _typed(kind: str, doc: str, **constraints: Any) -> dict[str, Any]:
    return {"type": kind, "description": doc, **({"constraints": constraints} if constraints else {})}


# indicators.csv, by column title (export.CSV_COLUMNS gives the order)
INDICATOR_FIELDS: dict[str, dict[str, Any]] = {
    "年份": _typed("integer", "通知的年份（本站以年份区分各份通知）", required=True, minimum=1949),
    "文号": _text("通知的文号", required=True),
    "序号": _typed("integer", "项目在通知附件中的序号", required=True, minimum=1),
    "项目编号": _text("项目的永久编号（网址中的编号）", required=True, **_ID),
    "项目": _text("项目名称，照录通知", required=True),
    "子项编号": _text("子项的永久编号；指标不属于子项时为空", **_ID),
    "子项": _text("子项名称，照录通知；指标不属于子项时为空"),
    "指标编号": _text("目标数字的永久编号（项目页上的锚点）", required=True, **_ID),
    "统计内容": _text("这个数字统计的内容，照录通知", required=True),
    "目标值": _text("通知定的目标数字，照录原文；“/”表示通知本年未定数字", required=True, pattern=r"[0-9]+(\.[0-9]+)?|/"),
    "单位": _text("目标数字的单位", required=True),
    "要求": _text(
        "目标的要求，用通知的说法（不低于、约……）；通知注明本年无任务的项目为“本年无任务”",
        required=True,
        enum=[*dict.fromkeys(DIRECTION_LABELS.values()), t("no_task")],
    ),
    "适用范围": _text("目标数字适用的范围（如 一类县）；适用于全部时为空"),
    "最新数值": _typed("number", "最新一份进度报告中累计达到的数值；未报告或按“是否达到”报告时为空", minimum=0),
    "是否达到": _text("最新一份进度报告时是否达到目标；未报告时为空", **_YES_NO),
    "完成率%": _typed("number", "最新数值占目标值的百分比，四舍五入到整数；无法计算时为空", minimum=0),
    "报告日期": _typed("date", "最新一份进度报告的截至日期；未报告时为空"),
    "序时进度%": _typed("number", "报告日期时本年已过的百分比（按时间应完成的进度）", minimum=0, maximum=100),
    "来源": _text("最新一份进度报告的来源（文件或公告的名称）"),
    "通知原文": _text("通知中写这个数字的原话（连同限定词、单位和适用范围），照录", required=True),
}

# the progress templates, by column title (layout.COLUMNS gives the order and descriptions)
TEMPLATE_TYPES: dict[str, dict[str, Any]] = {
    layout.NOTICE: {"type": "string", "constraints": {"required": True}},
    layout.PROJECT_ID: {"type": "string", "constraints": {"required": True, **_ID}},
    layout.SEQ: {"type": "integer", "constraints": {"required": True, "minimum": 1}},
    layout.NAME: {"type": "string", "constraints": {"required": True}},
    layout.INDICATOR_ID: {"type": "string", "constraints": {"required": True, **_ID}},
    layout.COUNTS: {"type": "string", "constraints": {"required": True}},
    layout.TARGET: {"type": "number", "constraints": {"required": True, "minimum": 0}},
    layout.UNIT: {"type": "string", "constraints": {"required": True}},
    layout.REQUIREMENT: {"type": "string", "constraints": {"required": True}},
    layout.CLAUSE: {"type": "string", "constraints": {"required": True}},
    layout.DATE: {"type": "date"},
    layout.REACHED: {"type": "number", "constraints": {"minimum": 0}},
    layout.MET: {"type": "string", "constraints": _YES_NO},
    layout.SOURCE: {"type": "string"},
    layout.NOTE: {"type": "string"},
    layout.CORRECTION: {"type": "string", "constraints": _YES_NO},
    layout.VERIFIED: {"type": "string", "constraints": _YES_NO},
}


def _fields(order: list[str] | tuple[str, ...], spec: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    # a column without a declared field is a KeyError at build time, not a silent gap
    return [{"name": name, "title": name, **spec[name]} for name in order]


def indicator_schema() -> dict[str, Any]:
    return {"fields": _fields(CSV_COLUMNS, INDICATOR_FIELDS), "primaryKey": ["项目编号", "指标编号"]}


def template_schema() -> dict[str, Any]:
    spec = {c.title: {**TEMPLATE_TYPES[c.title], "description": c.doc} for c in layout.COLUMNS}
    return {"fields": _fields(layout.TITLES, spec)}


def _prefilled() -> int:
    """How many columns, from the first, the site fills (the rest are the clerk's)."""
    given = [c.prefilled for c in layout.COLUMNS]
    return given.index(False) if False in given else len(given)


def _csv(name: str, path: str, title: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "title": title,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",  # with a BOM, so that Excel opens it as Chinese text
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": schema,
    }


def _beside(address: Urls, path: str) -> str:
    """A file's path relative to the package (both in the notice's data folder)."""
    folder = address.DATA_PACKAGE.rsplit("/", 1)[0] + "/"
    if not path.startswith(folder):
        raise ValueError(f"{path} 不在 {folder} 中")
    return path.removeprefix(folder)


def to_datapackage(notice: Notice, address: Urls, site_url: str, sheet_csv: str) -> str:
    """datapackage.json for the notice's open data; ``sheet_csv`` is the path of the
    template of every project (``sheets.paths(address, None)["csv"]``)."""
    doc = notice.document
    package: dict[str, Any] = {
        "profile": "data-package",  # the CSVs are tabular resources, projects.json is not
        "name": f"minsheng-{doc.year}",
        "title": f"{doc.region}{doc.year}年民生工程公开数据",
        "description": (
            f"{doc.issuer}《{doc.title}》（{doc.number}）中各项民生工程的目标数字及其进度。"
            "全部内容来自本站的数据文件；CSV 为 UTF-8 编码（带 BOM），第一行是列名。"
        ),
        "sources": [{"title": f"{doc.issuer}《{doc.title}》（{doc.number}）"}],
    }
    if site_url:
        package["homepage"] = urls.absolute(site_url, urls.url_of(address.DATA_DICTIONARY))
    package["resources"] = [
        _csv(
            "indicators",
            _beside(address, address.CSV_EXPORT),
            "指标与最新进度",
            "每个目标数字一行，附最新一份进度报告。以 ' 开头的文字是为防止表格软件把它当作公式而加的。",
            indicator_schema(),
        ),
        _csv(
            "jindu",
            _beside(address, sheet_csv),
            "进度填报表",
            f"全部项目的进度填报表，每个有数字的目标一行，前{_prefilled()}列由网站填好，其余由县直单位填报；"
            "每个项目页另有只含本项目各行的同样表格（projects/<项目编号>/<项目编号>-jindu.csv）。",
            template_schema(),
        ),
        {
            "name": "projects",
            "path": _beside(address, address.JSON_EXPORT),
            "title": "全部数据",
            "description": "通知、项目、子项、指标和进度报告，结构与数据文件相同；各字段的说明见开放数据页。",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        },
    ]
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"
