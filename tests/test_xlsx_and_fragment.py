"""`--to xlsx` and `--to fragment` against the .docx of the same build, in real clients:
LibreOffice reads the workbook (converted to CSV, sheet by sheet) and must show every cell of
the .docx's tables at the same place, the merges must be the .docx's, figures must be numbers;
Chromium loads the fragment into a bare page, as a CMS editor would keep it, and must draw the
tables' borders and merges even when every style attribute is stripped."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from .browser import Browser, chromium_or_skip
from .conftest import EXAMPLES
from .office import soffice_or_skip
from .test_fast_paths import W, cells_read_back

REPORTS = [EXAMPLES / "fujian-amr-2020.yaml", EXAMPLES / "pingtan-2023.yaml"]  # 2019, 2021 format
WITHOUT_TABLES = EXAMPLES / "plan" / "fuzhou-amr-14th-five-year-plan.yaml"


def _build(report: Path, out: Path, formats: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gencli", "build", str(report), "-o", str(out), "--to", formats],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "GENCLI_CACHE_DIR": str(out / ".cache")},
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module", params=REPORTS, ids=lambda p: p.stem)
def built(request, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("outputs")
    _build(request.param, out, "docx,xlsx,fragment")
    return out / request.param.stem


def _docx_grids(docx: Path) -> list[dict[tuple[int, int], tuple[str, int, int]]]:
    """Each table of the .docx as {(row, column): (text, rowspan, colspan)} of its origin cells."""
    with zipfile.ZipFile(docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    grids = []
    for tbl in body.iter(f"{W}tbl"):
        grid: dict[tuple[int, int], tuple[str, int, int]] = {}
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(cells_read_back(tbl)):
            c = 0
            for text, rowspan, colspan in row:
                while (r, c) in taken:
                    c += 1
                taken.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
                grid[(r, c)] = (text, rowspan, colspan)
                c += colspan
        grids.append(grid)
    return grids


def test_the_workbook_has_the_docx_tables_merges_and_numbers(built: Path) -> None:
    grids = _docx_grids(built.with_suffix(".docx"))
    workbook = openpyxl.load_workbook(built.with_suffix(".xlsx"))
    assert len(workbook.worksheets) == len(grids) > 0
    for sheet, grid in zip(workbook.worksheets, grids):
        merges = {
            (m.min_row - 1, m.min_col - 1, m.max_row - m.min_row + 1, m.max_col - m.min_col + 1)
            for m in sheet.merged_cells.ranges
        }
        expected = {(r, c, rs, cs) for (r, c), (_, rs, cs) in grid.items() if rs > 1 or cs > 1}
        assert merges == expected, sheet.title
        for (r, c), (text, _, _) in grid.items():
            value = sheet.cell(r + 1, c + 1).value
            if text.strip().isdigit():
                assert value == int(text) and isinstance(value, int), (sheet.title, r, c)
        assert sheet.page_setup.paperSize == 9  # A4 (ECMA-376 18.3.1.63)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True


def test_amounts_and_changes_are_numbers_printed_as_in_the_docx() -> None:
    from gencli.writers.xlsx import CHANGE_FORMAT, figure_value

    assert figure_value("13989.54") == (13989.54, "0.00")
    assert figure_value("24252.311082") == (24252.311082, "0.000000")
    assert figure_value("增 1") == (1, CHANGE_FORMAT)
    assert figure_value("减 12") == (-12, CHANGE_FORMAT)
    assert figure_value("13989.54万元") == (13989.54, '0.00"万元"')
    assert figure_value("1985758") == (1985758, "0")
    assert figure_value("规章") == (None, "")


@pytest.mark.office
def test_libreoffice_shows_every_docx_cell_at_its_place(built: Path, tmp_path: Path) -> None:
    soffice = soffice_or_skip()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            # UTF-8, every sheet to its own file (-1), cells as shown (formats applied)
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir",
            str(tmp_path),
            str(built.with_suffix(".xlsx")),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    workbook = openpyxl.load_workbook(built.with_suffix(".xlsx"))
    for sheet, grid in zip(workbook.worksheets, _docx_grids(built.with_suffix(".docx"))):
        shown = tmp_path / f"{built.name}-{sheet.title}.csv"
        rows = list(csv.reader(io.StringIO(shown.read_text(encoding="utf-8"))))
        for (r, c), (text, _, _) in grid.items():
            assert rows[r][c] == text, (sheet.title, r, c)
        covered = {(r, c) for r, row in enumerate(rows) for c, value in enumerate(row) if value}
        assert covered <= set(grid), sheet.title  # nothing where the .docx has no cell


def test_a_document_without_tables_gives_one_empty_sheet_named_by_its_title(tmp_path: Path) -> None:
    _build(WITHOUT_TABLES, tmp_path, "xlsx")
    workbook = openpyxl.load_workbook(tmp_path / f"{WITHOUT_TABLES.stem}.xlsx")
    assert [sheet.title for sheet in workbook.worksheets] == ["福州市“十四五”市场监管现代化规划"]
    assert workbook.worksheets[0].max_row == 1 and workbook.worksheets[0]["A1"].value is None


def test_xlsx_bytes_are_the_same_from_two_processes(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        _build(REPORTS[0], out, "xlsx")
    name = f"{REPORTS[0].stem}.xlsx"
    assert (first / name).read_bytes() == (second / name).read_bytes()


def test_the_fragment_has_no_style_element_class_or_id(built: Path) -> None:
    text = built.with_suffix(".fragment.html").read_text(encoding="utf-8")
    assert "<style" not in text and "<html" not in text and "<head" not in text
    assert " class=" not in text and " id=" not in text and "<h1" not in text
    assert (
        text.count("<table ")
        == text.count('border="1"')
        == len(_docx_grids(built.with_suffix(".docx")))
    )


@pytest.mark.office
def test_the_fragment_keeps_borders_and_merges_in_a_bare_page(built: Path, tmp_path: Path) -> None:
    chromium_or_skip()
    fragment = built.with_suffix(".fragment.html").read_text(encoding="utf-8")
    page = tmp_path / "cms.html"
    page.write_text(f"<!DOCTYPE html><html><body>{fragment}</body></html>", encoding="utf-8")
    grids = _docx_grids(built.with_suffix(".docx"))
    browser = Browser()
    try:
        browser.open(page.as_uri())
        spans = (
            "[...document.querySelectorAll('table')].map(t => [...t.querySelectorAll('td')]"
            ".map(td => [td.rowSpan, td.colSpan]))"
        )
        expected = [[[rs, cs] for (_, rs, cs) in grid.values()] for grid in grids]
        assert browser.evaluate(spans) == expected
        borders = (
            "[...document.querySelectorAll('td')].every(td => {"
            " const s = getComputedStyle(td);"
            " return parseFloat(s.borderTopWidth) >= 1 && s.borderTopStyle !== 'none'"
            " && parseFloat(s.borderLeftWidth) >= 1; })"
        )
        assert browser.evaluate(borders) is True
        assert browser.evaluate("getComputedStyle(document.querySelector('p')).textAlign") == (
            "center"
        )
        # An editor that strips every style attribute still keeps the grid (border="1").
        browser.evaluate(
            "document.querySelectorAll('[style]').forEach(e => e.removeAttribute('style'))"
        )
        assert browser.evaluate(borders) is True
        assert browser.evaluate(spans) == expected
    finally:
        browser.close()
