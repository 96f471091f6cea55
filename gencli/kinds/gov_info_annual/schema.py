"""Generate the JSON Schema (draft-07) of each report kind from its form declaration.

The generated files in `schema/` are committed so editors (yaml-language-server) can use them;
a test proves they equal what this module generates, so the forms stay the only declaration.
Arithmetic lives in the schema too, as `x-` keywords that `gencli.checking.keywords` evaluates:

- `x-row`: {"columns": [...], "total": "total"} — a row may be a list in column order or a
  mapping; its total, when given, equals the sum of the other columns.
- `x-sum`: {"total": "total", "columns": [...]} — the group's `total` row equals the sum of every
  figure row below the group, column by column.
- `x-balance`: {"left": [...], "right": [...], "columns": [...]} — Σleft = Σright per column.
- `x-max-digits`: an amount has at most this many digits.
- `x-warn-if`: [{"schema": S, "message": M, "at": KEY}] — a warning when the instance matches S.
- `x-printed-length`: {"max": N, "message": M} — a warning when the printed narrative is longer.
- `x-messages`: {keyword: message} — the Chinese message for a standard keyword's failure here.
- `x-narrative`: true — a Markdown field whose `{{ }}` figure references are checked.
- `x-edition`: {"format", "name", "years"} — on an `allOf` item whose `then` holds one edition's
  tables: which format they are checked against, for messages (`checking.editions`).
- `x-alternative`: the Chinese name of one way of writing a value (an `anyOf` branch: 按列顺序的
  列表, 按列名的映射), for messages. Not a `title`: yaml-language-server's hover shows the first
  title it meets, the branch's, and the row's own title (四、结转下年度继续办理) must win.
"""

from __future__ import annotations

from typing import Any

from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.model import Row
from gencli.kinds.schema_common import (
    agency_property,
    date_property,
    date_rules,
    document,
    figure_schema,
    kind_property,
    narrative,
    row_definition,
    title_property,
    warn_if_empty,
    year_property,
)


def _titled(row: Row, schema: dict[str, Any]) -> dict[str, Any]:
    return {"title": row.label, "description": row.official, **schema}


def _ref(name: str) -> dict[str, Any]:
    return {"allOf": [{"$ref": f"#/definitions/{name}"}]}


def _row_schema(row: Row, columns: list[str]) -> dict[str, Any]:
    """A row of table 三: a figure row, or a group of rows (without figures of its own)."""
    if not row.is_group:
        return _titled(row, _ref("application-row"))
    group = {
        "type": "object",
        "properties": {child.key: _row_schema(child, columns) for child in row.children},
        "additionalProperties": False,
    }
    if any(child.key == gia.TOTAL for child in row.children):
        group["x-sum"] = {"total": gia.TOTAL, "columns": columns}
    if row.legacy_leaf is None:
        return _titled(row, group)
    group["x-alternative"] = "分子行填写"
    legacy = {
        "anyOf": [
            {
                "x-alternative": f"写成一行（按“{row.children[-1].label}”计）",
                **_ref("application-row"),
            },
            group,
        ],
        "x-warn-if": [
            {
                "schema": {
                    "anyOf": [
                        {"type": "array"},
                        {"type": "object", "propertyNames": {"enum": [*columns, gia.TOTAL]}},
                    ]
                },
                "message": f"{row.label}在本格式中分为{len(row.children)}个子行；"
                f"这里写成了一行，按“{row.children[-1].label}”计",
            }
        ],
    }
    return _titled(row, legacy)


def applications_schema(fmt: gia.Format) -> dict[str, Any]:
    """Table 三, with the official 勾稽关系 as `x-sum` (in results) and `x-balance` (here)."""
    columns = gia.APPLICATION_ROW.keys
    properties = {row.key: _row_schema(row, columns) for row in fmt.applications}
    return {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "x-balance": {
            "left": [list(path) for path in gia.BALANCE.left],
            "right": [list(path) for path in gia.BALANCE.right],
            "columns": columns,
            "total": gia.APPLICATION_ROW.total.key,
            "rule": gia.BALANCE.rule,
        },
    }


def proactive_schema(fmt: gia.Format) -> dict[str, Any]:
    """Table 二: one mapping per row, keyed by the block's columns."""
    properties = {}
    for block in fmt.proactive:
        for row in block.rows:
            properties[row.key] = {
                "title": row.label,
                "description": f"{block.label}：{row.label}",
                "type": "object",
                "properties": {f.key: figure_schema(f) for f in block.figures},
                "additionalProperties": False,
            }
    return {"type": "object", "properties": properties, "additionalProperties": False}


def appeals_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {g.key: _titled(g, _ref("appeal-row")) for g in gia.APPEAL_GROUPS},
        "additionalProperties": False,
    }


def _is_format(fmt: int) -> dict[str, Any]:
    """Matches reports of the given format: stated explicitly, or by default from the year.
    A report whose year is not a whole number, and states no format, matches neither: its
    tables are left unchecked rather than checked against a guess."""
    by_year = {"maximum": 2020} if fmt == 2019 else {"minimum": 2021}
    return {
        "anyOf": [
            {"required": ["format"], "properties": {"format": {"const": fmt}}},
            {
                "not": {"required": ["format"]},
                "required": ["year"],
                "properties": {"year": {"type": "integer", **by_year}},
            },
        ]
    }


