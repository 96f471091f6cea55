"""Issue 18: the 公文 elements of a report sent up to a superior agency (GB/T 9704-2012): 版头
(发文机关标志, 发文字号, 签发人, the red line), 主送机关, and the 版记 on an even last page.

The checks of the schema, the normalized values, the .docx XML, Word's schema (openxml-audit),
the page and the fragment run without LibreOffice; the `office` tests print the .docx with
LibreOffice and measure the words (pdftotext -bbox) and the rules (pixels of the page image)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openxml_audit import OpenXmlValidator

from gencli.cli.commands import main
from gencli.writers.docx import official

from .conftest import EXAMPLES
from .kinds import document_of
from .office import Word, pdf_info, pdf_words, soffice_or_skip

SENT_UP = EXAMPLES / "work-summary" / "fuzhou-amr-rule-of-law-2020-sent-up.yaml"
PUBLISHED = EXAMPLES / "work-summary" / "fuzhou-amr-rule-of-law-2020.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4  # PDF points in a millimetre
TEXT_TOP, TEXT_BOTTOM = 37 * MM, 841.89 - 35 * MM  # the 版心 (GB/T 9704 5.2.1)
TEXT_LEFT, TEXT_RIGHT = 28 * MM, 28 * MM + 156 * MM

HEAD = """\
kind: work-summary
title: 某某局2024年工作总结
agency: 某某局
date: 2025-01-20
document:
  mark: 某某局文件
  number: {number}
