"""规划 (plan): chapters 第一章 … with sections numbered afresh in each, boxed 专栏 numbered over the
whole document, and tables of main indicators. The 福州 “十四五” plan is transcribed in full; it has
no 专栏 and no indicator table, so those are checked on neutral placeholder text in tests/cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openxml_audit import OpenXmlValidator

from gencli.cli.commands import main
from gencli.document.model import Box, Heading, Paragraph, Table

from .conftest import CASES, EXAMPLES
from .kinds import build, document_of, headings, page_fonts, paragraphs, undocumented
from .office import docx_to_pdf, pdf_info, pdf_text, pdf_words
from .test_build import document_xml, style_names, table_spans, text_of

FUZHOU = EXAMPLES / "plan" / "fuzhou-amr-14th-five-year-plan.yaml"
BOXES = CASES / "plan" / "valid" / "boxes-and-indicators.yaml"
ROWS = CASES / "plan" / "valid" / "indicator-rows.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHAPTERS = [
    "第一章\u3000发展基础和形势挑战",
    "第二章\u3000总体要求",
    "第三章\u3000重点任务",
    "第四章\u3000保障措施",
]


def run(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def under(found: list[str], start: str, end: str | None) -> list[str]:
    """The headings between two others, numbers only."""
    stop = found.index(end) if end else len(found)
    return [
        h.split("\u3000")[0] if h.startswith("第") else re.match(r"^(.+?[、）.])", h).group(1)
        for h in found[found.index(start) + 1 : stop]
    ]


def test_example_validates_without_findings() -> None:
    assert run("validate", "--strict", FUZHOU).exit_code == 0


def test_every_property_is_documented_in_chinese() -> None:
    assert undocumented("plan") == []
    shown = run("schema", "plan")
    assert shown.exit_code == 0 and '"title": "规划"' in shown.output


def test_chapters_are_numbered_in_order() -> None:
    found = headings(document_of(FUZHOU))
    assert [h for h in found if h.startswith("第")] == CHAPTERS
    levels = {
        b.level for b in document_of(FUZHOU).blocks if isinstance(b, Heading) and b.text in CHAPTERS
    }
    assert levels == {0}


def test_sections_restart_in_every_chapter() -> None:
    found = headings(document_of(FUZHOU))
    assert under(found, CHAPTERS[0], CHAPTERS[1]) == ["一、", "二、"]
    assert under(found, CHAPTERS[1], CHAPTERS[2]) == ["一、", "二、", "三、"]
    assert under(found, CHAPTERS[3], None) == ["一、", "二、", "三、", "四、", "五、"]


def test_four_levels_under_a_chapter() -> None:
    found = headings(document_of(FUZHOU))
    section = "一、围绕一流营商环境，构建优质服务体系"
    assert under(found, section, "二、围绕知识产权强市，构建创造保护运用体系") == [
        "（一）",
        "1.",
        "2.",
        "3.",
        "4.",
        "（二）",
        "1.",
        "2.",
        "3.",
        "（三）",
        "1.",
        "2.",
        "3.",
    ]
    assert "1.持续深化商事制度改革。" in found  # a 段首标题: its text goes on in the paragraph


def test_transcription_keeps_every_paragraph() -> None:
    document = document_of(FUZHOU)
    printed = paragraphs(document)
    assert len(printed) == 117
    assert printed[0].startswith("“十四五”时期是我国开启全面建设社会主义现代化国家新征程")
    assert printed[-1].startswith("全市市场监管部门要认真贯彻规划部署")
    assert sum(text.startswith("——") for text in printed) == 17
    assert not any(isinstance(b, (Box, Table)) for b in document.blocks)


def test_boxes_are_numbered_over_the_whole_document() -> None:
    boxes = [b for b in document_of(BOXES).blocks if isinstance(b, Box)]
    assert [b.text for b in boxes] == ["专栏1\u3000重点工程", "专栏2\u3000重点项目"]
    first = boxes[0].blocks
    assert [(h.number, h.text, "".join(r.text for r in h.run_in)) for h in first] == [
        ("1.", "1.甲工程。", "建设甲。"),
        ("2.", "2.乙工程。", "建设乙。"),
    ]
    assert isinstance(boxes[1].blocks[0], Table)


def test_indicator_table_groups_rows_by_category() -> None:
    blocks = document_of(BOXES).blocks
    table = next(b for b in blocks if isinstance(b, Table) and b.caption == "主要指标")
    title = blocks[blocks.index(table) - 1]
    assert (title.text, title.style, title.runs[0].bold) == ("主要指标", "center", True)
    rows = [[(c.text, c.rowspan) for c in row] for row in table.rows]
    assert [text for text, _ in rows[0]] == [
        "类别",
        "序号",
        "指标名称",
        "单位",
        "2020年",
        "2025年",
        "属性",
    ]
    assert rows[1] == [
        ("市场环境", 2),
        ("1", 1),
        ("每千人企业数", 1),
        ("户", 1),
        ("35", 1),
        ("45", 1),
        ("预期性", 1),
    ]
    assert [text for text, _ in rows[2]] == ["2", "满意率", "%", "98.5", "≥99", "约束性"]
    assert rows[3][:2] == [("质量", 1), ("3", 1)]
    assert rows[3][4] == ("97.0", 1)  # a decimal as written
    assert blocks[blocks.index(table) + 1].text == "注：[ ]内为累计数。"


def test_indicator_rows_without_categories() -> None:
    table = next(b for b in document_of(ROWS).blocks if isinstance(b, Table))
    assert [c.text for c in table.rows[0]] == [
        "序号",
        "指标名称",
        "单位",
        "基期值",
        "目标值",
        "属性",
    ]
    assert [c.text for c in table.rows[2]] == ["2", "乙指标", "个", "文字", "[5]", "约束性"]
    assert table.rows[1][2].text == ""  # no unit


def test_figure_references_in_chapters_are_filled_in() -> None:
    texts = [b.text for b in document_of(BOXES).blocks if isinstance(b, Paragraph)]
    assert "到2025年，目标实现。" in texts


def test_init_skeleton_validates_and_builds(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    result = run("init", "--kind", "plan", "--agency", "某某局", "--year", 2025, "-o", target)
    assert result.exit_code == 0, result.output
    assert "target_year: 2025" in target.read_text(encoding="utf-8")
    checked = run("validate", target)
    assert checked.exit_code == 0  # passes, warning at each placeholder left to write
    assert checked.stdout.count("是 gencli init 骨架中的占位文字") == 3
    assert run("build", target, "-o", tmp_path).exit_code == 0
    bare = run("init", "--kind", "plan")
    assert bare.exit_code == 0 and "kind: plan" in bare.output


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plan")
    build(FUZHOU, out)
    build(BOXES, out)
    return out


def paragraph_styles(docx: Path) -> list[tuple[str | None, str]]:
    """(style name, text) of the body's own paragraphs, in order."""
    names = style_names(docx)
    found = []
    for p in document_xml(docx).findall(f"{W}body/{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        found.append((names[style.get(W + "val")] if style is not None else None, text_of(p)))
    return found


def test_docx_chapters_are_centred_headings_above_the_sections(built: Path) -> None:
    docx = built / "fuzhou-amr-14th-five-year-plan.docx"
    found = paragraph_styles(docx)
    assert [text for style, text in found if style == "章标题"] == CHAPTERS
    body = document_xml(docx).find(f"{W}body")
    sections = [p for p in body.findall(f"{W}p") if text_of(p) == "一、发展基础"]
    assert sections[0].find(f"{W}pPr/{W}outlineLvl").get(W + "val") == "1"
    assert OpenXmlValidator().validate(docx).is_valid


def test_docx_boxes_are_framed_one_cell_tables(built: Path) -> None:
    docx = built / "boxes-and-indicators.docx"
    names = style_names(docx)
    tables = document_xml(docx).findall(f"{W}body/{W}tbl")
    boxes = [
        t for t in tables if len(t.findall(f"{W}tr")) == 1 and len(t.findall(f".//{W}tc")) == 1
    ]
    assert len(boxes) == 1  # the second box holds a table of its own
    cell = boxes[0].find(f"{W}tr/{W}tc")
    title, *content = cell.findall(f"{W}p")
    assert (names[title.find(f"{W}pPr/{W}pStyle").get(W + "val")], text_of(title)) == (
        "专栏标题",
        "专栏1\u3000重点工程",
    )
    assert [text_of(p) for p in content] == ["1.甲工程。建设甲。", "2.乙工程。建设乙。"]
    assert boxes[0].find(f"{W}tr/{W}trPr/{W}cantSplit") is None  # a long box may break
    assert OpenXmlValidator().validate(docx).is_valid


def test_docx_indicator_table_spans(built: Path) -> None:
    docx = built / "boxes-and-indicators.docx"
    indicators = [
        t
        for t in document_xml(docx).findall(f"{W}body/{W}tbl")
        if t.find(f"{W}tblPr/{W}tblCaption") is not None
        and t.find(f"{W}tblPr/{W}tblCaption").get(W + "val") == "主要指标"
    ]
    spans = table_spans(indicators[0])
    assert spans[1][0] == ("市场环境", 2, 1)
    assert spans[3][0] == ("质量", 1, 1)


def test_html_chapters_boxes_and_indicators(built: Path) -> None:
    html = (built / "boxes-and-indicators.html").read_text(encoding="utf-8")
    assert '<article class="chapters">' in html
    assert '<h2><span class="number">第一章　</span>发展基础</h2>' in html
    assert '<h3><span class="number">一、</span>发展基础</h3>' in html
    assert html.count('<aside class="box"') == 2
    assert '<p class="box-title"><span class="number">专栏2　</span>重点项目</p>' in html
    assert '<th scope="row" rowspan="2" class="align-center">市场<wbr>环境</th>' in html


@pytest.fixture(scope="module")
def printed(built: Path) -> Path:
    return docx_to_pdf(built / "fuzhou-amr-14th-five-year-plan.docx")


@pytest.mark.office
def test_pdf_shows_every_heading_in_order(printed: Path) -> None:
    compact = re.sub(r"\s", "", pdf_text(printed))
    positions = [compact.index(re.sub(r"\s", "", h)) for h in headings(document_of(FUZHOU))]
    assert positions == sorted(positions)


@pytest.mark.office
def test_pdf_chapter_titles_are_centred(printed: Path) -> None:
    words = pdf_words(printed)
    page_width = float(pdf_info(printed)["Page size"].split()[0])
    left, right = 28 / 25.4 * 72, page_width - 26 / 25.4 * 72  # the 版心
    for chapter in CHAPTERS:
        number = chapter.split("\u3000")[0]
        start = next(w for w in words if w.text == number)
        line = [w for w in words if w.page == start.page and abs(w.y_min - start.y_min) < 1]
        middle = (min(w.x_min for w in line) + max(w.x_max for w in line)) / 2
        assert abs(middle - (left + right) / 2) < 10, chapter


@pytest.mark.office
def test_pdf_first_page_uses_the_gbt9704_faces(printed: Path) -> None:
    fonts = page_fonts(printed, 1)  # 第一章 and 一、 in 黑体, body in 仿宋, title in 小标宋
    assert "NotoSansCJK" in fonts and "NotoSerifCJK" in fonts


@pytest.mark.office
def test_pdf_box_and_indicator_table(built: Path) -> None:
    text = pdf_text(docx_to_pdf(built / "boxes-and-indicators.docx"))
    compact = re.sub(r"\s", "", text)
    assert "专栏1重点工程1.甲工程。建设甲。2.乙工程。建设乙。" in compact
    assert re.search(r"类别\s+序号\s+指标名称\s+单位\s+2020\s*年\s+2025\s*年\s+属性", text)
    assert re.search(r"满意率\s+%\s+98\.5\s+≥99\s+约束性", text)


@pytest.mark.office
def test_pdf_keeps_the_indicator_table_title_with_its_table(built: Path) -> None:
    """The case's first page fills up just before 主要指标: the title must move with the table
    rather than stay alone at the foot of the page."""
    pages = pdf_text(docx_to_pdf(built / "boxes-and-indicators.docx")).split("\f")
    titled = [number for number, page in enumerate(pages) if "主要指标" in page]
    tabled = [number for number, page in enumerate(pages) if "每千人企业数" in page]
    assert titled == tabled and len(titled) == 1
