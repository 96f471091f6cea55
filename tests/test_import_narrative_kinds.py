"""`gencli import --kind rule-of-law-annual|plan`: gencli's own .docx and .html of every example
come back as the same report (`gencli diff` shows no change), a page missing a part is written
with the gap marked, a page that is no such report writes nothing, and the real 福州 pages
(tests/published/*.txt) are read as what they are."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from click.testing import CliRunner
from lxml.html import builder
from ruamel.yaml import YAML

from gencli.cli.commands import main

from .conftest import CASES, EXAMPLES, ROOT

PUBLISHED = ROOT / "tests" / "published"
ROUND_TRIP = ROOT / "tests" / "roundtrip"
KINDS = ("rule-of-law-annual", "plan")


def run(*args: Any):
    return CliRunner().invoke(main, [str(a) for a in args])


def load(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def examples() -> list[Path]:
    """Every example of the two kinds, and the neutral reports kept for this round trip."""
    found = [p for p in sorted(EXAMPLES.rglob("*.yaml")) if load(p).get("kind") in KINDS]
    return found + sorted(ROUND_TRIP.glob("*.yaml"))


def dated(example: Path, folder: Path) -> Path:
    """A plan with its 成文日期: the published plan prints no 署名, so its agency is on no page;
    with a date, agency and date are printed after the text and can come back."""
    text = example.read_text(encoding="utf-8")
    agency = f"agency: {load(example)['agency']}\n"
    folder.mkdir()
    copy = folder / example.name
    copy.write_text(text.replace(agency, agency + "date: 2022-04-07\n"), encoding="utf-8")
    return copy


def built_and_imported(tmp_path: Path, example: Path, fmt: str) -> tuple[Any, Path]:
    kind = load(example)["kind"]
    assert run("build", example, "-o", tmp_path, "--to", fmt).exit_code == 0
    back = tmp_path / f"back-{example.stem}.yaml"
    return run("import", tmp_path / f"{example.stem}.{fmt}", "--kind", kind, "-o", back), back


def page_of_text(text: Path, folder: Path) -> Path:
    """A page holding a saved page's text, a paragraph to a line (as the portal printed it)."""
    lines = [line.strip() for line in text.read_text(encoding="utf-8").splitlines()]
    body = builder.BODY(*(builder.P(line) for line in lines if line))
    page = builder.HTML(builder.HEAD(builder.META(charset="utf-8")), body)
    path = folder / f"{text.stem}.html"
    path.write_bytes(lxml.html.tostring(page, encoding="utf-8", doctype="<!DOCTYPE html>"))
    return path


def test_there_is_an_example_of_each_kind() -> None:
    assert {load(p)["kind"] for p in examples()} == set(KINDS)


