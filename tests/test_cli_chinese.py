"""Every word the command line prints is Chinese, click's own frame included: help layout, the
help option, defaults, and usage errors (worded from the errors' attributes in gencli/cli/chinese.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from gencli.cli.commands import main

from .conftest import EXAMPLES, ROOT

AMR = EXAMPLES / "fujian-amr-2020.yaml"
KINDS = "gov-info-annual、rule-of-law-annual、work-summary、plan"
KINDS_NAMED = (
    "gov-info-annual（政府信息公开工作年度报告）、rule-of-law-annual（法治政府建设年度报告）、"
    "work-summary（工作总结）、plan（规划）"
)
#: Words of click's English frame: headings, help option, extras, metavars, errors.
CLICK_WORDS = re.compile(
    r"Usage|Options|Commands|Arguments|Show this message|default|required"
    r"|Error|Try|INTEGER|TEXT|PATH|FILE|DIRECTORY|RANGE|x>=|Missing|Invalid"
    r"|No such|Did you mean|does not exist|is not|unexpected|extra argument"
)
#: The console script `gencli = "gencli.cli.commands:run"`, as pip writes it.
CONSOLE_SCRIPT = (
    "import sys; from gencli.cli.commands import run; sys.argv[0] = 'gencli'; sys.exit(run())"
)


def gencli(*args) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `gencli args`, at a fixed terminal width."""
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="gencli", terminal_width=78)
    return result.exit_code, result.stdout, result.stderr


def usage_error(command: str, usage: str, message: str) -> str:
    """What a usage error prints: the usage line, where to get help, the error."""
    path = f"gencli {command}".rstrip()
    return f"用法：{path} {usage}\n请运行 {path} -h 查看帮助。\n\n错误：{message}\n"


@pytest.mark.parametrize("command", ["", *main.commands])
def test_help_is_chinese(command: str) -> None:
    code, out, err = gencli(*command.split(), "-h")
    assert (code, err) == (0, "")
    assert out.startswith(f"用法：gencli {command} [选项]".replace("  ", " "))
    assert "\n选项：\n" in out and "  -h, --help" in out and "显示本帮助并退出。\n" in out
    assert CLICK_WORDS.findall(out) == []


def test_group_help_lists_the_commands_under_a_chinese_heading() -> None:
    out = gencli("-h")[1]
    assert out.startswith("用法：gencli [选项] 命令 [参数]...\n")
    assert "\n命令：\n  aggregate  " in out


def test_build_options_align_with_chinese_metavars_and_say_their_default() -> None:
    out = gencli("build", "-h")[1]
    assert out.startswith("用法：gencli build [选项] 报告...\n")
    assert out[out.index("选项：") :] == (
        "选项：\n"
        "  -o, --output 文件夹  输出目录（文件夹中的报告按原有子文件夹存放）；省略时写\n"
        "                       在输入文件旁边。\n"
        "  --to 格式            生成的格式，逗号分隔：docx（Word，GB/T 9704-2012）、\n"
        "                       html（网页）、pdf（由 LibreOffice 按 Word 版排出，一批\n"
        "                       报告只启动一次）、xlsx（表格，Excel）、fragment（供门户\n"
        "                       网站编辑器粘贴的网页片段，名.fragment.html）；默认为\n"
        "                       docx,html。\n"
        "  --templates 文件夹   自定义模板目录，其中的同名模板优先于内置模板。\n"
        "  --strict             有警告也视为未通过：不生成文件，退出码 1。\n"
        "  -j, --jobs 进程数    并行的进程数（至少为 1）；默认为 CPU 核数，-j 1 在本进\n"
        "                       程中依次处理。\n"
        "  -h, --help           显示本帮助并退出。\n"
    )


@pytest.mark.parametrize("command", ["", *main.commands])
def test_help_is_wrapped_to_the_screen_width_without_stray_spaces(command: str) -> None:
    """A Chinese character takes two columns; lines joined from the docstring get no space
    between two Chinese characters (click would print “未生成 的报告”)."""
    out = gencli(*([command] if command else []), "-h")[1].split("\n", 1)[1]  # after 用法
    widths = [
        sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        for line in out.splitlines()
    ]
    assert max(widths) <= 80
    assert not re.search(r"[\u4e00-\u9fff，。；：、（）] [\u4e00-\u9fff，。；：、（）]", out)


def test_a_required_option_is_marked_in_chinese() -> None:
    assert "汇总报告的机关，如“福建省人民政府办公厅”。  [必填]\n" in gencli("aggregate", "-h")[1]


