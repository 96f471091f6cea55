"""`gencli textconv`: a built .docx as stable text, and `git diff` on committed .docx through it."""

from __future__ import annotations

import io
import shlex
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from gencli.cli.commands import main

from .conftest import EXAMPLES
from .gitrepo import GENCLI, GitRepo, example, isolated  # noqa: F401 - isolated is a fixture


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("built")
    result = CliRunner().invoke(
        main, ["build", str(EXAMPLES / "fujian-amr-2020.yaml"), "-o", str(folder), "--to", "docx"]
    )
    assert result.exit_code == 0, result.output
    return folder / "fujian-amr-2020.docx"


def textconv(path: Path):
    return CliRunner().invoke(main, ["textconv", str(path)])


def test_headings_paragraphs_and_tables_in_body_order(built: Path) -> None:
    result = textconv(built)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "# 福建省市场监督管理局2020年政府信息公开工作年度报告"
    assert lines[1] == "## 一、总体情况"
    assert lines[2].startswith("2020年，我局根据《中华人民共和国政府信息公开条例》")
    order = [
        lines.index(line)
        for line in (
            "## 二、主动公开政府信息情况",
            "[表：主动公开政府信息情况]",
            "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量",
            "行政许可 | 19 | 0 | 4804",
            "其他对外管理服务事项 | 130 | 增 1 | 737",
            "政府集中采购 | 42 | 13989.54万元",
            "## 三、收到和处理政府信息公开申请情况",
            "一、本年新收政府信息公开申请数量 | 24 | 5 | 0 | 0 | 0 | 0 | 29",
            "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2",
            "## 六、其他需要报告的事项",
        )
    ]
    assert order == sorted(order)
    assert lines[-1] == "福建省市场监督管理局无其他需要报告的事项。"


def test_merged_cells_are_shown_once(built: Path) -> None:
    lines = textconv(built).stdout.splitlines()
    spanning = [line for line in lines if "三、本年度办理结果" in line]
    assert spanning == ["三、本年度办理结果 | （一）予以公开 | 14 | 1 | 0 | 0 | 0 | 0 | 15"]
    # the rows below a vertical merge leave its cells empty
    assert " |  | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0" in lines
    assert sum("（三）不予公开" in line for line in lines) == 1


def test_text_depends_on_content_only(built: Path, tmp_path: Path) -> None:
    """Another zip of the same parts (other order, timestamps, compression) reads the same."""
    repacked = tmp_path / "repacked.docx"
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(repacked, "w") as target:
        for name in reversed(source.namelist()):
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 6, 7, 8, 10))
            target.writestr(info, source.read(name), zipfile.ZIP_STORED)
    assert textconv(repacked).stdout == textconv(built).stdout


def test_not_a_docx_is_one_line_and_exit_0_so_git_log_goes_on(tmp_path: Path) -> None:
    fake = tmp_path / "报告.docx"
    fake.write_text("不是 Word 文档", encoding="utf-8")
    result = textconv(fake)
    assert (result.exit_code, result.output) == (
        0,
        f"[gencli textconv：{fake} 不是 Word 文档（.docx）]\n",
    )
    empty = tmp_path / "empty.docx"
    buffer = io.BytesIO()
    zipfile.ZipFile(buffer, "w").close()
    empty.write_bytes(buffer.getvalue())
    result = textconv(empty)
    assert (result.exit_code, result.output) == (
        0,
        f"[gencli textconv：{empty} 不是 Word 文档（.docx）]\n",
    )


def test_git_diff_of_a_committed_docx_shows_the_changed_figure(
    tmp_path: Path, isolated: dict
) -> None:
    """The README's setup: .gitattributes and the textconv driver; then a figure is changed."""
    repo = GitRepo(tmp_path / "reports", isolated)
    repo.write(".gitattributes", "*.docx diff=gencli\n")
    repo.git("config", "diff.gencli.textconv", shlex.join([*GENCLI, "textconv"]))
    repo.write("2020.yaml", example())
    assert repo.gencli("build", "2020.yaml", "--to", "docx").returncode == 0
    repo.commit("2020年报告")
    repo.edit("2020.yaml", "decisions: 4804}", "decisions: 4900}")
    assert repo.gencli("build", "2020.yaml", "--to", "docx").returncode == 0
    shown = repo.git("diff", "--", "2020.docx").stdout
    changed = [line for line in shown.splitlines() if line[:1] in "+-" and line[1:2] not in "+-"]
    assert changed == ["-行政许可 | 19 | 0 | 4804", "+行政许可 | 19 | 0 | 4900"]
    assert "Binary files" not in shown
