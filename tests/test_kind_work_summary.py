"""工作总结 (work-summary): the two real examples transcribed in full and the narrative features every
kind shares, from the YAML through the Document to Word, HTML and LibreOffice's PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openxml_audit import OpenXmlValidator

from gencli.cli.commands import main
from gencli.document.model import Heading, ListItem, Paragraph, Signature, Table

from .conftest import CASES, EXAMPLES
from .kinds import build, document_of, headings, page_fonts, paragraphs, undocumented
from .office import docx_to_pdf, pdf_info, pdf_text
from .test_build import document_xml, style_names, text_of

ANHUI = EXAMPLES / "work-summary" / "anhui-amr-open-government-2019.yaml"
FUZHOU = EXAMPLES / "work-summary" / "fuzhou-amr-rule-of-law-2020.yaml"
FEATURES = CASES / "work-summary" / "valid" / "headings-tables-lists.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def numbers(path: Path) -> list[str]:
    return [h.number for h in document_of(path).blocks if isinstance(h, Heading)]


@pytest.mark.parametrize(
    "path", sorted((EXAMPLES / "work-summary").glob("*.yaml")), ids=lambda p: p.stem
)
def test_examples_validate_without_findings(path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--strict", str(path)])
    assert result.exit_code == 0, result.output


def test_every_property_is_documented_in_chinese() -> None:
    assert undocumented("work-summary") == []


def test_anhui_headings_are_numbered_at_every_level() -> None:
    assert numbers(ANHUI) == [
        "一、",
        "（一）",
        "（二）",
        "1.",
        "2.",
        "（三）",
        "二、",
        "（一）",
        "（二）",
        "（三）",
        "三、",
        "（一）",
        "（二）",
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
        "（三）",
        "四、",
        "五、",
    ]
    printed = headings(document_of(ANHUI))
    assert printed[0] == "一、提升政策解读质量主动回应社会关切"
    assert printed[6] == "二、依法推进决策和执行公开。"
    assert printed[-1] == "五、监督保障和标准化规范化"


def test_fuzhou_goes_from_chinese_straight_to_arabic_numbers() -> None:
    """The original uses 一、 then 1、 (no （一） level): `###` under `#`, printed 1. per GB/T 9704."""
    assert numbers(FUZHOU) == [
        "一、",
        "1.",
        "2.",
        "二、",
        "1.",
        "2.",
        "三、",
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
        "6.",
        "四、",
        "五、",
        "1.",
        "2.",
        "3.",
        "4.",
        "六、",
        "1.",
        "2.",
        "3.",
        "七、",
        "1.",
        "2.",
        "3.",
        "4.",
    ]
    levels = {h.number: h.level for h in document_of(FUZHOU).blocks if isinstance(h, Heading)}
    assert (levels["一、"], levels["1."]) == (1, 3)


def test_run_in_headings_keep_heading_and_text_in_one_paragraph() -> None:
    blocks = document_of(ANHUI).blocks
    first = next(b for b in blocks if isinstance(b, Heading) and b.number == "（一）")
    assert first.text == "（一）围绕稳定市场预期加强政策解读。"
    assert "".join(r.text for r in first.run_in).startswith(
        "《办法》明确要求，处室在制定规范性文件时"
    )
    standalone = next(b for b in blocks if isinstance(b, Heading) and b.number == "二、")
    assert standalone.run_in == []  # 二、依法推进决策和执行公开。 ends at its full stop


def test_transcription_keeps_every_paragraph() -> None:
    document = document_of(FUZHOU)
    printed = paragraphs(document)
    assert len(printed) == 41  # 28 headings (17 of them run in) and 13 paragraphs
    assert printed[0].startswith("2020年以来，我局在福州市委、市政府的正确领导")
    assert printed[-1].startswith("4.力争“八五”普法开局良好。以习近平总书记全面依法治国新理念")
    assert sum("“12·4”国家宪法日" in text for text in printed) == 1
    assert not any(isinstance(b, Signature) for b in document.blocks)  # no date published


def test_narrative_features_shared_by_every_kind() -> None:
    blocks = document_of(FEATURES).blocks
    assert headings(document_of(FEATURES)) == [
        "一、第一部分",
        "（一）第一小节。",
        "1.第一点",
        "（1）第一小点",
        "二、第二部分",
        "1.第一点",
    ]
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.header_rows == 1
    assert [[c.text for c in row] for row in table.rows] == [
        ["指标", "2023年", "2024年"],
        ["甲", "1", "2"],
    ]
    assert [c.align for c in table.rows[1]] == ["left", "right", "right"]
    items = [(b.marker, b.text) for b in blocks if isinstance(b, ListItem)]
    # Under （1）, both lists number ① ② … as one sequence: no "·", no second "（1）".
    assert items == [("①", "①第一条"), ("②", "②第二条"), ("③", "③无序一"), ("④", "④无序二")]
    bold = [r.text for b in blocks if isinstance(b, Paragraph) for r in b.runs if r.bold]
    assert bold == ["加粗"]


def test_signature_only_with_a_date(tmp_path: Path) -> None:
    source = tmp_path / "dated.yaml"
    text = FEATURES.read_text(encoding="utf-8").replace(
        "title: 某某局2024年工作总结",
        "title: 某某局2024年工作总结\nagency: 某某局\ndate: 2025-01-06",
    )
    source.write_text(text, encoding="utf-8")
    signature = document_of(source).blocks[-1]
    assert signature == Signature("某某局", "2025年1月6日")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("work-summary")
    for source in (ANHUI, FUZHOU, FEATURES):
        build(source, out)
    return out


def test_docx_prints_run_in_headings_in_the_heading_face(built: Path) -> None:
    docx = built / "anhui-amr-open-government-2019.docx"
    names = style_names(docx)
    paragraphs = list(document_xml(docx).iter(W + "p"))
    run_in = next(p for p in paragraphs if text_of(p).startswith("（一）围绕稳定市场预期"))
    assert names[run_in.find(f"{W}pPr/{W}pStyle").get(W + "val")] == "公文正文"
    styled = [
        (
            names[r.find(f"{W}rPr/{W}rStyle").get(W + "val")]
            if r.find(f"{W}rPr/{W}rStyle") is not None
            else None,
            text_of(r),
        )
        for r in run_in.iter(W + "r")
    ]
    assert styled[:2] == [
        ("二级标题字符", "（一）"),
        ("二级标题字符", "围绕稳定市场预期加强政策解读。"),
    ]
    assert styled[2][0] is None and styled[2][1].startswith("《办法》")
    part = next(p for p in paragraphs if text_of(p) == "二、依法推进决策和执行公开。")
    assert names[part.find(f"{W}pPr/{W}pStyle").get(W + "val")] == "一级标题"


def test_docx_of_narrative_table_is_a_real_table(built: Path) -> None:
    tables = document_xml(built / "headings-tables-lists.docx").findall(f"{W}body/{W}tbl")
    assert len(tables) == 1
    rows = tables[0].findall(f"{W}tr")
    assert [text_of(tc) for tc in rows[0].findall(f"{W}tc")] == ["指标", "2023年", "2024年"]
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None


@pytest.mark.parametrize("name", ["anhui-amr-open-government-2019", "headings-tables-lists"])
def test_docx_passes_openxml_audit(built: Path, name: str) -> None:
    result = OpenXmlValidator().validate(built / f"{name}.docx")
    assert result.is_valid, [e.description for e in result.errors]


def test_html_marks_run_in_headings_and_tables(built: Path) -> None:
    html = (built / "anhui-amr-open-government-2019.html").read_text(encoding="utf-8")
    assert (
        '<p class="run-in"><span class="level-2"><span class="number">（一）</span>'
        "围绕稳定市场预期加强政策解读。</span>《办法》明确要求"
    ) in html
    assert '<h2><span class="number">二、</span>依法推进决策和执行公开。</h2>' in html
    features = (built / "headings-tables-lists.html").read_text(encoding="utf-8")
    assert '<th scope="col" class="align-right"><strong>2023年</strong></th>' in features


@pytest.fixture(scope="module")
def printed(built: Path) -> tuple[Path, str]:
    pdf = docx_to_pdf(built / "anhui-amr-open-government-2019.docx")
    return pdf, pdf_text(pdf)


@pytest.mark.office
def test_pdf_shows_every_heading_in_order(printed) -> None:
    _, text = printed
    compact = re.sub(r"\s", "", text)
    positions = [compact.index(h.replace(" ", "")) for h in headings(document_of(ANHUI))]
    assert positions == sorted(positions)


@pytest.mark.office
def test_pdf_pages_are_numbered_and_a4(printed) -> None:
    pdf, text = printed
    info = pdf_info(pdf)
    assert "(A4)" in info["Page size"]
    for number, page in enumerate(text.split("\f")[: int(info["Pages"])], 1):
        assert re.search(rf"—\s*{number}\s*—", page)


@pytest.mark.office
def test_pdf_first_page_uses_the_heading_faces(printed) -> None:
    """Page 1 has 一、 (黑体 → Noto Sans CJK), a run-in （一） (楷体 → AR PL UKai) and body text."""
    pdf, _ = printed
    fonts = page_fonts(pdf, 1)
    assert "NotoSansCJK" in fonts and "UKai" in fonts and "NotoSerifCJK" in fonts


@pytest.mark.parametrize("options", [(), ("--year", "2024", "--agency", "某某局")])
def test_init_skeleton_validates_and_builds(tmp_path: Path, options) -> None:
    target = tmp_path / "summary.yaml"
    result = CliRunner().invoke(
        main, ["init", "--kind", "work-summary", *options, "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert ("title: 某某局2024年工作总结" if options else "title: 工作总结") in text
    checked = CliRunner().invoke(main, ["validate", str(target)])
    assert checked.exit_code == 0  # passes, warning at each placeholder left to write
    assert checked.stdout.count("是 gencli init 骨架中的占位文字") == 3
    build(target, tmp_path)
    assert headings(document_of(target, warnings=3)) == ["一、第一部分标题"]
