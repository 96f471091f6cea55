"""Author mistakes a case file in tests/cases cannot express: files that are not a report's YAML
under another name, long titles, deep headings, dates, and how often a batch says an error."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

from gencli.cli.commands import main
from gencli.loading.filetypes import identify

from .conftest import CASES, EXAMPLES

INVALID = CASES / "gov-info-annual" / "invalid"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def _ole(stream: str) -> bytes:
    """An OLE compound file's header and a directory entry naming `stream` (UTF-16LE)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return header + stream.encode("utf-16-le") + bytes(64)


def test_file_types_are_told_by_content() -> None:
    assert identify(_zip("[Content_Types].xml", "word/document.xml")) == "Word 文件（.docx）"
    assert identify(_zip("[Content_Types].xml", "xl/workbook.xml")) == "Excel 文件（.xlsx）"
    assert identify(_zip("报告.yaml")) == "压缩文件（zip）"
    assert identify(_ole("WordDocument")) == "Word 文件（.doc/.wps）"
    assert identify(_ole("Workbook")) == "Office 旧格式文件（.xls/.ppt 等）"
    assert identify(b"%PDF-1.4\n") == "PDF 文件"
    assert identify("\ufeff<!-- 导出 -->\n<HTML><body>".encode()) == "网页文件（HTML）"


def test_reports_mentioning_those_formats_are_still_reports() -> None:
    assert identify(b"kind: gov-info-annual\n# <html> %PDF- PK\n") is None
    assert identify("overview: <html>不是开头\n".encode()) is None


def test_a_word_file_named_docx_is_named_by_validate_and_build(tmp_path: Path) -> None:
    doc = tmp_path / "报告.doc"
    doc.write_bytes(_ole("WordDocument"))
    result = run("validate", doc)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{doc}:1:1: 这是 Word 文件（.doc/.wps），不是报告的 YAML：gencli 检查和生成的是用 YAML "
        "书写的报告源文件（gencli init 生成），请确认选对了文件；已发布的报告可用 gencli import "
        "导入为 YAML（需安装 LibreOffice）\n"
    )
    built = run("build", INVALID / "word-file.yaml", "-o", tmp_path / "out")
    assert built.exit_code == 1
    assert "word-file.yaml:1:1: 这是 Word 文件（.docx），不是报告的 YAML" in built.stdout
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


AMR = EXAMPLES / "fujian-amr-2020.yaml"
COMMERCE = EXAMPLES / "fujian-commerce-2020.yaml"
PROBLEMS_EMPTY = CASES / "gov-info-annual" / "warning" / "problems-empty.yaml"


def test_build_strict_refuses_a_report_with_warnings_as_validate_does(tmp_path: Path) -> None:
    relaxed = run("build", PROBLEMS_EMPTY, "-o", tmp_path / "relaxed", "--to", "html")
    assert relaxed.exit_code == 0, relaxed.output
    strict = run("build", "--strict", PROBLEMS_EMPTY, "-o", tmp_path / "strict", "--to", "html")
    assert strict.exit_code == 1
    assert strict.stdout.startswith(f"{PROBLEMS_EMPTY}:8:11: 警告：五、存在的主要问题及改进情况")
    assert strict.stderr == "未生成文件：有警告（--strict）。\n"
    assert not (tmp_path / "strict" / "problems-empty.html").exists()


def test_a_single_failed_build_says_so_once_without_repeating_the_error(tmp_path: Path) -> None:
    balance = INVALID / "balance.yaml"
    result = run("build", balance, "-o", tmp_path)
    assert result.exit_code == 1
    assert result.stdout.count("勾稽关系不成立") == 1
    assert result.stderr == "未生成文件：错误 1 处。\n"


def _agency_copy(folder: Path, name: str, source: Path = AMR) -> Path:
    folder.mkdir(exist_ok=True)
    copy = folder / name
    copy.write_bytes(source.read_bytes())
    return copy


def test_aggregate_refuses_one_agency_twice_and_names_both_files(tmp_path: Path) -> None:
    first = _agency_copy(tmp_path / "各局", "县市场监管局.yaml")
    revised = _agency_copy(tmp_path / "各局", "县市场监管局（修改版）.yaml")
    result = run("aggregate", first, revised, COMMERCE, "--agency", "县政府办")
    assert result.exit_code == 1
    assert result.stderr == (
        "无法汇总：以下机关各有不止一份报告，汇总会把它们的数字重复相加（请只留一份；"
        "确属同名的不同机关时加 --allow-same-agency）：\n"
        f"  福建省市场监督管理局：{first}、{revised}\n"
    )
    allowed = run(
        "aggregate",
        first,
        revised,
        "--agency",
        "县政府办",
        "--allow-same-agency",
        "-o",
        tmp_path / "汇总.yaml",
    )
    assert allowed.exit_code == 0, allowed.output
    assert "汇总了 2 份报告" in allowed.stderr


