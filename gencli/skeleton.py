"""`gencli init`: a complete report skeleton, generated from the form declaration.

Every row is present with zeros and a Chinese comment naming it, so the file reads like the
printed form and validates as it is; narrative parts are empty strings to be written.
"""

from __future__ import annotations

from .forms import gov_info_annual as gia
from .forms.model import TEXT, Figure, Row
from .paths import schema_file

_INDENT = "  "


def _zero(figure: Figure) -> str:
    if figure.kind == TEXT:
        return str(figure.default)
    return "0"


def _row_lines(row: Row, depth: int, width: int, zeros: str) -> list[str]:
    pad = _INDENT * depth
    if not row.is_group:
        key = f"{pad}{row.key}:".ljust(width)
        return [f"{key} {zeros}  # {row.label}"]
    lines = [f"{pad}{row.key}:".ljust(width + len(zeros) + 1) + f"  # {row.label}"]
    for child in row.children:
        if child.key == gia.TOTAL:
            lines.append(f"{pad}{_INDENT}# {child.key}: （{child.label}）可省略，省略时自动合计")
            continue
        lines.extend(_row_lines(child, depth + 1, width, zeros))
    return lines


def _narrative(key: str, title: str, note: str) -> list[str]:
    return [f"# {title}：{note}", f'{key}: ""', ""]


def gov_info_annual(year: int, agency: str, schema_ref: str) -> str:
    """The skeleton text of a 政府信息公开工作年度报告 for `year`."""
    fmt = gia.FORMATS_BY_YEAR[gia.default_format(year)]
    parts = {p.key: p for p in gia.PARTS}
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# {agency}{year}年政府信息公开工作年度报告（{fmt.document}格式）",
        "# 叙述部分用 Markdown 书写（# 二级标题 （一），## 三级标题 1.，### 四级标题 （1）），",
        "# 可用 {{ applications.new.total }} 这样的写法引用表中数字。",
        f"kind: {gia.KIND}",
        f"agency: {agency}",
        f"year: {year}",
        "# date: 2025-01-20        # 成文日期（可选，印在署名下方）",
        "",
    ]
    lines += _narrative("overview", parts["overview"].title,
                        "文字描述" + ("，篇幅原则上不超过一千字" if fmt.year >= 2021 else ""))
    lines.append(f"# {parts['proactive'].title}")
    lines.append("proactive:")
    for block in fmt.proactive:
        lines.append(f"{_INDENT}# {block.label}")
        for row in block.rows:
            cells = ", ".join(f"{f.key}: {_zero(f)}" for f in block.figures)
            lines.append(f"{_INDENT}{row.key}: {{{cells}}}  # {row.label}："
                         + "、".join(f.label for f in block.figures))
    lines.append("")
    columns = gia.APPLICANT_COLUMNS
    zeros = "[" + ", ".join("0" for _ in columns) + "]"
    width = 2 + max(len(_INDENT * 2 + leaf.key) + 1 for row in fmt.applications
                    for _, leaf in row.leaves())
    lines.append(f"# {parts['applications'].title}")
    lines.append("applications:")
    lines.append(f"{_INDENT}# 每行按列顺序：" + "、".join(c.label for c in columns)
                 + "（可加第七个数：总计；省略时自动合计）")
    for row in fmt.applications:
        lines.extend(_row_lines(row, 1, width, zeros))
    lines.append("")
    lines.append(f"# {parts['appeals'].title}")
    lines.append("appeals:")
    lines.append(f"{_INDENT}# 每组按列顺序：" + "、".join(c.label for c in gia.APPEAL_COLUMNS[:-1])
                 + "（可加第五个数：总计）")
    for group in gia.APPEAL_GROUPS:
        lines.append(f"{_INDENT}{group.key}: [0, 0, 0, 0]  # {group.official}")
    lines.append("")
    lines += _narrative("problems", parts["problems"].title, "文字描述，不得敷衍了事、年年雷同")
    if fmt.year >= 2021:
        lines.append("# 信息处理费（《政府信息公开信息处理费管理办法》）：印在“六、其他需要报告的事项”开头")
        lines.append("processing_fees: {notices: 0, amount: 0}  # 收费通知件数、收费金额（元）")
    lines.append(f"# {parts['other'].title}：省略时印“{gia.NO_OTHER_MATTERS}”")
    lines.append('# other: ""')
    return "\n".join(lines) + "\n"


def skeleton(kind: str, year: int, agency: str, schema_ref: str | None = None) -> str:
    """The skeleton of any kind; `schema_ref` is what the editor modeline points at."""
    ref = schema_ref or schema_file(kind).as_uri()
    return SKELETONS[kind](year, agency, ref)


SKELETONS = {gia.KIND: gov_info_annual}
