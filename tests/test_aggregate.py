"""`gencli aggregate`: a region's tables as the cell-by-cell sum of its agencies' reports."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from gencli.checking.validation import check_file, check_text
from gencli.cli.commands import main
from gencli.operations.aggregate import AggregateError, Read, add_up

from .conftest import CASES, EXAMPLES

SOURCES = [EXAMPLES / "fujian-amr-2020.yaml", EXAMPLES / "fujian-commerce-2020.yaml"]
VALID = CASES / "gov-info-annual" / "valid"
TABLES = ("proactive", "applications", "appeals", "processing_fees")


def run(*args) -> CliRunner:
    return CliRunner().invoke(main, [str(a) for a in args])


def cells(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every figure of a normalized report's tables, totals included, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from cells(value, (*path, key))
    elif isinstance(node, (int, Decimal)) and not isinstance(node, bool):
        yield path, node


def figures(report: dict) -> dict[tuple, Any]:
    return {path: value for key in TABLES for path, value in cells(report.get(key), (key,))}


def aggregate(tmp_path: Path, *sources: Path, name: str = "福建省汇总.yaml") -> tuple[Path, Any]:
    output = tmp_path / name
    result = run("aggregate", *sources, "-o", output, "--agency", "福建省人民政府办公厅")
    return output, result


def test_the_sum_of_the_examples_validates_and_equals_them_cell_by_cell(tmp_path: Path) -> None:
    output, result = aggregate(tmp_path, *SOURCES)
    assert result.exit_code == 0, result.output
    assert f"已写入 {output}：汇总了 2 份报告" in result.stderr
    checked = check_file(output)
    assert checked.errors == []
    summed = figures(checked.normalized)
    sources = [figures(check_file(path).normalized) for path in SOURCES]
    assert set(summed) == set(sources[0]) == set(sources[1])
    for path, value in summed.items():
        assert value == sum(source[path] for source in sources), path
    assert summed[("proactive", "licensing", "change")] == -4  # 本年增/减: -4 and 0, signed
    assert summed[("proactive", "procurement", "amount")] == Decimal("23731.54")  # exact
    assert checked.normalized["proactive"]["procurement"]["unit"] == "万元"


def test_the_sum_reads_like_init_with_the_narrative_left_to_its_author(tmp_path: Path) -> None:
    output, _ = aggregate(tmp_path, *SOURCES)
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "agency: 福建省人民政府办公厅\nyear: 2020\n" in text
    assert '各机关的叙述不汇总，请撰写本地区的总体情况\noverview: ""' in text
    assert '请撰写本地区的存在的主要问题及改进情况\nproblems: ""' in text
    assert (
        "  new: [30, 5, 0, 0, 0, 0]                   # 一、本年新收政府信息公开申请数量\n" in text
    )
    assert text.endswith(f"# 汇总的报告（2 份）：\n#   {SOURCES[0]}\n#   {SOURCES[1]}\n")
    warnings = [d.message for d in check_file(output).warnings]
    assert any("五、存在的主要问题及改进情况 为空" in w for w in warnings)


def test_folders_are_read_like_build_reads_them(tmp_path: Path) -> None:
    folder = tmp_path / "各机关"
    (folder / "甲").mkdir(parents=True)
    for source in SOURCES:
        shutil.copy(source, folder / "甲" / source.name)
    output, result = aggregate(tmp_path, folder)
    assert result.exit_code == 0, result.output
    first, _ = aggregate(tmp_path, *SOURCES, name="direct.yaml")

    def strip(path: Path) -> str:
        return path.read_text(encoding="utf-8").split("# 汇总的报告")[0]

    assert strip(output) == strip(first)


def test_mixed_years_are_refused_naming_the_odd_file(tmp_path: Path) -> None:
    odd = tmp_path / "2019年.yaml"
    odd.write_text(
        (VALID / "minimal-2019.yaml")
        .read_text(encoding="utf-8")
        .replace("year: 2020", "year: 2019"),
        encoding="utf-8",
    )
    output, result = aggregate(tmp_path, *SOURCES, odd)
    assert result.exit_code == 1
    assert f"只能汇总同一年度的报告：多数为 2020，而 {odd} 不是" in result.stderr
    assert not output.exists()
    result = run("aggregate", *SOURCES, "--year", "2021", "--agency", "省")
    assert "只能汇总同一年度的报告：应为 2021" in result.stderr


def test_mixed_formats_and_units_are_refused(tmp_path: Path) -> None:
    reports = [Read(str(p), check_file(p).normalized) for p in SOURCES]
    reports[1].normalized["format"] = 2021
    with pytest.raises(AggregateError, match="只能汇总同一格式的报告"):
        add_up(reports)
    yuan = tmp_path / "元.yaml"
    yuan.write_text(
        SOURCES[0].read_text(encoding="utf-8").replace("unit: 万元", "unit: 元"), encoding="utf-8"
    )
    _, result = aggregate(tmp_path, SOURCES[1], yuan)
    assert result.exit_code == 1
    assert "政府集中采购金额单位" in result.stderr and "换算为同一单位" in result.stderr


def test_reports_with_errors_are_refused_unless_skipped(tmp_path: Path) -> None:
    bad = CASES / "gov-info-annual" / "invalid" / "balance.yaml"
    output, result = aggregate(tmp_path, *SOURCES, bad)
    assert result.exit_code == 1 and not output.exists()
    assert f"  {bad}:7:9: 勾稽关系不成立" in result.stderr and "--skip-invalid" in result.stderr
    result = run("aggregate", *SOURCES, bad, "-o", output, "--agency", "省", "--skip-invalid")
    assert result.exit_code == 0
    assert f"未汇总（有错误）：{bad}:7:9:" in result.stderr
    assert f"# 未汇总的报告（有错误，1 份）：\n#   {bad}:7:9:" in output.read_text(encoding="utf-8")


def test_an_existing_output_is_never_overwritten_silently(tmp_path: Path) -> None:
    output = tmp_path / "汇总.yaml"
    output.write_text("原有内容", encoding="utf-8")
    result = run("aggregate", *SOURCES, "-o", output, "--agency", "省")
    assert result.exit_code == 2 and "已存在，不会覆盖" in result.output
    assert output.read_text(encoding="utf-8") == "原有内容"
    assert run("aggregate", *SOURCES, "-o", output, "--agency", "省", "--force").exit_code == 0
    assert check_file(output).errors == []


def test_2021_format_sums_fees_and_the_groups_of_other(tmp_path: Path) -> None:
    source = VALID / "mapping-rows-2021.yaml"
    twice = tmp_path / "again.yaml"
    shutil.copy(source, twice)
    result = run("aggregate", source, twice, "--agency", "省", "--allow-same-agency")
    assert result.exit_code == 0, result.output
    summed = check_text(result.stdout, "sum")
    assert summed.errors == []
    one = figures(check_file(source).normalized)
    for path, value in figures(summed.normalized).items():
        assert value == 2 * one.get(path, 0), path
    assert summed.normalized["applications"]["results"]["other"]["unpaid_fee"]["total"] == 2
    assert summed.normalized["proactive"]["fees"]["amount"] == Decimal("48504.622164")


def test_the_summary_is_never_summed_into_itself(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for source in SOURCES:
        shutil.copy(source, folder / source.name)
    output = folder / "汇总.yaml"
    assert run("aggregate", folder, "-o", output, "--agency", "省").exit_code == 0
    again = run("aggregate", folder, "-o", output, "--agency", "省", "--force")
    assert again.exit_code == 2 and "会被当作一份报告再加一次" in again.output
