"""Printing a `Comparison`: sections in Chinese for people, one JSON object for tools."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, TextIO

from gencli.base.characters import escaped
from gencli.base.numerals import show
from gencli.operations.diff import Comparison, NarrativeChange
from gencli.operations.paragraphs import ADDED, CHANGED, REMOVED, inline

ABSENT = "（无）"
SEPARATOR = " › "
_VERBS = {ADDED: "新增", REMOVED: "删除", CHANGED: "改动"}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _value(value: Any) -> str:
    return ABSENT if value is None else show(value)


def _paragraph_line(item: NarrativeChange) -> str:
    change = item.paragraph
    if change.change == REMOVED:
        where, text = f"原第{change.old_number}段", change.old
    else:
        where = f"第{change.new_number}段"
        text = change.new if change.change == ADDED else inline(change.old or "", change.new or "")
    return f"  {item.title} {where}{_VERBS[change.change]}：{text}"


def _diagnostics(lines: list[str], diagnostics) -> None:
    for diagnostic in diagnostics:
        lines.extend("  " + line for line in diagnostic.as_text().splitlines())


def text_report(comparison: Comparison, out: TextIO) -> None:
    """Figures (then other changed fields: 标题, 报告机关…), whether the new version balances,
    narrative, then the cross-year rules; invisible characters shown as <U+202E> (a reviewer
    must see what a bidi control would hide)."""
    if comparison.equal:
        return
    lines = [f"--- {comparison.old}", f"+++ {comparison.new}"]
    numbers = [f for f in comparison.figures if _is_number(f.old) or _is_number(f.new)]
    others = [f for f in comparison.figures if f not in numbers]
    for heading, changes in (("数字变动", numbers), ("其他变动", others)):
        if changes:
            lines.append(f"{heading} {len(changes)} 处：")
            lines += [
                f"  {SEPARATOR.join(f.labels)}：{_value(f.old)} → {_value(f.new)}" for f in changes
            ]
    if comparison.balanced:
        lines.append("勾稽关系仍成立。")
    else:
        lines.append(f"勾稽关系不成立（{len(comparison.balance)} 处）：")
        _diagnostics(lines, comparison.balance)
    if comparison.narrative:
        lines.append(f"文字变动 {len(comparison.narrative)} 处：")
        lines += [_paragraph_line(item) for item in comparison.narrative]
    if comparison.cross_year is not None:
        years = f"{comparison.new_year} 年对上年 {comparison.old_year} 年"
        if comparison.cross_year:
            lines.append(f"跨年度核对（{years}）{len(comparison.cross_year)} 处：")
            _diagnostics(lines, comparison.cross_year)
        else:
            lines.append(f"跨年度核对（{years}）：全部通过。")
    out.write(escaped("\n".join(lines)) + "\n")


def _json_value(value: Any) -> Any:
    """Amounts as text, so 13989.50 keeps its digits; other values as they are."""
    return show(value) if isinstance(value, Decimal) else value


def json_report(comparison: Comparison, out: TextIO) -> None:
    data = {
        "old": comparison.old,
        "new": comparison.new,
        "equal": comparison.equal,
        "figures": [
            {
                "path": list(f.path),
                "labels": SEPARATOR.join(f.labels),
                "old": _json_value(f.old),
                "new": _json_value(f.new),
            }
            for f in comparison.figures
        ],
        "balanced": comparison.balanced,
        "balance": [d.as_json() for d in comparison.balance],
        "narrative": [
            {
                "path": list(item.path),
                "title": item.title,
                "change": item.paragraph.change,
                "old_paragraph": item.paragraph.old_number,
                "new_paragraph": item.paragraph.new_number,
                "old": item.paragraph.old,
                "new": item.paragraph.new,
            }
            for item in comparison.narrative
        ],
        "cross_year": (
            None if comparison.cross_year is None else [d.as_json() for d in comparison.cross_year]
        ),
    }
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


REPORTERS = {"text": text_report, "json": json_report}