def test_aggregate_only_reports_skips_other_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "仓库"
    _agency_copy(folder, "市场监管局.yaml")
    _agency_copy(folder, "商务厅.yaml", COMMERCE)
    (folder / "ci.yaml").write_text("kind: Workflow\non: push\n", encoding="utf-8")
    output = tmp_path / "汇总.yaml"
    refused = run("aggregate", folder, "--agency", "省", "-o", output)
    assert refused.exit_code == 1 and "ci.yaml" in refused.stderr
    result = run("aggregate", "--only-reports", folder, "--agency", "省", "-o", output)
    assert result.exit_code == 0, result.output
    assert f"已写入 {output}：汇总了 2 份报告" in result.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_aggregate_shows_a_progress_bar_on_a_terminal(monkeypatch) -> None:
    from gencli.operations.aggregate import aggregate

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    result = aggregate([AMR, COMMERCE], "省", "schema.json")
    assert result.summed == [str(AMR), str(COMMERCE)]
    assert "检查" in terminal.getvalue() and "2/2" in terminal.getvalue()


def _uncommented(text: str, key: str) -> str:
    """`text` with the `# 上年内容：` lines above `key: ""` made the part's text again, as an
    author who keeps last year's wording does."""
    lines = text.splitlines()
    end = lines.index(f'{key}: ""')
    start = end
    while lines[start - 1].startswith("# 上年内容："):
        start -= 1
    kept = [line.removeprefix("# 上年内容：") for line in lines[start:end]]
    body = [f"{key}: |", *(f"  {line}" if line else "" for line in kept)]
    return "\n".join([*lines[:start], *body, *lines[end + 1 :]]) + "\n"


