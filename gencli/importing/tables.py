"""Tables 二, 三 and 四 of a 政府信息公开工作年度报告 read from grids, by the form's labels.

A row is matched to the form by what its labels say (`text.label_key`), with the numbering of
its labels (`三、`, `(三)`, `1.`) as the fallback when a page words a label differently; its
figures are the row's own cells after its labels, in the order the page wrote them, so a page
whose colspans do not line up with its header still reads right. A blank, "/" or "—" cell is
read as 0 and reported; totals are kept as printed, for validation to check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gencli.importing import text as texts
from gencli.importing.flow import Cell, Grid
from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.model import TEXT, Row

PROACTIVE, APPLICATIONS, APPEALS = "proactive", "applications", "appeals"
TABLE_NAMES = {PROACTIVE: "表二", APPLICATIONS: "表三", APPEALS: "表四"}


@dataclass
class Reading:
    """What was read from the tables: figures by path (as `skeleton.Start` takes them), blank
    cells read as 0, rows that could not be placed, and which tables were found."""

    figures: dict[tuple[str, ...], Any] = field(default_factory=dict)
    blanks: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    rows: dict[tuple[str, ...], str] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    found: set[str] = field(default_factory=set)
    assumptions: list[str] = field(default_factory=list)


def classify(grid: Grid) -> str | None:
    """Which table a grid is, by what its cells say."""
    words = "".join(
        texts.label_key(cell.text) for r in range(len(grid.rows)) for cell in grid.own_cells(r)
    )
    if "本年新收" in words and "办理结果" in words:
        return APPLICATIONS
    if "第二十条" in words or ("主动公开" in words and "规章" in words):
        return PROACTIVE
    if "行政复议" in words and "行政诉讼" in words:
        return APPEALS
    return None


def detect_format(grids: dict[str, Grid]) -> int | None:
    """The edition of the form, from the columns of table 二 (or the rows of table 三)."""
    shapes = {
        2021: ("本年制发件数", "本年处理决定数量", "逾期未按收费通知"),
        2019: ("本年新制作数量", "上一年项目数量", "采购项目数量"),
    }
    for grid in grids.values():
        words = "".join(
            texts.label_key(c.text) for r in range(len(grid.rows)) for c in grid.own_cells(r)
        )
        for year, marks in shapes.items():
            if any(mark in words for mark in marks):
                return year
    return None


def _split(grid: Grid, r: int) -> tuple[list[Cell], list[Cell]]:
    """A row's label cells and, after the last of them, its value cells (its own, as written)."""
    cells = grid.own_cells(r)
    last_label = max((i for i, c in enumerate(cells) if not texts.is_value(c.text)), default=-1)
    labels = [c for c in cells[: last_label + 1] if texts.label_key(c.text)]
    values = [c for c in cells[last_label + 1 :] if c.row == r]
    return labels, values


def _where(table: str, row: str, column: str) -> str:
    return f"{TABLE_NAMES[table]}“{row}”行“{column}”列"


def _figures(
    table: str, row_label: str, cells: list[Cell], columns: list[str], reading: Reading, path: tuple
) -> list[Any]:
    """The figures of cells, a blank as 0 (noted at `path`); None where a cell is not a figure."""
    values: list[Any] = []
    for cell, column in zip(cells, columns):
        parsed = texts.number(cell.text)
        if parsed is None:
            if texts.is_blank(cell.text):
                reading.blanks.setdefault(path, []).append(column)
                reading.rows[path] = f"{TABLE_NAMES[table]}“{row_label}”行"
            else:
                reading.unplaced.append(
                    f"{_where(table, row_label, column)}：“{cell.text}”不是数字，按 0 读入"
                )
            values.append(0)
        else:
            values.append(parsed[0])
    return values


# ---- table 二 ----


def read_proactive(grid: Grid, fmt: gia.Format, reading: Reading) -> None:
    rows = {
        texts.label_key(row.label): (block, row) for block in fmt.proactive for row in block.rows
    }
    for r in range(len(grid.rows)):
        labels, values = _split(grid, r)
        if not labels or not values:
            continue
        key = texts.label_key(labels[-1].text)
        if key not in rows:
            if any(texts.number(v.text) for v in values):
                reading.unplaced.append(
                    f"表二第 {r + 1} 行“{labels[-1].text}”与表格中的任何一行都对不上"
                )
            continue
        block, row = rows[key]
        figures = [f for f in block.figures if f.kind != TEXT]
        if len(values) != len(figures):
            reading.unplaced.append(
                f"表二“{row.label}”行有 {len(values)} 个数，表格这一行应有 {len(figures)} 个；未读入"
            )
            continue
        path = ("proactive", row.key)
        read = _figures(PROACTIVE, row.label, values, [f.label for f in figures], reading, path)
        for figure, value, cell in zip(figures, read, values):
            reading.figures[path + (figure.key,)] = value
            unit = (texts.number(cell.text) or (0, ""))[1]
            units = [f for f in block.figures if f.kind == TEXT]
            if units and unit in (units[0].choices or ()):
                reading.figures[path + (units[0].key,)] = unit
    reading.found.add(PROACTIVE)


