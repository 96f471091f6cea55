"""`gencli init` for 政府信息公开工作年度报告: a complete skeleton generated from the form.

Every row is present with zeros and a Chinese comment naming it, so the file reads like the
printed form and validates as it is; narrative parts are empty strings to be written. Next
year's report (`init --from`) is the same skeleton started from last year's figures (`Start`).
"""

from __future__ import annotations

from typing import Any

from gencli.base.numerals import chinese_number
from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.model import TEXT, Figure, Row, RowSum
from gencli.kinds.skeleton_common import ZEROS, Start

_INDENT = "  "


def _cell(figure: Figure, value: Any) -> str:
    if value is not None:
        return str(value)
    if figure.kind == TEXT:
        return str(figure.default)
    return "0"


def _counts(values: Any) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def _order_hint(row: RowSum) -> str:
    """按列顺序：结果维持、结果纠正、其他结果、尚未审结（可加第五个数：总计 — said from the row."""
    return (
        "按列顺序："
        + "、".join(c.label for c in row.columns)
        + f"（可加第{chinese_number(len(row.columns) + 1)}个数：{row.total.label}"
    )


def _row_lines(
    row: Row, depth: int, widths: tuple[int, int], start: Start, path: tuple[str, ...]
) -> list[str]:
    pad, here = _INDENT * depth, (*path, row.key)
    key_width, cells_width = widths
    if not row.is_group:
        cells = _counts(start.figures.get(here, [0] * len(gia.APPLICATION_ROW.columns)))
        key = f"{pad}{row.key}:".ljust(key_width)
        return [f"{key} {cells.ljust(cells_width)}  # {row.label}{start.note(here)}"]
    lines = [f"{pad}{row.key}:".ljust(key_width + cells_width + 1) + f"  # {row.label}"]
    for child in row.children:
        if child.key == gia.TOTAL:
            lines.append(f"{pad}{_INDENT}# {child.key}: （{child.label}）可省略，省略时自动合计")
            continue
        lines.extend(_row_lines(child, depth + 1, widths, start, here))
    return lines


def _narrative(key: str, title: str, note: str, start: Start) -> list[str]:
    remark = [f"# {start.remarks[key]}"] if key in start.remarks else []
    return [f"# {title}：{note}", *remark, *start.previous_text(key), f'{key}: ""', ""]


def _proactive(fmt: gia.Format, start: Start) -> list[str]:
    lines = ["proactive:"]
    for block in fmt.proactive:
        lines.append(f"{_INDENT}# {block.label}")
        for row in block.rows:
            here = ("proactive", row.key)
            cells = ", ".join(
                f"{f.key}: {_cell(f, start.figures.get((*here, f.key)))}" for f in block.figures
            )
            lines.append(
                f"{_INDENT}{row.key}: {{{cells}}}  # {row.label}："
                + "、".join(f.label for f in block.figures)
                + start.note(here)
            )
    return lines


def _applications(fmt: gia.Format, start: Start) -> list[str]:
    columns = gia.APPLICATION_ROW.columns
    key_width = 2 + max(
        len(_INDENT * 2 + leaf.key) + 1 for row in fmt.applications for _, leaf in row.leaves()
    )
    rows = [v for path, v in start.figures.items() if path[0] == "applications"]
    cells_width = max(len(_counts(v)) for v in [[0] * len(columns), *rows])
    lines = [
        "applications:",
        f"{_INDENT}# 每行" + _order_hint(gia.APPLICATION_ROW) + "；省略时自动合计）",
    ]
    for row in fmt.applications:
        lines.extend(_row_lines(row, 1, (key_width, cells_width), start, ("applications",)))
    return lines


def skeleton(year: int, agency: str, schema_ref: str, start: Start = ZEROS) -> str:
    """The skeleton text of a 政府信息公开工作年度报告 for `year`, from zeros or from `start`."""
    fmt = gia.FORMATS_BY_YEAR[start.format or gia.default_format(year)]
    parts = {p.key: p for p in gia.PARTS}
    other_format = fmt.year != gia.default_format(year)
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# {gia.default_title(agency, year)}（{fmt.document}格式）",
        *([f"# {start.origin}"] if start.origin else []),
        "# 叙述部分用 Markdown 书写（# 二级标题 （一），## 三级标题 1.，### 四级标题 （1）），",
        "# 可用 {{ applications.new.total }} 这样的写法引用表中数字。",
        f"kind: {gia.KIND}",
        f"agency: {agency}",
        f"year: {year}",
        *(
            [f"format: {fmt.year}              # 表格格式（{fmt.document}），不是本年度的默认格式"]
            if other_format
            else []
        ),
        "# date: 2025-01-20        # 成文日期（可选，印在署名下方）",
        "",
    ]
    if start.previous_text("preface"):
        lines += ["# 前言（preface，可选）：", *start.previous_text("preface"), '# preface: ""', ""]
    lines += _narrative(
        "overview",
        parts["overview"].title,
        "文字描述" + (f"，{gia.OVERVIEW_LIMIT_TEXT}" if fmt.year >= 2021 else ""),
        start,
    )
    lines += [f"# {parts['proactive'].title}", *_proactive(fmt, start), ""]
    lines += [f"# {parts['applications'].title}", *_applications(fmt, start), ""]
    lines.append(f"# {parts['appeals'].title}")
    lines.append("appeals:")
    lines.append(f"{_INDENT}# 每组" + _order_hint(gia.APPEAL_ROW) + "）")
    for group in gia.APPEAL_GROUPS:
        zeros = [0] * len(gia.APPEAL_ROW.columns)
        counts = _counts(start.figures.get(("appeals", group.key), zeros))
        lines.append(f"{_INDENT}{group.key}: {counts}  # {group.official}")
    lines.append("")
    lines += _narrative(
        "problems", parts["problems"].title, "文字描述，不得敷衍了事、年年雷同", start
    )
    if fmt.year >= 2021:
        lines.append(f"# 信息处理费（{gia.FEES_REGULATION}）：{gia.PROCESSING_FEES_WHERE}")
        fees = [
            _cell(f, start.figures.get(("processing_fees", f.key))) for f in gia.PROCESSING_FEES
        ]
        lines.append(
            f"processing_fees: {{notices: {fees[0]}, amount: {fees[1]}}}"
            "  # 收费通知件数、收费金额（元）"
        )
    lines.append(f"# {parts['other'].title}：省略时印“{gia.NO_OTHER_MATTERS}”")
    lines += start.previous_text("other")
    lines.append('# other: ""')
    return "\n".join(lines) + "\n"
