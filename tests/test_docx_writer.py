"""The Word writer, checked on the XML it writes, with openxml-audit, and in LibreOffice."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator, ValidationErrorType

from gencli.document.model import (
    Cell,
    Document,
    Heading,
    ListItem,
    Paragraph,
    Run,
    Signature,
    Table,
)
from gencli.writers.docx.writer import write_docx
from tests.office import docx_to_pdf, pdf_info, pdf_text, pdf_words

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}
FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
TITLE = "某某市统计局2024年政府信息公开工作年度报告"
LONG = "政府信息公开工作年度报告" * 5  # 60 characters without punctuation: 26 + 28 + 6 on the grid


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def attr(element: etree._Element, name: str) -> str | None:
    return element.get(w(name))


def sample_table() -> Table:
    return Table(
        rows=[
            [
                Cell([Run("项目")], rowspan=2, header=True),
                Cell([Run("申请人情况")], colspan=3, header=True),
                Cell([Run("总计")], rowspan=2, header=True),
            ],
            [Cell([Run(label)], header=True) for label in ("自然人", "法人", "其他")],
            [
                Cell([Run("一、本年新收申请数量")], align="left"),
                *(Cell([Run(n)]) for n in ("12", "3", "0", "15")),
            ],
            [
                Cell([Run("二、上年结转申请数量")], rowspan=2, align="left"),
                *(Cell([Run(n)]) for n in ("4", "1", "0", "5")),
            ],
            [Cell([Run(n)]) for n in ("7", "8", "9", "24")],
            [
                Cell([Run("三、本年度办理结果")], colspan=4, align="left"),
                Cell([Run("44")], align="right"),
            ],
        ],
        widths=[3, 1, 1, 1, 1],
        header_rows=2,
        caption="政府信息公开申请情况",
    )


def sample_document() -> Document:
    filler = [Paragraph([Run("本机关认真落实政府信息公开各项要求，" * 4)]) for _ in range(3)]
    return Document(
        title=TITLE,
        subtitle="（2025年1月20日）",
        blocks=[
            Paragraph(
                [
                    Run("本报告根据《中华人民共和国政府信息公开条例》（以下简称“条例”）编制，"),
                    Run("全文包括总体情况", bold=True),
                    Run("……等部分。"),
                ]
            ),
            Heading(1, "一、", [Run("总体情况")]),
            Paragraph([Run(LONG)]),
            Heading(2, "（一）", [Run("主动公开")]),
            Heading(3, "1.", [Run("制度建设——"), Run("重点", bold=True)]),
            Heading(4, "（1）", [Run("完善规章")]),
            ListItem("1.", [Run("第一项")]),
            ListItem("·", [Run("嵌套项")], depth=1),
            *filler,
            sample_table(),
            Paragraph([Run("注：数据截至2024年12月31日。")], style="plain"),
            Signature("某某市统计局", "2025年1月20日"),
        ],
    )


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return write_docx(sample_document())


@pytest.fixture(scope="module")
def parts(docx_bytes: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


@pytest.fixture(scope="module")
def body(parts) -> etree._Element:
    return parts["word/document.xml"].find("w:body", NS)


def style(parts, name: str) -> etree._Element:
    """The w:style whose w:name is `name` (the Chinese name a Word user sees)."""
    found = parts["word/styles.xml"].xpath(f'w:style[w:name/@w:val="{name}"]', namespaces=NS)
    assert len(found) == 1, f"样式 {name} 应恰好出现一次"
    return found[0]


def paragraph_text(p: etree._Element) -> str:
    return "".join(p.xpath(".//w:t/text()", namespaces=NS))


def paragraph_style(p: etree._Element) -> str | None:
    found = p.find("w:pPr/w:pStyle", NS)
    return None if found is None else attr(found, "val")


def style_id(parts, name: str) -> str:
    return attr(style(parts, name), "styleId")


# --- package -------------------------------------------------------------------------------


def test_zip_entries_have_fixed_timestamps_and_stable_order(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


def test_core_properties_are_fixed(parts):
    core = parts["docProps/core.xml"]
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    }
    assert core.findtext("dc:title", namespaces=ns) == TITLE
    assert core.findtext("dc:language", namespaces=ns) == "zh-CN"
    assert core.findtext("dcterms:created", namespaces=ns) == "2000-01-01T00:00:00Z"
    assert core.findtext("dcterms:modified", namespaces=ns) == "2000-01-01T00:00:00Z"
    assert core.findtext("cp:revision", namespaces=ns) == "1"


def test_template_leftovers_are_gone(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        names = set(archive.namelist())
    assert "word/stylesWithEffects.xml" not in names
    assert "docProps/thumbnail.jpeg" not in names
    assert not any(name.startswith("customXml/") for name in names)


def test_openxml_audit_finds_no_errors(docx_bytes, tmp_path):
    path = tmp_path / "sample.docx"
    path.write_bytes(docx_bytes)
    result = OpenXmlValidator().validate(path)
    schema_errors = [e for e in result.errors if e.error_type == ValidationErrorType.SCHEMA]
    assert schema_errors == []
    assert result.is_valid, [e.description for e in result.errors]


# --- section and settings ------------------------------------------------------------------


def test_section_is_a4_with_gbt9704_margins_and_line_grid(body):
    sect = body.find("w:sectPr", NS)
    pg_sz = sect.find("w:pgSz", NS)
    assert (attr(pg_sz, "w"), attr(pg_sz, "h")) == ("11906", "16838")
    pg_mar = sect.find("w:pgMar", NS)
    margins = {side: attr(pg_mar, side) for side in ("top", "bottom", "left", "right", "footer")}
    assert margins == {
        "top": "2098",
        "bottom": "1984",
        "left": "1588",
        "right": "1474",
        "footer": "1418",
    }
    grid = sect.find("w:docGrid", NS)
    assert (attr(grid, "type"), attr(grid, "linePitch")) == ("lines", "579")


def test_settings_are_chinese_with_odd_and_even_footers(parts):
    settings = parts["word/settings.xml"]
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    assert attr(settings.find("w:themeFontLang", NS), "eastAsia") == "zh-CN"


# --- styles --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "face", "half_points"),
    [
        ("公文标题", "方正小标宋简体", "44"),
        ("公文副标题", "楷体_GB2312", "32"),
        ("公文正文", "仿宋_GB2312", "32"),
        ("一级标题", "黑体", "32"),
        ("二级标题", "楷体_GB2312", "32"),
        ("三级标题", "仿宋_GB2312", "32"),
        ("四级标题", "仿宋_GB2312", "32"),
        ("表格文字", "仿宋_GB2312", "21"),  # 五号
        ("表格文字（小五）", "仿宋_GB2312", "18"),
        ("表格文字（六号）", "仿宋_GB2312", "15"),
        ("署名", "仿宋_GB2312", "32"),
        ("成文日期", "仿宋_GB2312", "32"),
        ("页码", "宋体", "28"),
    ],
)
def test_style_names_its_east_asian_face_and_size(parts, name, face, half_points):
    rpr = style(parts, name).find("w:rPr", NS)
    fonts = rpr.find("w:rFonts", NS)
    assert attr(fonts, "eastAsia") == face
    assert attr(fonts, "hint") == "eastAsia"
    assert attr(rpr.find("w:sz", NS), "val") == half_points


def test_no_theme_font_can_override_a_named_face(parts):
    """w:eastAsiaTheme and friends win over the face named beside them, so none may appear."""
    for name, root in parts.items():
        for fonts in root.iter(w("rFonts")):
            themed = [key for key in fonts.attrib if "theme" in key.lower()]
            assert themed == [], (name, themed)


def test_doc_defaults_are_chinese_and_unspaced(parts):
    defaults = parts["word/styles.xml"].find("w:docDefaults", NS)
    assert attr(defaults.find(".//w:lang", NS), "eastAsia") == "zh-CN"
    assert attr(defaults.find(".//w:rFonts", NS), "ascii") == "Times New Roman"
    spacing = defaults.find(".//w:pPr/w:spacing", NS)
    assert (attr(spacing, "after"), attr(spacing, "line")) == ("0", "240")


def test_body_style_sits_on_the_grid(parts):
    body_style = style(parts, "公文正文")
    spacing = body_style.find("w:pPr/w:spacing", NS)
    assert (attr(spacing, "line"), attr(spacing, "lineRule")) == ("579", "exact")
    assert (attr(spacing, "before"), attr(spacing, "after")) == ("0", "0")
    assert attr(body_style.find("w:pPr/w:ind", NS), "firstLineChars") == "200"
    assert attr(body_style.find("w:rPr/w:spacing", NS), "val") == "-5"


def test_title_is_centred_and_not_bold(parts):
    title = style(parts, "公文标题")
    assert attr(title.find("w:pPr/w:jc", NS), "val") == "center"
    assert title.find("w:rPr/w:b", NS) is None


def test_headings_keep_with_next_and_carry_outline_levels(parts):
    for level, name in enumerate(("一级标题", "二级标题", "三级标题", "四级标题")):
        heading = style(parts, name)
        assert heading.find("w:pPr/w:keepNext", NS) is not None
        assert attr(heading.find("w:pPr/w:outlineLvl", NS), "val") == str(level)
        assert (heading.find("w:rPr/w:b", NS) is not None) == (name == "三级标题")


def test_font_table_declares_windows_fallbacks(parts):
    fonts = parts["word/fontTable.xml"]
    alt = {
        attr(f, "name"): attr(f.find("w:altName", NS), "val")
        for f in fonts.findall("w:font", NS)
        if f.find("w:altName", NS) is not None
    }
    assert alt["仿宋_GB2312"] == "仿宋"
    assert alt["楷体_GB2312"] == "楷体"
    assert alt["方正小标宋简体"] == "宋体"
    assert not any("ＭＳ" in attr(f, "name") for f in fonts.findall("w:font", NS))


# --- body ----------------------------------------------------------------------------------


def test_title_subtitle_and_blank_line_open_the_document(parts, body):
    first, second, third = body.findall("w:p", NS)[:3]
    assert (paragraph_style(first), paragraph_text(first)) == (style_id(parts, "公文标题"), TITLE)
    assert paragraph_style(second) == style_id(parts, "公文副标题")
    assert paragraph_text(second) == "（2025年1月20日）"
    assert paragraph_text(third) == ""


def test_headings_print_their_numbering_in_their_styles(parts, body):
    headings = {paragraph_text(p): paragraph_style(p) for p in body.findall("w:p", NS)}
    assert headings["一、总体情况"] == style_id(parts, "一级标题")
    assert headings["（一）主动公开"] == style_id(parts, "二级标题")
    assert headings["1.制度建设——重点"] == style_id(parts, "三级标题")
    assert headings["（1）完善规章"] == style_id(parts, "四级标题")


def test_runs_carry_no_direct_size_or_face_except_for_ambiguous_marks(body):
    for rpr in body.iter(w("rPr")):
        assert {child.tag for child in rpr} <= {w("rFonts"), w("b"), w("bCs")}
        fonts = rpr.find("w:rFonts", NS)
        if fonts is not None:
            text = "".join(rpr.getparent().xpath("w:t/text()", namespaces=NS))
            assert set(text) <= set("“”‘’—…·"), text


def test_bold_runs_are_bold(body):
    bold = [paragraph_text(r) for r in body.iter(w("r")) if r.find("w:rPr/w:b", NS) is not None]
    assert bold == ["全文包括总体情况", "重点"]


@pytest.mark.parametrize(
    ("marks", "face"),
    [
        ("“", "仿宋_GB2312"),
        ("”", "仿宋_GB2312"),
        ("……", "仿宋_GB2312"),
        ("——", "仿宋_GB2312"),
        ("·", "仿宋_GB2312"),
    ],
)
def test_ambiguous_marks_get_the_cjk_face_in_every_slot(body, marks, face):
    runs = [r for r in body.iter(w("r")) if paragraph_text(r) == marks]
    assert runs, marks
    for r in runs:
        fonts = r.find("w:rPr/w:rFonts", NS)
        assert {attr(fonts, slot) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {face}


def test_ambiguous_marks_in_a_heading_take_the_heading_face():
    document = Document("标题", [Heading(1, "一、", [Run("“重点”工作")])])
    with zipfile.ZipFile(io.BytesIO(write_docx(document))) as archive:
        xml = etree.fromstring(archive.read("word/document.xml"))
    faces = {attr(f, "ascii") for f in xml.iter(w("rFonts"))}
    assert faces == {"黑体"}


def test_list_items_lead_with_their_marker_and_indent_by_depth(parts, body):
    items = {paragraph_text(p): p for p in body.findall("w:p", NS)}
    assert paragraph_style(items["1.第一项"]) == style_id(parts, "公文正文")
    assert items["1.第一项"].find("w:pPr/w:ind", NS) is None
    nested = items["·嵌套项"].find("w:pPr/w:ind", NS)
    assert (attr(nested, "leftChars"), attr(nested, "firstLineChars")) == ("200", "200")


# --- table ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def table(body) -> etree._Element:
    return body.find("w:tbl", NS)


def test_table_caption_is_the_accessible_name_not_a_printed_paragraph(parts, table):
    assert attr(table.find("w:tblPr/w:tblCaption", NS), "val") == "政府信息公开申请情况"
    previous = table.getprevious()
    assert previous is None or paragraph_text(previous) != "政府信息公开申请情况"


def test_table_is_centred_fixed_and_as_wide_as_the_type_area(table):
    tbl_pr = table.find("w:tblPr", NS)
    assert attr(tbl_pr.find("w:jc", NS), "val") == "center"
    assert attr(tbl_pr.find("w:tblLayout", NS), "type") == "fixed"
    assert attr(tbl_pr.find("w:tblW", NS), "w") == "8844"
    widths = [int(attr(col, "w")) for col in table.findall("w:tblGrid/w:gridCol", NS)]
    assert sum(widths) == 8844
    assert widths[0] == pytest.approx(3 * widths[1], abs=3)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = tbl_pr.find(f"w:tblBorders/w:{side}", NS)
        assert (attr(border, "val"), attr(border, "sz"), attr(border, "color")) == (
            "single",
            "4",
            "000000",
        )


def test_header_rows_repeat_and_no_row_splits(table):
    rows = table.findall("w:tr", NS)
    assert [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows] == [
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)


def test_spans_become_grid_span_and_vertical_merge(table):
    def layout(row: etree._Element) -> list[tuple[str, str | None]]:
        cells = []
        for tc in row.findall("w:tc", NS):
            span = tc.find("w:tcPr/w:gridSpan", NS)
            merge = tc.find("w:tcPr/w:vMerge", NS)
            cells.append(
                (
                    "1" if span is None else attr(span, "val"),
                    None if merge is None else attr(merge, "val"),
                )
            )
        return cells

    rows = [layout(row) for row in table.findall("w:tr", NS)]
    assert rows == [
        [("1", "restart"), ("3", None), ("1", "restart")],
        [("1", "continue"), ("1", None), ("1", None), ("1", None), ("1", "continue")],
        [("1", None)] * 5,
        [("1", "restart")] + [("1", None)] * 4,
        [("1", "continue")] + [("1", None)] * 4,
        [("4", None), ("1", None)],
    ]


def test_cells_are_vertically_centred_and_aligned_as_asked(parts, table):
    text_style = style_id(parts, "表格文字")
    for tc in table.iter(w("tc")):
        assert attr(tc.find("w:tcPr/w:vAlign", NS), "val") == "center"
        assert paragraph_style(tc.find("w:p", NS)) == text_style
    aligns = {paragraph_text(p): attr(p.find("w:pPr/w:jc", NS), "val") for p in table.iter(w("p"))}
    assert aligns["一、本年新收申请数量"] == "left"
    assert aligns["12"] == "center"
    assert aligns["44"] == "right"


def test_spanned_cell_width_is_the_sum_of_its_columns(table):
    widths = [int(attr(col, "w")) for col in table.findall("w:tblGrid/w:gridCol", NS)]
    spanning = table.findall("w:tr", NS)[0].findall("w:tc", NS)[1]
    assert int(attr(spanning.find("w:tcPr/w:tcW", NS), "w")) == sum(widths[1:4])


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([[Cell([Run("a")]), Cell([Run("b")]), Cell([Run("c")])]], "超出"),
        ([[Cell([Run("a")])]], "不足"),
        ([[Cell([Run("a")], rowspan=2), Cell([Run("b")])]], "末行"),
        ([[Cell([Run("a")]), Cell([Run("b")], rowspan=2)], [Cell([Run("c")], colspan=2)]], "重叠"),
    ],
)
def test_inconsistent_spans_are_refused(rows, message):
    with pytest.raises(ValueError, match=message):
        write_docx(Document("标题", [Table(rows, [1, 1])]))


def test_adjacent_tables_are_kept_apart():
    tables = [Table([[Cell([Run("甲")])]], [1]), Table([[Cell([Run("乙")])]], [1])]
    with zipfile.ZipFile(io.BytesIO(write_docx(Document("标题", tables)))) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find("w:body", NS)
    tags = [etree.QName(child).localname for child in body]
    assert tags[-5:] == ["tbl", "p", "tbl", "p", "sectPr"]


# --- page numbers --------------------------------------------------------------------------


def footers(parts) -> dict[str, etree._Element]:
    """Footer roots by w:footerReference type ("default" = odd pages, "even")."""
    rels = parts["word/_rels/document.xml.rels"]
    targets = {rel.get("Id"): rel.get("Target") for rel in rels if rel.get("Type") == FOOTER_REL}
    refs = parts["word/document.xml"].iter(w("footerReference"))
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {attr(ref, "type"): parts["word/" + targets[ref.get(rid)]] for ref in refs}


@pytest.mark.parametrize(
    ("kind", "align", "indent"), [("default", "right", "right"), ("even", "left", "left")]
)
def test_page_number_footers(parts, kind, align, indent):
    footer = footers(parts)[kind]
    p = footer.find("w:p", NS)
    assert paragraph_text(p) == "— 1 —"
    assert "".join(p.xpath(".//w:instrText/text()", namespaces=NS)).strip() == "PAGE"
    footer_style = parts["word/styles.xml"].xpath(
        f'w:style[@w:styleId="{paragraph_style(p)}"]', namespaces=NS
    )[0]
    assert attr(footer_style.find("w:pPr/w:jc", NS), "val") == align
    assert attr(footer_style.find("w:pPr/w:ind", NS), indent) == "280"
    base = style(parts, "页码")
    assert attr(footer_style.find("w:basedOn", NS), "val") == attr(base, "styleId")
    fonts = base.find("w:rPr/w:rFonts", NS)
    assert {attr(fonts, slot) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"宋体"}


# --- signature -----------------------------------------------------------------------------


def signature_indents(agency: str, date: str) -> tuple[list[str], int, int]:
    document = Document("标题", [Paragraph([Run("正文。")]), Signature(agency, date)])
    with zipfile.ZipFile(io.BytesIO(write_docx(document))) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find("w:body", NS)
    *_, blank, name, day = body.findall("w:p", NS)
    right = [int(attr(p.find("w:pPr/w:ind", NS), "right")) for p in (name, day)]
    return [paragraph_text(p) for p in (blank, name, day)], *right


@pytest.mark.parametrize(
    ("agency", "date", "name_right", "date_right"),
    [
        # Name 6 characters (1890 twips), date 3 characters + 7 half-width digits (2030): the
        # date is longer, so it sits two characters (630) from the right and the name moves left.
        ("某某市统计局", "2025年1月20日", 1400, 630),
        # Name 10 characters (3150): name two from the right, date starts two characters later.
        ("某某省人民政府办公厅", "2025年1月20日", 630, 1120),
    ],
)
def test_signature_follows_gbt9704_without_seal(agency, date, name_right, date_right):
    texts, name, day = signature_indents(agency, date)
    assert texts == ["", agency, date]
    assert (name, day) == (name_right, date_right)


# --- LibreOffice ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(tmp_path_factory, docx_bytes) -> Path:
    path = tmp_path_factory.mktemp("lo") / "sample.docx"
    path.write_bytes(docx_bytes)
    return docx_to_pdf(path)


@pytest.mark.office
def test_libreoffice_prints_the_report(pdf):
    text = pdf_text(pdf)
    compact = re.sub(r"\s", "", text)
    for expected in (
        TITLE,
        "一、总体情况",
        "（一）主动公开",
        "1.制度建设",
        "（1）完善规章",
        "申请人情况",
        "某某市统计局",
        "2025年1月20日",
    ):
        assert expected in compact, expected
    for figure in ("12", "15", "24", "44"):
        assert figure in text.split()
    pages = text.split("\f")
    for number, page in enumerate(pages[:2], 1):
        assert re.search(rf"—\s*{number}\s*—\s*$", page), f"第 {number} 页没有页码"


@pytest.mark.office
def test_libreoffice_pages_are_a4(pdf):
    info = pdf_info(pdf)
    assert info["Pages"] == "2"
    assert "(A4)" in info["Page size"]


@pytest.mark.office
def test_libreoffice_sets_28_characters_a_line_on_a_579_twip_pitch(pdf):
    words = pdf_words(pdf)
    triples = [words[i : i + 3] for i in range(len(words) - 2)]
    lines = next(t for t in triples if "".join(word.text for word in t) == LONG)
    assert [len(line.text) for line in lines] == [26, 28, 6]
    for above, below in itertools.pairwise(lines):
        assert below.y_min - above.y_min == pytest.approx(579 / 20, abs=0.15)


@pytest.mark.office
def test_libreoffice_page_numbers_sit_outside_and_under_the_type_area(pdf):
    dashes = [word for word in pdf_words(pdf) if word.text == "—" and word.y_min > 700]
    odd = [d for d in dashes if d.page == 1]
    even = [d for d in dashes if d.page == 2]
    right_edge = (11906 - 1474 - 280) / 20  # points: right margin, one 4号 character in
    left_edge = (1588 + 280) / 20
    assert max(d.x_max for d in odd) == pytest.approx(right_edge, abs=1.5)
    assert min(d.x_min for d in even) == pytest.approx(left_edge, abs=1.5)
    type_area_bottom = (16838 - 1984) / 20
    dash_middle = (odd[0].y_min + odd[0].y_max) / 2
    assert dash_middle - type_area_bottom == pytest.approx(7 / 25.4 * 72, abs=3)  # 7 mm below
