"""The normalized 政府信息公开工作年度报告: every row of its format present, totals filled in."""

from __future__ import annotations

from typing import Any

from gencli.kinds import rows
from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.model import Row
from gencli.kinds.normalizing import chinese_date, figure_value, plain, title_keys


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


def normalize(report: dict) -> dict[str, Any]:
    """Normalize a structurally valid 政府信息公开工作年度报告."""
    data = plain(report)
    year = data["year"]
    fmt = gia.FORMATS_BY_YEAR[data.get("format", gia.default_format(year))]
    out: dict[str, Any] = {
        "kind": gia.KIND,
        "agency": data["agency"],
        "year": year,
        "format": fmt.year,
        "format_document": fmt.document,
        **title_keys(data.get("title"), gia.default_title(data["agency"], year)),
        "date": data.get("date"),
        "date_text": chinese_date(data["date"]) if data.get("date") else "",
        "preface": data.get("preface", ""),
    }
    for part in gia.PARTS:
        if part.content == "narrative":
            out[part.key] = data.get(part.key) or ""
    written = data.get("proactive", {})
    out["proactive"] = {
        row.key: {
            f.key: figure_value(f, written.get(row.key, {}).get(f.key)) for f in block.figures
        }
        for block in fmt.proactive
        for row in block.rows
    }
    columns = gia.APPLICATION_ROW.keys
    applications = data.get("applications", {})
    out["applications"] = {
        row.key: _application_row(row, applications.get(row.key), columns)
        for row in fmt.applications
    }
    appeals = data.get("appeals") or {}
    out["appeals"] = {
        group.key: rows.row_sums(appeals.get(group.key), gia.APPEAL_ROW.keys, gia.TOTAL)
        for group in gia.APPEAL_GROUPS
    }
    fees = data.get("processing_fees")
    out["processing_fees"] = (
        {f.key: figure_value(f, fees.get(f.key)) for f in gia.PROCESSING_FEES} if fees else None
    )
    return out