def test_init_from_keeps_paragraphs_apart_so_uncommenting_gives_them_back(tmp_path: Path) -> None:
    target = tmp_path / "2021.yaml"
    assert run("init", "--from", AMR, "-o", target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "# 上年内容：2020年，我局根据" in text
    assert "\n# 上年内容：\n# 上年内容：全年我局主动公开政府信息1055条；" in text
    target.write_text(_uncommented(text, "overview"), encoding="utf-8")
    from gencli.checking.validation import check_file

    assert check_file(target).normalized["overview"] == check_file(AMR).normalized["overview"]


def test_init_from_carries_the_date_a_year_on(tmp_path: Path) -> None:
    last = tmp_path / "2020.yaml"
    last.write_text(
        AMR.read_text(encoding="utf-8").replace("year: 2020\n", "year: 2020\ndate: 2021-01-28\n"),
        encoding="utf-8",
    )
    rolled = run("init", "--from", last)
    assert rolled.exit_code == 0, rolled.output
    assert "\n# date: 2022-01-28        # 成文日期" in rolled.stdout
    fresh = run("init", "--year", "2024", "--agency", "测试局")
    assert "\n# date: 2025-01-20        # 成文日期" in fresh.stdout  # the year after the report's


FIVE_PARTS = CASES / "rule-of-law-annual" / "valid" / "five-parts.yaml"


def test_a_rule_of_law_report_rolls_over_as_an_outline(tmp_path: Path) -> None:
    target = tmp_path / "2024.yaml"
    result = run("init", "--from", FIVE_PARTS, "-o", target)
    assert result.exit_code == 0, result.output
    assert "生成 2024 年报告" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert "year: 2024\n" in text and "# date: 2025-03-20 " in text
    assert "# 一、2024年推进法治政府建设的主要举措和成效\n# 上年内容：# 第一项举措。" in text
    assert "measures: |\n  # 第一项举措\n\n  正文。\n\n  # 第二项举措\n\n  正文。\n" in text
    assert "shortcomings: |\n  正文。\n" in text
    checked = run("validate", target)
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.count("警告：“正文。”是 gencli init 骨架中的占位文字") == 6


def test_a_work_summary_rolls_over_its_title_and_outline(tmp_path: Path) -> None:
    last = tmp_path / "2024.yaml"
    last.write_text(
        "kind: work-summary\ntitle: 某某局2024年工作总结\nagency: 某某局\nyear: 2024\n"
        "date: 2025-01-18\nbody: |\n  开头一段。\n\n  # 第一部分\n\n  第一部分的正文。\n",
        encoding="utf-8",
    )
    result = run("init", "--from", last)
    assert result.exit_code == 0, result.output
    assert "\ntitle: 某某局2025年工作总结\nagency: 某某局\nyear: 2025\n" in result.stdout
    assert "# date: 2026-01-18 " in result.stdout
    assert "body: |\n  正文。\n\n  # 第一部分\n\n  正文。\n" in result.stdout
    without_year = tmp_path / "无年度.yaml"
    without_year.write_text("kind: work-summary\ntitle: 总结\nbody: 正文。\n", encoding="utf-8")
    refused = run("init", "--from", without_year)
    assert refused.exit_code == 2
    assert "上年报告没有写 year（报告年度），无法推算下一年度" in refused.output


MINIMAL = CASES / "gov-info-annual" / "valid" / "minimal-2019.yaml"


def _report(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "report.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return path


def _texts(path: Path) -> list[str]:
    from gencli.checking.validation import check_file

    return [d.as_text().split("\n")[0] for d in check_file(path, name="r.yaml").diagnostics]


def test_a_default_title_too_long_for_word_is_found_at_the_agency(tmp_path: Path) -> None:
    path = _report(tmp_path, "agency: 测试局", "agency: " + "某" * 240)
    assert _texts(path) == [
        "r.yaml:2:9: 由报告机关名称生成的标题过长（257 个字）：Word 文件的“标题”属性最多 255 个字，"
        "请缩短报告机关名称，或用 title: 写一个较短的标题"
    ]  # 240 characters, 2020年 and 政府信息公开工作年度报告
    built = run("build", path, "-o", tmp_path / "out")
    assert built.exit_code == 1 and "内部错误" not in built.output


def _items(count: int, heading: str = "") -> str:
    lines = [f"  # {heading}\n"] if heading else []
    lines += [f"  - 第{i}项" for i in range(1, count + 1)]
    return "problems: |\n" + "\n".join(lines) + "\n"


def test_list_items_count_on_the_numbering_of_their_level(tmp_path: Path) -> None:
    # Directly in a part a list numbers （一）（二）…, which stops at （九十九）.
    chinese = _report(tmp_path, "problems: 无明显问题。\n", _items(100))
    assert _texts(chinese) == [
        "r.yaml:108:1: 同一级的标题或列表项超过 99 个：编号最多到“（九十九）”，"
        "请合并部分内容，或分到下一级标题之下"
    ]
    # Under a （一） heading the list numbers 1. 2. …, which goes on.
    arabic = _report(tmp_path, "problems: 无明显问题。\n", _items(150, "问题清单"))
    assert _texts(arabic) == []
    assert run("build", arabic, "-o", tmp_path / "out", "--to", "docx").exit_code == 0


def test_the_readme_sample_is_one_format_and_validates(tmp_path: Path) -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\nkind: gov-info-annual\n") + len("```yaml\n")
    sample = readme[start : readme.index("```", start)].replace("  ……", "  本年度……")
    path = tmp_path / "sample.yaml"
    path.write_text(sample, encoding="utf-8")
    assert _texts(path) == []
    assert "year: 2023" in sample and "processing_fees" in sample  # the 2021 format's keys


def _dated(tmp_path: Path, agency: str, date: str) -> list[str]:
    text = f"agency: {agency}\nyear: 2020\ndate: {date}"
    return _texts(_report(tmp_path, "agency: 测试局\nyear: 2020", text))


def test_the_longest_ending_of_the_agency_name_tells_its_deadline(tmp_path: Path) -> None:
    office = _dated(tmp_path, "某某县人民政府办公室", "2021-02-01")
    assert len(office) == 1 and "第四十九条第一款规定县级以上人民政府部门" in office[0]
    assert _dated(tmp_path, "某某县人民政府", "2021-03-31") == []
    assert _dated(tmp_path, "平潭综合实验区", "2021-03-01") == []  # unclear: the later deadline
    assert _dated(tmp_path, "县水利局", "2021-01-31") == []


KIND_NAMES = {
    "gov-info-annual": "政府信息公开工作年度报告",
    "rule-of-law-annual": "法治政府建设年度报告",
    "work-summary": "工作总结",
    "plan": "规划",
}


def test_kind_choices_show_their_chinese_names() -> None:
    from gencli.kinds import KINDS

    assert set(KINDS) == set(KIND_NAMES)  # a new kind: name it here and in `schema`'s help
    for command in ("init", "schema"):
        shown = "".join(run(command, "--help").output.split())  # help wraps lines
        for name, title in KIND_NAMES.items():
            assert f"{name}（{title}）" in shown, (command, name)
    refused = run("schema")
    assert refused.exit_code == 2 and "work-summary（工作总结）" in refused.output
