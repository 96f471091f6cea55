"""`gencli import`: real published pages (tests/published/) and gencli's own output become YAML
whose every figure equals a hand transcription, whose parts are split at their headings, and
which validate reports on at the published report's own errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from gencli.cli.commands import main

from .conftest import EXAMPLES, ROOT

PUBLISHED = ROOT / "tests" / "published"
# Every real page kept with its hand transcription is imported and compared: adding a page and
# its `.expected.yaml` to tests/published/ is enough to have it tested.
PAGES = tuple(
    sorted(
        page.name.removesuffix(".expected.yaml")
        for page in PUBLISHED.glob("*.expected.yaml")
        if (PUBLISHED / page.name.replace(".expected.yaml", ".html")).exists()
    )
)
GOV_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))


def run(*args: Any):
    return CliRunner().invoke(main, [str(a) for a in args])


def load(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def cells(node: Any, path: tuple = ()):
    """Every (path, row) below a table: a row is a list or a mapping of figures."""
    if isinstance(node, list) or (
        isinstance(node, dict) and not any(isinstance(v, (dict, list)) for v in node.values())
    ):
        yield path, node
        return
    for key, value in node.items():
        yield from cells(value, (*path, key))


def imported(tmp_path: Path, page: Path, *extra: Any) -> tuple[Any, Any]:
    out = tmp_path / f"{page.stem}.yaml"
    result = run("import", page, "-o", out, *extra)
    return result, (load(out) if out.exists() else None)


@pytest.mark.parametrize("name", PAGES)
def test_every_figure_of_a_real_page_equals_its_transcription(tmp_path: Path, name: str) -> None:
    expected = load(PUBLISHED / f"{name}.expected.yaml")
    _, report = imported(tmp_path, PUBLISHED / f"{name}.html")
    assert (report["agency"], report["year"]) == (expected["agency"], expected["year"])
    assert report.get("format", 2019 if report["year"] <= 2020 else 2021) == expected["format"]
    compared = 0
    for table in ("proactive", "applications", "appeals"):
        for path, row in cells(expected["report"][table]):
            got = report[table]
            for step in path:
                got = got[step]
            assert got == row, (table, path)
            compared += len(row)
    assert compared > 150  # every figure of the three tables, not a sample


def test_a_published_arithmetic_error_is_kept_and_reported_at_its_cell(tmp_path: Path) -> None:
    result, report = imported(tmp_path, PUBLISHED / "shanghai-gov-office-2019.html")
    assert result.exit_code == 1
    assert report["applications"]["results"]["disclosed"] == [258, 12, 0, 0, 1, 1, 0]
    text = (tmp_path / "shanghai-gov-office-2019.yaml").read_text(encoding="utf-8")
    line = 1 + text.split("\n").index(
        next(line for line in text.split("\n") if line.strip().startswith("disclosed:"))
    )
    assert re.search(
        rf"shanghai-gov-office-2019\.yaml:{line}:\d+: 总计应等于.*258 \+ 12 \+ 0 \+ 0 \+ 1 \+ 1 = 272，这里填写的是 0",
        result.output,
    )
    assert (
        "表三“（一）予以公开”行“科研机构”“社会公益组织”“总计”列原表空白，按 0 读入" in result.output
    )


def test_the_parts_are_split_at_their_headings_as_markdown(tmp_path: Path) -> None:
    result, report = imported(tmp_path, PUBLISHED / "pingtan-2023.html")
    assert result.exit_code == 0, result.output
    assert report["title"] == "平潭综合实验区2023年度政府信息公开工作年度报告"
    assert report["preface"].startswith(
        "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号"
    )
    overview = report["overview"].split("\n\n")
    assert overview[0].startswith("2023年，平潭综合实验区坚持以习近平新时代")
    headings = [p for p in overview if p.startswith("#")]
    assert headings == [
        "# 主动公开方面",
        "# 依申请公开方面",
        "# 政府信息管理方面",
        "# 信息公开平台建设方面",
        "# 监督保障方面",
    ]
    assert len(report["problems"].split("\n\n")) == 3
    assert report["other"] == "2023年，无收取信息处理费情况。\n"
    assert "processing_fees" not in report  # the page says it in words, kept in other


def test_the_header_names_the_source_and_what_was_assumed(tmp_path: Path) -> None:
    imported(tmp_path, PUBLISHED / "shanghai-gov-office-2019.html")
    head = (
        (tmp_path / "shanghai-gov-office-2019.yaml").read_text(encoding="utf-8").split("kind:")[0]
    )
    assert "# 由 gencli import 从 shanghai-gov-office-2019.html 导入" in head
    assert "# 假定：表格格式为 国办公开办函〔2019〕60号（据表格的列判断）" in head
    assert "# 假定：135 个空白单元格（空白、“/”或“—”）按 0 读入，见各行注释" in head


@pytest.mark.parametrize("example", GOV_EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_build_then_import_gives_back_the_same_report(
    tmp_path: Path, example: Path, fmt: str
) -> None:
    assert run("build", example, "-o", tmp_path, "--to", fmt).exit_code == 0
    back = tmp_path / f"back-{example.stem}.yaml"
    result = run("import", tmp_path / f"{example.stem}.{fmt}", "-o", back)
    assert result.exit_code == 0, result.output
    compared = run("diff", example, back)
    assert compared.exit_code == 0, compared.output
    assert "两个版本的内容相同。" in compared.output


def test_a_page_that_is_not_a_report_writes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "news.html"
    page.write_text(
        "<html><head><title>平潭召开会议</title></head><body><p>今天召开会议。</p></body></html>",
        encoding="utf-8",
    )
    result = run("import", page)
    assert result.exit_code == 1
    assert "这不像是一份政府信息公开工作年度报告" in result.output
    assert not (tmp_path / "news.yaml").exists()


def test_a_report_missing_a_table_is_written_with_the_gap_marked(tmp_path: Path) -> None:
    html = (PUBLISHED / "pingtan-2023.html").read_text(encoding="utf-8")
    start = html.index("<table", html.index("四、政府信息公开行政复议"))
    page = tmp_path / "no-appeals.html"
    page.write_text(html[:start] + html[html.index("</table>", start) + 8 :], encoding="utf-8")
    result = run("import", page)
    assert result.exit_code == 1
    text = (tmp_path / "no-appeals.yaml").read_text(encoding="utf-8")
    assert "# 缺少：四、政府信息公开行政复议、行政诉讼情况：原文中没有找到这张表" in text
    assert "缺少四、政府信息公开行政复议、行政诉讼情况" in result.output
    assert load(tmp_path / "no-appeals.yaml")["applications"]["new"] == [80, 1, 0, 0, 0, 0, 81]


def test_an_existing_file_is_replaced_only_with_force(tmp_path: Path) -> None:
    target = tmp_path / "pingtan-2023.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = run("import", PUBLISHED / "pingtan-2023.html", "-o", target)
    assert result.exit_code == 1
    assert "已存在，不会覆盖" in result.output
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert run("import", PUBLISHED / "pingtan-2023.html", "-o", target, "--force").exit_code == 0
    assert load(target)["agency"] == "平潭综合实验区"


@pytest.mark.parametrize("declared", ["gbk", "gb2312", None])
def test_gbk_pages_read_from_their_meta_charset_or_detected(
    tmp_path: Path, declared: str | None
) -> None:
    html = (PUBLISHED / "pingtan-2023.html").read_text(encoding="utf-8")
    html = html.replace('charset="utf-8"', f'charset="{declared}"' if declared else "")
    page = tmp_path / "gbk.html"
    page.write_bytes(html.encode("gb18030"))
    _, report = imported(tmp_path, page)
    assert report["agency"] == "平潭综合实验区"
    assert report["appeals"]["litigation_direct"] == [4, 0, 0, 1, 5]
    assert report["overview"].startswith("2023年，平潭综合实验区坚持")


def test_values_are_read_by_cell_order_where_colspans_do_not_line_up(tmp_path: Path) -> None:
    html = (PUBLISHED / "shanghai-gov-office-2019.html").read_text(encoding="utf-8")
    row = '<tr><td><p>行政许可</p></td><td colspan="2"><p align="center">0</p></td><td><p align="center">0</p></td><td><p align="center">0</p></td></tr>'
    assert row in html
    mine = '<tr><td><p>行政许可</p></td><td colspan="2"><p align="center">9</p></td><td><p align="center">减 4</p></td><td><p align="center">—</p></td></tr>'
    page = tmp_path / "misaligned.html"
    page.write_text(html.replace(row, mine), encoding="utf-8")
    result, report = imported(tmp_path, page)
    assert report["proactive"]["licensing"] == {"last_year_items": 9, "change": -4, "decisions": 0}
    assert "表二“行政许可”行“处理决定数量”列原表空白，按 0 读入" in result.output


def test_a_title_broken_over_two_paragraphs_as_word_prints_it_is_read(tmp_path: Path) -> None:
    """平潭's 2019 and 2020 reports (changwu/pingtan-gov-zwgk-archive, commit 12f00b42,
    pingtan/zwgk/zfxxgk/zfxxgknb/202001/80576_… and 202103/80595_…) print their title as two
    centred Word paragraphs, "平潭综合实验区2020年" over "政府信息公开工作年度报告", in this
    markup. A page that does not repeat the title in `<title>` must still be read from them."""
    html = (PUBLISHED / "shanghai-gov-office-2019.html").read_text(encoding="utf-8")
    html = html.replace("<title>2019年上海市人民政府办公厅政府信息公开工作年度报告</title>", "")
    printed = (
        "<p style='text-align: center;font-weight: bold;'>"
        "2019年上海市人民政府办公厅政府信息公开工作年度报告</p>"
    )
    assert printed in html
    span = (
        '<span style="mso-spacerun:&#39;yes&#39;;font-family:方正小标宋简体;font-size:22.0000pt;">'
    )
    broken = (
        f'<p class="MsoNormal" style="text-align:center;">{span}<span style="font-family:'
        f'方正小标宋简体">上海市人民政府办公厅</span>2019年</span>{span}</span></p>'
        f'<p class="MsoNormal" style="text-align:center;">{span}政府信息公开工作年度报告</span></p>'
    )
    page = tmp_path / "word-title.html"
    page.write_text(html.replace(printed, broken), encoding="utf-8")
    result, report = imported(tmp_path, page)
    assert report is not None, result.output
    assert (report["agency"], report["year"]) == ("上海市人民政府办公厅", 2019)
    assert report["preface"].startswith("本年度报告根据《中华人民共和国政府信息公开条例》")
    assert report["applications"]["new"] == [821, 35, 0, 0, 2, 1, 859]


def test_labels_are_matched_whatever_their_spacing_and_punctuation(tmp_path: Path) -> None:
    html = (PUBLISHED / "shanghai-gov-office-2019.html").read_text(encoding="utf-8")
    html = html.replace("<p>（三）不予公开</p>", "<p>(三)&nbsp;不予<br/>公开</p>")
    html = html.replace("<p>1.属于国家秘密</p>", "<p>1、属于 国家秘密</p>")
    html = html.replace("<p>3.危及“三安全一稳定”</p>", '<p>3．危及"三安全一稳定"</p>')
    page = tmp_path / "spaced.html"
    page.write_text(html, encoding="utf-8")
    _, report = imported(tmp_path, page)
    withheld = report["applications"]["results"]["withheld"]
    assert withheld["state_secret"] == [14, 0, 0, 0, 0, 0, 0]
    assert withheld["inquiry"] == [10, 2, 0, 0, 0, 0, 0]


def test_the_published_pages_are_all_picked_up() -> None:
    assert {"pingtan-2023", "shanghai-gov-office-2019"} <= set(PAGES)


def test_a_folder_is_imported_in_parallel_with_a_summary(tmp_path: Path) -> None:
    source = tmp_path / "pages" / "sub"
    source.mkdir(parents=True)
    names = ("pingtan-2023", "shanghai-gov-office-2019")
    for name in names:
        (source / f"{name}.html").write_bytes((PUBLISHED / f"{name}.html").read_bytes())
    out = tmp_path / "out"
    result = run("import", tmp_path / "pages", "-o", out, "-j", "2")
    assert sorted(p.name for p in (out / "sub").iterdir()) == [f"{name}.yaml" for name in names]
    assert "共 2 份来源：写出 2 份，其中有错误或缺表的 1 份，未写出 0 份" in result.output
    assert result.exit_code == 1  # the Shanghai page's blank totals


def _convert(soffice: str, source: Path, to: str, folder: Path, *infilter: str) -> Path:
    import subprocess

    profile = (folder / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", *infilter, "--convert-to",
         to, "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / f"{source.stem}.{to.split(':')[0]}"


# A real page as LibreOffice saves it: a text PDF (Writer/Web's export), and a Word file (the
# page opened as a Writer document, as an office opening the saved page in Word would).
SAVED_AS = {
    "pdf": ("pdf:writer_web_pdf_Export",),
    "docx": ("docx:MS Word 2007 XML", "--infilter=HTML (StarWriter)"),
}


@pytest.mark.office
@pytest.mark.parametrize("saved_as", sorted(SAVED_AS))
@pytest.mark.parametrize("name", PAGES)
def test_a_pdf_or_word_file_of_a_real_page_gives_the_same_figures(
    tmp_path: Path, name: str, saved_as: str
) -> None:
    from .office import soffice_or_skip

    to, *infilter = SAVED_AS[saved_as]
    saved = _convert(soffice_or_skip(), PUBLISHED / f"{name}.html", to, tmp_path, *infilter)
    assert saved.suffix == f".{saved_as}"
    expected = load(PUBLISHED / f"{name}.expected.yaml")
    _, report = imported(tmp_path, saved)
    assert (report["agency"], report["year"]) == (expected["agency"], expected["year"])
    for table in ("proactive", "applications", "appeals"):
        for path, row in cells(expected["report"][table]):
            got = report[table]
            for step in path:
                got = got[step]
            assert got == row, (table, path)


@pytest.mark.office
def test_a_doc_file_is_imported_through_libreoffice(tmp_path: Path) -> None:
    from .office import soffice_or_skip

    example = EXAMPLES / "fujian-amr-2020.yaml"
    assert run("build", example, "-o", tmp_path, "--to", "docx").exit_code == 0
    doc = _convert(soffice_or_skip(), tmp_path / "fujian-amr-2020.docx", "doc", tmp_path / "doc")
    back = tmp_path / "back.yaml"
    result = run("import", doc, "-o", back)
    assert result.exit_code == 0, result.output
    assert run("diff", example, back).exit_code == 0


def test_a_scanned_pdf_says_it_has_no_text(tmp_path: Path) -> None:
    from PIL import Image

    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(scan, "PDF")
    result = run("import", scan)
    assert result.exit_code == 1
    assert "这份 PDF 没有文字层（可能是扫描件），无法读取" in result.output
    assert not (tmp_path / "scan.yaml").exists()


def test_a_doc_without_libreoffice_gets_a_clear_message(tmp_path: Path, monkeypatch) -> None:
    import shutil

    real = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda name: None if name in ("soffice", "libreoffice") else real(name)
    )
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0 not really a doc")
    result = run("import", old)
    assert result.exit_code == 1
    assert (
        "导入 .doc 文件需要 LibreOffice（soffice）把它转换为 .docx，本机没有安装" in result.output
    )


@pytest.mark.parametrize(
    "args", [("--help",), ("validate", str(EXAMPLES / "fujian-amr-2020.yaml"))]
)
def test_help_and_validate_do_not_import_the_importers(args: tuple[str, ...]) -> None:
    from .test_lazy_imports import imported as modules

    watched = ("pdfplumber", "charset_normalizer", "gencli.importing", "gencli.importing.tables")
    assert modules(*args, watched=watched) == []


def test_a_work_summary_page_comes_back_with_its_headings_and_run_in_headings(
    tmp_path: Path,
) -> None:
    example = EXAMPLES / "work-summary" / "fuzhou-amr-rule-of-law-2020.yaml"
    assert run("build", example, "-o", tmp_path, "--to", "html").exit_code == 0
    back = tmp_path / "back.yaml"
    result = run("import", tmp_path / f"{example.stem}.html", "--kind", "work-summary", "-o", back)
    assert result.exit_code == 0, result.output
    assert run("diff", example, back).exit_code == 0
    body = load(back)["body"].split("\n\n")
    assert "# 持续深入推进“放管服”改革" in body
    assert "### 持续深化行政审批制度改革" in body
    assert any(p.startswith("### 严格执行规范性文件审查和备案。根据") for p in body)  # 段首标题


def test_a_work_summary_whose_page_does_not_name_its_agency_leaves_it_out(tmp_path: Path) -> None:
    example = EXAMPLES / "work-summary" / "anhui-amr-open-government-2019.yaml"
    assert run("build", example, "-o", tmp_path, "--to", "html").exit_code == 0
    back = tmp_path / "back.yaml"
    result = run("import", tmp_path / f"{example.stem}.html", "--kind", "work-summary", "-o", back)
    assert result.exit_code == 0, result.output
    text = back.read_text(encoding="utf-8")
    assert "# 假定：标题和落款中都没有机关名称，未写 agency" in text
    report, original = load(back), load(example)
    assert "agency" not in report
    assert (report["title"], report["year"], report["body"]) == (
        original["title"],
        original["year"],
        original["body"],
    )
