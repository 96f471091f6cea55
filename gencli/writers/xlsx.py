"""The document's tables as an Excel workbook (`--to xlsx`), one sheet per table.

A 主管部门 collects the tables in Excel and sums them there, so a figure must be a number, not
text that looks like one: counts are integers, amounts keep the decimals they were printed with
(13989.54 as 0.00, 24252.311082 as 0.000000), "增 1" / "减 2" are +1 / -2 shown as printed, and a
unit printed in the cell (万元) is part of the number format, not of the value. The grid is the
.docx's: the same rows, columns and merged cells (tests compare them), header rows frozen and
repeated on every printed page, A4 portrait fitted to the page width.

openpyxl stamps the workbook with the current time; the parts are re-zipped with the fixed
timestamp the .docx uses and a fixed creation date, so equal input gives equal bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from gencli.document.model import Block, Box, Cell, Document, Heading, Table

if TYPE_CHECKING:  # openpyxl is imported only when a workbook is written
    from openpyxl import Workbook

__all__ = ["write_xlsx"]

_INTEGER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+\.(\d+)$")
_CHANGE = re.compile(r"^([增减])\s*(\d+)$")
_WITH_UNIT = re.compile(r"^(-?\d+(?:\.(\d+))?)\s*(万元|元|%|件|项|人|次)$")
CHANGE_FORMAT = '"增 "0;"减 "0;0'
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31  # Excel's limit
FIXED_TIME = datetime(2000, 1, 1)  # the workbook's creation date (deterministic output)
CHARACTER_UNITS = 2.1  # Excel column-width units a CJK character takes at 11 pt
PAGE_UNITS = 95  # about the A4 portrait width in those units, fitted to the page anyway


def figure_value(text: str) -> tuple[int | float | None, str]:
    """(the number a printed figure stands for, its number format), or (None, "") for text."""
    text = text.strip()
    if _INTEGER.match(text):
        return int(text), "0"
    decimal = _DECIMAL.match(text)
    if decimal:
        return float(text), "0." + "0" * len(decimal.group(1))
    change = _CHANGE.match(text)
    if change:
        amount = int(change.group(2))
        return (amount if change.group(1) == "增" else -amount), CHANGE_FORMAT
    unit = _WITH_UNIT.match(text)
    if unit:
        places = len(unit.group(2) or "")
        base = "0." + "0" * places if places else "0"
        value: int | float = float(unit.group(1)) if places else int(unit.group(1))
        return value, f'{base}"{unit.group(3)}"'
    return None, ""


def _tables(blocks: list[Block]) -> Iterator[tuple[str, Table]]:
    """Each table with the name of the heading (or box) it stands under."""
    heading = ""
    for block in blocks:
        if isinstance(block, Heading):
            heading = block.text
        elif isinstance(block, Table):
            yield (block.caption or heading), block
        elif isinstance(block, Box):
            for name, table in _tables(block.blocks):
                yield (name or block.text), table


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub("", name).strip("'") or "表"
    candidate, number = base[:SHEET_NAME_MAX], 2
    while candidate in taken:
        suffix = f"（{number}）"
        candidate, number = base[: SHEET_NAME_MAX - len(suffix)] + suffix, number + 1
    taken.add(candidate)
    return candidate


def _origins(table: Table) -> Iterator[tuple[int, int, Cell]]:
    """(row, column, cell) of every cell at the top-left of its span, 0-based."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            taken.update(
                (r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
            )
            yield r, c, cell
            c += cell.colspan


def _column_widths(table: Table) -> list[float]:
    """What each column must hold (Column.chars), the page's width left shared by `widths`."""
    count = table.column_count
    least = [
        (column.chars if column.chars else 2) * CHARACTER_UNITS + 1
        for column in (table.columns or [])
    ] or [4.0] * count
    least += [4.0] * (count - len(least))
    spare = max(PAGE_UNITS - sum(least), 0)
    total = sum(table.widths) or 1
    return [round(least[i] + spare * table.widths[i] / total, 1) for i in range(count)]


