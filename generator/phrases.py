"""Every fixed word the site adds to the notice's own, in one place.

A text on a page is one of three things: a verbatim quote of the notice; one of these
phrases (slots in braces are filled with the data's own values or with numbers computed
from its reports); or an editor's note, visibly labelled as the site's. The fidelity test
(tests/test_fidelity.py) reads this module to tell the three apart, so a template never
writes a sentence of its own: it calls ``t("key", slot=value)``.

The phrases assert nothing about the projects beyond what the notice and the data's
reports say. They describe the site, how to read it, and the year the targets are for.
"""

from __future__ import annotations

PHRASES: dict[str, str] = {
    # --- words shared by many pages
    "seq_name": "{seq}．{name}",
    "of_total": "第{seq}项（共{total}项）",
    "year_targets": "{year}年度目标",
    "year_targets_heading": "{year}年度目标任务",
    "year_state_none": "这是{year}年度的目标；本站没有收到完成情况。",
    "year_state_some": "这是{year}年度的目标；完成情况按收到的进度报告，截至{date}。",
    "site_grouping": "本站按群众的生活情况分组，这不是通知的分类。",
    "editor_note": "编者注",
    "summary_label": "本站概括",
    "sic": "原文如此",
    "filled_from_body": "附件此行未印项目名称，本站照正文补上",
    "unknown": "未知",
    "not_filled": "未填写",
    "no_figure": "本年未设数值",
    "not_received": "未收到",
    "to_project": "项目页",
    "to_retired": "去向说明",
    "all_projects": "全部项目",
    "previous": "上一项",
    "next": "下一项",
    "copy": "复制",
    "copied": "已复制",
    "figures_caption": "目标数字",
    "col_figure": "目标",
    "col_counts": "统计内容（本站概括）",
    "col_quote": "通知原文",
    "col_progress": "完成情况",
    "col_seq": "序号",
    "col_project": "项目",
    "col_category": "类别",
    "col_figures": "目标数字",
    "col_status": "进度",
    "col_average": "平均完成",
    "col_updated": "最近更新",
    "col_target": "目标任务",
    "items_count": "{n}个子项",
    "blank_count": "另有{n}个“/”",
    "project_count": "{n}项",
    # --- site-wide
    "data_version": "数据依据 {number}；数据版本 {version}，数据最后修改于 {date}。",
    "footer_issuer": "通知：{issuer}《{title}》（{number}）",
    "footer_publisher": "本站发布单位：{publisher}",
    "about_link": "关于本站",
    # --- home page
    "home_lede": "这里公开{issuer}《{title}》（{number}，{date}）确定的{n}项民生工程和它们的年度目标。项目名称、目标任务和每一个数字都照录通知原文；通知没有写的，本站不写。",
    "home_progress_some": "截至{date}，{n}个项目公布了进度，见",
    "updates": "最近更新",
    "situations_heading": "按生活情况找",
    "categories_heading": "按通知的分类看",
    "category_count": "{n}项{label}",
    "label_count": "{label}{n}项",
    "overview_link": "全部{n}个项目的总览表",
    "usage_search": "在页面上方的搜索中输入项目名称或常用说法，可以找到项目。",
    "usage_links": "每个项目、子项和数字都有固定网址：点标题或数字旁的 ¶ 就复制了它的网址。",
    "usage_notice": "通知原文按原来的顺序公开，附件表格的每一行都链接到对应的项目。",
    "notice_link": "通知原文",
    # --- situation pages
    "situation_lede": "与“{name}”有关的{n}项。",
    "situation_member_of": "属于",
    # --- project pages
    "project_title": "{seq}．{name}（{region}{year}年民生工程）",
    "project_where": "{region}{year}年民生工程",
    "body_name": "通知正文称“{name}”",
    "items_intro": "本项目分为{n}个子项：",
    "rollup": "{total}个数字目标中{reported}个已公布进度、{met}个已达到，平均完成{average}",
    "rollup_item": "本子项：",
    "rollup_project": "全项目：",
    "status": "状态：",
    "as_of": "截至{date}",
    "reached_of": "达到{reached}（{share}）",
    "met": "已达到",
    "not_met": "未达到",
    "expected": "序时进度{expected}，{verdict}",
    "ahead": "达到或领先",
    "behind": "落后",
    "method": "计算方法：",
    "rollup_rule": "按已公布进度的数字目标的完成率取算术平均：完成率 = 最新累计数 ÷ 目标值，超过 100% 的按 100% 计；封顶、不超过类目标达到计 100%，未达到计 0%。“/”（本年未设数值）和不适用于本县的数字不计入。",
    "method_elapsed": "序时进度 = 报告截止日期时本年度已过去的天数 ÷ 全年天数。",
    "no_reports": "本站没有收到本项目的进度报告。{number}只确定了年度目标；本站不显示未经公布的数字，也不把“未收到”当作0%。",
    "report_source": "来源：",
    "correction": "（更正）",
    "report_line": "{counts}：{reached}{unit}（目标{value}{unit}）",
    "report_line_judged": "{counts}：{verdict}",
    "category_part": "本项目属于通知中“{heading}”这一部分。",
    "in_situations": "本站把本项目列在这些分组里：",
    "keywords_label": "常用说法（本站所加，便于搜索；不都是通知原文）：",
    "subscribe_project": "订阅本项目的更新：把这个地址复制到订阅软件（阅读器）里，本项目有新的进度报告时就能看到。",
    "subscribe_how": "什么是订阅？",
    "source_line": "{issuer}《{title}》（{number}，{date}）附件“{annex}”第{seq}项：",
    "in_notice_annex": "在通知原文中查看",
    "in_notice_body": "正文说明",
    # --- citation box
    "cite_intro": "按国家标准 GB/T 7714—2015《信息与文献　参考文献著录规则》著录的引文（“引用日期”是您查阅本页的日期）：",
    "cite_copy": "复制引文",
    "cite_whole_page": "改为引用整个页面",
    "cite_version": "数据版本：{version}",
    "cite_version_date": "（{date}提交）",
    "cite_figure_hint": "引用单个数字，请点数字旁的“引用”。",
    "cite_button": "引用",
    "cite_figure_label": "引用这个数字：{counts}",
    "link_to_figure": "这个数字的网址",
    "qr_alt": "本页二维码：{url}",
    "qr_caption": "本页二维码，扫码打开 {url}",
    "qr_download": "下载二维码（SVG，可印在公示牌上）",
    # --- notice page
    "notice_annex_caption": "附件表格：每一行链接到对应的项目页",
    # --- category pages
    "category_lede": "{number}把本年的民生工程分为{labels}几类。本页列出“{label}”类的{n}个项目。",
    "category_lede_count": "（通知称{n}项）",
    "category_explained": "通知正文的说明",
    # --- retired page
    "retired_lede": "通知中“{heading}”这一部分的原文：",
    "retired_parts": "“{name}”各部分的去向",
    "col_part": "部分",
    "col_text": "原文",
    "col_now": "现在",
    "retired_gone": "不再作为民生工程",
    # --- glossary
    "glossary_title": "名词解释",
    "glossary_lede": "通知中的简称和专门名词。每条都注明出处：通知原文、本站用语，或所引的其他文件。",
    "also_written": "又作：",
    "basis_notice": "通知原文（{number}）：",
    "basis_site": "本站用语（通知中没有这个词）：",
    "basis_cited": "引自{source}：",
    # --- requirements page
    "lead": "牵头部门：",
    # --- overview
    "overview_title": "项目总览",
    "overview_lede": "{number}确定的全部{n}项民生工程：{counts}；另有{retired}项",
    "retired_label": "调整和退出",
    "overview_sort": "点表头可以排序。",
    "filter_label": "按类别筛选：",
    "filter_all": "全部",
    "overview_caption": "{region}{year}年民生工程总览（共{n}项）",
    "chart_heading": "完成情况图",
    "chart_caption": "各项目已公布进度的平均完成率（文字写出数值和状态，不只靠颜色）",
    # --- updates and subscribing
    "updates_lede": "各项目公布的进度报告，最新的在前。",
    "updates_none": "本站没有收到任何进度报告。{number}只确定了年度目标。",
    "subscribe_site": "订阅全部更新",
    "subscribe_title": "订阅更新",
    "subscribe_lede": "订阅（RSS/Atom）是一种免费的提醒方式：把下面的地址复制到手机或电脑上的订阅软件（阅读器）里，本站有新的进度报告时，软件会自动收到，不用天天打开网站查看。本站不收集订阅者的任何信息。",
    "subscribe_steps": "怎样订阅：① 点“复制”复制地址；② 打开订阅软件，找到“添加订阅”；③ 粘贴地址并确认。",
    "subscribe_site_feed": "全部项目的更新：",
    "subscribe_project_feeds": "每个项目另有自己的订阅地址，写在该项目页的“进度”一节。",
    # --- open data
    "data_title": "开放数据",
    "data_lede": "本站的全部内容都来自一个数据文件。可以下载：",
    "data_json": "全部数据（通知、项目、子项、指标、进度报告），结构与数据文件相同。",
    "data_csv": "每个指标一行，含最新进度；UTF-8 编码（带 BOM），可以直接用 Excel 打开。",
    "data_feed": "全部进度更新的订阅地址（Atom）。",
    "data_cite": "引用时请注明：{issuer}《{title}》（{number}）。",
    "data_csv_caption": "indicators.csv 各列",
    "data_fields_intro": "下表由数据模型生成，与数据检查和编辑器使用的 JSON Schema 同出一源。",
    "col_column": "列",
    "col_field": "字段",
    "col_required": "必填",
    "col_meaning": "说明",
    "yes": "是",
    "no": "否",
    "fields_of": "{name}的字段",
    # --- about
    "about_title": "关于本站",
    "about_lede": "本站把{issuer}《{title}》（{number}）逐字公开，供群众、人大代表、政协委员和新闻媒体查阅和引用。",
    "about_issuer": "通知由{issuer}发出，{office}{printed}。",
    "about_lead": "通知写明的牵头和主管单位：",
    "about_publisher": "本站发布单位：",
    "about_contact": "咨询渠道（{source}）：",
    "about_no_contact": "通知没有写咨询电话；本站不写未经核实的联系方式。",
    "about_rules": "项目名称、目标任务和每一个数字都照录通知原文，只删去了文字提取时多出的空格。通知没有写的内容（责任单位、联系电话、资金、进度、完成日期），本站一律不写；不知道的写“未收到”或“未知”。“编者注”“本站概括”“本站用语”和“常用说法”是本站所加，不是通知内容。",
    "about_urls": "每个项目的网址由数据中的固定编号生成（例如 {example}），每个子项和数字都有固定锚点；项目改名或调整顺序都不会改变网址。",
    "about_data": "全部数据都在本站的开放数据中，每次修改都经过自动检查，并保留修改记录。",
    "about_rules_heading": "本站写什么、不写什么",
    "about_urls_heading": "网址永久有效",
    "about_data_heading": "数据",
    "about_who_heading": "谁发布、到哪里问",
    # --- large-text mode (the switch in the header)
    "large_text": "大字",
    "large_text_on": "切换到大字模式",
}


def t(key: str, /, **slots: object) -> str:
    """A phrase with its slots filled (a KeyError names a phrase that does not exist)."""
    return PHRASES[key].format(**slots) if slots else PHRASES[key]


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
    "blank": "原文印为“/”",
    "scope": "数字说的是谁",
    "wording": "原文的写法",
    "annex": "附件与正文的差异",
}
STATUS_LABELS: dict[str, str] = {
    "unpublished": "未收到",
    "ongoing": "进行中",
    "done": "已完成",
    "behind": "滞后",
    "no-task": "本年无任务",
}
