"""`gencli aggregate --xlsx`: the 汇总表, read back by LibreOffice, which calculates its 合计
formulas. Each agency's row must hold that agency's figures, and 合计 the sums that aggregate
wrote into the region's YAML (read back through validate, not from the workbook's code)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gencli.checking.validation import check_file
from gencli.kinds.gov_info_annual import form as gia
from gencli.operations.summary_workbook import sheets

from .conftest import EXAMPLES
from .office import soffice_or_skip

REPORTS_2019 = [EXAMPLES / "fujian-amr-2020.yaml", EXAMPLES / "fujian-commerce-2020.yaml"]


def _aggregate(reports: list[Path], out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "gencli",
            "aggregate",
            *map(str, reports),
            "--agency",
            "福建省汇总",
            "-o",
            str(out / "sum.yaml"),
            "--xlsx",
            str(out / "sum.xlsx"),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def _shown(workbook: Path, folder: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice calculates and shows it (CSV, one file per sheet)."""
    soffice = soffice_or_skip()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    names = openpyxl.load_workbook(workbook).sheetnames
    return {
        name: list(csv.reader(io.StringIO((folder / f"{workbook.stem}-{name}.csv").read_text())))
        for name in names
    }


def _printed(value: object, amount: bool) -> str:
    return f"{Decimal(str(value)):.2f}" if amount else str(value)


@pytest.mark.office
@pytest.mark.parametrize(
    "reports, extra",
    [(REPORTS_2019, ()), ([EXAMPLES / "pingtan-2023.yaml"] * 2, ("--allow-same-agency",))],
    ids=["2019-format", "2021-format"],
)
def test_each_agency_is_a_row_and_the_total_row_is_the_yaml_sum(
    reports: list[Path], extra: tuple[str, ...], tmp_path: Path
) -> None:
    if len(set(reports)) == 1:  # the same report under two names: two rows, figures doubled
        copies = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
        for copy in copies:
            shutil.copy(reports[0], copy)
        reports = copies
    done = _aggregate(reports, tmp_path, *extra)
    assert done.returncode == 0, done.stderr
    assert f"已写入 Excel 汇总表 {tmp_path / 'sum.xlsx'}（2 个机关）。" in done.stderr
    region = check_file(tmp_path / "sum.yaml").normalized
    agencies = [check_file(report).normalized for report in reports]
    assert region is not None and all(agencies)
    fmt = gia.FORMATS_BY_YEAR[region["format"]]
    shown = _shown(tmp_path / "sum.xlsx", tmp_path)
    expected_sheets = sheets(fmt)
    assert list(shown) == [name for name, _ in expected_sheets]
    for name, columns in expected_sheets:
        rows = shown[name]
        assert rows[1][2:] == [column.label for column in columns]
        for row, report in zip(rows[2:4], agencies):
            assert row[0] == report["agency"]
            assert row[2:] == [_printed(c.value(report), c.amount) for c in columns], name
        total = rows[4]
        assert total[:2] == ["合计", "2 份报告"]
        assert total[2:] == [_printed(c.value(region), c.amount) for c in columns], name
    assert any(name.startswith("信息处理费") for name in shown) == (fmt.year >= 2021)


def test_the_workbook_is_refused_when_it_exists_and_written_with_the_yaml(tmp_path: Path) -> None:
    (tmp_path / "sum.xlsx").write_bytes(b"kept")
    done = _aggregate(REPORTS_2019, tmp_path)
    assert done.returncode == 2
    assert "sum.xlsx 已存在，不会覆盖" in done.stderr
    assert (tmp_path / "sum.xlsx").read_bytes() == b"kept"
    assert not (tmp_path / "sum.yaml").exists()  # nothing written when one output is refused
    done = _aggregate(REPORTS_2019, tmp_path, "--force")
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(tmp_path / "sum.xlsx").worksheets[2]
    assert sheet.freeze_panes == "C3"
    assert sheet["A5"].value == "合计" and sheet["C5"].value == "=SUM(C3:C4)"
