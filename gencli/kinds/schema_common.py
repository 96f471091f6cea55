"""Schema pieces every report kind shares: the draft, narrative fields, the common keys (kind,
agency, year, title, date, preface) with their Chinese titles and descriptions, and the schema of
a figure and of a row of figures as the forms declare them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from gencli.kinds.model import AMOUNT, COUNT, SIGNED, TEXT, Deadline, Field, Figure

DRAFT7 = "http://json-schema.org/draft-07/schema#"
SCHEMA_BASE = "https://gencli.readthedocs.io/schema/"
EARLIEST_YEAR = 1949
LAST_YEAR = 2100
MAX_DIGITS = 15
MAX_FIGURE = 10**MAX_DIGITS - 1
PREFACE = "印在第一部分之前的文字"


def narrative(title: str, description: str) -> dict[str, Any]:
    return {
        "title": title,
        "description": description + "（Markdown；可用 {{ }} 引用表中数字）",
        "type": "string",
        "x-narrative": True,
    }


def field_schema(field: Field) -> dict[str, Any]:
    return {"title": field.title, "description": field.description, **field.schema}


def kind_property(kind: str, name: str) -> dict[str, Any]:
    return {"title": "报告种类", "description": name, "const": kind}


def agency_property(example: str = "福建省商务厅") -> dict[str, Any]:
    return {
        "title": "报告机关",
        "description": f"发文机关（报告机关）全称，如“{example}”",
        "type": "string",
        "minLength": 1,
    }


def year_property(first: int, before_first: str | None = None) -> dict[str, Any]:
    """The year reported on; `before_first` explains why earlier years are refused."""
    schema: dict[str, Any] = {
        "title": "报告年度",
        "description": "报告所属年度（公历年份）",
        "type": "integer",
        "minimum": first,
        "maximum": LAST_YEAR,
    }
    if before_first:
        schema["x-messages"] = {"minimum": before_first}
    return schema


def title_property(description: str) -> dict[str, Any]:
    """A title as one string (broken between words where it is too long for a line), or as the
    list of its printed lines (an author's own break)."""
    line = {"type": "string", "minLength": 1}
    return {
        "title": "标题",
        "description": description + "；要自己指定标题在哪里换行时，写成各行组成的列表",
        "anyOf": [line, {"type": "array", "items": line, "minItems": 1, "maxItems": 4}],
    }


def date_property() -> dict[str, Any]:
    return {
        "title": "成文日期",
        "description": "成文日期，如 2021-01-29；印在署名下方",
        "type": "string",
        "format": "date",
    }


# 发文字号 (GB/T 9704-2012 7.2.4): 机关代字, the year in 六角括号〔〕, the 序号 without 第 and
# without leading zeros, then 号. Each rule is its own check, so a mistake is named for what it is.
NUMBER_RULES = (
    ("^[^第]*$", "发文字号的序号不加“第”，应写成“榕市监〔2021〕12号”这样"),
    (
        "〔[0-9]{4}〕",
        "发文字号的年份应写全并用六角括号〔〕括入，不用 []、【】、（）或〈〉，如“〔2021〕”",
    ),
    ("^(?!.*〕0)", "发文字号的序号不编虚位，写“12号”而不写“012号”"),
    ("[0-9]号$", "发文字号应以序号和“号”结尾，如“榕市监〔2021〕12号”"),
)


def _text(title: str, description: str) -> dict[str, Any]:
    return {"title": title, "description": description, "type": "string", "minLength": 1}


def official_document_property() -> dict[str, Any]:
    """`document`: the 公文 elements of a report sent up to a superior agency (GB/T 9704-2012
    7.2 版头, 7.3.2 主送机关, 7.4 版记). A version published on a portal leaves it out. The 版记
    needs 印发机关 and 印发日期 together; 抄送机关 only with them."""
    agencies = {"type": "string", "minLength": 1}
    return {
        "title": "公文要素",
        "description": "作为公文报送时填写（发文机关标志、发文字号、签发人、主送机关、版记）；"
        "公开发布的版本不需要",
        "type": "object",
        "properties": {
            "mark": _text(
                "发文机关标志", "发文机关全称或规范化简称加“文件”二字，如“福州市市场监督管理局文件”"
            ),
            "number": {
                **_text(
                    "发文字号", "如“榕市监〔2021〕12号”：年份用六角括号〔〕，序号不加“第”、不编虚位"
                ),
                "allOf": [
                    {"pattern": pattern, "x-messages": {"pattern": message}}
                    for pattern, message in NUMBER_RULES
                ],
            },
            "signer": _text("签发人", "上行文的签发人姓名，印在发文字号同一行的右侧"),
            "recipients": {
                "title": "主送机关",
                "description": "主送机关全称或规范化简称，多个时写成列表；印在标题下空一行，末尾加全角冒号",
                "anyOf": [agencies, {"type": "array", "items": agencies, "minItems": 1}],
            },
            "copies": {
                "title": "抄送机关",
                "description": "抄送机关全称或规范化简称，多个时写成列表；印在版记中，"
                "机关之间用逗号，末尾加句号",
                "anyOf": [agencies, {"type": "array", "items": agencies, "minItems": 1}],
            },
            "printed_by": _text("印发机关", "送印机关，一般是发文机关的办公厅（室），印在版记中"),
            "printed_on": {
                **date_property(),
                "title": "印发日期",
                "description": "公文的送印日期，如 2021-01-29；印在版记中，印为“2021年1月29日印发”",
            },
            "seal": {
                "title": "加盖印章",
                "description": "true：留出盖章的位置（GB/T 9704 7.3.5.1）：成文日期右空四字，署名以成文日期为准"
                "居中，与正文之间多空一行，印章下压署名和成文日期；需要有成文日期 date",
                "type": "boolean",
            },
        },
        "required": ["mark", "number"],
        "dependencies": {
            "printed_by": ["printed_on"],
            "printed_on": ["printed_by"],
            "copies": ["printed_by", "printed_on"],
        },
        "x-messages": {
            "dependencies": "版记的印发机关 printed_by 和印发日期 printed_on 要一起填写，"
            "填写抄送机关 copies 时也要填写这两项"
        },
        "additionalProperties": False,
    }


def document(
    kind: str,
    name: str,
    description: str,
    properties: dict[str, Any],
    required: list[str],
    **extra: Any,
) -> dict[str, Any]:
    """The root of a kind's schema: closed to unknown keys, `kind` always required."""
    return {
        "$schema": DRAFT7,
        "$id": f"{SCHEMA_BASE}{kind}.schema.json",
        "title": name,
        "description": description,
        "type": "object",
        "properties": properties,
        "required": ["kind", *required],
        "additionalProperties": False,
        **extra,
    }


def date_rules(after_year_end: bool, deadlines: tuple[Deadline, ...] = ()) -> dict[str, Any]:
    """The root keywords for `date` (成文日期) against `year`: within the year after the year
    reported on (`after_year_end`), or else within that year or the next; and, where the form
    sets publication deadlines, a warning past the one that applies (see keywords.x_deadline)."""
    rules: dict[str, Any] = {"x-date-in": {"after_year_end": after_year_end}}
    if deadlines:
        rules["x-deadline"] = [{**asdict(d), "endings": list(d.endings)} for d in deadlines]
    return rules


def warn_if_empty(message: str) -> dict[str, Any]:
    """`x-warn-if` for a narrative part left blank."""
    return {"x-warn-if": [{"schema": {"pattern": r"^\s*$"}, "message": message}]}


def figure_schema(figure: Figure) -> dict[str, Any]:
    """The schema of one figure, by its kind."""
    schema: dict[str, Any] = {"title": figure.label, "description": figure.official}
    if figure.kind == COUNT:
        schema.update(type="integer", minimum=0, maximum=MAX_FIGURE)
    elif figure.kind == SIGNED:
        schema.update(type="integer", minimum=-MAX_FIGURE, maximum=MAX_FIGURE)
    elif figure.kind == AMOUNT:
        schema.update({"type": "number", "minimum": 0, "x-max-digits": MAX_DIGITS})
    elif figure.kind == TEXT:
        schema.update(type="string", enum=list(figure.choices))
        if figure.default is not None:
            schema["default"] = figure.default
    return schema


def row_definition(columns: tuple[Figure, ...], total: Figure) -> dict[str, Any]:
    """A row of figures, written as a list in column order or as a mapping of column keys."""
    keys = [column.key for column in columns]
    cells = [figure_schema(column) for column in (*columns, total)]
    return {
        "anyOf": [
            {
                "x-alternative": "按列顺序的列表",
                "description": "按列顺序填写："
                + "、".join(c.label for c in columns)
                + f"，可加第{len(columns) + 1}个数：{total.label}",
                "type": "array",
                "items": cells,
                "additionalItems": False,
                "minItems": len(columns),
                "maxItems": len(columns) + 1,
            },
            {
                "x-alternative": "按列名的映射",
                "description": "按列名填写，未写的列为 0",
                "type": "object",
                "properties": {c.key: s for c, s in zip((*columns, total), cells)},
                "additionalProperties": False,
            },
        ],
        "x-row": {"columns": keys, "total": total.key},
    }
