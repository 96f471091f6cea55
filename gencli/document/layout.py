"""Table layout helpers for templates: label cells with spans from a tree of form rows, and
figures printed the way official tables print them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from markupsafe import Markup, escape

from gencli.kinds.model import Row


@dataclass(frozen=True)
class LabelCell:
    """A label cell; `level` is its depth in the tree of rows (0: a part such as
    三、本年度办理结果, printed vertically when it spans several rows)."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    level: int = 0


@dataclass(frozen=True)
class LabelRow:
    """One printed row: the label cells that start on it, and the key path of its figures."""

    cells: tuple[LabelCell, ...]
    path: tuple[str, ...]


def tree_rows(rows: tuple[Row, ...], depth: int) -> list[LabelRow]:
    """Flatten a tree of rows into printed rows over `depth` label columns: a group's label
    spans its leaves vertically; a leaf's label spans the label columns left over."""
    printed: list[LabelRow] = []

    def visit(row: Row, level: int, pending: tuple[LabelCell, ...], path: tuple[str, ...]) -> None:
        if not row.is_group:
            cell = LabelCell(row.label, colspan=depth - level, level=level)
            printed.append(LabelRow((*pending, cell), (*path, row.key)))
            return
        cell = LabelCell(row.label, rowspan=len(row.leaves()), level=level)
        for index, child in enumerate(row.children):
            visit(child, level + 1, (*pending, cell) if index == 0 else (), (*path, row.key))

    for row in rows:
        visit(row, 0, (), ())
    return printed


def look_up(data: Any, path: tuple[str, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def figure(value: Any) -> str:
    """A count or an amount as the official tables print it: plain digits, decimals as given."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def change(value: int) -> str:
    """本年增/减 in the form's words: 增 1, 减 2, 0."""
    if value > 0:
        return f"增 {value}"
    if value < 0:
        return f"减 {-value}"
    return "0"


def cell(
    text: Any,
    header: bool = False,
    rowspan: int = 1,
    colspan: int = 1,
    align: str = "center",
    vertical: bool = False,
) -> Any:
    """A table cell of the document vocabulary, `<c header rowspan colspan align vertical>text</c>`,
    with the text escaped. A template may call it hundreds of times; as a Jinja macro it cost
    more than the rest of the rendering."""
    attributes = (
        (' header="1"' if header else "")
        + (f' rowspan="{escape(rowspan)}"' if rowspan > 1 else "")
        + (f' colspan="{escape(colspan)}"' if colspan > 1 else "")
        + (f' align="{escape(align)}"' if align != "center" else "")
        + (' vertical="1"' if vertical else "")
    )
    return Markup(f"<c{attributes}>{escape(text)}</c>")
