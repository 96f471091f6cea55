"""A table's type size, cell margins and column widths, computed from what its columns must hold.

Proportional widths declared by hand (the templates' old `widths="1.1 1.7 4.3 …"`) leave a
six-digit figure no room in table 三: it wraps "300" over "1". Here each figure column is first
given the width of its widest figure (or the form's declared maximum, so reports of one form look
alike whatever their figures), each label column the width of its longest unbreakable word; what
is left of the 版心 goes to the columns in proportion to their declared weights. The type size is
the largest of 五号, 小五 and 六号 at which the minimums fit with a cell margin of at least
MIN_MARGIN, and at which a table kept whole fits on a page (its rows' lines estimated with the
same word breaks the writer applies).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gencli.document import breaks
from gencli.document.model import Cell, Column, Table
from gencli.writers.docx import styles

# (paragraph style, points): tried in order.
SIZES = (
    (styles.TABLE_TEXT, styles.TABLE_SIZE, styles.TABLE_LINE),
    (styles.TABLE_TEXT_SMALL, styles.TABLE_SMALL_SIZE, styles.TABLE_SMALL_LINE),
    (styles.TABLE_TEXT_TINY, styles.TABLE_TINY_SIZE, styles.TABLE_TINY_LINE),
)
MARGIN = 57  # 1 mm either side of a cell's text
# A digit's advance in em. Times New Roman's is 0.5; a client without it substitutes a face whose
# digits run wider (LibreOffice on Linux: Noto Serif CJK, 0.54; its 6 and 9 wider still), so
# figures are measured at 0.6: room for either.
DIGIT = 0.6
# What a table kept whole may fill of the 版心's 225 mm: the part heading above it (one grid
# line) and a tenth to spare for rows the line estimate misjudges.
PAGE_HEIGHT = 12758
KEPT_WHOLE = 0.9 * (PAGE_HEIGHT - styles.LINE_PITCH)
MIN_MARGIN = 20  # 1 pt: the least a figure may keep from the rule beside it
LINE_SLACK = 0.2  # em kept free on a label line: the client's face may run a little wide


class TableTooWide(ValueError):
    """The columns cannot hold their figures within the 版心 even in 小五."""


@dataclass(frozen=True)
class Fit:
    style: str
    points: float
    line: int
    margin: int
    widths: list[int]
    figures: frozenset[int] = frozenset()  # the grid columns whose cells never wrap

    @property
    def em(self) -> float:
        """One character of the table's size, in twips."""
        return self.points * 20

    def capacity(self, width: int) -> float:
        """How many characters a line of a cell `width` twips wide holds."""
        return (width - 2 * self.margin) / self.em - LINE_SLACK


def fit(table: Table, width: int) -> Fit:
    """The size, margin and integer column widths (adding up to `width`) for `table`."""
    columns = table.columns or [Column() for _ in table.widths]
    needs = [_need(table, index, column) for index, column in enumerate(columns)]
    # A form's figure columns are alike: all as wide as the widest needs.
    widest = max((need for need, c in zip(needs, columns) if c.figures), default=0.0)
    needs = [widest if c.figures else need for need, c in zip(needs, columns)]
    figures = frozenset(i for i, column in enumerate(columns) if column.figures)
    for style, points, line in SIZES:
        em = points * 20
        content = sum(math.ceil(need * em) for need in needs)
        margin = min(MARGIN, (width - content) // (2 * len(needs)))
        if margin < MIN_MARGIN:
            continue
        # A table that declares nothing (a narrative's) keeps its widths exactly proportional.
        declared = bool(table.columns)
        minimums = [math.ceil(need * em) + 2 * margin if declared else 0 for need in needs]
        layout = Fit(style, points, line, margin, _share(minimums, table.widths, width), figures)
        if table.keep != "whole" or _height(table, layout) <= KEPT_WHOLE:
            return layout
    raise TableTooWide(f"表格“{table.caption}”在六号字下也排不进一页版心")


def _height(table: Table, layout: Fit) -> int:
    """The table's height in twips, estimated from the lines of its one-row cells."""
    total = 0
    for row in table.rows:
        spans = _row_spans(table, row)
        lines = [
            len(breaks.fill(cell.text, layout.capacity(sum(layout.widths[a:b]))))
            for cell, (a, b) in zip(row, spans)
            if cell.rowspan == 1 and not cell.vertical
        ]
        total += max(lines, default=1) * layout.line
    return total


def _row_spans(table: Table, row: list[Cell]) -> list[tuple[int, int]]:
    """The grid columns each listed cell of `row` covers, counted from the right (the leading
    positions may be covered by rowspans from above)."""
    spans, end = [], table.column_count
    for cell in reversed(row):
        spans.append((end - cell.colspan, end))
        end -= cell.colspan
    return spans[::-1]


def _need(table: Table, index: int, column: Column) -> float:
    """The characters column `index` must hold on one line; a figure column's declared digits
    (`chars` is half their count) are measured at DIGIT."""
    if not column.figures:
        return column.chars + LINE_SLACK if column.chars else 0.0
    cells = [
        cell for row in table.rows for cell in _cell_at(table, row, index) if cell.colspan == 1
    ]
    printed = (figure_width(cell.text) for cell in cells if not cell.header)
    return max([column.chars * 2 * DIGIT, *printed])


def figure_width(text: str) -> float:
    """A figure's printed width in em, its digits at DIGIT."""
    return sum(DIGIT if breaks.width(ch) < 1 else 1.0 for ch in text)


def _cell_at(table: Table, row: list[Cell], index: int) -> list[Cell]:
    """The cell of `row` starting at grid column `index`, counting from the right: figure
    columns are the rightmost, and a row's leading cells may be covered by rowspans from above."""
    position = table.column_count
    for cell in reversed(row):
        position -= cell.colspan
        if position == index:
            return [cell]
        if position < index:
            return []
    return []


def _share(minimums: list[int], weights: list[float], width: int) -> list[int]:
    """`minimums` plus the rest of `width` in proportion to `weights` (equally when all are 0),
    as integers adding up to exactly `width`."""
    rest = width - sum(minimums)
    if min(weights, default=0) < 0:
        raise ValueError("表格列宽必须是非负数")
    total = sum(weights)
    shares = weights if total > 0 else [1.0] * len(minimums)
    total = sum(shares)
    edges, running = [], 0.0
    for minimum, share in zip(minimums, shares):
        running += minimum + rest * share / total
        edges.append(round(running))
    return [right - left for left, right in zip([0, *edges], edges)]
