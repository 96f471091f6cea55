"""`gencli build` on the real examples: the .docx XML (styles, headings, merges, repeats), the
HTML structure, atomic and refused outputs, template overrides (determinism across processes:
test_determinism.py)."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from openxml_audit import OpenXmlValidator, ValidationErrorType

from gencli.checking.validation import check_file
from gencli.cli.commands import main

from .conftest import CASES, EXAMPLES

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = "{" + NS["w"] + "}"
AMR = EXAMPLES / "fujian-amr-2020.yaml"
COMMERCE = EXAMPLES / "fujian-commerce-2020.yaml"
EXAMPLE_FILES = sorted(EXAMPLES.glob("fujian-*.yaml"))


def build(*args) -> CliRunner:
    result = CliRunner().invoke(main, ["build", *map(str, args)])
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built")
    result = build(*EXAMPLE_FILES, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def styles_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/styles.xml"))


def text_of(element: etree._Element) -> str:
    return "".join(element.xpath(".//w:t/text()", namespaces=NS))


def style_names(path: Path) -> dict[str, str]:
    return {
        s.get(W + "styleId"): s.find("w:name", NS).get(W + "val")
        for s in styles_xml(path).findall("w:style", NS)
    }


def headings(path: Path) -> list[tuple[str, str]]:
    names = style_names(path)
    found = []
    for p in document_xml(path).iter(W + "p"):
        style = p.find("w:pPr/w:pStyle", NS)
        name = names.get(style.get(W + "val")) if style is not None else None
        if name and name.endswith("级标题"):
            found.append((name, text_of(p)))
    return found


def table_spans(tbl: etree._Element) -> list[list[tuple[str, int, int]]]:
    """Each row's origin cells as (text, rowspan, colspan), read back from gridSpan/vMerge."""
    rows: list[list[list]] = []
    open_cells: dict[int, list] = {}
    for tr in tbl.findall("w:tr", NS):
        row, column = [], 0
        for tc in tr.findall("w:tc", NS):
            span_el = tc.find("w:tcPr/w:gridSpan", NS)
            span = int(span_el.get(W + "val")) if span_el is not None else 1
            merge = tc.find("w:tcPr/w:vMerge", NS)
            if merge is not None and merge.get(W + "val") != "restart":
                open_cells[column][1] += 1
            else:
                cell = [text_of(tc), 1, span]
                row.append(cell)
                open_cells[column] = cell
            column += span
        rows.append(row)
    return [[tuple(cell) for cell in row] for row in rows]


def tables(path: Path) -> list[etree._Element]:
    return document_xml(path).findall("w:body/w:tbl", NS)


# --- the Word document ---------------------------------------------------------------------


def test_headings_follow_the_official_six_parts_and_numbering(built: Path) -> None:
    found = headings(built / "fujian-amr-2020.docx")
    assert [text for level, text in found if level == "一级标题"] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert [text for level, text in found if level == "二级标题"] == [
        "（一）主动公开政府信息，进一步打造政务新媒体宣传体系",
        "（二）进一步加强“双随机、一公开”监管",
        "（三）持续推进信用风险分类监管",
        "（四）推动完善知识产权保护体系",
    ]


def test_nested_numbering_restarts_under_each_heading(built: Path) -> None:
    found = headings(built / "fujian-commerce-2020.docx")
    sequence = [text for _, text in found]
    assert sequence[:4] == [
        "一、总体情况",
        "（一）基本情况",
        "（二）主要做法",
        "1.加大政府信息公开力度",
    ]
    assert "2.完善政务公开机制" in sequence and "4.加强政务公开平台建设" in sequence
    part_five = sequence.index("五、存在的主要问题及改进情况")
    assert sequence[part_five + 1 : part_five + 3] == ["（一）存在的问题", "（二）改进措施"]
    assert ("三级标题", "1.加大政府信息公开力度") in found


def test_styles_name_east_asian_faces_and_official_sizes(built: Path) -> None:
    styles = styles_xml(built / "fujian-amr-2020.docx")

    def face_and_size(name: str) -> tuple[str, str]:
        style = styles.xpath(f'w:style[w:name/@w:val="{name}"]', namespaces=NS)[0]
        fonts = style.find("w:rPr/w:rFonts", NS)
        return fonts.get(W + "eastAsia"), style.find("w:rPr/w:sz", NS).get(W + "val")

    assert face_and_size("公文标题") == ("方正小标宋简体", "44")
    assert face_and_size("公文正文") == ("仿宋_GB2312", "32")
    assert face_and_size("一级标题") == ("黑体", "32")
    assert face_and_size("二级标题") == ("楷体_GB2312", "32")