@pytest.mark.parametrize("example", examples(), ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_build_then_import_gives_back_the_same_report(
    tmp_path: Path, example: Path, fmt: str
) -> None:
    report = load(example)
    if report["kind"] == "plan" and "agency" in report and "date" not in report:
        example = dated(example, tmp_path / "dated")
    result, back = built_and_imported(tmp_path, example, fmt)
    assert result.exit_code == 0, result.output
    compared = run("diff", example, back)
    assert compared.exit_code == 0, compared.output
    assert "两个版本的内容相同。" in compared.output


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_a_plan_without_signature_comes_back_without_its_agency(tmp_path: Path, fmt: str) -> None:
    example = EXAMPLES / "plan" / "fuzhou-amr-14th-five-year-plan.yaml"
    result, back = built_and_imported(tmp_path, example, fmt)
    assert result.exit_code == 0, result.output
    assert "# 假定：原文没有署名（编制机关），未写 agency" in back.read_text(encoding="utf-8")
    compared = run("diff", example, back)
    assert compared.output.splitlines()[2:5] == [
        "其他变动 1 处：",
        "  报告机关：福州市市场监督管理局（知识产权局） → ",
        "勾稽关系仍成立。",
    ]


def test_the_header_names_the_source_and_the_parts_their_titles(tmp_path: Path) -> None:
    example = ROUND_TRIP / "rule-of-law-annual-own-title.yaml"
    result, back = built_and_imported(tmp_path, example, "html")
    assert result.exit_code == 0, result.output
    text = back.read_text(encoding="utf-8")
    assert text.splitlines()[1:4] == [
        "# 某某市某某委员会关于2021年度法治政府建设情况的报告"
        "（《法治政府建设与责任落实督察工作规定》第二十五条）",
        "# 由 gencli import 从 rule-of-law-annual-own-title.html 导入",
        "# 假定：原文末尾没有成文日期（落款），未写 date",
    ]
    assert "# 四、2022年推进法治政府建设的主要安排\nnext_year: |\n" in text
    report = load(back)
    assert (report["title"], report["agency"]) == (
        "某某市某某委员会关于2021年度法治政府建设情况的报告",
        "某某市某某委员会",
    )


def _without_part(page: Path, heading: str, number: int) -> Path:
    """The page with its `number`-th `heading` element and what follows up to the next one."""
    root = lxml.html.parse(str(page)).getroot()
    found = list(root.iter(heading))[number]
    following = found.getnext()
    while following is not None and following.tag != heading:
        after = following.getnext()
        following.drop_tree()
        following = after
    found.drop_tree()
    out = page.with_name(f"missing-{page.name}")
    out.write_bytes(lxml.html.tostring(root, encoding="utf-8"))
    return out


def test_a_page_missing_a_part_is_written_with_the_gap_marked(tmp_path: Path) -> None:
    example = ROUND_TRIP / "rule-of-law-annual-default-title.yaml"
    assert run("build", example, "-o", tmp_path, "--to", "html").exit_code == 0
    page = _without_part(tmp_path / f"{example.stem}.html", "h2", 1)
    out = tmp_path / "missing.yaml"
    result = run("import", page, "--kind", "rule-of-law-annual", "-o", out)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        f"{out}:1:1: 缺少二、2022年推进法治政府建设存在的不足和原因：原文中没有找到这一部分"
        in lines
    )
    assert (
        f"{out}:32:15: 警告：二、推进法治政府建设存在的不足和原因 为空："
        "《法治政府建设与责任落实督察工作规定》第二十五条要求报告此项内容"
    ) in lines
    text = out.read_text(encoding="utf-8")
    assert "# 缺少：二、2022年推进法治政府建设存在的不足和原因：原文中没有找到这一部分" in text
    report, original = load(out), load(example)
    assert report["shortcomings"] == ""
    for key in ("preface", "measures", "leadership", "next_year", "date"):
        assert str(report[key]) == str(original[key]), key


def test_a_plan_missing_a_chapter_is_written_with_the_gap_marked(tmp_path: Path) -> None:
    example = EXAMPLES / "plan" / "fuzhou-amr-14th-five-year-plan.yaml"
    assert run("build", example, "-o", tmp_path, "--to", "html").exit_code == 0
    page = _without_part(tmp_path / f"{example.stem}.html", "h2", 1)
    out = tmp_path / "missing.yaml"
    result = run("import", page, "--kind", "plan", "-o", out)
    assert result.exit_code == 1
    assert f"{out}:1:1: 缺少第二章：原文中没有找到这一章" in result.output
    chapters = [c["title"] for c in load(out)["chapters"]]
    assert chapters == ["发展基础和形势挑战", "重点任务", "保障措施"]


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (
            "rule-of-law-annual",
            "这不像是一份法治政府建设年度报告：没有找到“某机关2023年法治政府建设年度报告”这样的标题",
        ),
        ("plan", "这不像是一份规划：没有找到以“规划”结尾的标题"),
    ],
)
def test_a_page_that_is_not_such_a_report_writes_nothing(
    tmp_path: Path, kind: str, message: str
) -> None:
    page = tmp_path / "news.html"
    page.write_text(
        "<html><head><title>平潭召开会议</title></head><body><p>今天召开会议。</p></body></html>",
        encoding="utf-8",
    )
    result = run("import", page, "--kind", kind)
    assert result.exit_code == 1
    assert f"{page}:1:1: {message}；未写出文件" in result.output
    assert not (tmp_path / "news.yaml").exists()