def test_version() -> None:
    assert gencli("--version")[:2] == (0, "gencli 版本 0.1.0\n")


@pytest.mark.parametrize(
    "args, command, usage, message",
    [
        (
            ("build", "--tx", "docx", AMR),
            "build",
            "[选项] 报告...",
            "没有 --tx 这个选项，您是不是想用 --to？",
        ),
        (("validate",), "validate", "[选项] 报告...", "缺少参数 报告"),
        (
            ("init", "--kind", "annual"),
            "init",
            "[选项]",
            f"选项 --kind 的值无效：应为 {KINDS} 之一，这里是 annual",
        ),
        (
            ("validate", "-j", "0", AMR),
            "validate",
            "[选项] 报告...",
            "选项 -j/--jobs 的值无效：应不小于 1，这里是 0",
        ),
        (
            ("init", "--year", "二〇二四"),
            "init",
            "[选项]",
            "选项 --year 的值无效：应为整数，这里是 二〇二四",
        ),
        (("textconv", AMR, AMR), "textconv", "[选项] 文件", f"多余的参数：{AMR}"),
        (
            ("validate", "--strict=yes", AMR),
            "validate",
            "[选项] 报告...",
            "选项 --strict 是开关，不带值",
        ),
        (("build", AMR, "-o"), "build", "[选项] 报告...", "选项 -o 后面缺少值"),
        (("aggregate", AMR), "aggregate", "[选项] 报告...", "缺少选项 --agency"),
        (
            ("init", "--from", EXAMPLES),
            "init",
            "[选项]",
            f"选项 --from 的值无效：{EXAMPLES} 是文件夹，这里应为文件",
        ),
        (
            ("build", "--to", "odt", AMR),
            "build",
            "[选项] 报告...",
            "选项 --to 的值无效：可选格式：docx、html、xlsx、fragment、pdf，用逗号分隔，如 docx,html",
        ),
        (("biuld", AMR), "", "[选项] 命令 [参数]...", "没有 biuld 这个命令，您是不是想用 build？"),
        (
            ("--debug",),
            "",
            "[选项] 命令 [参数]...",
            "缺少命令：请在 gencli 后给出命令，如 gencli validate 报告.yaml",
        ),
        (
            ("schema",),
            "schema",
            "[选项] [种类]",  # one of our own messages, unchanged
            f"请给出报告种类（可选：{KINDS_NAMED}），或用 --write 目录 写出全部种类的 schema",
        ),
    ],
    ids=[
        "near-miss-option",
        "missing-files",
        "bad-kind",
        "jobs-zero",
        "year-not-a-number",
        "extra-argument",
        "flag-with-value",
        "option-without-value",
        "missing-option",
        "folder-for-file",
        "bad-format",
        "near-miss-command",
        "missing-command",
        "our-own",
    ],
)
def test_usage_errors_are_chinese(args, command: str, usage: str, message: str) -> None:
    assert gencli(*args) == (2, "", usage_error(command, usage, message))


def test_a_file_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "无此报告.yaml"
    assert gencli("validate", missing) == (
        2,
        "",
        usage_error("validate", "[选项] 报告...", f"参数 报告 的值无效：{missing} 不存在"),
    )


def test_no_arguments_show_the_help_as_a_usage_error() -> None:
    code, out, err = gencli()
    assert (code, out) == (2, "")
    assert err == gencli("-h")[1]


@pytest.mark.parametrize(
    "args",
    [
        ("-h",),
        ("build", "-h"),
        ("build", "--tx", str(AMR)),
        ("init", "--kind", "annual"),
        ("validate", "missing.yaml"),
        ("validate", str(AMR)),
    ],
    ids=["help", "build-help", "near-miss", "bad-kind", "missing-file", "validate"],
)
def test_python_m_gencli_and_the_console_script_behave_the_same(args) -> None:
    def run(*command: str) -> tuple[int, str, str]:
        """Exit code and output; click names the program after how it was started."""
        done = subprocess.run(
            [sys.executable, *command, *args],
            cwd=ROOT,
            capture_output=True,
            encoding="utf-8",
            env={**os.environ, "COLUMNS": "80"},
            check=False,
        )
        named = (text.replace("python -m gencli", "gencli") for text in (done.stdout, done.stderr))
        return done.returncode, *named

    module, script = run("-m", "gencli"), run("-c", CONSOLE_SCRIPT)
    assert module == script
    assert module == gencli(*args)
    assert CLICK_WORDS.findall(module[1] + module[2]) == []
