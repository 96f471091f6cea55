"""The real client: every example's .docx opened by LibreOffice, its PDF read back.

Skipped (saying so) only where soffice or poppler is missing; CI installs both.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from click.testing import CliRunner

from gencli.checking.validation import check_file
from gencli.cli.commands import main
from gencli.document.layout import look_up, tree_rows
from gencli.kinds.gov_info_annual.form import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICATION_COLUMNS,
    form_for,
)

from .conftest import EXAMPLES
from .office import docx_to_pdf, pdf_info, pdf_text, soffice_or_skip

EXAMPLE_FILES = sorted(EXAMPLES.glob("fujian-*.yaml"))
pytestmark = pytest.mark.office  # every test here reads LibreOffice's PDF


@pytest.fixture(scope="module", params=EXAMPLE_FILES, ids=lambda p: p.stem)
def printed(request, tmp_path_factory) -> tuple[dict, str, dict]:
    soffice_or_skip()
    out = tmp_path_factory.mktemp(request.param.stem)
    result = CliRunner().invoke(main, ["build", str(request.param), "-o", str(out), "--to", "docx"])
    assert result.exit_code == 0, result.output
    pdf = docx_to_pdf(out / f"{request.param.stem}.docx")
    return check_file(request.param).normalized, pdf_text(pdf), pdf_info(pdf)


def _figures_pattern(values: list) -> str:
    return r"(?<![\d.])" + r"\s+".join(re.escape(str(v)) for v in values) + r"(?![\d.])"


def test_pdf_is_a4_and_every_page_has_its_dashed_number(printed) -> None:
    _, text, info = printed
    assert "(A4)" in info["Page size"]
    pages = text.split("\f")[: int(info["Pages"])]
    assert len(pages) >= 5
    for number, page in enumerate(pages, 1):
        assert re.search(rf"—\s*{number}\s*—", page), f"第 {number} 页缺少页码"


def test_pdf_shows_title_and_the_six_numbered_parts(printed) -> None:
    report, text, _ = printed
    compact = re.sub(r"\s", "", text)
    assert report["title"] in compact
    positions = [
        compact.index(title)
        for title in (
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        )
    ]
    assert positions == sorted(positions)


def test_pdf_prints_every_figure_of_table_three_row_by_row(printed) -> None:
    report, text, _ = printed
    expected = Counter()
    for row in tree_rows(form_for(report).applications, 3):
        values = look_up(report["applications"], row.path)
        expected[_figures_pattern([values[c.key] for c in APPLICATION_COLUMNS])] += 1
    for pattern, count in expected.items():
        assert len(re.findall(pattern, text)) >= count, pattern


def test_pdf_prints_table_four_in_one_row_of_fifteen(printed) -> None:
    report, text, _ = printed
    values = [report["appeals"][g.key][c.key] for g in APPEAL_GROUPS for c in APPEAL_COLUMNS]
    assert re.search(_figures_pattern(values), text)


def test_pdf_prints_table_two_figures(printed) -> None:
    report, text, _ = printed
    compact = re.sub(r"\s", "", text)
    procurement = report["proactive"]["procurement"]
    assert f"{procurement['amount']}{procurement['unit']}" in compact
    licensing = report["proactive"]["licensing"]
    assert re.search(r"行政许可\s+" + str(licensing["last_year_items"]), text)
