"""Markdown in a narrative that cannot be built faithfully or at bounded cost, found with its
line before anything is built.

- Nesting deeper than markdown-it keeps (`limits.MAX_MARKDOWN_NESTING`: a list item takes two
  levels, a quote one): the parser stops there and the text below it vanishes from the Word
  document and the web page alike, without a word. Such text is an error at its line.
- Tables wider or longer than `limits.MAX_TABLE_COLUMNS` / `MAX_TABLE_ROWS`, or more cells in
  one report than `MAX_TABLE_CELLS`: a 40,000-column table in a 9 MB file took minutes and
  gigabytes to lay out, and no page could print it.

Both are found by scanning lines (linear in the text); only a narrative with a line indented or
quoted deep enough to matter is parsed, and then by a parser allowed a little deeper than the
real one, so that what the real one would drop shows up as tokens at or below its limit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from gencli.base.limits import (
    MAX_MARKDOWN_NESTING,
    MAX_TABLE_CELLS,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
)

# A line opening MAX_MARKDOWN_NESTING levels needs at least this many characters of list
# markers, indentation and `>` before its text (each level costs at least one).
_DEEP_PREFIX = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_MARKDOWN_NESTING // 2}}}", re.MULTILINE)
_DELIMITER_CHARACTERS = frozenset("|-: \t")
_BOX = "专栏"


def problems(markdown: str) -> list[tuple[int, str]]:
    """(1-based line, Chinese message) of each table too large and the first text nested too
    deep."""
    return _tables(markdown) + _nesting(markdown)


def _delimiter_columns(line: str) -> int:
    """The number of columns if `line` is a GFM table's delimiter row (|---|:--:|), else 0."""
    row = line.lstrip(" >")
    if "|" not in row or "-" not in row or not set(row) <= _DELIMITER_CHARACTERS:
        return 0
    cells = row.strip(" \t").strip("|").split("|")
    return len(cells) if all("-" in cell for cell in cells) else 0


def _table_spans(markdown: str) -> Iterator[tuple[int, int, int]]:
    """(1-based line of the header row, columns, rows) of every table."""
    lines = markdown.split("\n")
    number = 0
    while number < len(lines):
        columns = _delimiter_columns(lines[number])
        if not columns:
            number += 1
            continue
        header = max(number, 1)  # the header row is the line above (1-based: `number`)
        rows = 1
        number += 1
        while number < len(lines) and lines[number].strip(" >"):
            rows += 1
            number += 1
        yield header, columns, rows


def table_cells(markdown: str) -> int:
    """All the cells of a narrative's tables: a report's total is bounded by MAX_TABLE_CELLS."""
    return sum(columns * rows for _, columns, rows in _table_spans(markdown))


def _tables(markdown: str) -> list[tuple[int, str]]:
    found = []
    for header, columns, rows in _table_spans(markdown):
        if columns > MAX_TABLE_COLUMNS:
            found.append(
                (
                    header,
                    f"表格有 {columns} 列，超过上限 {MAX_TABLE_COLUMNS} 列：纸面和网页都排不下，"
                    "请拆成几个表格或改为文字",
                )
            )
        elif rows > MAX_TABLE_ROWS:
            found.append(
                (header, f"表格有 {rows} 行，超过上限 {MAX_TABLE_ROWS} 行：请拆成几个表格")
            )
    return found


def too_many_cells(total: int) -> str:
    return (
        f"叙述中的表格共有 {total} 个单元格，超过一份报告的上限 {MAX_TABLE_CELLS} 个："
        "请精简表格，或把明细作为附件另行发布"
    )


@functools.lru_cache(maxsize=1)
def _deeper_parser() -> Any:
    from markdown_it import MarkdownIt

    options = {"html": False, "maxNesting": MAX_MARKDOWN_NESTING * 3}
    return MarkdownIt("commonmark", options).enable("table")


def _nesting(markdown: str, offset: int = 0) -> list[tuple[int, str]]:
    if not _DEEP_PREFIX.search(markdown):
        return []
    for token in _deeper_parser().parse(markdown):
        if token.level >= MAX_MARKDOWN_NESTING and token.type != "inline" and token.map:
            return [
                (
                    offset + token.map[0] + 1,
                    f"列表或引用嵌套过深（列表最多 {MAX_MARKDOWN_NESTING // 2 - 1} 层，"
                    f"引用最多 {MAX_MARKDOWN_NESTING - 1} 层）：从这一行起的文字在 Word 和网页中"
                    "都会丢失，请减少嵌套层次",
                )
            ]
        if token.type == "fence" and token.info.split(maxsplit=1)[:1] == [_BOX] and token.map:
            inner = _nesting(token.content, offset + token.map[0] + 1)
            if inner:
                return inner
    return []
