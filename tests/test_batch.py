"""`build` and `validate` on folders: recursion, parallel workers, mirrored outputs, one bad
report among good ones, and the closing summary table."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gencli.cli.commands import main
from gencli.loading.sources import SourceError, collect, refuse_collisions

from .conftest import CASES, EXAMPLES

AMR = EXAMPLES / "fujian-amr-2020.yaml"
COMMERCE = EXAMPLES / "fujian-commerce-2020.yaml"
BALANCE = CASES / "gov-info-annual" / "invalid" / "balance.yaml"
BALANCE_ERROR = "7:9: 勾稽关系不成立（第一项加第二项之和，等于第三项加第四项之和）：自然人列"


def run(*args) -> CliRunner:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """A province's reports: two counties with a department each, one bad report, a hidden
    folder that must be skipped and a file that is not a report."""
    root = tmp_path / "2020"
    (root / "甲县").mkdir(parents=True)
    (root / "乙县" / "部门").mkdir(parents=True)
    (root / ".backup").mkdir()
    shutil.copy(AMR, root / "甲县" / "市场监管局.yaml")
    shutil.copy(COMMERCE, root / "乙县" / "部门" / "商务局.yml")
    shutil.copy(BALANCE, root / "乙县" / "有错误.yaml")
    shutil.copy(AMR, root / ".backup" / "旧.yaml")
    (root / "说明.txt").write_text("不是报告", encoding="utf-8")
    return root


def test_parallel_build_of_a_folder_builds_the_good_ones_and_names_the_bad_one(
    province: Path, tmp_path: Path
) -> None:
    out = tmp_path / "发布"
    result = run("build", province, "-o", out, "-j", "2")
    assert result.exit_code == 1
    built = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert built == {
        "甲县/市场监管局.docx",
        "甲县/市场监管局.html",
        "乙县/部门/商务局.docx",
        "乙县/部门/商务局.html",
    }
    bad = province / "乙县" / "有错误.yaml"
    assert result.stdout.count(BALANCE_ERROR) == 1  # each error printed once
    assert f"{bad}:{BALANCE_ERROR}" in result.stdout
    assert BALANCE_ERROR not in result.stderr
    closing, *failed = result.stderr.splitlines()
    assert closing.startswith("共 3 份报告：已生成 2 份，未生成 1 份；用时 ")
    assert closing.endswith("秒（2 个进程并行）。")
    assert failed == ["未生成的报告：", f"  {bad}（错误 1 处）"]


def test_in_process_build_gives_the_same_files_and_summary(province: Path, tmp_path: Path) -> None:
    parallel, serial = tmp_path / "parallel", tmp_path / "serial"
    first = run("build", province, "-o", parallel, "-j", "2")
    second = run("build", province, "-o", serial, "-j", "1")
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout.replace(str(serial), str(parallel))
    assert "（单进程）" in second.stderr
    for path in parallel.rglob("*.docx"):
        assert (serial / path.relative_to(parallel)).read_bytes() == path.read_bytes()


def test_without_output_folder_outputs_go_beside_each_report(province: Path) -> None:
    assert run("build", province / "甲县", province / "乙县" / "部门").exit_code == 0
    assert (province / "甲县" / "市场监管局.docx").is_file()
    assert (province / "乙县" / "部门" / "商务局.html").is_file()


def test_a_file_named_directly_goes_to_the_top_of_the_output_folder(
    province: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run(
        "build", province / "甲县" / "市场监管局.yaml", province / "乙县" / "部门", "-o", out
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "商务局.docx",
        "商务局.html",
        "市场监管局.docx",
        "市场监管局.html",
    ]
    assert "共 2 份报告：已生成 2 份，未生成 0 份" in result.stderr


def test_not_a_terminal_means_no_progress_bar_but_a_summary(province: Path, tmp_path: Path) -> None:
    result = run("build", province, "-o", tmp_path / "out", "--to", "html")
    assert "共 3 份报告" in result.stderr
    assert "生成  " not in result.stderr and "%" not in result.stderr and "\r" not in result.stderr


def test_a_single_file_keeps_the_old_messages_without_a_table(tmp_path: Path) -> None:
    result = run("build", AMR, "-o", tmp_path)
    assert result.exit_code == 0
    assert result.stderr.startswith("已生成 ") and "共 " not in result.stderr


def test_an_unreadable_report_in_a_batch_fails_alone(province: Path, tmp_path: Path) -> None:
    broken = province / "甲县" / "坏文件.yaml"
    broken.write_bytes(b"\xff\xfe not utf-8")
    result = run("build", province / "甲县", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert (tmp_path / "out" / "市场监管局.docx").is_file()
    assert f"{broken}:1:1: 文件不是 UTF-8 编码" in result.stdout
    assert f"  {broken}（错误 1 处）" in result.stderr.splitlines()


def test_validate_on_a_folder(province: Path) -> None:
    result = run("validate", province)
    assert result.exit_code == 1
    bad = province / "乙县" / "有错误.yaml"
    assert f"{bad}:{BALANCE_ERROR}" in result.stdout
    assert result.stdout.count(BALANCE_ERROR) == 1
    closing, *failed = result.stderr.splitlines()  # one summary, the errors not repeated
    assert closing.startswith("检查了 3 个文件：1 个文件未通过；错误 1 处，警告 0 处；用时 ")
    assert failed == ["未通过的报告：", f"  {bad}（错误 1 处）"]
    assert "旧.yaml" not in result.output


def test_validate_a_clean_folder_in_process_exits_zero(province: Path) -> None:
    (province / "乙县" / "有错误.yaml").unlink()
    result = run("validate", "-j", "1", province)
    assert result.exit_code == 0
    assert result.stderr.startswith("检查了 2 个文件：全部通过；错误 0 处，警告 0 处；用时 ")
    assert len(result.stderr.splitlines()) == 1


def test_validate_json_on_a_folder_stays_pure_json(province: Path) -> None:
    import json

    result = run("validate", "--format", "json", province)
    assert [d["line"] for d in json.loads(result.stdout)] == [7]


def test_sources_are_sorted_and_mirrored(province: Path) -> None:
    sources, folders = collect([province])
    assert folders
    assert [(s.path.name, str(s.subfolder)) for s in sources] == [  # in code point order
        ("有错误.yaml", "乙县"),
        ("商务局.yml", "乙县/部门"),
        ("市场监管局.yaml", "甲县"),
    ]


def test_an_empty_folder_and_clashing_outputs_are_usage_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("build", empty).exit_code == 2
    with pytest.raises(SourceError, match="中没有找到报告"):
        collect([empty])
    twins = tmp_path / "twins"
    twins.mkdir()
    shutil.copy(AMR, twins / "局.yaml")
    shutil.copy(AMR, twins / "局.yml")
    with pytest.raises(SourceError, match="的输出都会写到"):
        refuse_collisions(collect([twins])[0], tmp_path / "out")
    result = run("build", twins, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "的输出都会写到" in result.output


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar_and_the_reports_after_it(monkeypatch) -> None:
    from gencli.operations import batch

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    shown = []

    def show(outcome) -> None:
        shown.append((outcome.path, terminal.getvalue().count("3/3")))

    tasks = [batch.CheckTask(path, guarded=True) for path in (AMR, COMMERCE, BALANCE)]
    outcomes, _ = batch.run(batch.check_job, tasks, 1, "检查", show)
    assert [o.failed for o in outcomes] == [False, False, True]
    assert "检查" in terminal.getvalue() and "3/3" in terminal.getvalue()
    assert [path for path, _ in shown] == [str(AMR), str(COMMERCE), str(BALANCE)]
    assert all(bar_done for _, bar_done in shown)  # printed once the bar had finished
