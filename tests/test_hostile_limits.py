"""Hostile input, round two: bounded time and memory, and integrity of what is read.

Every hostile file is generated here. The large ones run gencli in a child process under an
address-space limit and a generous timeout, so each test guards the complexity of the code
(the quadratic listing took 59 s for 10,000 keys, a 3-million-number row 143 s and 4.3 GB),
not the speed of the machine.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gencli.base import limits
from gencli.checking import validation
from gencli.document import figures
from gencli.loading import fastyaml
from gencli.loading.reader import LoadError, load_text

from .conftest import CASES
from .test_fast_paths import agrees

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "fujian-amr-2020.yaml").read_text(encoding="utf-8")
NEW_ROW = "  new:                    [24,    5,       0,       0,       0,       0,   29]"
SECONDS = 60  # each case finishes in a few seconds; quadratic work took minutes
ADDRESS_SPACE = 2 << 30  # bytes the child may map: a runaway build took 4 to 6 GB
MEGABYTES = 500  # the peak resident memory promised for any file within the size limit


def _bounded_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def validate(path: Path, *options: str) -> subprocess.CompletedProcess:
    """`gencli validate` in a child under the limits above (this tree's gencli, whatever the
    working folder)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "gencli", "validate", str(path), *options],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        env=env,
        cwd=ROOT,
        preexec_fn=_bounded_child,
        check=False,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    assert peak < MEGABYTES, f"峰值内存 {peak} MB"
    return done


def row_line() -> int:
    """The YAML line of table 3's first row."""
    return next(n for n, text in enumerate(EXAMPLE.split("\n"), 1) if text.startswith(NEW_ROW))


def with_overview(markdown: str) -> str:
    return EXAMPLE.replace("overview: |\n", "overview: |\n" + markdown + "\n", 1)


def overview_line() -> int:
    """The YAML line of the overview's first text line."""
    return EXAMPLE.split("\n").index("overview: |") + 2


# 1. Many unknown keys: linear work, a capped listing.


