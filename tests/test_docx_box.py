"""The Word writer's generic additions: boxes (专栏), chapter headings (第一章) and run-in headings
(段首标题), checked on the XML, with openxml-audit and in LibreOffice."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from gencli.document.model import (
    Box,
    Cell,
    Document,
    Heading,
    ListItem,
    Paragraph,
    Run,
    Signature,
    Table,
)
from gencli.writers.docx.writer import BOX_PADDING, TEXT_WIDTH, write_docx

from .office import docx_to_pdf, pdf_text, pdf_words

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = f"{{{NS['w']}}}"


def sample() -> Document:
    inner = Table(
        [
            [Cell([Run("项目")], header=True), Cell([Run("内容")], header=True)],
            [Cell([Run("甲")]), Cell([Run("占位")])],
        ],
        [1, 2],
        header_rows=1,
    )
    box = Box(
        [Run("重点工程")],
        [
            Heading(3, "1.", [Run("甲工程。")], [Run("建设“甲”。")]),
            Paragraph([Run("说明文字，"), Run("加粗", bold=True), Run("。")]),
            Paragraph([Run("注：占位。")], style="plain"),
            ListItem("1.", [Run("第一项")]),
            ListItem("·", [Run("下一级")], depth=1),
            inner,
        ],
        number="专栏1\u3000",
    )
    return Document(
        "某某规划",
        [
            Heading(0, "第一章\u3000", [Run("发展基础")]),
            Heading(1, "一、", [Run("发展基础")]),
            Heading(2, "（一）", [Run("深化“改革”。")], [Run("全面推行某某制度。")]),
            Paragraph([Run("正文。")]),
            box,
            Table([[Cell([Run("甲")])]], [1]),
            Heading(0, "第二章\u3000", [Run("总体要求")]),
            Signature("某某局", "2022年4月7日"),
        ],
    )


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return write_docx(sample())


@pytest.fixture(scope="module")
def parts(docx_bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        return {
            n: etree.fromstring(archive.read(n)) for n in ("word/document.xml", "word/styles.xml")
        }


@pytest.fixture(scope="module")
def body(parts) -> etree._Element:
    return parts["word/document.xml"].find("w:body", NS)


def text(element) -> str:
    return "".join(element.xpath(".//w:t/text()", namespaces=NS))


def style_of(p) -> str | None:
    found = p.find("w:pPr/w:pStyle", NS)
    return None if found is None else found.get(W + "val")


def style(parts, style_id: str) -> etree._Element:
    return parts["word/styles.xml"].xpath(f'w:style[@w:styleId="{style_id}"]', namespaces=NS)[0]


def test_openxml_audit_finds_no_errors(docx_bytes, tmp_path):
    path = tmp_path / "box.docx"
    path.write_bytes(docx_bytes)
    result = OpenXmlValidator().validate(path)
    assert result.is_valid, [e.description for e in result.errors]


# --- chapters ------------------------------------------------------------------------------


def test_chapter_heading_is_centred_heiti_with_a_blank_line_before(parts, body):
    chapters = [p for p in body.findall("w:p", NS) if style_of(p) == "GwChapter"]
    assert [text(p) for p in chapters] == ["第一章\u3000发展基础", "第二章\u3000总体要求"]
    chapter = style(parts, "GwChapter")
    assert chapter.find("w:name", NS).get(W + "val") == "章标题"
    assert chapter.find("w:rPr/w:rFonts", NS).get(W + "eastAsia") == "黑体"
    assert chapter.find("w:pPr/w:jc", NS).get(W + "val") == "center"
    assert chapter.find("w:pPr/w:ind", NS).get(W + "firstLineChars") == "0"
    spacing = chapter.find("w:pPr/w:spacing", NS)
    assert (spacing.get(W + "before"), spacing.get(W + "line")) == ("579", "579")
    assert chapter.find("w:pPr/w:outlineLvl", NS).get(W + "val") == "0"


def test_headings_sit_one_outline_level_below_chapters(body):
    section = next(p for p in body.findall("w:p", NS) if text(p) == "一、发展基础")
    assert section.find("w:pPr/w:outlineLvl", NS).get(W + "val") == "1"


def test_without_chapters_headings_keep_their_style_outline():
    document = Document("t", [Heading(1, "一、", [Run("总体情况")])])
    with zipfile.ZipFile(io.BytesIO(write_docx(document))) as archive:
        xml = etree.fromstring(archive.read("word/document.xml"))
    assert not xml.findall(".//w:outlineLvl", NS)


# --- run-in headings -----------------------------------------------------------------------


def test_run_in_heading_is_a_body_paragraph_led_by_the_heading_character_style(body):
    p = next(p for p in body.findall("w:p", NS) if text(p).startswith("（一）"))
    assert style_of(p) == "GwBody"
    runs = [(r.find("w:rPr/w:rStyle", NS), text(r)) for r in p.findall("w:r", NS)]
    lead = [t for s, t in runs if s is not None and s.get(W + "val") == "GwHeading2Char"]
    assert "".join(lead) == "（一）深化“改革”。"
    assert [t for s, t in runs if s is None] == ["全面推行某某制度。"]


def test_ambiguous_marks_in_a_run_in_lead_take_the_heading_face(body):
    p = next(p for p in body.findall("w:p", NS) if text(p).startswith("（一）"))
    quote = next(r for r in p.findall("w:r", NS) if text(r) == "“")
    assert quote.find("w:rPr/w:rFonts", NS).get(W + "eastAsia") == "楷体_GB2312"


@pytest.mark.parametrize(
    ("style_id", "name", "face", "bold"),
    [
        ("GwHeading1Char", "一级标题字符", "黑体", False),
        ("GwHeading2Char", "二级标题字符", "楷体_GB2312", False),
        ("GwHeading3Char", "三级标题字符", "仿宋_GB2312", True),
        ("GwHeading4Char", "四级标题字符", "仿宋_GB2312", False),
    ],
)
def test_heading_character_styles(parts, style_id, name, face, bold):
    char = style(parts, style_id)
    assert char.get(W + "type") == "character"
    assert char.find("w:name", NS).get(W + "val") == name
    assert char.find("w:rPr/w:rFonts", NS).get(W + "eastAsia") == face
    assert (char.find("w:rPr/w:b", NS) is not None) == bold


# --- boxes ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def box(body) -> etree._Element:
    return body.findall("w:tbl", NS)[0]


def test_box_is_a_framed_one_cell_table_as_wide_as_the_type_area(box):
    assert len(box.findall("w:tr", NS)) == 1 and len(box.findall("w:tr/w:tc", NS)) == 1
    pr = box.find("w:tblPr", NS)
    assert pr.find("w:tblW", NS).get(W + "w") == str(TEXT_WIDTH)
    assert {
        pr.find(f"w:tblBorders/w:{side}", NS).get(W + "sz")
        for side in ("top", "left", "bottom", "right")
    } == {"8"}
    assert pr.find("w:tblCellMar/w:left", NS).get(W + "w") == str(BOX_PADDING)
    assert pr.find("w:tblCaption", NS).get(W + "val") == "专栏1\u3000重点工程"
    assert box.find("w:tr/w:trPr/w:cantSplit", NS) is None


def test_box_content_uses_the_box_styles(box):
    cell = box.find("w:tr/w:tc", NS)
    paragraphs = [(style_of(p), text(p)) for p in cell.findall("w:p", NS)]
    assert paragraphs == [
        ("GwBoxTitle", "专栏1\u3000重点工程"),
        ("GwBoxText", "1.甲工程。建设“甲”。"),
        ("GwBoxText", "说明文字，加粗。"),
        ("GwBoxPlain", "注：占位。"),
        ("GwBoxText", "1.第一项"),
        ("GwBoxText", "·下一级"),
        ("GwBoxPlain", ""),  # a cell ends with a paragraph, after its nested table
    ]
    heading = cell.findall("w:p", NS)[1]
    bold = [text(r) for r in heading.findall("w:r", NS) if r.find("w:rPr/w:b", NS) is not None]
    assert "".join(bold) == "1.甲工程。"


def test_box_styles_are_a_size_smaller_off_the_grid(parts):
    for style_id, face in (("GwBoxTitle", "黑体"), ("GwBoxText", "仿宋_GB2312")):
        box_style = style(parts, style_id)
        assert box_style.find("w:rPr/w:rFonts", NS).get(W + "eastAsia") == face
        assert box_style.find("w:rPr/w:sz", NS).get(W + "val") == "28"
        assert box_style.find("w:pPr/w:snapToGrid", NS).get(W + "val") == "0"


def test_table_inside_a_box_fits_inside_its_padding(box):
    nested = box.find("w:tr/w:tc/w:tbl", NS)
    inner = TEXT_WIDTH - 2 * BOX_PADDING
    assert nested.find("w:tblPr/w:tblW", NS).get(W + "w") == str(inner)
    assert sum(int(c.get(W + "w")) for c in nested.findall("w:tblGrid/w:gridCol", NS)) == inner


def test_box_and_table_side_by_side_are_kept_apart(body):
    tags = [etree.QName(child).localname for child in body]
    first = tags.index("tbl")
    assert tags[first : first + 4] == ["tbl", "p", "tbl", "p"]


def test_signature_cannot_sit_in_a_box():
    document = Document("t", [Box([Run("甲")], [Signature("某局", "2022年1月1日")])])
    with pytest.raises(TypeError, match="专栏中不能有"):
        write_docx(document)


@pytest.mark.office
def test_libreoffice_prints_the_box_in_place(docx_bytes, tmp_path):
    path = tmp_path / "box.docx"
    path.write_bytes(docx_bytes)
    pdf = docx_to_pdf(path)
    compact = re.sub(r"\s", "", pdf_text(pdf))
    assert (
        "正文。专栏1重点工程1.甲工程。建设“甲”。说明文字，加粗。注：占位。"
        "1.第一项·下一级项目内容甲占位"
    ) in compact
    words = pdf_words(pdf)
    title = next(w for w in words if w.text.startswith("专栏"))
    item = next(w for w in words if w.text.startswith("1.甲工程"))
    assert item.x_min - title.x_min < 0 and title.y_min < item.y_min  # centred title above
