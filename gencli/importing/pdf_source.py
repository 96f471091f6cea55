"""A text PDF read into a `Flow` with pdfplumber: its ruled tables as grids, its lines as paragraphs.

A table's merged cells are found from the cells' boxes: the distinct left and top edges of all
cells are the grid's columns and rows, and a cell covers every column and row its box spans.
A table broken over a page continues on the next page: a page that starts with a table, after
a page that ended with one, carries on that table (its rows are read row by row, by label). Lines outside tables join into paragraphs; a line that stops short of the
right margin ends its paragraph (pages set as justified text). A PDF with no text at all is a
scan, and says so: there is nothing to read without OCR.
"""

from __future__ import annotations

import io
from typing import Any

from gencli.importing import text as texts
from gencli.importing.flow import Cell, Flow, Grid, Paragraph

SHORT_LINE = 1.5  # a line ending this many characters before the margin ends a paragraph


class NotAPdf(ValueError):
    """The file is not a PDF that can be read, or holds no text (a scan)."""


def _edges(values: list[float]) -> list[float]:
    found: list[float] = []
    for value in sorted(values):
        if not found or value - found[-1] > 1.0:
            found.append(value)
    return found


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _grid(table: Any) -> tuple[Grid, list[float]]:
    """A table's grid, and its column edges; the text of each cell as pdfplumber assigns it."""
    boxes = [box for row in table.rows for box in row.cells if box is not None]
    columns = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    rows = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    grid: list[list[Cell | None]] = [[None] * (len(columns) - 1) for _ in range(len(rows) - 1)]
    for row, written in zip(table.rows, table.extract()):
        for box, text in zip(row.cells, written):
            if box is None:
                continue
            x0, top, x1, bottom = box
            c0, c1 = _index(columns, x0), _index(columns, x1)
            r0, r1 = _index(rows, top), _index(rows, bottom)
            lines = [texts.squeeze(line) for line in (text or "").split("\n")]
            cell = Cell("\n".join(line for line in lines if line), r0, c0)
            for r in range(r0, max(r1, r0 + 1)):
                for c in range(c0, max(c1, c0 + 1)):
                    grid[r][c] = cell
    return Grid(grid), columns


def _paragraphs(lines: list[dict], right: float) -> list[Paragraph]:
    found: list[Paragraph] = []
    pending: list[str] = []
    for line in lines:
        size = line["chars"][0]["size"] if line["chars"] else 10
        pending.append(line["text"].strip())
        if line["x1"] < right - SHORT_LINE * size:
            found.append(Paragraph(texts.squeeze("".join(pending))))
            pending = []
    if pending:
        found.append(Paragraph(texts.squeeze("".join(pending))))
    return [p for p in found if p.text]


def read_pdf(data: bytes) -> Flow:
    """A PDF's flow: its title (document information), then each page's blocks in order."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, ValueError, TypeError) as error:
        raise NotAPdf(f"不是可以读取的 PDF 文件：{error}") from None
    flow = Flow()
    with pdf:
        title = (pdf.metadata or {}).get("Title")
        if isinstance(title, str) and title.strip():
            flow.titles.append(texts.squeeze(title))
        last_columns: list[float] | None = None
        any_text = False
        for page in pdf.pages:
            tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
            boxes = [t.bbox for t in tables]

            def outside(obj: dict, boxes: list = boxes) -> bool:
                return not any(
                    b[0] <= obj.get("x0", 0) <= b[2] and b[1] <= obj.get("top", 0) <= b[3]
                    for b in boxes
                )

            lines = page.filter(outside).extract_text_lines()
            any_text = any_text or bool(lines) or bool(tables)
            right = max((line["x1"] for line in lines), default=page.width)
            blocks: list[tuple[float, Any]] = []
            for table in tables:
                blocks.append((table.bbox[1], table))
            for paragraph_lines in _runs(lines, boxes):
                blocks.append((paragraph_lines[0]["top"], paragraph_lines))
            blocks.sort(key=lambda item: item[0])
            for index, (_, block) in enumerate(blocks):
                if isinstance(block, list):
                    flow.blocks.extend(_paragraphs(block, right))
                    last_columns = None
                    continue
                grid, columns = _grid(block)
                previous = flow.blocks[-1] if flow.blocks else None
                continues = index == 0 and isinstance(previous, Grid) and last_columns is not None
                if continues and isinstance(previous, Grid):
                    offset = len(previous.rows)
                    moved = {id(c): c for row in grid.rows for c in row if c is not None}
                    for cell in moved.values():
                        cell.row += offset
                    previous.rows.extend(grid.rows)
                else:
                    flow.blocks.append(grid)
                last_columns = columns
    if not any_text:
        raise NotAPdf(
            "这份 PDF 没有文字层（可能是扫描件），无法读取；请找 Word 或网页版本，或先做文字识别（OCR）"
        )
    return flow


def _runs(lines: list[dict], boxes: list) -> list[list[dict]]:
    """Lines between tables, in runs: a table's top splits them."""
    runs: list[list[dict]] = []
    tops = sorted(b[1] for b in boxes)
    for line in lines:
        band = sum(1 for top in tops if top < line["top"])
        if runs and runs[-1][0]["band"] == band:
            runs[-1].append(line)
        else:
            runs.append([line])
        line["band"] = band
    return runs