# ---- table 三 ----


def _chains(
    rows: tuple[Row, ...], above: tuple[Row, ...] = ()
) -> Iterator[tuple[tuple[str, ...], tuple[Row, ...]]]:
    """Every figure row of table 三 with the rows above it (its labels, outermost first)."""
    for row in rows:
        chain = (*above, row)
        if row.is_group:
            yield from _chains(row.children, chain)
        else:
            yield tuple(r.key for r in chain), chain


def _match(
    labels: list[str], chains: list[tuple[tuple[str, ...], tuple[Row, ...]]]
) -> tuple[str, ...] | None:
    """The form row whose label the row's last label says, its numbering as the fallback."""
    last = labels[-1]
    said = [path for path, chain in chains if texts.label_key(chain[-1].label) == last]
    if len(said) == 1:
        return said[0]
    numbers = [texts.numbering(label) for label in labels]
    numbers = [n for n in numbers if n]
    for path, chain in chains:
        wanted = [texts.numbering(texts.label_key(r.label)) for r in chain]
        if wanted == numbers[-len(wanted) :] and len(numbers) == len(wanted):
            return path
    return None


def read_applications(grid: Grid, fmt: gia.Format, reading: Reading) -> None:
    chains = list(_chains(fmt.applications))
    columns = [c.label for c in gia.APPLICATION_COLUMNS]
    for r in range(len(grid.rows)):
        labels, values = _split(grid, r)
        if not labels or not values:
            continue
        keys = [texts.label_key(c.text) for c in labels]
        path = _match(keys, chains)
        if path is None:
            if any(texts.number(v.text) for v in values):
                reading.unplaced.append(
                    f"表三第 {r + 1} 行“{labels[-1].text}”与表格中的任何一行都对不上"
                )
            continue
        label = dict(chains)[path][-1].label
        if len(values) not in (len(columns), len(columns) - 1):
            reading.unplaced.append(
                f"表三“{label}”行有 {len(values)} 个数，应有 {len(columns)} 个（六类申请人和总计）；未读入"
            )
            continue
        full = ("applications", *path)
        read = _figures(APPLICATIONS, label, values, columns, reading, full)
        reading.figures[full] = read
    reading.found.add(APPLICATIONS)


# ---- table 四 ----


def read_appeals(grid: Grid, reading: Reading) -> None:
    groups = {texts.label_key(g.label): g for g in gia.APPEAL_GROUPS}
    columns = {texts.label_key(c.label): c for c in gia.APPEAL_COLUMNS}
    value_rows = [r for r in range(len(grid.rows)) if _split(grid, r)[1] and not _split(grid, r)[0]]
    if not value_rows:
        reading.unplaced.append("表四中没有找到数字行")
        return
    r = value_rows[0]
    cells = _split(grid, r)[1]
    placed: dict[str, dict[str, Cell]] = {}
    for cell in cells:
        above = [grid.rows[h][cell.column] for h in range(r) if cell.column < len(grid.rows[h])]
        keys = [texts.label_key(c.text) for c in above if c is not None]
        group = next((groups[k] for k in reversed(keys) if k in groups), None)
        column = next((columns[k] for k in reversed(keys) if k in columns), None)
        if group is None or column is None or column.key in placed.get(group.key, {}):
            placed = {}
            break
        placed.setdefault(group.key, {})[column.key] = cell
    width = len(gia.APPEAL_COLUMNS)
    if sum(len(v) for v in placed.values()) != len(cells):
        if len(cells) != width * len(gia.APPEAL_GROUPS):
            reading.unplaced.append(
                f"表四的数字行有 {len(cells)} 个数，应有 {width * len(gia.APPEAL_GROUPS)} 个；未读入"
            )
            return
        reading.assumptions.append(
            "表四的数字与表头对不齐，按单元格顺序读入（行政复议、未经复议直接起诉、复议后起诉各五列）"
        )
        placed = {
            g.key: {c.key: cells[i * width + j] for j, c in enumerate(gia.APPEAL_COLUMNS)}
            for i, g in enumerate(gia.APPEAL_GROUPS)
        }
    for group in gia.APPEAL_GROUPS:
        got = placed.get(group.key, {})
        wanted = [c for c in gia.APPEAL_COLUMNS if c.key in got]
        path = ("appeals", group.key)
        read = _figures(
            APPEALS,
            group.official,
            [got[c.key] for c in wanted],
            [c.label for c in wanted],
            reading,
            path,
        )
        row = dict(zip([c.key for c in wanted], read))
        reading.figures[path] = [row.get(c.key, 0) for c in gia.APPEAL_COLUMNS if c.key in row]
    for extra in value_rows[1:]:
        reading.unplaced.append(f"表四第 {extra + 1} 行的数字未读入（表四只有一行数字）")
    reading.found.add(APPEALS)
