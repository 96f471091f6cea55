"""`gencli init` for 政府信息公开工作年度报告: a complete skeleton generated from the form.

Every row is present with zeros and a Chinese comment naming it, so the file reads like the
printed form and validates as it is; narrative parts are empty strings to be written. Next
year's report (`init --from`) is the same skeleton started from last year's figures (`Start`).
"""

from __future__ import annotations

from typing import Any

from gencli.base.numerals import chinese_number
from gencli.base.yaml_writing import EMPTY, Block, flow, width
from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.model import TEXT, Figure, Row, RowSum
from gencli.kinds.skeleton_common import ZEROS, Start, modeline

_INDENT = 2
_FORMAT_COLUMN = 26  # `format:`'s comment lines up with the one of `# date:` below it


def _cell(figure: Figure, value: Any) -> Any:
    if value is not None:
        return value
    if figure.kind == TEXT:
        return figure.default
    return 0


def _order_hint(row: RowSum) -> str:
    """按列顺序：结果维持、结果纠正、其他结果、尚未审结（可加第五个数：总计 — said from the row."""
    return (
        "按列顺序："
        + "、".join(c.label for c in row.columns)
        + f"（可加第{chinese_number(len(row.columns) + 1)}个数：{row.total.label}"
    )


def _counts(row: Row, start: Start, here: tuple[str, ...]) -> Any:
    return flow(start.figures.get(here, [0] * len(gia.APPLICATION_ROW.columns)))


def _widest(rows: tuple[Row, ...], depth: int, start: Start, path: tuple[str, ...]) -> int:
    """The longest line of table 三's rows, so that their comments line up after it."""
    found = 0
    for row in rows:
        here = (*path, row.key)
        if row.is_group:
            children = tuple(c for c in row.children if c.key != gia.TOTAL)
            found = max(found, _widest(children, depth + 1, start, here))
        else:
            found = max(found, width(_INDENT * depth, row.key, _counts(row, start, here)))
    return found


def _row(table: Block, row: Row, column: int, start: Start, path: tuple[str, ...]) -> None:
    here = (*path, row.key)
    if not row.is_group:
        table.put(row.key, _counts(row, start, here), row.label + start.note(here), column)
        return
    group = Block(table.indent + _INDENT)
    for child in row.children:
        if child.key == gia.TOTAL:
            group.comment(f"{child.key}: （{child.label}）可省略，省略时自动合计")
        else:
            _row(group, child, column, start, here)
    table.put(row.key, group, row.label, column)


def _narrative(document: Block, key: str, title: str, note: str, start: Start) -> None:
    remark = [start.remarks[key]] if key in start.remarks else []
    document.comment(f"{title}：{note}", *remark, *start.previous_text(key))
    document.put(key, EMPTY)
    document.comment("")


def _proactive(fmt: gia.Format, start: Start) -> Block:
    table = Block(_INDENT)
    for block in fmt.proactive:
        table.comment(block.label)
        for row in block.rows:
            here = ("proactive", row.key)
            cells = {f.key: _cell(f, start.figures.get((*here, f.key))) for f in block.figures}
            labels = "、".join(f.label for f in block.figures)
            table.put(row.key, flow(cells), f"{row.label}：{labels}{start.note(here)}")
    return table


def _applications(fmt: gia.Format, start: Start) -> Block:
    table = Block(_INDENT)
    table.comment("每行" + _order_hint(gia.APPLICATION_ROW) + "；省略时自动合计）")
    column = _widest(fmt.applications, 1, start, ("applications",)) + 2
    for row in fmt.applications:
        _row(table, row, column, start, ("applications",))
    return table


def _appeals(start: Start) -> Block:
    table = Block(_INDENT)
    table.comment("每组" + _order_hint(gia.APPEAL_ROW) + "）")
    for group in gia.APPEAL_GROUPS:
        zeros = [0] * len(gia.APPEAL_ROW.columns)
        table.put(group.key, flow(start.figures.get(("appeals", group.key), zeros)), group.official)
    return table


def document(year: int, agency: str, schema_ref: str, start: Start = ZEROS) -> Block:
    """The skeleton of a 政府信息公开工作年度报告 for `year`, from zeros or from `start`, as data
    with comments (still open: comment lines may be added at its end)."""
    fmt = gia.FORMATS_BY_YEAR[start.format or gia.default_format(year)]
    parts = {p.key: p for p in gia.PARTS}
    report = Block()
    report.header(
        modeline(schema_ref),
        f"{gia.default_title(agency, year)}（{fmt.document}格式）",
        *([start.origin] if start.origin else []),
        "叙述部分用 Markdown 书写（# 二级标题 （一），## 三级标题 1.，### 四级标题 （1）），",
        "可用 {{ applications.new.total }} 这样的写法引用表中数字。",
    )
    report.put("kind", gia.KIND)
    report.put("agency", agency)
    report.put("year", year)
    if fmt.year != gia.default_format(year):
        note = f"表格格式（{fmt.document}），不是本年度的默认格式"
        report.put("format", fmt.year, note, _FORMAT_COLUMN)
    report.comment(
        f"date: {start.date or f'{year + 1}-01-20'}        # 成文日期（可选，印在署名下方）", ""
    )
    if start.previous_text("preface"):
        report.comment("前言（preface，可选）：", *start.previous_text("preface"))
        report.comment('preface: ""', "")
    limit = f"，{gia.OVERVIEW_LIMIT_TEXT}" if fmt.year >= 2021 else ""
    _narrative(report, "overview", parts["overview"].title, "文字描述" + limit, start)
    report.comment(parts["proactive"].title)
    report.put("proactive", _proactive(fmt, start))
    report.comment("", parts["applications"].title)
    report.put("applications", _applications(fmt, start))
    report.comment("", parts["appeals"].title)
    report.put("appeals", _appeals(start))
    report.comment("")
    _narrative(
        report, "problems", parts["problems"].title, "文字描述，不得敷衍了事、年年雷同", start
    )
    if fmt.year >= 2021:
        report.comment(f"信息处理费（{gia.FEES_REGULATION}）：{gia.PROCESSING_FEES_WHERE}")
        fees = {
            f.key: _cell(f, start.figures.get(("processing_fees", f.key)))
            for f in gia.PROCESSING_FEES
        }
        report.put("processing_fees", flow(fees), "收费通知件数、收费金额（元）")
    report.comment(f"{parts['other'].title}：省略时印“{gia.NO_OTHER_MATTERS}”")
    report.comment(*start.previous_text("other"), 'other: ""')
    return report


def skeleton(year: int | None, agency: str | None, schema_ref: str, start: Start = ZEROS) -> str:
    """The skeleton text of a 政府信息公开工作年度报告 for `year`, from zeros or from `start`
    (`init` has checked that it was told the year and agency the schema requires)."""
    if year is None or agency is None:
        raise ValueError("a gov-info-annual skeleton needs its year and agency")
    return document(year, agency, schema_ref, start).text()
