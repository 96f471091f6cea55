"""法治政府建设年度报告 (rule-of-law-annual): the five parts of 《法治政府建设与责任落实督察工作规定》
第二十五条, titled with the year, in fixed order, with the default title and part 五's default
sentence. The report is neutral placeholder text: no published report of this kind is transcribed
(the 福州 seed is a topical 工作总结, see examples/work-summary/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openxml_audit import OpenXmlValidator

from gencli.cli.commands import main
from gencli.document.model import Heading, Paragraph, Signature, Table

from .conftest import CASES
from .kinds import build, document_of, headings, undocumented
from .office import docx_to_pdf, pdf_text
from .test_build import document_xml, style_names, text_of

CASE = CASES / "rule-of-law-annual" / "valid" / "five-parts.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARTS_2023 = [
    "一、2023年推进法治政府建设的主要举措和成效",
    "二、2023年推进法治政府建设存在的不足和原因",
    "三、2023年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
    "四、2024年推进法治政府建设的主要安排",
    "五、其他需要报告的情况",
]


def run(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def variant(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "variant.yaml"
    text = CASE.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_five_parts_in_order_titled_with_the_year_and_the_next() -> None:
    document = document_of(CASE)
    parts = [b.text for b in document.blocks if isinstance(b, Heading) and b.level == 1]
    assert parts == PARTS_2023


def test_default_title_and_a_given_one(tmp_path: Path) -> None:
    assert document_of(CASE).title == "某某市某某局2023年法治政府建设年度报告"
    title = "某某市某某局关于2023年法治政府建设情况的报告"
    given = variant(tmp_path, "year: 2023\n", f"year: 2023\ntitle: {title}\n")
    assert document_of(given).title == "某某市某某局关于2023年法治政府建设情况的报告"


def test_part_five_defaults_to_the_sentence_or_prints_what_is_given(tmp_path: Path) -> None:
    blocks = document_of(CASE).blocks
    five = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.number == "五、")
    assert blocks[five + 1].text == "本机关无其他需要报告的情况。"
    given = variant(tmp_path, "next_year: |", "other: |\n  占位的其他情况。\nnext_year: |")
    blocks = document_of(given).blocks
    five = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.number == "五、")
    assert [b.text for b in blocks[five + 1 :] if isinstance(b, Paragraph)] == ["占位的其他情况。"]


def test_narrative_headings_number_below_the_parts() -> None:
    found = headings(document_of(CASE))
    assert found[1:4] == ["（一）第一项举措。", "（二）第二项举措", "1.第一个小项"]
    run_in = next(b for b in document_of(CASE).blocks if isinstance(b, Heading) and b.run_in)
    assert "".join(r.text for r in run_in.run_in) == "占位文字，说明本项举措的内容。"


def test_preface_figures_table_and_signature() -> None:
    blocks = document_of(CASE).blocks
    assert blocks[0].text == "现将本机关2023年法治政府建设情况报告如下。"
    assert any(b.text == "占位文字，引用年度：2023年。" for b in blocks if isinstance(b, Paragraph))
    table = next(b for b in blocks if isinstance(b, Table))
    assert [[c.text for c in row] for row in table.rows] == [
        ["项目", "数量"],
        ["甲", "1"],
        ["乙", "2"],
    ]
    assert blocks[-1] == Signature("某某市某某局", "2024年3月20日")


def test_every_property_is_documented_in_chinese() -> None:
    assert undocumented("rule-of-law-annual") == []


def test_schema_titles_leave_out_the_year() -> None:
    schema = run("schema", "rule-of-law-annual")
    assert schema.exit_code == 0
    assert '"title": "四、推进法治政府建设的主要安排"' in schema.output
    assert "印出的标题为“四、{下一年度}年推进法治政府建设的主要安排”" in schema.output


def test_init_skeleton_validates_and_builds(tmp_path: Path) -> None:
    target = tmp_path / "report.yaml"
    result = run(
        "init",
        "--kind",
        "rule-of-law-annual",
        "--year",
        2024,
        "--agency",
        "某某市某某局",
        "-o",
        target,
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "# 四、2025年推进法治政府建设的主要安排" in text
    checked = run("validate", target)
    assert checked.exit_code == 0, checked.output
    assert "警告 4 处" in checked.output  # the four required parts are still empty
    assert run("build", target, "-o", tmp_path).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--agency", "某局"), "rule-of-law-annual 报告需要 --year（报告年度）"),
        (("--year", 2024), "rule-of-law-annual 报告需要 --agency（报告机关）"),
        (
            ("--year", 2018, "--agency", "某局"),
            "--year 应在 2019 至 2100 之间，这里是 2018：年度报告的五部分内容",
        ),
    ],
)
def test_init_explains_missing_or_wrong_options(args, message) -> None:
    result = run("init", "--kind", "rule-of-law-annual", *args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rule-of-law")
    build(CASE, out)
    return out / "five-parts.docx"


def test_docx_parts_are_level_one_headings(built: Path) -> None:
    names = style_names(built)
    level_one = []
    for p in document_xml(built).iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and names[style.get(W + "val")] == "一级标题":
            level_one.append(text_of(p))
    assert level_one == PARTS_2023
    assert OpenXmlValidator().validate(built).is_valid


@pytest.mark.office
def test_pdf_prints_the_five_parts_default_sentence_and_signature(built: Path) -> None:
    compact = re.sub(r"\s", "", pdf_text(docx_to_pdf(built)))
    positions = [compact.index(title) for title in PARTS_2023]
    assert positions == sorted(positions)
    assert compact.index("本机关无其他需要报告的情况。") > positions[-1]
    assert compact.index("某某市某某局2024年3月20日") > compact.index(
        "本机关无其他需要报告的情况。"
    )