def _edition(fmt: gia.Format) -> dict[str, Any]:
    """One `allOf` item: the edition's tables apply when the report is in that format; its
    `x-edition` names it, for `checking.editions` to say which format the tables are checked
    against and why."""
    years = "2020年及以前" if fmt.year == 2019 else "2021年及以后"
    return {
        "if": _is_format(fmt.year),
        "then": _format_branch(fmt),
        "x-edition": {
            "format": fmt.year,
            "name": f"{fmt.year}年格式（{fmt.document}）",
            "years": years,
        },
    }


def _format_branch(fmt: gia.Format) -> dict[str, Any]:
    branch: dict[str, Any] = {
        "properties": {
            "proactive": {"allOf": [{"$ref": f"#/definitions/proactive-{fmt.year}"}]},
            "applications": {"allOf": [{"$ref": f"#/definitions/applications-{fmt.year}"}]},
        }
    }
    if fmt.year >= 2021:
        branch["properties"]["overview"] = {
            "x-printed-length": {
                "max": gia.OVERVIEW_LIMIT,
                "message": "一、总体情况 印出后共 {length} 字，"
                f"2021年格式要求“{gia.OVERVIEW_LIMIT_TEXT}”",
            }
        }
    return branch


def _warnings() -> list[dict[str, Any]]:
    return [
        {
            "schema": {
                "required": ["format", "year"],
                "anyOf": [
                    {"properties": {"format": {"const": 2019}, "year": {"minimum": 2021}}},
                    {"properties": {"format": {"const": 2021}, "year": {"maximum": 2020}}},
                ],
            },
            "at": "format",
            "message": "{year}年的报告默认使用{default_format}年格式，这里指定了 format: {format}",
        },
        {
            "schema": {
                "allOf": [
                    _is_format(2021),
                    {"not": {"required": ["processing_fees"]}},
                    {
                        "not": {
                            "required": ["other"],
                            "properties": {"other": {"pattern": "信息处理费"}},
                        }
                    },
                ]
            },
            "at": None,
            "message": f"2021年格式要求在“{gia.PARTS[-1].title}”中报告收取信息处理费的情况："
            "请填写 processing_fees（notices 收费通知件数、amount 金额），"
            "或在 other 中说明",
        },
    ]


def schema() -> dict[str, Any]:
    """The whole schema of 政府信息公开工作年度报告."""
    properties: dict[str, Any] = {
        "kind": kind_property(gia.KIND, gia.NAME),
        "agency": agency_property(),
        "year": year_property(
            gia.FIRST_YEAR,
            "2019年以前的年度报告没有统一格式，不予支持（统一格式自国办公开办函〔2019〕60号起）",
        ),
        "format": {
            "title": "年度报告格式",
            "description": "2019：国办公开办函〔2019〕60号格式；"
            "2021：国办公开办函〔2021〕30号格式。省略时 2020 年及以前用 2019，其后用 2021",
            "enum": list(gia.FORMATS),
        },
        "title": title_property("省略时为“" + gia.default_title("{报告机关}", "{年度}") + "”"),
        "date": date_property(),
        "preface": narrative("前言", "印在“一、总体情况”之前的文字"),
    }
    for part in gia.PARTS:
        if part.content == "narrative":
            properties[part.key] = narrative(part.title, part.description)
        else:
            properties[part.key] = {
                "title": part.title,
                "description": part.description,
                "type": "object",
            }
    properties["appeals"].update(_ref("appeals"))
    del properties["appeals"]["type"]
    properties["problems"].update(warn_if_empty(f"{gia.PARTS[4].title} 为空：此部分不得敷衍了事"))
    properties["overview"].update(
        warn_if_empty(f"{gia.PARTS[0].title} 为空：年度报告格式要求在此综述本年度政府信息公开工作")
    )
    properties["processing_fees"] = {
        "title": "信息处理费",
        "description": f"依据{gia.FEES_REGULATION}收取信息处理费的情况，{gia.PROCESSING_FEES_WHERE}",
        "type": "object",
        "properties": {f.key: figure_schema(f) for f in gia.PROCESSING_FEES},
        "required": [f.key for f in gia.PROCESSING_FEES],
        "additionalProperties": False,
    }
    return document(
        gia.KIND,
        gia.NAME,
        "按国务院办公厅政府信息与政务公开办公室规定格式编写的政府信息公开工作年度报告"
        "（gencli 报告 YAML）",
        properties,
        ["agency", "year", *[p.key for p in gia.PARTS if p.required]],
        allOf=[_edition(gia.FORMAT_2019), _edition(gia.FORMAT_2021)],
        **{"x-warn-if": _warnings()},
        **date_rules(after_year_end=True, deadlines=gia.PUBLICATION_DEADLINES),
        **{"x-heading-level": 2},  # a part's `#` prints as （一） (templates/gov-info-annual)
        definitions={
            "application-row": row_definition(*gia.APPLICATION_ROW.split()),
            "appeal-row": row_definition(*gia.APPEAL_ROW.split()),
            "appeals": appeals_schema(),
            "proactive-2019": proactive_schema(gia.FORMAT_2019),
            "proactive-2021": proactive_schema(gia.FORMAT_2021),
            "applications-2019": applications_schema(gia.FORMAT_2019),
            "applications-2021": applications_schema(gia.FORMAT_2021),
        },
        **{"x-parts": [p.key for p in gia.PARTS]},
    )