"""


def _validate(tmp_path: Path, text: str) -> tuple[int, str]:
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    output = result.output.replace(str(path), "report.yaml")
    findings = [line for line in output.splitlines() if line.startswith("report.yaml:")]
    summary = [line for line in output.splitlines() if line.startswith("检查了")]
    return result.exit_code, "\n".join(findings + summary)


# --- the schema -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("某〔2025〕第1号", "发文字号的序号不加“第”，应写成“榕市监〔2021〕12号”这样"),
        (
            "某[2025]1号",
            "发文字号的年份应写全并用六角括号〔〕括入，不用 []、【】、（）或〈〉，如“〔2021〕”",
        ),
        (
            "某【2025】1号",
            "发文字号的年份应写全并用六角括号〔〕括入，不用 []、【】、（）或〈〉，如“〔2021〕”",
        ),
        ("某〔2025〕01号", "发文字号的序号不编虚位，写“12号”而不写“012号”"),
        ("某〔2025〕1", "发文字号应以序号和“号”结尾，如“榕市监〔2021〕12号”"),
    ],
)
def test_a_wrong_document_number_is_refused_at_its_position(tmp_path, number, message) -> None:
    code, output = _validate(tmp_path, HEAD.format(number=number) + "body: 正文一段。\n")
    assert code == 1
    assert output.splitlines() == [
        f"report.yaml:7:11: {message}（这里是文本“{number}”）",
        "检查了 1 个文件：1 个文件未通过；错误 1 处，警告 0 处。",
    ]


def test_a_right_document_number_passes(tmp_path) -> None:
    code, output = _validate(
        tmp_path, HEAD.format(number="某〔2025〕10号") + "body: 本年度工作情况。\n"
    )
    assert code == 0, output


def test_the_colophon_needs_its_printing_agency_and_date_together(tmp_path) -> None:
    text = HEAD.format(number="某〔2025〕1号") + "  copies: 某某厅\n  printed_by: 某某局办公室\n"
    code, output = _validate(tmp_path, text + "body: 本年度工作情况。\n")
    assert code == 1
    assert output.splitlines()[0] == (
        "report.yaml:5:1: 版记的印发机关 printed_by 和印发日期 printed_on 要一起填写，"
        "填写抄送机关 copies 时也要填写这两项（这里是映射（键: 值））"
    )


# --- the document model and the writers ---------------------------------------------------


def test_agencies_are_joined_and_closed_as_the_standard_writes_them(tmp_path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(
        HEAD.format(number="某〔2025〕1号")
        + "  recipients: [某某市人民政府, 某某厅：]\n"
        + "  copies: [某某厅, 某某局。]\n"
        + "  printed_by: 某某局办公室\n  printed_on: 2025-01-09\n"
        + "body: 本年度工作情况。\n",
        encoding="utf-8",
    )
    document = document_of(path)
    assert document.recipients == "某某市人民政府、某某厅："
    assert document.colophon is not None
    assert document.colophon.copies == "某某厅，某某局。"
    assert document.colophon.printed_on == "2025年1月9日印发"
    assert document.masthead is not None and document.masthead.signer == ""


def test_a_published_report_has_no_official_elements() -> None:
    document = document_of(PUBLISHED)
    assert (document.masthead, document.recipients, document.colophon) == (None, "", None)


def test_the_mark_shrinks_only_when_it_would_not_fit_one_line() -> None:
    assert official.mark_size("福州市市场监督管理局文件") == 36
    # 20 characters in 8684 twips: 21.7 pt, rounded down to the half point.
    assert official.mark_size("福建省福州市市场监督管理局办公室文件文件") == 21.5


def _docx(tmp_path: Path, report: Path = SENT_UP) -> Path:
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(tmp_path), "--to", "docx"])
    assert result.exit_code == 0, result.output
    return tmp_path / f"{report.stem}.docx"


def _body(path: Path):
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def _text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def test_the_docx_masthead_is_red_centred_and_ruled_in_red(tmp_path) -> None:
    body = _body(_docx(tmp_path))
    mark, number = body.findall(f"{W}p")[:2]
    assert _text(mark) == "福州市市场监督管理局文件"
    assert mark.find(f".//{W}color").get(f"{W}val") == "FF0000"
    assert mark.find(f".//{W}sz").get(f"{W}val") == "72"
    # 35 mm less the ink's drop (0.14 of 36 pt) to the 版心's top.
    assert mark.find(f"{W}pPr/{W}spacing").get(f"{W}before") == str(
        round(35 * 1440 / 25.4 - 0.14 * 36 * 20)
    )
    assert _text(number) == "榕市监〔2021〕12号签发人：张三"
    assert len(number.findall(f"{W}r/{W}tab")) == 2
    stops = [
        (t.get(f"{W}val"), t.get(f"{W}pos")) for t in number.iter(f"{W}tab") if t.get(f"{W}pos")
    ]
    assert stops == [("left", "320"), ("right", "8524")]
    rule = number.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert (rule.get(f"{W}color"), rule.get(f"{W}sz"), rule.get(f"{W}space")) == (
        "FF0000",
        "12",
        "4",
    )
    signer = number.findall(f"{W}r")[-1]
    assert signer.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "楷体_GB2312"


def test_the_recipients_follow_the_title_after_one_blank_line(tmp_path) -> None:
    texts = [_text(p) for p in _body(_docx(tmp_path)).findall(f"{W}p")[:8]]
    assert texts[4:8] == [
        "福州市市场监督管理局2020年度法治政府建设工作总结",
        "",
        "福州市人民政府：",
        texts[7],
    ]
    assert texts[7].startswith("2020年以来")


def test_the_colophon_is_a_last_section_of_its_own_starting_on_an_even_page(tmp_path) -> None:
    body = _body(_docx(tmp_path))
    breaks = body.findall(f"{W}p/{W}pPr/{W}sectPr")
    assert len(breaks) == 1
    assert breaks[0].find(f"{W}type") is None  # the body's section starts as before
    last = body[-1]
    assert last.tag == f"{W}sectPr"
    assert last.find(f"{W}type").get(f"{W}val") == "evenPage"
    table = body.findall(f"{W}tbl")[-1]
    rows = [" ".join(_text(p) for p in row.iter(f"{W}p")) for row in table.findall(f"{W}tr")]
    assert rows == [
        "抄送：福建省市场监督管理局，福州市司法局。",
        "福州市市场监督管理局办公室2021年1月29日印发",
    ]
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    assert [(b.tag[len(W) :], b.get(f"{W}sz")) for b in borders if b.get(f"{W}sz")] == [
        ("top", "8"),
        ("bottom", "8"),
        ("insideH", "6"),
    ]
    # The spacer above it fills the 版心 (12756 twips) but for the rows, the last line and slack.
    heights = [int(r.find(f"{W}trPr/{W}trHeight").get(f"{W}val")) for r in table.iter(f"{W}tr")]
    assert heights == [640, 640]
    spacer = table.getprevious()
    assert spacer.find(f"{W}pPr/{W}spacing").get(f"{W}line") == str(12756 - 1280 - 20 - 60)


def test_a_published_report_keeps_one_section_and_no_red(tmp_path) -> None:
    path = _docx(tmp_path, PUBLISHED)
    body = _body(path)
    assert body.findall(f"{W}p/{W}pPr/{W}sectPr") == []
    assert body[-1].find(f"{W}type") is None
    with zipfile.ZipFile(path) as package:
        assert b"FF0000" not in package.read("word/document.xml")


def test_the_sent_up_docx_passes_openxml_audit(tmp_path) -> None:
    audit = OpenXmlValidator().validate(_docx(tmp_path))
    assert audit.is_valid, [error.description for error in audit.errors]


def test_the_page_and_the_fragment_carry_masthead_recipients_and_colophon(tmp_path) -> None:
    result = CliRunner().invoke(
        main, ["build", str(SENT_UP), "-o", str(tmp_path), "--to", "html,fragment"]
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / f"{SENT_UP.stem}.html").read_text(encoding="utf-8")
    assert '<p class="mark">福州市市场监督管理局文件</p>' in page
    assert (
        '<p class="number-line signed"><span class="document-number">榕市监〔2021〕12号</span>'
        '<span class="signer">签发人：<span class="signer-name">张三</span></span></p>'
    ) in page
    assert page.index('<p class="mark">') < page.index("<h1>") < page.index("福州市人民政府：")
    assert '<p class="recipients">福州市人民政府：</p>' in page
    colophon = page[page.index('<footer class="colophon">') : page.index("</article>")]
    assert colophon == (
        '<footer class="colophon">\n'
        '<p class="copies">抄送：福建省市场监督管理局，福州市司法局。</p>\n'
        '<p class="printed"><span>福州市市场监督管理局办公室</span>'
        "<span>2021年1月29日印发</span></p>\n</footer>\n"
    )
    fragment = (tmp_path / f"{SENT_UP.stem}.fragment.html").read_text(encoding="utf-8")
    first = fragment.splitlines()[0]
    assert "color: #e00" in first and first.endswith(">福州市市场监督管理局文件</p>")
    assert ">抄送：福建省市场监督管理局，福州市司法局。</p>" in fragment
    assert fragment.rstrip().endswith(
        "福州市市场监督管理局办公室&emsp;&emsp;&emsp;&emsp;2021年1月29日印发</p>"
    )


# --- in LibreOffice -------------------------------------------------------------------------


def _long_report(tmp_path: Path, lines: int) -> Path:
    """A sent-up 工作总结 whose body is `lines` one-line paragraphs."""
    body = "".join(f"  第{n}段正文，共十个字。\n\n" for n in range(1, lines + 1))
    path = tmp_path / f"lines-{lines}.yaml"
    path.write_text(
        HEAD.format(number="某〔2025〕1号")
        + "  signer: 王五\n  recipients: 某某市人民政府\n  printed_by: 某某局办公室\n"
        + "  printed_on: 2025-01-20\nbody: |\n"
        + body,
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    """The example and two short reports (body ending on page 1, and on page 2) printed by
    `gencli build --to pdf` (LibreOffice)."""
    folder = tmp_path_factory.mktemp("official")
    soffice_or_skip()
    reports = [SENT_UP, _long_report(folder, 3), _long_report(folder, 24)]
    for report in reports:
        result = CliRunner().invoke(main, ["build", str(report), "-o", str(folder), "--to", "pdf"])
        assert result.exit_code == 0, result.output
    pdfs = [folder / f"{report.stem}.pdf" for report in reports]
    return dict(zip(("example", "one-page", "two-pages"), pdfs))


def _page_pixels(pdf: Path, page: int, dpi: int = 144) -> tuple[int, int, bytes]:
    """The page as RGB pixels (pdftoppm's PPM)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler (pdftoppm) 未安装")
    ppm = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    match = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    assert match
    width, height = int(match.group(1)), int(match.group(2))
    return width, height, ppm[match.end() :]


def _red(pixel: bytes) -> bool:
    return pixel[0] > 180 and pixel[1] < 90 and pixel[2] < 90


def _first_red_row(pdf: Path, page: int) -> float:
    """The top of the page's first red ink, in points."""
    width, height, pixels = _page_pixels(pdf, page)
    for y in range(height):
        row = pixels[y * width * 3 : (y + 1) * width * 3]
        if any(_red(row[3 * x : 3 * x + 3]) for x in range(width)):
            return y * 72 / 144
    raise AssertionError("页面上没有红色")


def _rules(pdf: Path, page: int, red: bool) -> list[tuple[float, float, float]]:
    """Horizontal rules (the rows of more than 400 pt of red, or dark, pixels; a thick rule is
    several rows) as (y, x from, x to) in points."""
    width, height, pixels = _page_pixels(pdf, page)
    scale = 72 / 144
    rules = []
    for y in range(height):
        row = pixels[y * width * 3 : (y + 1) * width * 3]
        hits = [
            x
            for x in range(width)
            if (_red(row[3 * x : 3 * x + 3]) if red else max(row[3 * x : 3 * x + 3]) < 110)
        ]
        if len(hits) * scale > 400:
            rules.append((y * scale, hits[0] * scale, hits[-1] * scale))
    return rules


def _words(pdf: Path, page: int) -> list[Word]:
    return [word for word in pdf_words(pdf) if word.page == page]


@pytest.mark.office
def test_libreoffice_sets_the_masthead_where_the_standard_puts_it(printed) -> None:
    pdf = printed["example"]
    words = _words(pdf, 1)
    mark = next(w for w in words if w.text == "福州市市场监督管理局文件")
    assert abs((mark.x_min + mark.x_max) / 2 - (TEXT_LEFT + TEXT_RIGHT) / 2) < 1
    number = next(w for w in words if w.text.startswith("榕市监"))
    signer = next(w for w in words if w.text == "签发人：张三")
    assert number.y_min == signer.y_min  # one line
    assert abs(number.x_min - (TEXT_LEFT + 16)) < 1.5  # 居左空一字
    assert abs(TEXT_RIGHT - 16 - signer.x_max) < 1.5  # 居右空一字
    assert abs(number.y_min - mark.y_max - 2 * 28.95) < 5  # 空二行
    rule = min(y for y, _, _ in _rules(pdf, 1, red=True) if y > mark.y_max)
    # 4 mm under the 发文字号 (its box's foot is 1 mm below the ink), as wide as the 版心.
    assert 2 * MM < rule - number.y_max < 4 * MM
    spans = [(x0, x1) for y, x0, x1 in _rules(pdf, 1, red=True) if y > mark.y_max]
    assert all(abs(x0 - TEXT_LEFT) < 1 and abs(x1 - TEXT_RIGHT) < 1.5 for x0, x1 in spans)
    title = next(w for w in words if w.text == "福州市市场监督管理局")
    recipients = next(w for w in words if w.text == "福州市人民政府：")
    assert abs(recipients.x_min - TEXT_LEFT) < 1  # 居左顶格
    assert recipients.y_min > title.y_max + 28.95  # 标题下空一行


@pytest.mark.office
def test_libreoffice_puts_the_mark_35_mm_below_the_top_of_the_text(printed) -> None:
    pdf = printed["example"]
    mark = next(w for w in _words(pdf, 1) if w.text == "福州市市场监督管理局文件")
    assert mark.y_min < _first_red_row(pdf, 1) < mark.y_max  # the mark's ink
    assert abs(_first_red_row(pdf, 1) - TEXT_TOP - 35 * MM) < 0.5 * MM


@pytest.mark.office
@pytest.mark.parametrize(("report", "pages"), [("example", 14), ("one-page", 2), ("two-pages", 4)])
def test_libreoffice_prints_the_colophon_at_the_foot_of_an_even_last_page(
    printed, report, pages
) -> None:
    pdf = printed[report]
    assert int(pdf_info(pdf)["Pages"]) == pages
    words = _words(pdf, pages)
    assert [w.text for w in words if w.text.endswith("办公室")] == [
        "福州市市场监督管理局办公室" if report == "example" else "某某局办公室"
    ]
    assert "".join(w.text for w in words if w.y_max > TEXT_BOTTOM) == f"—{pages}—"
    rules = _rules(pdf, pages, red=False)
    assert abs(rules[-1][0] - TEXT_BOTTOM) < 1 * MM  # 末条与版心下边缘重合
    assert all(abs(x0 - TEXT_LEFT) < 1 and abs(x1 - TEXT_RIGHT) < 1.5 for _, x0, x1 in rules)
    assert all(w.y_min > TEXT_BOTTOM - 30 * MM for w in words)  # nothing else on the page


@pytest.mark.office
def test_libreoffice_leaves_the_page_before_an_even_colophon_page_blank(printed) -> None:
    pdf = printed["two-pages"]
    assert _words(pdf, 3) == []  # no page number either (GB/T 9704 7.5)
    assert "".join(w.text for w in _words(pdf, 2) if w.y_max > TEXT_BOTTOM) == "—2—"


# --- room for a seal (7.3.5.1) --------------------------------------------------------------

SEALED = HEAD.format(number="某〔2025〕1号") + "  seal: true\nbody: |\n  今年完成了各项工作。\n"


def _sealed(tmp_path: Path, seal: bool = True) -> Path:
    path = tmp_path / ("sealed.yaml" if seal else "unsealed.yaml")
    path.write_text(SEALED if seal else SEALED.replace("  seal: true\n", ""), encoding="utf-8")
    return path


def _signature_paragraphs(body) -> list:
    paragraphs = body.findall(f"{W}p")
    index = next(i for i, p in enumerate(paragraphs) if _text(p) == "某某局")
    return paragraphs[index - 2 : index + 2]


def test_a_seal_moves_the_date_four_characters_in_with_room_above(tmp_path) -> None:
    from gencli.writers.docx.writer import TWO_CHARS

    sealed = _signature_paragraphs(_body(_docx(tmp_path, _sealed(tmp_path))))
    blank_before, blank, _, date = sealed
    assert _text(blank_before) == _text(blank) == ""  # two blank lines: room for the seal's top
    assert _text(date) == "2025年1月20日"
    assert int(date.find(f"{W}pPr/{W}ind").get(f"{W}right")) == 2 * TWO_CHARS  # 右空四字
    unsealed = _signature_paragraphs(_body(_docx(tmp_path / "u", _sealed(tmp_path, False))))
    assert _text(unsealed[0]) != ""  # without a seal: one blank line (7.3.5.2)
    assert int(unsealed[3].find(f"{W}pPr/{W}ind").get(f"{W}right")) == TWO_CHARS  # 右空二字


@pytest.mark.office
def test_libreoffice_prints_the_sealed_signature_four_characters_from_the_right(tmp_path) -> None:
    soffice_or_skip()
    report = _sealed(tmp_path)
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(tmp_path), "--to", "pdf"])
    assert result.exit_code == 0, result.output
    words = _words(tmp_path / "sealed.pdf", 1)
    day = next(w for w in words if w.text == "日")
    date = [w for w in words if abs(w.y_min - day.y_min) < 1]  # pdftotext splits 2025 年 1 月…
    name = next(w for w in words if w.text == "某某局" and w.y_max < day.y_min and w.y_min > 500)
    character = 16  # 3号: one character is 16 pt
    date_left, date_right = min(w.x_min for w in date), max(w.x_max for w in date)
    assert abs((TEXT_RIGHT - date_right) - 4 * character) < character / 2  # 右空四字
    centre = (date_left + date_right) / 2
    assert abs((name.x_min + name.x_max) / 2 - centre) < character / 2  # 以成文日期为准居中
    body = next(w for w in words if w.text.startswith("今年完成"))
    line = 28.9  # one line of the 22-line grid, in points
    assert 2.5 * line < name.y_min - body.y_min < 3.5 * line  # two blank lines between
