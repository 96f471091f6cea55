"""Figures typed in the narrative are checked against the tables (NARRATIVE_FIGURES in the
form): a sentence the tables contradict is a warning at its line; one they agree with, or a
`{{ }}` reference, is not."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gencli.checking.validation import check_text
from gencli.cli.commands import main

from .conftest import ROOT

PAGE = ROOT / "tests" / "published" / "pingtan-2023.html"


def imported_text(tmp_path: Path) -> str:
    out = tmp_path / "pingtan.yaml"
    assert CliRunner().invoke(main, ["import", str(PAGE), "-o", str(out)]).exit_code == 0
    return out.read_text(encoding="utf-8")


def typed(text: str) -> list[tuple[int, str]]:
    checked = check_text(text, "r.yaml")
    return [(d.line, d.message) for d in checked.warnings if "叙述中的" in d.message]


def line_of(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if words in line)


def test_a_published_report_whose_sentences_agree_has_no_warning(tmp_path: Path) -> None:
    text = imported_text(tmp_path)
    assert "行政复议案件2件、行政诉讼案件7件" in text  # the sentences are there, and agree
    assert typed(text) == []


def test_contradicted_sentences_are_warnings_at_their_line(tmp_path: Path) -> None:
    text = imported_text(tmp_path)
    changed = text.replace("申请共计81件", "申请共计80件").replace(
        "行政诉讼案件7件", "行政诉讼案件9件"
    )
    line = line_of(changed, "申请共计80件")
    assert typed(changed) == [
        (
            line,
            "叙述中的“接收通过邮寄、网络提交的各类政府信息公开申请共计80件”与表格不符："
            "表三“一、本年新收政府信息公开申请数量”的总计为 81；"
            "请核对文字或表格（可用 {{ }} 引用表中数字，免得两处不一致）",
        ),
        (
            line,
            "叙述中的“行政诉讼案件9件”与表格不符：表四“行政诉讼”（未经复议直接起诉与复议后起诉）"
            "的总计为 7；请核对文字或表格（可用 {{ }} 引用表中数字，免得两处不一致）",
        ),
    ]


def test_carried_figures_and_disclosed_are_checked_but_not_partly_disclosed(tmp_path: Path) -> None:
    text = imported_text(tmp_path)
    sentence = (
        "上年结转政府信息公开申请3件，结转下年度继续办理2件，予以公开9件，予以公开及部分公开42件。"
    )
    changed = text.replace(
        "2023年，无收取信息处理费情况。", "2023年，无收取信息处理费情况。" + sentence
    )
    messages = [message.split("与表格不符")[0] for _, message in typed(changed)]
    assert messages == [
        "叙述中的“上年结转政府信息公开申请3件”",
        "叙述中的“结转下年度继续办理2件”",
        "叙述中的“予以公开9件”",
    ]


def test_a_figure_reference_is_never_a_contradiction(tmp_path: Path) -> None:
    text = imported_text(tmp_path)
    changed = text.replace("行政诉讼案件7件", "行政诉讼案件{{ appeals.litigation_direct.total }}件")
    assert typed(changed) == []
