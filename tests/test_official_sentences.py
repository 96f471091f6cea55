"""The official sentences printed in part 六 of a 2021-format 政府信息公开工作年度报告: the
processing-fee sentence with its figures and the no-fee sentence (declared in the form)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from gencli.cli.commands import main

CASE = Path(__file__).parent / "cases" / "gov-info-annual" / "valid" / "mapping-rows-2021.yaml"


def _part_six(tmp_path: Path, fees: str, other: str | None) -> list[str]:
    text = CASE.read_text(encoding="utf-8")
    lines = [
        line for line in text.splitlines() if not line.startswith(("processing_fees", "other"))
    ]
    lines.append(f"processing_fees: {fees}")
    if other is not None:
        lines.append(f"other: {other}")
    report = tmp_path / "report.yaml"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "out" / "report.docx")).paragraphs]
    six = paragraphs.index("六、其他需要报告的事项")
    return paragraphs[six + 1 : six + 3]


@pytest.mark.parametrize(
    ("fees", "expected"),
    [
        ("{notices: 3, amount: 120.50}", "本年度共发出收费通知3件，收取信息处理费120.50元。"),
        ("{notices: 0, amount: 0}", "本年度未收取信息处理费。"),
    ],
)
def test_the_fee_sentence_carries_the_figures(tmp_path: Path, fees: str, expected: str) -> None:
    assert _part_six(tmp_path, fees, None)[0] == expected


def test_the_fee_sentence_stands_for_part_six_when_nothing_else_is_written(
    tmp_path: Path,
) -> None:
    """The fees are a matter reported, so “本机关无其他需要报告的事项。” would contradict them."""
    assert _part_six(tmp_path, "{notices: 1, amount: 5}", None) == [
        "本年度共发出收费通知1件，收取信息处理费5元。",
        "",  # the blank line above the signature
    ]


def test_written_other_matters_follow_the_fee_sentence(tmp_path: Path) -> None:
    assert _part_six(tmp_path, "{notices: 0, amount: 0}", "本年度开展了政务公开培训。") == [
        "本年度未收取信息处理费。",
        "本年度开展了政务公开培训。",
    ]