def test_section_is_a4_with_gbt9704_margins_and_grid(built: Path) -> None:
    sect = document_xml(built / "fujian-amr-2020.docx").find("w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (size.get(W + "w"), size.get(W + "h")) == ("11906", "16838")
    assert [margins.get(W + side) for side in ("top", "bottom", "left", "right")] == [
        "2098",
        "1984",
        "1588",
        "1474",
    ]
    grid = sect.find("w:docGrid", NS)
    assert (grid.get(W + "type"), grid.get(W + "linePitch")) == ("lines", "579")


def test_table_three_has_the_official_merges(built: Path) -> None:
    spans = table_spans(tables(built / "fujian-amr-2020.docx")[1])
    assert spans[0] == [
        ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
        ("申请人情况", 1, 7),
    ]
    assert spans[1] == [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)]
    assert [c[0] for c in spans[2]] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert spans[3][0] == ("一、本年新收政府信息公开申请数量", 1, 3)
    assert spans[5][0] == ("三、本年度办理结果", 20, 1)
    assert spans[5][1] == ("（一）予以公开", 1, 2)
    assert spans[7][:2] == [("（三）不予公开", 8, 1), ("1.属于国家秘密", 1, 1)]
    assert spans[15][:2] == [("（四）无法提供", 3, 1), ("1.本机关不掌握相关政府信息", 1, 1)]
    assert spans[18][0] == ("（五）不予处理", 5, 1)
    assert spans[23][0] == ("（六）其他处理", 1, 2)
    assert spans[24][0] == ("（七）总计", 1, 2)
    assert spans[25][0] == ("四、结转下年度继续办理", 1, 3)
    assert len(spans) == 3 + 23  # three header rows, 23 rows of figures (2019 format)


def test_table_three_prints_every_figure_with_totals_filled_in(built: Path) -> None:
    report = check_file(AMR).normalized
    spans = table_spans(tables(built / "fujian-amr-2020.docx")[1])
    figures = [[c[0] for c in row if re.fullmatch(r"\d+", c[0])] for row in spans[3:]]
    applications = report["applications"]
    assert figures[0] == ["24", "5", "0", "0", "0", "0", "29"]
    assert figures[7] == ["0", "0", "0", "0", "0", "0", "0"]  # 3.危及“三安全一稳定”: total computed
    assert figures[-2] == [str(v) for v in applications["results"]["total"].values()]
    assert figures[-1] == ["2", "0", "0", "0", "0", "0", "2"]


def test_table_two_and_four_read_as_published(built: Path) -> None:
    docx = built / "fujian-commerce-2020.docx"
    two = [[c[0] for c in row] for row in table_spans(tables(docx)[0])]
    assert two[0] == ["第二十条第（一）项"]
    assert two[1] == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert ["行政许可", "9", "减 4", "0"] in two
    assert ["政府集中采购", "55", "9742万元"] in two
    four = table_spans(tables(docx)[2])
    assert four[0] == [("行政复议", 2, 5), ("行政诉讼", 1, 10)]
    assert four[1] == [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)]
    assert [c[0] for c in four[2]][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [c[0] for c in four[3]] == ["0"] * 15


def test_header_rows_repeat_and_no_row_splits(built: Path) -> None:
    for tbl, header_rows in zip(tables(built / "fujian-amr-2020.docx"), (0, 3, 3)):
        rows = tbl.findall("w:tr", NS)
        repeats = [tr.find("w:trPr/w:tblHeader", NS) is not None for tr in rows]
        assert repeats == [True] * header_rows + [False] * (len(rows) - header_rows)
        assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in rows)
        assert tbl.find("w:tblPr/w:tblLayout", NS).get(W + "type") == "fixed"


def test_part_six_default_sentence_and_signature(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    text = COMMERCE.read_text(encoding="utf-8").replace(
        "year: 2020", "year: 2020\ndate: 2021-01-09"
    )
    source.write_text(text, encoding="utf-8")
    assert build(source, "-o", tmp_path, "--to", "docx").exit_code == 0
    paragraphs = [text_of(p) for p in document_xml(tmp_path / "r.docx").iter(W + "p")]
    six = paragraphs.index("六、其他需要报告的事项")
    assert paragraphs[six + 1] == "本机关无其他需要报告的事项。"
    assert paragraphs[-2:] == ["福建省商务厅", "2021年1月9日"]


def test_examples_pass_openxml_audit(built: Path) -> None:
    for path in built.glob("*.docx"):
        result = OpenXmlValidator().validate(path)
        schema_errors = [e for e in result.errors if e.error_type == ValidationErrorType.SCHEMA]
        assert schema_errors == [], path
        assert result.is_valid, [e.description for e in result.errors]


# --- safety --------------------------------------------------------------------------------


def test_invalid_report_prints_errors_and_writes_nothing(tmp_path: Path) -> None:
    source = CASES / "gov-info-annual" / "invalid" / "balance.yaml"
    result = build(source, "-o", tmp_path)
    assert result.exit_code == 1
    assert f"{source}:7:9: 勾稽关系不成立" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_invalid_report_never_clobbers_previous_output(tmp_path: Path) -> None:
    source = tmp_path / "report.yaml"
    source.write_text(AMR.read_text(encoding="utf-8"), encoding="utf-8")
    assert build(source).exit_code == 0
    good = (tmp_path / "report.docx").read_bytes()
    source.write_text(source.read_text(encoding="utf-8").replace("[24,", "[25,"), "utf-8")
    assert build(source).exit_code == 1
    assert (tmp_path / "report.docx").read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "report.docx",
        "report.html",
        "report.yaml",
    ]


