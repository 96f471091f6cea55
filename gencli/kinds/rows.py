"""Reading rows of figures as users may write them: a list in column order, a mapping of column
keys, or nothing at all (all zeros); totals computed where they are omitted.

Shared by the arithmetic keywords (which check what was written) and the normalizer (which fills
in what was omitted), so both read a row the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

Number = int | Decimal
Path = tuple[Any, ...]


def is_figure(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def written_cells(row: Any, columns: list[str], total: str) -> dict[str, Any]:
    """The cells a user wrote, by column key (a list's seventh element is the total)."""
    if isinstance(row, list):
        return dict(zip([*columns, total], row))
    if isinstance(row, dict):
        return dict(row)
    return {}


def cell_path(row: Any, column: str, columns: list[str], total: str) -> Path:
    """Where a cell of `row` is, relative to the row: its index in a list, its key in a mapping."""
    if isinstance(row, list):
        index = [*columns, total].index(column)
        return (index,) if index < len(row) else ()
    if isinstance(row, dict) and column in row:
        return (column,)
    return ()


def row_sums(row: Any, columns: list[str], total: str) -> dict[str, Number] | None:
    """Every column of a row, its total computed when omitted; None if a cell is not a figure."""
    cells = written_cells(row, columns, total)
    if not all(is_figure(value) for value in cells.values()):
        return None
    values = {column: cells.get(column, 0) for column in columns}
    values[total] = cells.get(total, sum(values.values()))
    return values


def is_row(node: Any, columns: list[str], total: str) -> bool:
    """A list, or a mapping of column keys only (a group's keys are row keys instead)."""
    if isinstance(node, list):
        return True
    return isinstance(node, dict) and set(node) <= {*columns, total}


def leaf_rows(
    group: Any, columns: list[str], total: str, at: Path = ()
) -> Iterator[tuple[Path, Any]]:
    """The figure rows below a group (never its own `total` row), with their paths."""
    if not isinstance(group, dict):
        return
    for key, node in group.items():
        if key == total:
            continue
        if is_row(node, columns, total):
            yield (*at, key), node
        else:
            yield from leaf_rows(node, columns, total, (*at, key))


def add(rows: list[dict[str, Number] | None], keys: list[str]) -> dict[str, Number] | None:
    """Column-wise sum of several rows; None if any of them could not be read."""
    present = [row for row in rows if row is not None]
    if len(present) < len(rows):
        return None
    sums: dict[str, Number] = {}
    for key in keys:
        total: Number = 0
        for row in present:
            total += row[key]
        sums[key] = total
    return sums


def group_sums(group: Any, columns: list[str], total: str) -> dict[str, Number] | None:
    """The column sums of every figure row below a group."""
    rows = [row_sums(row, columns, total) for _, row in leaf_rows(group, columns, total)]
    return add(rows, [*columns, total])


def lookup(node: Any, path: Path) -> Any:
    """The node at `path`, or None where any step is missing."""
    for step in path:
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return None
    return node


def sums_at(root: Any, path: Path, columns: list[str], total: str) -> dict[str, Number] | None:
    """The column sums of the row at `path`; a missing `total` row is the sum of its group."""
    node = lookup(root, path)
    if node is None and path and path[-1] == total:
        return group_sums(lookup(root, path[:-1]), columns, total)
    if node is None or is_row(node, columns, total):
        return row_sums(node, columns, total)
    return group_sums(node, columns, total)
