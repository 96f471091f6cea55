"""The acceptance suite: every case file with the exact output `gencli validate` must print.

`cases/<kind>/invalid/NAME.yaml` and `warning/NAME.yaml` each sit beside `NAME.expected`, the
reviewed `FILE:LINE:COL: message` lines (with the Chinese path below each); `valid/` cases and
the examples must give no finding at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gencli.checking.validation import check_file

from .conftest import CASES, EXAMPLES


def _cases(folder: str) -> list[Path]:
    return sorted(CASES.glob(f"*/{folder}/*.yaml"))


def _output(path: Path) -> str:
    checked = check_file(path, name=path.name)
    return "".join(d.as_text() + "\n" for d in checked.diagnostics)


@pytest.mark.parametrize("path", _cases("invalid"), ids=lambda p: p.stem)
def test_invalid_case_reports_exact_errors(path: Path) -> None:
    checked = check_file(path, name=path.name)
    assert checked.errors, "an invalid case must fail"
    assert checked.normalized is None
    assert _output(path) == path.with_suffix(".expected").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", _cases("warning"), ids=lambda p: p.stem)
def test_warning_case_reports_exact_warnings(path: Path) -> None:
    checked = check_file(path, name=path.name)
    assert checked.warnings
    assert _output(path) == path.with_suffix(".expected").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path", _cases("valid") + sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem
)
def test_valid_report_has_no_findings(path: Path) -> None:
    checked = check_file(path)
    assert checked.diagnostics == []
    assert checked.normalized is not None


def test_every_case_has_its_expected_output() -> None:
    for path in _cases("invalid") + _cases("warning"):
        assert path.with_suffix(".expected").is_file(), path
