"""What every source format is read into: paragraphs and tables, in reading order.

A table is a grid with its spans expanded: a cell spanning rows or columns occupies every slot
it covers (the same `Cell` object), so the labels above and to the left of a figure are found
by position, and a row's own cells (in the order the page wrote them) by identity. Reading the
flow against a form (`gov_info_annual`) does not depend on where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False)
class Cell:
    """One cell as written: its text (lines joined by "\\n"), and the row it starts in."""

    text: str
    row: int
    column: int


@dataclass
class Grid:
    """A table; `rows[r][c]` is the cell covering row r, column c (None where none does)."""

    rows: list[list[Cell | None]]
    line: int = 0

    def own_cells(self, r: int) -> list[Cell]:
        """The cells of row r in order, each once, including those spanning from above."""
        seen: list[Cell] = []
        for cell in self.rows[r]:
            if cell is not None and all(cell is not other for other in seen):
                seen.append(cell)
        return seen


@dataclass
class Paragraph:
    """A paragraph's text as Markdown inline text (bold kept as `**`); `level` is 1–6 when the
    source marks it as a heading, else 0; `run_in` when it begins with a 段首标题."""

    text: str
    level: int = 0
    line: int = 0
    run_in: bool = False  # a 段首标题 as gencli prints it (<p class="run-in">): heading, then text


@dataclass
class Flow:
    """A source read: its title candidates (page title, meta), and the article's blocks."""

    blocks: list[Paragraph | Grid] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    published: str = ""
    url: str = ""


def expand(spans: list[list[tuple[str, int, int]]]) -> Grid:
    """A grid from rows of (text, rowspan, colspan) as written: each cell goes in the first
    free slot of its row, as HTML and Word lay them out."""
    rows: list[list[Cell | None]] = []
    for r, written in enumerate(spans):
        while len(rows) <= r:
            rows.append([])
        c = 0
        for text, rowspan, colspan in written:
            while c < len(rows[r]) and rows[r][c] is not None:
                c += 1
            cell = Cell(text, r, c)
            for dr in range(max(rowspan, 1)):
                while len(rows) <= r + dr:
                    rows.append([])
                target = rows[r + dr]
                while len(target) < c + max(colspan, 1):
                    target.append(None)
                for dc in range(max(colspan, 1)):
                    target[c + dc] = cell
            c += max(colspan, 1)
    return Grid(rows[: len(spans)])
