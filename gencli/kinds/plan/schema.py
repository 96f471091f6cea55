"""The schema of 规划: chapters with narrative bodies, and indicator tables whose columns come from
the form."""

from __future__ import annotations

from typing import Any

from gencli.base.numerals import LARGEST, chinese_number, numbering_hint
from gencli.kinds.plan import form as plan
from gencli.kinds.plan.skeleton import PLACEHOLDERS
from gencli.kinds.schema_common import (
    EARLIEST_YEAR,
    LAST_YEAR,
    agency_property,
    date_property,
    document,
    field_schema,
    kind_property,
    narrative,
    title_property,
)


def _indicator_row() -> dict[str, Any]:
    columns = plan.INDICATOR_COLUMNS
    return {
        "title": "指标",
        "description": "一项指标：" + "、".join(f"{c.key}（{c.title}）" for c in columns),
        "type": "object",
        "properties": {c.key: field_schema(c) for c in columns},
        "required": [c.key for c in columns if c.required],
        "additionalProperties": False,
    }


def _indicators() -> dict[str, Any]:
    row = {
        "title": "指标",
        "description": "一项指标",
        "allOf": [{"$ref": "#/definitions/indicator"}],
    }
    rows = {
        "title": "指标行",
        "description": "各项指标，按印出顺序",
        "type": "array",
        "items": row,
        "minItems": 1,
    }
    group = {
        "title": "指标类别",
        "description": "同一类别的指标，类别印在第一列并跨行合并",
        "type": "object",
        "properties": {"category": field_schema(plan.CATEGORY), "rows": rows},
        "required": ["category", "rows"],
        "additionalProperties": False,
    }
    year = {"type": "integer", "minimum": EARLIEST_YEAR, "maximum": LAST_YEAR}
    return {
        "title": "主要指标表",
        "description": "本章的主要指标表，印在本章正文之后；按行（rows）或按类别分组（groups）填写其一",
        "type": "object",
        "properties": {
            "title": {
                "title": "表题",
                "description": "表格标题，居中印在表格上方，如“‘十四五’时期市场监管主要指标”",
                "type": "string",
                "minLength": 1,
            },
            "base_year": {
                "title": "基期年份",
                "description": "填写时“基期值”列印为“2020年”这样的年份",
                **year,
            },
            "target_year": {
                "title": "目标年份",
                "description": "填写时“目标值”列印为“2025年”这样的年份",
                **year,
            },
            "rows": rows,
            "groups": {
                "title": "按类别分组",
                "description": "按类别分组的指标",
                "type": "array",
                "items": group,
                "minItems": 1,
            },
            "note": narrative("表注", "印在表格下方的注释，如“[ ]内为五年累计数”"),
        },
        "required": ["title"],
        "oneOf": [
            {"x-alternative": "按行填写（rows）", "required": ["rows"]},
            {"x-alternative": "按类别分组（groups）", "required": ["groups"]},
        ],
        "additionalProperties": False,
    }


def schema() -> dict[str, Any]:
    """Chapters with narrative bodies (专栏 written inside them) and optional indicator tables."""
    chapter = {
        "title": "章",
        "description": "一章：标题（不写“第X章”，由生成器编号）、正文，可附主要指标表",
        "type": "object",
        "properties": {
            "title": {
                "title": "章标题",
                "description": "章的标题，不含“第X章”，如“发展基础和形势挑战”",
                "type": "string",
                "minLength": 1,
                "x-warn-if": [
                    {
                        "schema": {"pattern": r"^\s*第[一二三四五六七八九十\d]+章"},
                        "message": "章标题不用写“第X章”：章由生成器按顺序编号，这里会印成两遍",
                    }
                ],
            },
            "body": narrative(
                "章正文",
                f"本章全文：{numbering_hint()}；```专栏 标题 … ``` 为专栏",
            ),
            "indicators": _indicators(),
        },
        "required": ["title"],
        "additionalProperties": False,
    }
    properties = {
        "kind": kind_property(plan.KIND, "规划"),
        "title": title_property("规划全称，如“福州市“十四五”市场监管现代化规划”"),
        "agency": agency_property("福州市市场监督管理局"),
        "date": {
            **date_property(),
            "description": "成文日期，如 2022-04-07；填写时与编制机关一起"
            "印在正文之后（署名和日期）",
        },
        "preface": narrative("前言", "印在第一章之前的文字"),
        "chapters": {
            "title": "各章",
            "description": "规划的各章，按顺序编号为第一章、第二章……",
            "type": "array",
            "items": chapter,
            "minItems": 1,
            "maxItems": LARGEST,
            "x-messages": {
                "minItems": "规划至少要有一章",
                "maxItems": f"规划最多 {LARGEST} 章（第{chinese_number(LARGEST)}章）：章的编号到此为止，"
                "请合并部分章节",
            },
        },
    }
    return document(
        plan.KIND,
        "规划",
        "分章编写的规划，可含专栏和主要指标表（gencli 报告 YAML）",
        properties,
        ["title", "chapters"],
        definitions={"indicator": _indicator_row()},
        **{"x-placeholders": list(PLACEHOLDERS), "x-heading-level": 1},  # `#` prints as 一、
    )
