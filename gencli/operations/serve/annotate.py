"""Place findings on the table cells they are about, in the HTML the writer produced.

A finding names its place by the labels a reader sees (`Diagnostic.path`: the part, the group,
the row, the column — 三、… › （七）总计 › 自然人), not by the cell, so it is placed the way a reader
would find it: each table is expanded into its grid (rowspans and colspans filled in), every
figure cell is given the labels that head its row (to its left) and its column (above it), and a
finding goes to the one cell whose labels hold the most of the finding's labels, provided they
hold its last one (the column or row it is most precise about) and at least two in all. A tie,
or too weak a match, leaves the finding in the list only: a wrong highlight would mislead more
than none. Working on the writer's output keeps every kind and both formats covered without a
second description of the tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import html as lxml_html
from lxml.html import HtmlElement as _Element

from gencli.checking.diagnostics import Diagnostic

# Leading numbering is not part of a label's identity: the table's caption is 主动公开政府信息情况
# where the finding says 二、主动公开政府信息情况.
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")
_SPACE = re.compile(r"[\s\u200b\u3000]+")
MINIMUM_LABELS = 2


def label_key(text: str) -> str:
    """A label as compared: without spaces and without its leading numbering."""
    text = _SPACE.sub("", text)
    return _NUMBERING.sub("", text) or text


@dataclass
class FigureCell:
    """A td of a table, with the labels heading its row and column."""

    element: _Element
    labels: set[str] = field(default_factory=set)


def _grid(table: _Element) -> list[FigureCell]:
    """The table's td cells, each with the th labels left of it in its rows and above it in its
    columns (spans expanded, as a reader sees the printed grid)."""
    taken: dict[tuple[int, int], tuple[_Element, bool]] = {}
    placed: list[tuple[_Element, int, int, int, int]] = []
    for r, row in enumerate(table.iter("tr")):
        c = 0
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            rows, cols = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            for dr in range(rows):
                for dc in range(cols):
                    taken[(r + dr, c + dc)] = (cell, cell.tag == "th")
            placed.append((cell, r, c, rows, cols))
            c += cols
    caption = table.find("caption")
    common = {label_key(caption.text_content())} if caption is not None else set()
    by_row: dict[int, list[tuple[int, str]]] = {}
    by_column: dict[int, list[tuple[int, str]]] = {}
    for (r, c), (other, header) in taken.items():
        if header:
            text = label_key(other.text_content())
            by_row.setdefault(r, []).append((c, text))
            by_column.setdefault(c, []).append((r, text))
    cells = []
    for cell, r, c, rows, cols in placed:
        if cell.tag != "td":
            continue
        labels = set(common)
        for tr in range(r, r + rows):
            labels.update(text for tc, text in by_row.get(tr, ()) if tc < c)
        for tc in range(c, c + cols):
            labels.update(text for tr, text in by_column.get(tc, ()) if tr < r)
        cells.append(FigureCell(cell, labels))
    return cells


def _best_cell(cells: Sequence[FigureCell], finding: Diagnostic) -> FigureCell | None:
    wanted = [label_key(label) for label in finding.path]
    if len(wanted) < MINIMUM_LABELS:
        return None
    scored = [(sum(w in cell.labels for w in wanted), cell) for cell in cells]
    scored = [(s, cell) for s, cell in scored if wanted[-1] in cell.labels and s >= MINIMUM_LABELS]
    if not scored:
        return None
    best = max(s for s, _ in scored)
    winners = [cell for s, cell in scored if s == best]
    return winners[0] if len(winners) == 1 else None


@dataclass
class Annotated:
    """The document's HTML with findings marked, and where each finding went (the id of its
    cell, or None when it is only listed)."""

    html: str
    places: list[str | None]


def annotate(document_html: str, findings: Sequence[Diagnostic]) -> Annotated:
    """Mark the cells of `document_html` (the writer's page, or its article) that findings are
    about: class `finding` (`finding error` or `finding warning`), the messages as the cell's
    title, and an id the list of findings links to."""
    root = lxml_html.fragment_fromstring(document_html, create_parent="div")
    cells = [cell for table in root.iter("table") for cell in _grid(table)]
    places: list[str | None] = []
    marked: dict[int, list[Diagnostic]] = {}
    for number, finding in enumerate(findings, start=1):
        cell = _best_cell(cells, finding)
        if cell is None:
            places.append(None)
            continue
        key = id(cell.element)
        if key not in marked:
            marked[key] = []
            cell.element.set("id", f"finding-cell-{number}")
        marked[key].append(finding)
        places.append(cell.element.get("id"))
    for cell in cells:
        found = marked.get(id(cell.element))
        if not found:
            continue
        severity = "error" if any(f.is_error for f in found) else "warning"
        classes = (cell.element.get("class", "") + f" finding {severity}").strip()
        cell.element.set("class", classes)
        cell.element.set("title", "\n".join(f.message for f in found))
    inner = "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    return Annotated((root.text or "") + inner, places)
