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
