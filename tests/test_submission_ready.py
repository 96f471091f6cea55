"""Issue 14: stress reports (tests/stress/) built to .docx, printed by LibreOffice, and checked on
the words' positions in its PDF: figures on one line, labels and titles broken between words,
tables 三 and 四 on one page each, the signature never alone on a page.

Unit tests of the word breaks and the width rule run without LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openxml_audit import OpenXmlValidator

from gencli.cli.commands import main
from gencli.document import breaks
from gencli.document.model import Cell, Column, Run, Table
from gencli.writers.docx import styles, tablefit

from .office import Word, docx_to_pdf, pdf_words

STRESS = Path(__file__).resolve().parent / "stress"
ANNUAL = STRESS / "gov-info-annual-2021.yaml"
SIGNED = STRESS / "gov-info-annual-2021-signature.yaml"


# --- without LibreOffice -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        (
            "平潭综合实验区2021年政府信息公开工作年度报告",
            ("平潭综合实验区2021年", "政府信息公开工作年度报告"),
        ),
        (
            "平潭综合实验区管理委员会2021年政府信息公开工作年度报告",
            ("平潭综合实验区管理委员会2021年", "政府信息公开工作年度报告"),
        ),
        (
            "福州市市场监督管理局2020年法治政府建设工作总结",
            ("福州市市场监督管理局2020年", "法治政府建设工作总结"),
        ),
        ("某某局2024年政府信息公开工作年度报告", ("某某局2024年政府信息公开工作年度报告",)),
    ],
)
def test_titles_break_after_the_year_never_inside_a_word(title, lines) -> None:
    assert breaks.balanced(title, 19.8) == lines


@pytest.mark.parametrize(
    ("label", "capacity", "lines"),
    [
        ("（三）不予公开", 4.0, ("（三）", "不予公开")),
        ("（四）无法提供", 4.0, ("（四）", "无法提供")),
        ("社会公益组织", 3.1, ("社会", "公益", "组织")),
        ("3.危及“三安全一稳定”", 9.0, ("3.危及", "“三安全一稳定”")),
        ("2.其他法律行政法规禁止公开", 9.0, ("2.其他法律", "行政法规禁止公开")),
    ],
)
def test_labels_break_between_words_and_never_before_closing_marks(label, capacity, lines):
    assert breaks.balanced(label, capacity) == lines


def test_closing_marks_never_start_a_piece() -> None:
    pieces = breaks.words("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    assert not [piece for piece in pieces if piece[0] in breaks.CLOSING]
    assert not [piece for piece in pieces if piece[-1] in breaks.OPENING]


def _figures_table(digits: int, columns: int, label: float) -> Table:
    figure = "9" * digits
    return Table(
        [[Cell([Run("项目")], header=True), *(Cell([Run(figure)]) for _ in range(columns))]],
        [1.0] + [0.0] * columns,
        columns=[Column(label), *(Column(digits / 2, True) for _ in range(columns))],
    )


def test_figure_columns_hold_their_digits_and_the_label_takes_the_rest() -> None:
    layout = tablefit.fit(_figures_table(6, 7, 4), 8844)
    assert layout.style == styles.TABLE_TEXT and layout.margin == tablefit.MARGIN
    figure = round(6 * tablefit.DIGIT * 10.5 * 20) + 2 * tablefit.MARGIN
    assert layout.widths[1:] == [figure] * 7
    assert sum(layout.widths) == 8844


def test_fifteen_six_digit_columns_drop_to_a_smaller_size() -> None:
    layout = tablefit.fit(_figures_table(6, 15, 0), 8844)
    assert layout.points == styles.TABLE_TINY_SIZE
    assert all(
        width - 2 * layout.margin >= 6 * tablefit.DIGIT * layout.em for width in layout.widths[1:]
    )


@pytest.mark.parametrize("report", [ANNUAL, SIGNED], ids=lambda p: p.stem)
def test_stress_reports_pass_openxml_audit(report, tmp_path) -> None:
    """Vertical cells, noWrap, cell margins, keepNext in cells and the title's w:br, in
    ECMA-376 order."""
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(tmp_path), "--to", "docx"])
    assert result.exit_code == 0, result.output
    audit = OpenXmlValidator().validate(tmp_path / f"{report.stem}.docx")
    assert audit.is_valid, [error.description for error in audit.errors]


# --- in LibreOffice ------------------------------------------------------------------------


def _printed(report: Path, tmp_path_factory) -> list[Word]:
    out = tmp_path_factory.mktemp(report.stem)
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(out), "--to", "docx"])
    assert result.exit_code == 0, result.output
    return pdf_words(docx_to_pdf(out / f"{report.stem}.docx"))


@pytest.fixture(scope="module")
def annual(tmp_path_factory) -> list[Word]:
    return _printed(ANNUAL, tmp_path_factory)


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> list[Word]:
    return _printed(SIGNED, tmp_path_factory)


def _find(words: list[Word], text: str) -> list[Word]:
    return [word for word in words if word.text == text]


@pytest.mark.office
@pytest.mark.parametrize(
    "figure",
    [
        "12345678",
        "98765432",
        "99999999",
        "19857580",
        "24252.311082",
        "158888",
        "749010",
        "940000",
        "600000",
        "814812",
        "699999",
        "234567",
    ],
)
def test_libreoffice_prints_every_large_figure_on_one_line(annual, figure) -> None:
    assert _find(annual, figure), f"{figure} 被折行或缺失"


@pytest.mark.office
@pytest.mark.parametrize("label", ["不予公开", "无法提供", "不予处理", "其他处理", "社会", "公益"])
def test_libreoffice_keeps_group_labels_whole(annual, label) -> None:
    assert _find(annual, label)


@pytest.mark.office
def test_libreoffice_starts_no_line_with_closing_punctuation(annual) -> None:
    """Every word but the page numbers' dashes and the vertical label's characters (set one
    per word, top to bottom) starts a line or follows a space."""
    (three,) = [w for w in annual if w.text == "三" and w.x_max - w.x_min < 10]
    vertical = [w for w in annual if w.page == three.page and abs(w.x_min - three.x_min) < 2]
    starts = [
        word.text
        for word in annual
        if word.text[0] in breaks.CLOSING and word not in vertical and word.y_min < 740
    ]
    assert starts == []


@pytest.mark.office
def test_libreoffice_sets_the_part_label_vertically_with_its_mark_below(annual) -> None:
    (three,) = [w for w in annual if w.text == "三" and w.x_max - w.x_min < 10]
    column = [w for w in annual if w.page == three.page and abs(w.x_min - three.x_min) < 3]
    column.sort(key=lambda w: w.y_min)
    start = column.index(three)
    assert "".join(w.text for w in column[start : start + 9]) == "三、本年度办理结果"


@pytest.mark.office
def test_libreoffice_keeps_tables_three_and_four_on_one_page_with_their_headings(annual) -> None:
    def page(text: str) -> int:
        (word,) = [w for w in annual if w.text == text]
        return word.page

    three = {
        page(text)
        for text in (
            "三、收到和处理政府信息公开申请情况",
            "申请人情况",
            "749010",
            "19010",
            "940000",
        )
    }
    four = {page(text) for text in ("四、政府信息公开行政复议、行政诉讼情况", "814812", "111096")}
    assert len(three) == 1 and len(four) == 1


@pytest.mark.office
def test_libreoffice_breaks_the_title_after_the_year(annual) -> None:
    heading = _find(annual, "一、总体情况")[0]
    title = [w for w in annual if w.page == 1 and w.y_max < heading.y_min]
    lines = sorted({round(w.y_min) for w in title})
    by_line = ["".join(w.text for w in title if round(w.y_min) == y) for y in lines]
    assert by_line == ["平潭综合实验区管理委员会2021年", "政府信息公开工作年度报告"]


@pytest.mark.office
def test_libreoffice_never_leaves_the_signature_alone_on_a_page(signed) -> None:
    (agency,) = _find(signed, "平潭综合实验区管理委员会")[-1:]
    date = [w for w in signed if w.text == "日" or w.text.endswith("日")][-1]
    assert agency.page == date.page
    body = [w for w in signed if w.page == agency.page and w.y_max < agency.y_min]
    assert any("本机关将进一步完善" in w.text for w in body)
