"""`gencli validate`, `init` and `schema` as a user runs them: output, exit codes, files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gencli.cli.commands import main

from .conftest import CASES, EXAMPLES

AMR = EXAMPLES / "fujian-amr-2020.yaml"
INVALID = CASES / "gov-info-annual" / "invalid"
WARNING = CASES / "gov-info-annual" / "warning"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_valid_examples_exit_zero_with_summary() -> None:
    result = run("validate", *sorted(EXAMPLES.glob("*.yaml")))
    assert result.exit_code == 0, result.output
    assert "检查了 3 个文件：全部通过；错误 0 处，警告 0 处；用时 " in result.output


def test_invalid_file_exits_one_and_prints_file_line_column() -> None:
    path = INVALID / "balance.yaml"
    result = run("validate", path)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == (
        f"{path}:7:9: 勾稽关系不成立（第一项加第二项之和，等于第三项加第四项之和）："
        "自然人列 5 + 1 = 6，而 4 + 1 = 5"
    )


def test_all_files_are_checked_even_after_a_failure() -> None:
    result = run("validate", INVALID / "balance.yaml", AMR, INVALID / "count-negative.yaml")
    assert result.exit_code == 1
    assert "balance.yaml:7:9" in result.output
    assert "count-negative.yaml:8:18: 不能为负数" in result.output
    assert "检查了 3 个文件：2 个文件未通过" in result.output


def test_json_format_is_one_array_for_tools() -> None:
    result = CliRunner().invoke(
        main, ["validate", "--format", "json", str(INVALID / "results-total.yaml")]
    )
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert findings == [
        {
            "file": str(INVALID / "results-total.yaml"),
            "line": 12,
            "column": 13,
            "severity": "error",
            "message": "（七）总计应等于本部分各行之和：自然人列各行合计 3（第9行 2、第11行 1），这里填写的是 2",
            "path": "三、收到和处理政府信息公开申请情况 › 三、本年度办理结果 › （七）总计 › 自然人",
        }
    ]


def test_warnings_pass_unless_strict() -> None:
    path = WARNING / "problems-empty.yaml"
    relaxed, strict = run("validate", path), run("validate", "--strict", path)
    assert relaxed.exit_code == 0
    assert f"{path}:8:11: 警告：五、存在的主要问题及改进情况 为空" in relaxed.output
    assert strict.exit_code == 1


def test_usage_errors_exit_two() -> None:
    assert run("validate").exit_code == 2
    assert run("validate", "missing-file.yaml").exit_code == 2
    assert run("validate", "--format", "xml", AMR).exit_code == 2


def _report(tmp_path: Path, name: str, year: int, carried_over: str, carried_forward: str) -> Path:
    text = (
        f"kind: gov-info-annual\nagency: 测试局\nyear: {year}\noverview: 概况。\n"
        "proactive:\n  licensing: {last_year_items: 10, change: -2, decisions: 5}\n"
        f"applications:\n  carried_over: {carried_over}\n"
        f"  results:\n    disclosed: {carried_over}\n  carried_forward: {carried_forward}\n"
        "appeals: {}\nproblems: 问题。\n"
    )
    if year >= 2021:
        text = text.replace(
            "licensing: {last_year_items: 10, change: -2, decisions: 5}",
            "licensing: {decisions: 5}",
        )
        text += "processing_fees: {notices: 0, amount: 0}\n"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _with_new(path: Path, row: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("applications:\n", f"applications:\n  new: {row}\n"), "utf-8")


def test_previous_checks_carried_over_against_last_year(tmp_path: Path) -> None:
    last = _report(tmp_path, "2019.yaml", 2019, "[0, 0, 0, 0, 0, 0]", "[2, 1, 0, 0, 0, 0]")
    _with_new(last, "[2, 1, 0, 0, 0, 0]")
    this = _report(tmp_path, "2020.yaml", 2020, "[2, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    alone = run("validate", this)
    assert alone.exit_code == 0, alone.output
    result = run("validate", "--previous", last, this)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[2] == (
        f"{this}:8:21: 本年“二、上年结转政府信息公开申请数量”应等于上年“四、结转下年度继续办理”："
        "商业企业列：本年填写 0，按上年报告应为 1"
    )
    assert (
        lines[3]
        == "    三、收到和处理政府信息公开申请情况 › 二、上年结转政府信息公开申请数量 › 商业企业"
    )
    assert len(lines) == 4
    assert (
        "警告：本年“上一年项目数量”应等于上年“上一年项目数量”加上年“本年增/减”：本年填写 10，按上年报告应为 8"
        in result.output
    )


def test_previous_across_the_format_change_checks_only_carried_over(tmp_path: Path) -> None:
    last = _report(tmp_path, "2020.yaml", 2020, "[0, 0, 0, 0, 0, 0]", "[1, 0, 0, 0, 0, 0]")
    _with_new(last, "[1, 0, 0, 0, 0, 0]")
    this = _report(tmp_path, "2021.yaml", 2021, "[1, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    result = run("validate", "--previous", last, this)
    assert result.exit_code == 0, result.output
    assert "警告：" not in result.output


def test_previous_must_be_the_year_before(tmp_path: Path) -> None:
    last = _report(tmp_path, "2019.yaml", 2019, "[0, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    this = _report(tmp_path, "2021.yaml", 2021, "[0, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    result = run("validate", "--previous", last, this)
    assert result.exit_code == 2
    assert "--previous 应为上一年度（2021 的上一年）的报告" in result.output


def test_previous_with_its_own_arithmetic_errors_is_still_used(tmp_path: Path) -> None:
    last = _report(tmp_path, "2019.yaml", 2019, "[0, 0, 0, 0, 0, 0]", "[5, 0, 0, 0, 0, 0]")
    assert run("validate", last).exit_code == 1  # published reports carry some errors
    this = _report(tmp_path, "2020.yaml", 2020, "[5, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    assert run("validate", "--previous", last, this).exit_code == 0


@pytest.mark.parametrize("year", [2019, 2020, 2021, 2024])
def test_init_skeleton_validates_as_is(tmp_path: Path, year: int) -> None:
    target = tmp_path / "report.yaml"
    result = run(
        "init",
        "--kind",
        "gov-info-annual",
        "--year",
        year,
        "--agency",
        "某某市某某局",
        "-o",
        target,
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=file://")
    assert "7.属于行政执法案卷" in text and "agency: 某某市某某局" in text
    checked = run("validate", target)
    assert checked.exit_code == 0, checked.output
    assert ("overdue_correction" in text) == (year >= 2021)


def test_init_to_stdout_and_never_overwrites(tmp_path: Path) -> None:
    shown = run("init", "--year", "2024", "--agency", "测试局")
    assert shown.exit_code == 0
    assert "kind: gov-info-annual" in shown.output
    target = tmp_path / "existing.yaml"
    target.write_text("我的报告\n", encoding="utf-8")
    result = run("init", "--year", "2024", "--agency", "测试局", "-o", target)
    assert result.exit_code == 2
    assert "已存在，不会覆盖" in result.output
    assert target.read_text(encoding="utf-8") == "我的报告\n"


def test_init_refuses_years_before_the_unified_format() -> None:
    assert run("init", "--year", "2018", "--agency", "测试局").exit_code == 2


def test_schema_command_prints_the_published_schema() -> None:
    result = run("schema", "gov-info-annual")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "政府信息公开工作年度报告"
    assert schema["properties"]["applications"]["title"] == "三、收到和处理政府信息公开申请情况"


def test_help_texts_explain_themselves() -> None:
    assert "校验勾稽关系" in run("--help").output
    assert "--previous" in run("validate", "--help").output
    assert "上一年度的报告" in run("validate", "--help").output
    assert "报告骨架" in run("init", "--help").output
    assert "JSON Schema" in run("schema", "--help").output


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    exe = shutil.which("gencli") or f"{sys.executable} -m gencli"
    result = subprocess.run(
        [*exe.split(), "validate", str(INVALID / "tab-indent.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert (
        "tab-indent.yaml:7:1: YAML 语法错误：不能用制表符（Tab）缩进，请改用空格" in result.stdout
    )


def test_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        target = tmp_path / "folder.yaml"
        target.mkdir()  # root can read anything; a folder is unreadable as a file for everyone
        result = run("validate", target)
        assert result.exit_code == 2
        return
    target = tmp_path / "secret.yaml"
    target.write_text("kind: gov-info-annual\n", encoding="utf-8")
    target.chmod(0)
    result = run("validate", target)
    assert result.exit_code == 2
    assert "无法读取" in result.output


def test_internal_errors_become_a_short_message_without_traceback(monkeypatch, capsys) -> None:
    import gencli.checking.validation

    def broken(*args, **kwargs):
        raise RuntimeError("意外")

    monkeypatch.setattr(gencli.checking.validation, "check_file", broken)
    monkeypatch.setattr(sys, "argv", ["gencli", "validate", str(AMR)])
    from gencli.cli.commands import run as entry

    with pytest.raises(SystemExit) as exited:
        entry()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "gencli 内部错误：RuntimeError: 意外" in err and "--debug" in err
    assert "Traceback" not in err
    monkeypatch.setattr(sys, "argv", ["gencli", "--debug", "validate", str(AMR)])
    with pytest.raises(RuntimeError):
        entry()


def test_previous_in_force_rule_of_the_2021_format_warns(tmp_path: Path) -> None:
    def report(year: int, rules: str) -> Path:
        path = tmp_path / f"{year}.yaml"
        path.write_text(
            f"kind: gov-info-annual\nagency: 测试局\nyear: {year}\noverview: 概况。\n"
            f"proactive:\n  rules: {rules}\napplications: {{}}\nappeals: {{}}\nproblems: 问题。\n"
            "processing_fees: {notices: 0, amount: 0}\n",
            encoding="utf-8",
        )
        return path

    last = report(2022, "{issued: 1, repealed: 0, in_force: 10}")
    this = report(2023, "{issued: 2, repealed: 1, in_force: 12}")
    result = run("validate", "--previous", last, this)
    assert result.exit_code == 0
    assert (
        f"{this}:6:45: 警告：本年“现行有效件数”应等于上年“现行有效件数”加本年“本年制发件数”减本年“本年废止件数”："
        "本年填写 12，按上年报告应为 11"
    ) in result.stdout
    assert run("validate", "--strict", "--previous", last, this).exit_code == 1


def _agency_report(folder: Path, agency: str, year: int, carried_over: str, forward: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = _report(folder, f"{agency}{year}.yaml", year, carried_over, forward)
    path.write_text(path.read_text("utf-8").replace("测试局", agency), "utf-8")
    return path


def _last_year(folder: Path, agency: str, forward: str) -> Path:
    """A 2019 report whose new applications are all carried forward (so it balances)."""
    path = _agency_report(folder, agency, 2019, "[0, 0, 0, 0, 0, 0]", forward)
    _with_new(path, forward)
    return path


def test_previous_folder_pairs_each_report_with_its_agency_s_last_year(tmp_path: Path) -> None:
    """A region in one run: each 2020 report against the same agency's 2019 report."""
    last, this = tmp_path / "2019", tmp_path / "2020"
    _last_year(last / "县", "测试局", "[2, 1, 0, 0, 0, 0]")
    _last_year(last, "另一局", "[3, 0, 0, 0, 0, 0]")
    wrong = _agency_report(this, "测试局", 2020, "[2, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    _agency_report(this, "另一局", 2020, "[3, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    alone = _agency_report(this, "第三局", 2020, "[0, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    result = run("validate", this, "--previous", last)
    assert result.exit_code == 1
    assert (
        f"{wrong}:8:21: 本年“二、上年结转政府信息公开申请数量”应等于上年“四、结转下年度继续办理”："
        "商业企业列：本年填写 0，按上年报告应为 1"
    ) in result.stdout
    errors = [line for line in result.stdout.splitlines() if line.startswith(str(this))]
    assert [line.split(":")[0] for line in errors if "警告" not in line] == [str(wrong)]
    assert "跨年度核对：2 份报告与上年报告逐项核对。" in result.stderr
    assert f"1 份报告没有找到同一机关、同一种类的上年报告，未做跨年度核对：{alone}" in result.stderr


def test_previous_folder_never_guesses_between_two_reports_of_one_agency(tmp_path: Path) -> None:
    last, this = tmp_path / "2019", tmp_path / "2020"
    first = _agency_report(last / "a", "测试局", 2019, "[0, 0, 0, 0, 0, 0]", "[5, 0, 0, 0, 0, 0]")
    second = _agency_report(last / "b", "测试局", 2019, "[0, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    (last / "broken.yaml").write_text("kind: gov-info-annual\nyear: [\n", "utf-8")
    _agency_report(this, "测试局", 2020, "[0, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    result = run("validate", this, "--previous", last)
    assert result.exit_code == 0, result.output  # checked alone: no carry-over compared
    assert (
        f"上年报告中“测试局”2019 年的报告有 2 份，无法确定用哪一份，未做跨年度核对：{first}、{second}"
        in result.stderr
    )
    assert (
        "上年报告中 1 份无法读取（请先用 gencli validate 检查其结构），未用于核对："
        f"{last / 'broken.yaml'}" in result.stderr
    )


def test_one_folder_holding_every_year_is_its_own_previous(tmp_path: Path) -> None:
    """`validate 导入/ --previous 导入/`: each year's reports against the year before's."""
    folder = tmp_path / "导入"
    _last_year(folder, "测试局", "[2, 1, 0, 0, 0, 0]")
    wrong = _agency_report(folder, "测试局", 2020, "[2, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    result = run("validate", folder, "--previous", folder)
    assert result.exit_code == 1
    assert f"{wrong}:8:21: 本年“二、上年结转政府信息公开申请数量”" in result.stdout
    assert "跨年度核对：1 份报告与上年报告逐项核对。" in result.stderr
    assert f"未做跨年度核对：{folder / '测试局2019.yaml'}" in result.stderr  # no 2018 report


def test_previous_folder_passes_over_yaml_that_is_no_report(tmp_path: Path) -> None:
    last, this = tmp_path / "2019", tmp_path / "2020"
    _last_year(last, "测试局", "[2, 1, 0, 0, 0, 0]")
    (last / "mkdocs.yml").write_text("site_name: 文档\n", "utf-8")
    _agency_report(this, "测试局", 2020, "[2, 1, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]")
    result = run("validate", this, "--previous", last)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "跨年度核对：1 份报告与上年报告逐项核对。"