class _Styles:
    """The workbook's cell styles, each registered once as a named style and then assigned by
    name: setting a font, border and alignment object on every cell makes openpyxl compare
    style objects cell by cell, which took most of the time a workbook took."""

    def __init__(self, workbook: Workbook) -> None:
        from openpyxl.styles import Border, Font, Side

        self.workbook = workbook
        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name="仿宋_GB2312", size=10.5)
        self.names: dict[tuple, str] = {}

    def name(
        self,
        align: str = "center",
        wrap: bool = False,
        vertical: bool = False,
        fmt: str = "General",
    ) -> str:
        key = (align, wrap, vertical, fmt)
        if key not in self.names:
            from openpyxl.styles import Alignment, NamedStyle

            style = NamedStyle(
                name=f"gencli-{len(self.names) + 1}",
                font=self.font,
                border=self.border,
                number_format=fmt,
                alignment=Alignment(
                    horizontal=align,
                    vertical="center",
                    wrap_text=wrap,
                    text_rotation=255 if vertical else 0,
                ),
            )
            self.workbook.add_named_style(style)
            self.names[key] = style.name
        return self.names[key]


def _sheet(workbook: Workbook, styles: _Styles, name: str, table: Table, title: str) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange

    sheet = workbook.create_sheet(name)
    plain = styles.name()
    for r in range(1, len(table.rows) + 1):  # every position bordered, merged ones included
        for c in range(1, table.column_count + 1):
            sheet.cell(r, c).style = plain
    for r, c, cell in _origins(table):
        target = sheet.cell(r + 1, c + 1)
        value, number_format = (None, "") if cell.header else figure_value(cell.text)
        align = cell.align if cell.align in ("left", "center", "right") else "center"
        if value is None:
            target.value = cell.text
            target.style = styles.name(align, wrap=True, vertical=cell.vertical)
        else:
            target.value = value
            target.style = styles.name(align, fmt=number_format)
        if cell.rowspan > 1 or cell.colspan > 1:
            # Added as a range only: merge_cells would also restyle every covered cell,
            # which are styled above already.
            sheet.merged_cells.add(
                CellRange(
                    min_row=r + 1,
                    min_col=c + 1,
                    max_row=r + cell.rowspan,
                    max_col=c + cell.colspan,
                )
            )
    for index, width in enumerate(_column_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if table.header_rows:
        sheet.freeze_panes = sheet.cell(table.header_rows + 1, 1)
        sheet.print_title_rows = f"1:{table.header_rows}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddHeader.center.text = title
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


_STAMPS = re.compile(
    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)


def deterministic(data: bytes) -> bytes:
    """A workbook openpyxl saved, with fixed creation and modification dates (openpyxl writes
    the time of saving whatever it is told) in a zip with fixed timestamps."""
    from gencli.writers.docx.package import zip_parts

    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return zip_parts(
        (
            name,
            _STAMPS.sub(rb"\g<1>" + stamp + rb"\g<2>", body)
            if name == "docProps/core.xml"
            else body,
        )
        for name, body in parts
    )


def write_xlsx(document: Document) -> bytes:
    """The workbook as bytes; a document without tables gives a workbook with one empty sheet
    named after the title (Excel cannot open a workbook without sheets)."""
    from openpyxl import Workbook

    workbook = Workbook()
    for sheet in list(workbook.worksheets):  # the default empty sheet
        workbook.remove(sheet)
    workbook.properties.title = document.title
    workbook.properties.creator = "gencli"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    taken: set[str] = set()
    styles = _Styles(workbook)
    for name, table in _tables(document.blocks):
        _sheet(workbook, styles, _sheet_name(name, taken), table, document.title)
    if not workbook.worksheets:
        workbook.create_sheet(_sheet_name(document.title, taken))
    out = io.BytesIO()
    workbook.save(out)
    return deterministic(out.getvalue())
