"""`gencli aggregate --xlsx FILE`: the 汇总表 a 政务公开办 hands up — a row per agency.

The region's own report (aggregate's YAML) has the sums; the 主管部门 also wants to see who
contributed what, in Excel: one sheet per table (表二, 表三, 表四, and the 2021 format's
信息处理费), one row per agency with every figure that is summed, and a 合计 row of SUM
formulas, which Excel and LibreOffice calculate when they open the file (tests have
LibreOffice calculate them and compare with the sums of the YAML). Columns are headed by the form's own labels, two header
rows (the row of the form above the column of the form), frozen, printed on A4 landscape.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.model import AMOUNT, TEXT, Row

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from gencli.operations.aggregate import Read

AGENCY_HEADER = "机关"
FILE_HEADER = "报告文件"
TOTAL_LABEL = "合计"


@dataclass(frozen=True)
class Column:
    """One summed figure: the form's row label above its column label, and how to read it."""

    group: str
    label: str
    path: tuple[str, ...]
    index: int | None = None  # the position in a row of figures (表三, 表四)
    amount: bool = False

    def value(self, report: dict) -> Any:
        node: Any = report
        for step in self.path:
            node = (node or {}).get(step, 0) if isinstance(node, dict) else 0
        return node


def _proactive(fmt: gia.Format) -> Iterator[Column]:
    for block in fmt.proactive:
        for row in block.rows:
            for figure in block.figures:
                if figure.kind != TEXT:
                    yield Column(
                        f"{block.label} {row.label}",
                        figure.label,
                        ("proactive", row.key, figure.key),
                        amount=figure.kind == AMOUNT,
                    )


def _labels(row: Row, steps: tuple[str, ...]) -> str:
    """The labels from a row of table 三 down to one of its figure rows: 三、本年度办理结果
    （三）不予公开 1.属于国家秘密."""
    labels, node = [row.label], row
    for step in steps:
        node = next(child for child in node.children if child.key == step)
        labels.append(node.label)
    return " ".join(labels)


def _applications(fmt: gia.Format) -> Iterator[Column]:
    for row in fmt.applications:
        for steps, _leaf in row.leaves():
            label = _labels(row, steps)
            for column in gia.APPLICATION_COLUMNS:
                yield Column(label, column.label, ("applications", row.key, *steps, column.key))


def _appeals() -> Iterator[Column]:
    for group in gia.APPEAL_GROUPS:
        for column in gia.APPEAL_COLUMNS:
            yield Column(group.label, column.label, ("appeals", group.key, column.key))


def _fees() -> Iterator[Column]:
    for figure in gia.PROCESSING_FEES:
        yield Column(
            "信息处理费",
            figure.label,
            ("processing_fees", figure.key),
            amount=figure.kind == AMOUNT,
        )


def sheets(fmt: gia.Format) -> list[tuple[str, list[Column]]]:
    """The sheets of the 汇总表 for one edition of the form, with their columns."""
    found = [
        ("表二 主动公开政府信息情况", list(_proactive(fmt))),
        ("表三 收到和处理政府信息公开申请情况", list(_applications(fmt))),
        ("表四 行政复议、行政诉讼情况", list(_appeals())),
    ]
    if fmt.year >= 2021:
        found.append(("信息处理费", list(_fees())))
    return found


def _number(value: Any) -> int | float:
    return float(value) if isinstance(value, Decimal) else int(value)


def _write_sheet(sheet: Worksheet, columns: list[Column], reports: list[Read]) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.append([AGENCY_HEADER, FILE_HEADER, *(c.group for c in columns)])
    sheet.append(["", "", *(c.label for c in columns)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=2, end_column=1)
    sheet.merge_cells(start_row=1, start_column=2, end_row=2, end_column=2)
    start = 0
    while start < len(columns):  # a row label over all its columns
        end = start
        while end + 1 < len(columns) and columns[end + 1].group == columns[start].group:
            end += 1
        if end > start:
            sheet.merge_cells(start_row=1, start_column=start + 3, end_row=1, end_column=end + 3)
        start = end + 1
    for read in reports:
        assert read.normalized is not None
        values = [_number(c.value(read.normalized)) for c in columns]
        sheet.append([read.normalized["agency"], read.path, *values])
    last = len(reports) + 2
    totals: list[Any] = [TOTAL_LABEL, f"{len(reports)} 份报告"]
    for index, _ in enumerate(columns, start=3):
        letter = get_column_letter(index)
        totals.append(f"=SUM({letter}3:{letter}{last})")
    sheet.append(totals)
    for number, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=last + 1, max_col=len(columns) + 2), start=1
    ):
        for cell in row:
            cell.border = border
            if number <= 2 or number == last + 1:
                cell.font = Font(bold=True)
            if number <= 2:
                cell.alignment = centred
    for index, column in enumerate(columns, start=3):
        for row_number in range(3, last + 2):
            sheet.cell(row_number, index).number_format = "0.00" if column.amount else "0"
        sheet.column_dimensions[get_column_letter(index)].width = 12
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 24
    sheet.freeze_panes = "C3"
    sheet.print_title_rows = "1:2"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"


def summary_workbook(reports: list[Read], fmt: gia.Format) -> bytes:
    """The 汇总表 of valid reports of one edition of the form, as .xlsx bytes."""
    from openpyxl import Workbook

    from gencli.writers.xlsx import deterministic

    workbook = Workbook()
    for sheet in list(workbook.worksheets):
        workbook.remove(sheet)
    for name, columns in sheets(fmt):
        _write_sheet(workbook.create_sheet(name), columns, reports)
    out = io.BytesIO()
    workbook.save(out)
    return deterministic(out.getvalue())
