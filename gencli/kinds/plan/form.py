"""规划 (a development plan such as a “十四五” plan): chapters 第一章 … each with a narrative body
whose headings the generator numbers 一、 （一） 1. （1）, boxed 专栏 written inside the narrative,
and optional tables of main indicators (主要指标) with their 属性 预期性/约束性.

The indicator table is declared here once: the schema, the normalizer and the template read
these columns, so a column heading is never typed twice.
"""

from __future__ import annotations

from gencli.kinds.model import Field

KIND = "plan"
NAME = "规划"

_VALUE = {"type": ["integer", "number", "string"]}

INDICATOR_COLUMNS = (
    Field(
        "name",
        "指标名称",
        "指标名称，如“每千人拥有企业数”",
        {"type": "string", "minLength": 1},
        required=True,
    ),
    Field("unit", "单位", "计量单位，如“户”“%”；无单位时省略", {"type": "string"}),
    Field(
        "base",
        "基期值",
        "基期（通常为规划期前一年）的数值；数字或文字，如 23.377、“≥95%”",
        _VALUE,
        required=True,
    ),
    Field(
        "target",
        "目标值",
        "规划期末的目标值；数字或文字，如 30、“[5]”（累计数）",
        _VALUE,
        required=True,
    ),
    Field(
        "type", "属性", "指标属性：预期性或约束性", {"enum": ["预期性", "约束性"]}, required=True
    ),
)
CATEGORY = Field(
    "category",
    "类别",
    "指标类别，印在表格第一列并跨行合并，如“市场环境”",
    {"type": "string", "minLength": 1},
    required=True,
)
NUMBER_LABEL = "序号"


def value_label(kind: str, year: int | None) -> str:
    """The printed heading of the base or target column: 2020年 when the year is given."""
    column = next(c for c in INDICATOR_COLUMNS if c.key == kind)
    return f"{year}年" if year else column.title


def form_for(report: dict) -> None:
    """The template reads the indicator columns from this module (`forms`), not an edition."""
