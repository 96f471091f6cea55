"""The normalized report: every row present, totals filled in, defaults applied.

Templates, figure references, cross-year checks and `diff` all read this form, never the YAML
as written, so a row written as a list, as a mapping or not at all means the same thing.
It assumes a report that passed the structure check.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from gencli.kinds import rows
from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.model import AMOUNT, TEXT, Figure, Row
from gencli.kinds.plan import form as plan_form
from gencli.kinds.rule_of_law_annual import form as rla
from gencli.kinds.work_summary import form as work_summary_form


def chinese_date(iso: str) -> str:
    """成文日期 as printed: Arabic digits, no zero padding (GB/T 9704-2012 7.3.5.1): 2021年1月29日."""
    day = datetime.date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def _figure(figure: Figure, value: Any) -> Any:
    if value is None:
        if figure.kind == TEXT:
            return figure.default
        return Decimal(0) if figure.kind == AMOUNT else 0
    if figure.kind == AMOUNT:
        return Decimal(value)
    return value


def _plain(value: Any) -> Any:
    """ruamel's commented containers and scalar subclasses as plain Python values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    return value


def _application_row(row: Row, written: Any, columns: list[str]) -> dict[str, Any]:
    """A row of table 三 with every cell; a group with every row below it and its total."""
    if not row.is_group:
        return rows.row_sums(written, columns, gia.TOTAL) or {}
    if row.legacy_leaf and rows.is_row(written, columns, gia.TOTAL):
        written = {row.legacy_leaf: written}
    written = written if isinstance(written, dict) else {}
    group = {}
    for child in row.children:
        if child.key == gia.TOTAL and child.key not in written:
            group[child.key] = rows.group_sums(written, columns, gia.TOTAL)
        else:
            group[child.key] = _application_row(child, written.get(child.key), columns)
    return group


def gov_info_annual(report: dict) -> dict[str, Any]:
    """Normalize a structurally valid 政府信息公开工作年度报告."""
    data = _plain(report)
    year = data["year"]
    fmt = gia.FORMATS_BY_YEAR[data.get("format", gia.default_format(year))]
    out: dict[str, Any] = {
        "kind": gia.KIND,
        "agency": data["agency"],
        "year": year,
        "format": fmt.year,
        "format_document": fmt.document,
        "title": data.get("title") or f"{data['agency']}{year}年政府信息公开工作年度报告",
        "date": data.get("date"),
        "date_text": chinese_date(data["date"]) if data.get("date") else "",
        "preface": data.get("preface", ""),
    }
    for part in gia.PARTS:
        if part.content == "narrative":
            out[part.key] = data.get(part.key) or ""
    written = data.get("proactive", {})
    out["proactive"] = {
        row.key: {f.key: _figure(f, written.get(row.key, {}).get(f.key)) for f in block.figures}
        for block in fmt.proactive for row in block.rows
    }
    columns = [c.key for c in gia.APPLICANT_COLUMNS]
    applications = data.get("applications", {})
    out["applications"] = {
        row.key: _application_row(row, applications.get(row.key), columns)
        for row in fmt.applications
    }
    appeal_columns = [c.key for c in gia.APPEAL_COLUMNS[:-1]]
    appeals = data.get("appeals") or {}
    out["appeals"] = {
        group.key: rows.row_sums(appeals.get(group.key), appeal_columns, gia.TOTAL)
        for group in gia.APPEAL_GROUPS
    }
    fees = data.get("processing_fees")
    out["processing_fees"] = (
        {f.key: _figure(f, fees.get(f.key)) for f in gia.PROCESSING_FEES} if fees else None
    )
    return out


def _common(data: dict, kind: str, title: str) -> dict[str, Any]:
    """The keys every kind shares, defaults applied (date also in its printed form)."""
    return {
        "kind": kind,
        "agency": data.get("agency", ""),
        "year": data.get("year"),
        "title": data.get("title") or title,
        "date": data.get("date"),
        "date_text": chinese_date(data["date"]) if data.get("date") else "",
        "preface": data.get("preface", ""),
    }


def rule_of_law_annual(report: dict) -> dict[str, Any]:
    """Normalize a structurally valid 法治政府建设年度报告: every part present, 五 possibly empty."""
    data = _plain(report)
    out = _common(data, rla.KIND, f"{data['agency']}{data['year']}年法治政府建设年度报告")
    out.update({part.key: data.get(part.key) or "" for part in rla.PARTS})
    return out


def work_summary(report: dict) -> dict[str, Any]:
    """Normalize a structurally valid 工作总结: the title and the body as written."""
    data = _plain(report)
    out = _common(data, work_summary_form.KIND, data["title"])
    del out["preface"]  # the body begins with its own opening paragraphs
    return {**out, "body": data["body"]}


def _indicators(written: dict | None) -> dict[str, Any] | None:
    """An indicator table as printed: header labels, and groups of rows (one unnamed group when
    written as plain rows), every column present."""
    if not written:
        return None
    keys = [column.key for column in plan_form.INDICATOR_COLUMNS]
    groups = written.get("groups") or [{"category": "", "rows": written["rows"]}]
    return {
        "title": written["title"],
        "base_year": written.get("base_year"),
        "target_year": written.get("target_year"),
        "base_label": plan_form.value_label("base", written.get("base_year")),
        "target_label": plan_form.value_label("target", written.get("target_year")),
        "grouped": "groups" in written,
        "groups": [{"category": group["category"],
                    "rows": [{key: row.get(key, "") for key in keys} for row in group["rows"]]}
                   for group in groups],
        "note": written.get("note", ""),
    }


def plan(report: dict) -> dict[str, Any]:
    """Normalize a structurally valid 规划: chapters with their body and indicator table."""
    data = _plain(report)
    out = _common(data, plan_form.KIND, data["title"])
    out["chapters"] = [
        {"title": chapter["title"], "body": chapter.get("body", ""),
         "indicators": _indicators(chapter.get("indicators"))}
        for chapter in data["chapters"]
    ]
    return out


NORMALIZERS = {
    gia.KIND: gov_info_annual,
    rla.KIND: rule_of_law_annual,
    work_summary_form.KIND: work_summary,
    plan_form.KIND: plan,
}