def test_a_table_in_a_part_is_listed_not_dropped(tmp_path: Path) -> None:
    case = CASES / "rule-of-law-annual" / "valid" / "five-parts.yaml"
    result, back = built_and_imported(tmp_path, case, "docx")
    assert result.exit_code == 0, result.output
    line = "一、2023年推进法治政府建设的主要举措和成效中的表格（3 行）未读入，请对照原文补录"
    assert f"警告：未能放入报告（列在文末注释中）：{line}" in result.output
    assert back.read_text(encoding="utf-8").endswith(
        f"# 未能放入报告的内容（请对照原文处理）：\n#   {line}\n"
    )


def test_the_real_rule_of_law_summary_is_not_read_as_the_annual_report(tmp_path: Path) -> None:
    """The 福州 2020 法治政府建设工作总结 is arranged by fields of work (see
    examples/work-summary/), not in the five parts of 第二十五条: it is refused, with the way in."""
    page = page_of_text(PUBLISHED / "fuzhou-amr-rule-of-law-2020.txt", tmp_path)
    result = run("import", page, "--kind", "rule-of-law-annual")
    assert result.exit_code == 1
    assert (
        "这不像是一份法治政府建设年度报告：没有找到《法治政府建设与责任落实督察工作规定》第二十五条"
        "规定的各部分（如“一、2020年推进法治政府建设的主要举措和成效”）；按工作领域编排的总结请用 "
        "--kind work-summary 导入；未写出文件"
    ) in result.output
    assert not page.with_suffix(".yaml").exists()


def test_the_real_plan_page_gives_the_chapters_of_its_transcription(tmp_path: Path) -> None:
    """The page of the 福州 plan, published under the 通知 that issues it: the 通知 is listed,
    not read; the chapters and each one's first paragraph are those of the transcription
    (examples/plan/, whose punctuation was restored to full width, hence NFKC)."""
    page = page_of_text(PUBLISHED / "fuzhou-amr-14th-five-year-plan.txt", tmp_path)
    out = tmp_path / "plan.yaml"
    result = run("import", page, "--kind", "plan", "-o", out)
    assert result.exit_code == 0, result.output
    report = load(out)
    transcribed = load(EXAMPLES / "plan" / "fuzhou-amr-14th-five-year-plan.yaml")
    assert report["title"] == "福州市“十四五”市场监管现代化规划"
    assert [c["title"] for c in report["chapters"]] == [c["title"] for c in transcribed["chapters"]]

    def first(text: str) -> str:
        return unicodedata.normalize("NFKC", text.split("\n\n")[0])

    for got, want in zip(report["chapters"], transcribed["chapters"]):
        assert first(got["body"]) == first(want["body"])
    assert first(report["preface"]) == first(transcribed["preface"])
    text = out.read_text(encoding="utf-8")
    assert (
        "#   标题之前的文字未读入：《福州市“十四五”市场监管现代化规划》已经市政府研究同意,"
        "现印发给你们,请认真组织实施。\n"
    ) in text


def test_a_work_summary_docx_comes_back_with_its_run_in_and_full_stop_headings(
    tmp_path: Path,
) -> None:
    """gencli's Word file marks a 段首标题 by the heading's character style, and a heading that
    ends in 。 by its paragraph style (三级标题): both are read back as the headings they were."""
    example = EXAMPLES / "work-summary" / "fuzhou-amr-rule-of-law-2020.yaml"
    result, back = built_and_imported(tmp_path, example, "docx")
    assert result.exit_code == 0, result.output
    assert run("diff", example, back).exit_code == 0
    body = load(back)["body"].split("\n\n")
    assert "### 创新行政执法方式。" in body
    assert any(p.startswith("### 严格执行规范性文件审查和备案。根据") for p in body)
