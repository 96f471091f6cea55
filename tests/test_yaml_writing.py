"""The YAML gencli writes (`init`, `init --from`, `aggregate`): emitted by ruamel.yaml from data,
so any agency name comes back exactly, and read back before it is kept."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from gencli.base.yaml_writing import EMPTY, Block, WritingError, block, flow
from gencli.checking.validation import check_file, check_text
from gencli.cli.commands import main
from gencli.kinds.gov_info_annual.skeleton import skeleton
from gencli.kinds.skeleton_common import Start

from .conftest import CASES

MINIMAL = CASES / "gov-info-annual" / "valid" / "minimal-2019.yaml"  # small, so the loop is quick

# Names that f-strings wrote wrong: cut at ` #`, refused at `: `, retyped as null or a number,
# read as a sequence, an alias, a tag, a flow mapping, or stripped of their spaces.
NAMES = [
    "某市: 局",
    "某市 #2 局",
    "- 某局",
    "*某局",
    "&某局",
    "!某局",
    "%某局",
    "@某局",
    "`某局`",
    "'某局'",
    '"某局"',
    '某局\'s "办公室"',
    "{某局}",
    "[某局]",
    "null",
    "123",
    "某局  ",
    "yes",
    "福建省: 汇总",
]


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def _init(kind: str) -> object:
    return lambda out, name: ["init", "--kind", kind, "--year", 2024, "--agency", name, "-o", out]


WRITERS = {
    "init-gov-info-annual": _init("gov-info-annual"),
    "init-rule-of-law-annual": _init("rule-of-law-annual"),
    "init-work-summary": _init("work-summary"),
    "init-plan": _init("plan"),
    "init-from": lambda out, name: ["init", "--from", MINIMAL, "--agency", name, "-o", out],
    "aggregate": lambda out, name: ["aggregate", MINIMAL, "-j", 1, "--agency", name, "-o", out],
}


@pytest.mark.parametrize("name", NAMES)
def test_every_writer_writes_the_agency_exactly_and_the_file_validates(
    tmp_path: Path, name: str
) -> None:
    written = []
    for what, command in WRITERS.items():
        out = tmp_path / f"{what}.yaml"
        result = run(*command(out, name))  # type: ignore[operator]
        assert result.exit_code == 0, (what, result.output)
        data = yaml.safe_load(out.read_text(encoding="utf-8"))  # PyYAML: another reader
        assert data["agency"] == name, what
        checked = check_file(out)  # what `gencli validate` runs, with gencli's own reader
        assert checked.errors == [], (what, [d.as_text() for d in checked.errors])
        assert checked.normalized["agency"] == name, what
        written.append(out)
    titles = {
        "init-work-summary": f"{name}2024年工作总结",
        "init-plan": f"{name}规划",
    }
    for what, title in titles.items():
        assert (
            yaml.safe_load((tmp_path / f"{what}.yaml").read_text(encoding="utf-8"))["title"]
            == title
        )
    rolled = run("validate", tmp_path / "init-from.yaml", "--previous", MINIMAL)
    assert rolled.exit_code == 0, rolled.output


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("某局\nkind: plan", "U+000A"),
        ("某局\r", "U+000D"),
        ("某\u2028局", "U+2028"),
        ("某\t局", "U+0009"),
    ],
)
@pytest.mark.parametrize("what", ["init-gov-info-annual", "init-from", "aggregate"])
def test_a_name_that_is_not_one_line_is_refused(
    tmp_path: Path, name: str, shown: str, what: str
) -> None:
    out = tmp_path / "out.yaml"
    result = run(*WRITERS[what](out, name))  # type: ignore[operator]
    assert result.exit_code == 2
    assert (
        f"错误：--agency 不能包含换行符或其他控制字符（这里有 {shown}）：请把机关名称写在一行内"
        in (result.output)
    )
    assert not out.exists()


def test_a_block_is_written_as_a_skeleton_reads() -> None:
    """Comment lines wait for the next key or close the mapping; end-of-line comments line up
    at their column; rows stay on one line; amounts are plain decimals."""
    report = Block()
    report.header("yaml-language-server: $schema=x.json", "某局报告")
    report.put("kind", "demo")
    report.comment("date: 2025-01-20        # 成文日期", "")
    report.put("overview", EMPTY)
    table = Block(2)
    table.comment("每行按列顺序")
    table.put("new", flow([1, 0]), "一、新收", 30)
    group = Block(4)
    group.put("disclosed", flow([0, 0]), "（一）予以公开", 30)
    group.comment("total: 可省略")
    table.put("results", group, "三、办理结果", 30)
    table.put("fees", flow({"amount": Decimal("23731.50"), "unit": "万元"}), "收费")
    report.put("applications", table)
    report.put("body", block("正文。\n"))
    report.comment('other: ""')
    assert report.text() == (
        "# yaml-language-server: $schema=x.json\n"
        "# 某局报告\n"
        "kind: demo\n"
        "# date: 2025-01-20        # 成文日期\n"
        "\n"
        'overview: ""\n'
        "applications:\n"
        "  # 每行按列顺序\n"
        "  new: [1, 0]                 # 一、新收\n"
        "  results:                    # 三、办理结果\n"
        "    disclosed: [0, 0]         # （一）予以公开\n"
        "    # total: 可省略\n"
        "  fees: {amount: 23731.50, unit: 万元}  # 收费\n"
        "body: |\n"
        "  正文。\n"
        '# other: ""\n'
    )


def test_a_line_break_in_a_comment_makes_another_comment_line() -> None:
    report = Block()
    report.comment("某局\nkind: plan")
    report.put("kind", "demo")
    assert report.text() == "# 某局\n# kind: plan\nkind: demo\n"


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("yes", 'name: "yes"'),  # YAML 1.1 (PyYAML) would read true
        ("0777", 'name: "0777"'),  # an octal number to YAML 1.1
        ("123", 'name: "123"'),  # a number to both versions
        ("null", 'name: "null"'),
        ("某市: 局", "name: '某市: 局'"),
        ("某市局", "name: 某市局"),
        (Decimal("1E+1"), "name: 10"),
        (Decimal("13989.50"), "name: 13989.50"),
    ],
)
def test_values_are_quoted_only_where_a_reader_would_take_them_otherwise(
    value: object, line: str
) -> None:
    report = Block()
    report.put("name", value)
    assert report.text() == line + "\n"


def test_text_that_reads_back_otherwise_is_never_returned() -> None:
    report = Block()
    report.put("agency", "某\x85局")  # NEL: ruamel writes it as is, and reads it as a space
    with pytest.raises(WritingError, match="生成的 YAML 读回后与要写入的内容不一致：/agency"):
        report.text()


def test_text_that_does_not_read_back_is_never_returned() -> None:
    report = Block()
    report.header("某\x07局")  # a control character in a comment cannot be escaped
    report.put("agency", "某局")
    with pytest.raises(WritingError, match="生成的 YAML 无法读回"):
        report.text()


def test_another_format_than_the_years_default_is_written_and_checked() -> None:
    text = skeleton(2021, "某局", "x.json", Start(format=2019))
    assert (
        "\nformat: 2019              # 表格格式（国办公开办函〔2019〕60号），不是本年度的默认格式\n"
        in text
    )
    checked = check_text(text, "2021.yaml")
    assert checked.errors == []
    assert checked.normalized["format"] == 2019


def test_a_report_is_read_back_by_libyaml_and_ruamel_decides_only_a_doubt(monkeypatch) -> None:
    """The read-back that proves a report is libyaml's (1 ms, not ruamel's pure 50 ms): a
    skeleton is returned without ruamel's reader; when libyaml cannot read the text, ruamel's
    reader is asked, and its verdict is the one that counts."""
    from gencli.base import yaml_writing

    asked: list[str] = []
    real_load = yaml_writing._READER.load
    monkeypatch.setattr(
        yaml_writing._READER, "load", lambda text: asked.append(text) or real_load(text)
    )
    text = skeleton(2021, "某市: #2 局", "x.json", Start())
    assert asked == [] and "agency: '某市: #2 局'" in text
    monkeypatch.setattr(yaml_writing, "_read_quickly", lambda text: None)
    assert skeleton(2021, "某市: #2 局", "x.json", Start()) == text
    assert len(asked) == 1


def test_a_row_s_width_is_the_width_the_dumper_writes_whatever_its_figures() -> None:
    """`width` measures one row per shape (count and total length of its numbers) and reuses
    it: every row, measured after others of its shape, is as wide as its own dumped line."""
    import io
    import random

    from ruamel.yaml.comments import CommentedMap

    from gencli.base import yaml_writing

    rng = random.Random(20261202)
    numbers = [0, 7, 42, 1985758, -3, Decimal("13989.54"), Decimal("0.5"), Decimal("24252.311082")]
    for _ in range(300):
        row = flow([rng.choice(numbers) for _ in range(rng.randint(1, 7))])
        key = rng.choice(["granted", "不予公开", "a"])
        stream = io.StringIO()
        yaml_writing._DUMPER.dump(CommentedMap([(key, row)]), stream)
        dumped = len(stream.getvalue().splitlines()[0])
        assert yaml_writing.width(4, key, row) == 4 + dumped, (key, list(row))


def test_a_value_met_twice_is_written_twice_never_as_an_anchor() -> None:
    """The same `Decimal` object in two cells (as a report read once and rolled over carries
    it): ruamel anchors it (`&id001 1.5`, `*id001`), which gencli's own loader refuses."""
    amount = Decimal("1.5")
    report = Block()
    report.put("kind", "gov-info-annual")
    report.put("a", amount)
    report.put("b", flow([amount, amount]))
    assert report.text() == "kind: gov-info-annual\na: 1.5\nb: [1.5, 1.5]\n"