def test_to_selects_formats_and_rejects_unknown(tmp_path: Path) -> None:
    assert build(AMR, "-o", tmp_path, "--to", "html").exit_code == 0
    assert [p.suffix for p in tmp_path.iterdir()] == [".html"]
    result = build(AMR, "-o", tmp_path, "--to", "docx,odt")
    assert result.exit_code == 2
    assert "可选格式：docx、html、xlsx、fragment、pdf，用逗号分隔" in result.output


def test_user_templates_override_the_packaged_ones(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "gov-info-annual.xml.j2").write_text(
        '<document title="{{ report.title }}"><heading level="1">一、只有一部分</heading>'
        "<p>共受理{{ report.applications.new.total }}件。</p></document>",
        encoding="utf-8",
    )
    assert build(AMR, "-o", tmp_path, "--to", "docx", "--templates", templates).exit_code == 0
    paragraphs = [text_of(p) for p in document_xml(tmp_path / "fujian-amr-2020.docx").iter(W + "p")]
    assert "一、只有一部分" in paragraphs and "共受理29件。" in paragraphs
    assert "二、主动公开政府信息情况" not in paragraphs


def test_broken_template_is_a_clear_error_without_output(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "gov-info-annual.xml.j2").write_text(
        "<document>{{ report.nothing }}</document>", encoding="utf-8"
    )
    result = build(AMR, "-o", tmp_path / "out", "--templates", templates)
    assert result.exit_code == 1
    assert "模板 gov-info-annual.xml.j2" in result.stdout and "nothing" in result.stdout
    assert not (tmp_path / "out").exists()


# --- HTML ----------------------------------------------------------------------------------


class Collector(HTMLParser):
    """Tags, attributes and text of an HTML page, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(path: Path) -> Collector:
    collector = Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def test_html_is_standalone_structured_and_accessible(built: Path) -> None:
    page = built / "fujian-amr-2020.html"
    html = page.read_text(encoding="utf-8")
    collector = parsed(page)
    tags = [t for t, _ in collector.tags]
    assert collector.tags[0] == ("html", {"lang": "zh-CN"})
    assert tags.count("h1") == 1 and tags.count("h2") == 6 and tags.count("h3") == 4
    assert tags.count("table") == 3 and tags.count("caption") == 3
    scopes = [a.get("scope") for t, a in collector.tags if t == "th"]
    assert "col" in scopes and "row" in scopes
    assert not re.search(r"(src|href)=|https?://|@import|url\(", html)
    assert "@page" in html and "size: A4" in html
    assert 'rowspan="20"' in html and 'colspan="3"' in html
    assert "13989.54万元" in "".join(collector.text)


def test_2021_format_tables(tmp_path: Path) -> None:
    source = CASES / "gov-info-annual" / "valid" / "mapping-rows-2021.yaml"
    assert build(source, "-o", tmp_path, "--to", "docx").exit_code == 0
    docx = tmp_path / "mapping-rows-2021.docx"
    two = [[c[0] for c in row] for row in table_spans(tables(docx)[0])]
    assert two[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert ["规章", "1", "0", "12"] in two
    assert ["行政规范性文件", "0", "0", "0"] in two
    assert ["信息内容", "本年处理决定数量"] in two and ["行政事业性收费", "24252.311082"] in two
    assert "第二十条第（九）项" not in [row[0] for row in two]
    three = table_spans(tables(docx)[1])
    assert len(three) == 3 + 25
    assert three[5][0] == ("三、本年度办理结果", 22, 1)
    assert three[23][:2] == [
        ("（六）其他处理", 3, 1),
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1, 1),
    ]
    assert [c[0] for c in three[24]] == [
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
        "1",
    ]
    paragraphs = [text_of(p) for p in document_xml(docx).iter(W + "p")]
    six = paragraphs.index("六、其他需要报告的事项")
    assert paragraphs[six + 1] == "本年度未收取信息处理费。"
    assert "全年共受理申请4件，其中自然人3件。" in paragraphs
