"""The Chinese wording of the loader's messages: what a clerk reads when the file is wrong."""

from __future__ import annotations

from ..model import DATE_PATTERN, ID_PATTERN, LINK_PATTERN, MEMBER_PATTERN, VALUE_PATTERN

# What a YAML node is, in words.
KIND = {
    "str": "文本",
    "int": "数字",
    "float": "数字",
    "bool": "布尔值",
    "null": "空值",
    "timestamp": "日期",
    "seq": "列表",
    "map": "键值表",
}
# A text that does not match its field's pattern.
PATTERN = {
    ID_PATTERN: "编号 '{v}' 格式不对：只能用小写字母、数字和连字符（如 dibao、sihao-nongcunlu）",
    DATE_PATTERN: "日期 '{v}' 格式不对，应为 YYYY-MM-DD（如 \"2099-06-01\"）",
    LINK_PATTERN: "链接 '{v}' 格式不对：应为以 http:// 或 https:// 开头的网址",
    MEMBER_PATTERN: "成员 '{v}' 格式不对：应写项目编号，或“项目编号#子项编号”（如 kunnan-jiuzhu#dibao）",
    VALUE_PATTERN: '数值 \'{v}\' 格式不对：应照原文写数字（如 "73"、"21.77"），原文为“/”的写 "/"',
}
# PyYAML's problems, by its own wording.
YAML_PROBLEMS = {
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
    "mapping values are not allowed here": "此处不能出现“: ”（可能缩进不对，或文字中的冒号需要加引号）",
    "could not find expected ':'": "缺少“: ”（可能缩进不对或引号没有配对）",
    "did not find expected key": "缩进不对或缺少“- ”",
    "found unexpected end of stream": "文件意外结束（可能引号没有配对）",
    "expected a single document in the stream": "文件中只能有一个 YAML 文档（不要使用“---”分隔多个文档）",
    "but found another document": "文件中只能有一个 YAML 文档（不要使用“---”分隔多个文档）",
}
# Problems whose wording varies (the token found), keyed by the parser's context.
YAML_CONTEXTS = {
    "while parsing a block mapping": "第 {start} 行起的这一段格式不对（可能引号没有配对、引号后面还有文字，或缩进不对）",
    "while parsing a flow sequence": "第 {start} 行的方括号“[ ]”没有配对，或其中的文字需要加引号",
    "while parsing a flow mapping": "第 {start} 行的花括号“{{ }}”没有配对，或其中的文字需要加引号",
    "while scanning an alias": "文字不能以“*”开头，请给这段文字加引号",
    "while scanning an anchor": "文字不能以“&”开头，请给这段文字加引号",
}
OS_ERRORS: dict[type[OSError], str] = {
    FileNotFoundError: "文件不存在",
    IsADirectoryError: "这是一个文件夹，不是文件",
    PermissionError: "没有读取权限",
}