def test_ten_thousand_unknown_keys_list_the_first_200_then_count_the_rest(tmp_path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text(EXAMPLE + "".join(f"junk{i}: 1\n" for i in range(10_000)), encoding="utf-8")
    done = validate(path)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == limits.MAX_LISTED + 1
    assert lines[0].startswith(f"{path}:{EXAMPLE.count(chr(10)) + 1}:1: 未知的键“junk0”。")
    assert lines[-1] == (
        f"{path}: 还有 9800 处未列出（共 10000 处）：请先改正上面列出的问题，再重新检查"
    )
    assert "错误 10000 处" in done.stderr


def _seconds_for_unknown_keys(count: int) -> float:
    text = EXAMPLE + "".join(f"junk{i}: 1\n" for i in range(count))
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        checked = validation.check_text(text, "keys.yaml")
        best = min(best, time.perf_counter() - start)
    assert len(checked.errors) == count
    return best


def test_the_findings_of_unknown_keys_cost_linear_time() -> None:
    """Eight times the keys: about eight times the time (each finding used to re-validate the
    whole mapping, which made it sixty-four)."""
    small, large = _seconds_for_unknown_keys(500), _seconds_for_unknown_keys(4000)
    assert large < small * 8 * 3, (small, large)


def test_a_hundred_thousand_keys_stop_at_the_node_limit_with_the_line(tmp_path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text(EXAMPLE + "".join(f"k{i}: 1\n" for i in range(100_000)), encoding="utf-8")
    done = validate(path)
    assert done.returncode == 1
    first = EXAMPLE.count("\n") + 1
    line = int(done.stdout.split(":")[1])  # two nodes a key: about halfway to the limit
    assert first + limits.MAX_NODES // 2 - 400 < line < first + limits.MAX_NODES // 2
    assert f"报告过大：键、值和列表项超过 {limits.MAX_NODES} 个" in done.stdout


# 2. Rows longer than their form, tables beyond the limits, a file at the size limit.


def test_a_row_of_three_million_numbers_is_refused_quickly(tmp_path) -> None:
    path = tmp_path / "row.yaml"
    path.write_text(
        EXAMPLE.replace(NEW_ROW, "  new: [" + ",".join(["1"] * 3_000_000) + "]"),
        encoding="utf-8",
    )
    assert path.stat().st_size < limits.MAX_BYTES
    done = validate(path)
    assert done.returncode == 1
    line = row_line()
    assert f"{path}:{line}:" in done.stdout
    assert f"超过 {limits.MAX_NODES} 个" in done.stdout


def test_a_row_longer_than_its_form_names_the_form_s_length() -> None:
    text = EXAMPLE.replace(NEW_ROW, "  new: [" + ",".join(["1"] * 25) + "]")
    messages = [d.message for d in validation.check_text(text, "r.yaml").errors]
    assert messages == [
        "应有 6 个数（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他），"
        "可再加第 7 个数“总计”；这里有 25 个"
    ]


def _table(columns: int, rows: int) -> str:
    row = "  |" + "|".join(["数"] * columns) + "|\n"
    return row + "  |" + "|".join(["-"] * columns) + "|\n" + row * rows


def test_a_forty_thousand_column_table_is_refused_before_building(tmp_path) -> None:
    path = tmp_path / "wide.yaml"
    path.write_text(with_overview(_table(40_000, 50)), encoding="utf-8")
    done = validate(path)
    assert done.returncode == 1
    assert (
        f"{path}:{overview_line()}:1: 表格有 40000 列，超过上限 {limits.MAX_TABLE_COLUMNS} 列"
        in done.stdout
    )


def test_tables_within_the_limits_pass_and_beyond_them_are_named() -> None:
    fits = with_overview(_table(limits.MAX_TABLE_COLUMNS, 10))
    assert validation.check_text(fits, "r.yaml").errors == []
    long = with_overview(_table(3, limits.MAX_TABLE_ROWS + 5))
    assert [d.message for d in validation.check_text(long, "r.yaml").errors] == [
        f"表格有 {limits.MAX_TABLE_ROWS + 6} 行，超过上限 {limits.MAX_TABLE_ROWS} 行：请拆成几个表格"
    ]
    many = with_overview((_table(25, 500) + "\n") * 2)
    cells = 2 * 25 * 501
    assert [d.message for d in validation.check_text(many, "r.yaml").errors] == [
        f"叙述中的表格共有 {cells} 个单元格，超过一份报告的上限 {limits.MAX_TABLE_CELLS} 个："
        "请精简表格，或把明细作为附件另行发布"
    ]


def test_a_nine_megabyte_narrative_validates_within_the_bounds(tmp_path) -> None:
    path = tmp_path / "long.yaml"
    paragraphs = "".join("  " + "字" * 2000 + "\n\n" for _ in range(1400))
    path.write_text(with_overview(paragraphs), encoding="utf-8")
    assert 8 << 20 < path.stat().st_size < limits.MAX_BYTES
    done = validate(path)
    assert done.returncode == 0, done.stdout
    assert "全部通过" in done.stderr


# 3. Markdown nested deeper than markdown-it keeps.


def _nested_list(depth: int) -> str:
    return "\n".join("  " + "  " * level + f"- 第{level + 1}层" for level in range(depth))


def test_a_list_nested_too_deep_is_an_error_at_the_first_lost_line() -> None:
    deepest = limits.MAX_MARKDOWN_NESTING // 2 - 1
    ok = validation.check_text(with_overview(_nested_list(deepest)), "r.yaml")
    assert ok.errors == []
    checked = validation.check_text(with_overview(_nested_list(deepest + 3)), "r.yaml")
    assert [(d.line, d.message) for d in checked.errors] == [
        (
            overview_line() + deepest,
            f"列表或引用嵌套过深（列表最多 {deepest} 层，引用最多 "
            f"{limits.MAX_MARKDOWN_NESTING - 1} 层）：从这一行起的文字在 Word 和网页中都会丢失，"
            "请减少嵌套层次",
        )
    ]


def test_quotes_nested_twenty_five_deep_are_an_error_and_nineteen_are_not() -> None:
    ok = validation.check_text(with_overview("  " + ">" * 19 + " 引文"), "r.yaml")
    assert ok.errors == []
    checked = validation.check_text(with_overview("  前言\n\n  " + ">" * 25 + " 引文"), "r.yaml")
    assert [d.line for d in checked.errors] == [overview_line() + 2]
    assert "嵌套过深" in checked.errors[0].message


# 7. Only plain decimal numbers; no directives, no merge keys; both readers agree.


@pytest.mark.parametrize("written", ["0x1F", "0b11", "0o17", "017", "1_000", "+5", "1e3", ".5"])
def test_numbers_in_other_notations_are_refused_by_both_readers(written: str) -> None:
    text = EXAMPLE.replace("new:                    [24,", f"new:                    [{written},")
    assert fastyaml.load(text) is fastyaml.DECLINED
    with pytest.raises(LoadError) as refused:
        load_text(text)
    line = row_line()
    assert (refused.value.line, refused.value.column) == (line, 28)
    assert refused.value.message.startswith(f"“{written}”不是普通的十进制数：")
    checked = validation.check_text(text, "r.yaml")
    assert [d.message for d in checked.errors] == [refused.value.message]


def test_a_yaml_directive_and_a_merge_key_are_refused() -> None:
    with pytest.raises(LoadError, match="不允许使用 %YAML、%TAG 指令"):
        load_text("%YAML 1.1\n---\n" + EXAMPLE)
    with pytest.raises(LoadError, match=r"不允许使用 YAML 合并键（<<）") as refused:
        load_text("kind: gov-info-annual\n<<: {agency: 某局}\n")
    assert (refused.value.line, refused.value.column) == (2, 1)
    assert fastyaml.load("kind: gov-info-annual\n<<: {agency: 某局}\n") is fastyaml.DECLINED


# A grammar of the risky corners: block headers and comments, numbers in every notation,
# quotes, flow collections, keys on their own line.
_KEYS = ["a", "b", "kind", "new", "年度", "- a", "? a"]
_VALUES = [
    "1", "017", "0x1F", "1_000", "12.50", ".5", "1e3", "+3", "-0", ".inf", "null", "~", "true",
    "'x'", '"y\\t"', "x # c", "[1, 2]", "{a: 1}", "[1,018]", "<<", "2021-01-29", "1:30",
]  # fmt: skip
_BLOCKS = ["|", ">", "|-", ">+", "|2", ">#", "|#", "> #c", "|  # c", ">-#x"]


def _fragment(rng: random.Random) -> str:
    key = rng.choice(_KEYS)
    shape = rng.randrange(4)
    if shape == 0:
        return f"{key}: {rng.choice(_VALUES)}\n"
    if shape == 1:
        lines = "".join(f"{' ' * rng.choice((1, 2, 4))}{rng.choice(_VALUES)}\n" for _ in "ab")
        return f"{key}: {rng.choice(_BLOCKS)}\n{lines}"
    if shape == 2:
        return f"{key}:\n  {rng.choice(_BLOCKS)}\n  {rng.choice(_VALUES)}\n"
    return f"{key}:\n  - {rng.choice(_VALUES)}\n  -{rng.choice(('', ' '))}{rng.choice(_BLOCKS)}\n   x\n"


def test_the_fast_reader_agrees_with_the_round_trip_reader_or_declines() -> None:
    """A seeded, bounded differential fuzz: 3000 documents of the risky corners; the fast
    reader either declines or reads what the round-trip reader reads (`>#` under a bare key
    split them: validate passed, diff refused)."""
    rng = random.Random(16)
    read = 0
    for _ in range(3000):
        text = "".join(_fragment(rng) for _ in range(rng.randint(1, 4)))
        agrees(text)
        read += fastyaml.load(text) is not fastyaml.DECLINED
    assert read > 100  # the fuzz reaches texts the fast reader takes, not only declines


def test_a_block_header_under_a_bare_key_is_declined_by_the_fast_reader() -> None:
    text = "a:\n  >#\n  x\n"
    assert fastyaml.load(text) is fastyaml.DECLINED
    with pytest.raises(LoadError):
        load_text(text)


# 8. Invisible characters.


def test_a_bidi_override_in_narrative_is_an_error_at_its_line() -> None:
    text = EXAMPLE.replace("共受理依申请公开29件", "共受理依申请公开\u202e92\u202c件")
    assert text != EXAMPLE
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "\u202e" in t)
    checked = validation.check_text(text, "r.yaml")
    assert [(d.line, d.column, d.message) for d in checked.errors] == [
        (
            line,
            1,
            "含有看不见的字符 <U+202E>（双向文字控制符、零宽字符或控制字符）："
            "它会悄悄改变文字和数字的显示顺序（如把 92 显示成 29）或夹在字中间，请删除它",
        )
    ]


@pytest.mark.parametrize("character", ["\u200b", "\u2066", "\ufeff", "\u0085", "\x7f"])
def test_invisible_characters_in_a_name_are_refused(character: str) -> None:
    written = '"福建省' + character.encode("unicode_escape").decode() + '市场监督管理局"'
    text = EXAMPLE.replace("agency: 福建省市场监督管理局", f"agency: {written}")
    checked = validation.check_text(text, "r.yaml")
    assert [(d.line, d.path) for d in checked.errors] == [(14, ("报告机关",))]
    assert f"<U+{ord(character):04X}>" in checked.errors[0].message


def test_diff_shows_invisible_characters_escaped(tmp_path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(EXAMPLE, encoding="utf-8")
    new.write_text(EXAMPLE.replace("全部按时办结", "全部\u202e按时\u202c办结"), encoding="utf-8")
    import io

    from gencli.loading.revisions import read_version
    from gencli.operations.diff import compare
    from gencli.operations.diff_report import text_report

    out = io.StringIO()
    text_report(compare(read_version(str(old)), read_version(str(new))), out)
    assert "全部{+<U+202E>+}按时{+<U+202C>+}办结" in out.getvalue()
    assert "\u202e" not in out.getvalue()


# 9. `{{ }}` references: names and written subscripts only; nothing undefined.


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("applications[kind]|default(lipsum)", "过滤器“default”的参数只能是写出的数字或文字"),
        ("applications[kind]", "数字引用的下标只能是写出的名称或数字"),
        ("applications.new[year]", "数字引用的下标只能是写出的名称或数字"),
        ("applications.new.total|default(lipsum)", "过滤器“default”的参数只能是写出的数字或文字"),
        ("'abc'.upper", "数字引用只能从报告中的名称查起"),
        ("(1).real", "数字引用只能从报告中的名称查起"),
    ],
)
def test_references_refuse_what_is_not_a_written_look_up(expression: str, message: str) -> None:
    context = {"kind": "gov-info-annual", "year": 2024, "applications": {"new": {"total": 5}}}
    problems = figures.problems("受理{{ " + expression + " }}件", context)
    assert [p.message[: len(message)] for p in problems] == [message]


def test_an_undefined_value_is_an_error_not_an_empty_string() -> None:
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        figures._environment().from_string("{{ nothing }}").render({})


def test_every_valid_case_still_reads_alike_in_both_readers() -> None:
    for path in sorted(CASES.glob("*/valid/*.yaml"))[:40]:
        agrees(path.read_text(encoding="utf-8"))
