"""Figures typed in a report's narrative, checked against its tables.

A report written with `{{ applications.new.total }}` cannot contradict itself; one typed by
hand (and every imported one: a published report's numbers are typed) can say “本年新收政府信息
公开申请81件” over a table that prints 80. The sentences worth checking are declared with the
form (`NARRATIVE_FIGURES`); a contradiction is a warning at the sentence's line, since the
text may mean something narrower than the table row (a part of the year, one office).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from gencli.kinds.model import NarrativeFigure


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _total(normalized: dict, rows: tuple[tuple[str, ...], ...]) -> int | None:
    found = 0
    for path in rows:
        node: Any = normalized
        for step in path:
            node = node.get(step) if isinstance(node, dict) else None
        if not isinstance(node, dict) or not isinstance(node.get("total"), int):
            return None
        found += node["total"]
    return found


def contradictions(
    text: str, normalized: dict, rules: tuple[NarrativeFigure, ...]
) -> Iterator[tuple[int, str]]:
    """(line, message) for each declared sentence whose number the tables contradict; lines
    count from 1 in `text`."""
    for number, line in enumerate(text.split("\n"), start=1):
        for rule in rules:
            for found in _compiled(rule.pattern).finditer(line):
                said = int(found.group(1))
                table = _total(normalized, rule.rows)
                if table is not None and said != table:
                    yield (
                        number,
                        (
                            f"叙述中的“{found.group(0)}”与表格不符：{rule.label}为 {table}；"
                            "请核对文字或表格（可用 {{ }} 引用表中数字，免得两处不一致）"
                        ),
                    )
