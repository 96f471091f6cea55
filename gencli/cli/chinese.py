"""Click's own words in Chinese: help layout, parameter types, and how errors are said.

Click prints its frame in English (Usage, Options, "Show this message and exit.", Error, Try …,
"No such option"). Our users read Chinese only, so cli.py builds its commands from these
subclasses, which plug into click's extension points; no click global is patched.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata

import click
from click.exceptions import NoArgsIsHelpError

HEADINGS = {
    "Options": "选项",
    "Commands": "命令",
    "Arguments": "参数",
    "Positional arguments": "参数",
}
PARAMETER_KINDS = {"option": "选项", "argument": "参数", "parameter": "参数"}


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _columns(text: str) -> int:
    """How many terminal columns `text` takes: a Chinese character takes two."""
    return sum(2 if _wide(c) else 1 for c in text)


# Punctuation that must not begin a line, and that must not end one (the usual 禁则).
_NO_LINE_START = frozenset("，。、；：？！）》」』”’…")
_NO_LINE_END = frozenset("（《「『“‘")


def _fill(text: str, width: int) -> list[str]:
    """One paragraph as lines of at most `width` columns. Chinese may break between any two
    characters (never before a closing mark or after an opening one), Latin words only at
    spaces; click's own wrapper breaks at spaces only and counts a Chinese character as one
    column."""
    lines: list[str] = []
    line: list[str] = []  # tokens: a Chinese character, a Latin word, or spaces
    for token in re.findall(r" +|[!-~]+|.", text):
        if line and not token.startswith(" ") and _columns("".join(line).rstrip() + token) > width:
            cut = _break(line + [token])
            if cut:
                lines.append("".join(line[:cut]).rstrip())
                line = line[cut:]
        if line or not token.startswith(" "):
            line.append(token)  # (click sets “[必填]” off by two spaces: runs are kept)
    lines.append("".join(line).rstrip())
    return lines


def _break(tokens: list[str]) -> int:
    """How many tokens stay on the line when the last one does not fit: as many as can, so long
    as the next line does not begin with a closing mark nor this one end with an opening one;
    0 when there is no such place (the line then runs over)."""
    for cut in range(len(tokens) - 1, 0, -1):
        if tokens[cut] == " " * len(tokens[cut]):
            continue
        if tokens[cut][0] not in _NO_LINE_START and tokens[cut - 1][-1] not in _NO_LINE_END:
            return cut
    return 0


def wrap(text: str, width: int) -> list[str]:
    """Help text as lines, paragraph by paragraph as click does (a paragraph after a "\\b" line
    is kept as written), but joining a paragraph's lines without the space click puts between
    two Chinese characters ("未生成 的报告")."""
    lines: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text.expandtabs().strip("\n")):
        rows = block.splitlines()
        if lines:
            lines.append("")
        if rows and rows[0].strip() == "\b":
            lines.extend(rows[1:])
            continue
        indent = " " * (len(rows[0]) - len(rows[0].lstrip())) if rows else ""
        lines.extend(indent + row for row in _fill(_joined(rows), width - len(indent)))
    return lines


def _joined(rows: list[str]) -> str:
    """A paragraph's lines as one: a space where a Latin word ends a line and the next begins
    with one, none next to a Chinese character."""
    joined = ""
    for row in (row.strip() for row in rows):
        glue = "" if not joined or _wide(joined[-1]) or _wide(row[0]) else " "
        joined += glue + row
    return joined


class Formatter(click.HelpFormatter):
    """Click's help layout, with a Chinese usage prefix, Chinese headings and a full-width colon."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in wrap(text, max(self.width - self.current_indent, 10)):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """Click aligns the second column by characters, which a Chinese metavar (“文件夹”)
        throws out: align by columns."""
        rows = list(rows)
        first_col = min(max((_columns(term) for term, _ in rows), default=0), col_max)
        first_col += col_spacing
        indent = " " * self.current_indent
        for term, text in rows:
            lines = wrap(text, max(self.width - self.current_indent - first_col, 10)) or [""]
            if _columns(term) > first_col - col_spacing:
                self.write(f"{indent}{term}\n")
                term = ""
            gap = " " * (first_col - _columns(term)) if lines[0] else ""
            self.write(f"{indent}{term}{gap}{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * first_col}{line}\n")


class Context(click.Context):
    """A context whose help (and usage lines in errors) use the Chinese formatter."""

    formatter_class = Formatter


class _Chinese(click.Command):
    """What our commands and groups share: the Chinese context, help option and metavars
    (a mixin placed before click.Command or click.Group)."""

    context_class: type[click.Context] = Context

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """Click's help option is made (once, then cached) with “Show this message and exit.”"""
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence of the help, up to its “。”, for the list of commands: click cuts
        at ". " and by characters, and puts a space where the docstring breaks a line."""
        if self.short_help:
            return self.short_help
        first = _joined((self.help or "").split("\n\n")[0].splitlines())
        return first.split("。")[0] + "。" if "。" in first else first

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """The parser raises BadOptionUsage without a context: attach it, so the error can name
        the option's kind and show the usage line."""
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            if error.ctx is None:
                error.ctx = ctx
                setattr(error, "cmd", ctx.command)  # noqa: B010 - Final in some click versions
            raise


class ExtraArguments(click.UsageError):
    """Arguments left over after parsing (click says so only as English text)."""

    def __init__(self, arguments: list[str], ctx: click.Context) -> None:
        super().__init__(" ".join(arguments), ctx)
        self.arguments = arguments


class UnknownCommand(click.UsageError):
    """A command name that is not ours (click says so only as English text before 8.4)."""

    def __init__(self, name: str, possibilities: list[str], ctx: click.Context) -> None:
        super().__init__(name, ctx)
        self.command_name, self.possibilities = name, possibilities


class Command(_Chinese, click.Command):
    """A command that refuses surplus arguments itself, in Chinese."""

    #: Let click leave surplus arguments in ctx.args; parse_args refuses them.
    allow_extra_args = True

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            raise ExtraArguments(rest, ctx)
        return rest


class Group(_Chinese, click.Group):
    """The command group: its subcommands are Chinese too, and its errors are said in Chinese."""

    command_class = Command
    group_class = type

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """Refuse an unknown command name ourselves, with the near misses to suggest."""
        name = args[0]
        if not (name.startswith("-") or ctx.resilient_parsing or self.get_command(ctx, name)):
            from difflib import get_close_matches

            raise UnknownCommand(name, get_close_matches(name, self.list_commands(ctx)), ctx)
        return super().resolve_command(ctx, args)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Click's standalone mode prints errors in English: run without it, then say them."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            outcome = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as error:
            show(error)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)
        sys.exit(outcome if isinstance(outcome, int) else 0)


class Option(click.Option):
    """An option whose help marks it 必填 rather than [required]."""

    def get_help_extra(self, ctx: click.Context):
        extra = super().get_help_extra(ctx)
        if "required" in extra:
            extra["required"] = "必填"
        return extra


class Choice(click.Choice):
    """A choice that lists the choices in Chinese when given something else."""

    def get_invalid_choice_message(self, value, ctx: click.Context | None) -> str:
        return f"应为 {'、'.join(map(str, self.choices))} 之一，这里是 {value}"


class PathType(click.Path):
    """click.Path that says in Chinese why a path cannot be used."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.name = (
            "路径" if self.file_okay == self.dir_okay else "文件" if self.file_okay else "文件夹"
        )

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(self.refusal(os.fsdecode(value)), param, ctx)

    def refusal(self, path: str) -> str:
        """Why click refused the path, found again from the file system."""
        if not os.path.exists(path):
            return f"{path} 不存在"
        if os.path.isdir(path) and not self.dir_okay:
            return f"{path} 是文件夹，这里应为文件"
        if not os.path.isdir(path) and not self.file_okay:
            return f"{path} 是文件，这里应为文件夹"
        return f"无法读取 {path}"


class Whole(click.ParamType):
    """A whole number, at least `least` if given; click.INT and IntRange word refusals in
    English and show their range as “[x>=1]” in help."""

    name = "整数"

    def __init__(self, least: int | None = None) -> None:
        self.least = least

    def convert(self, value, param, ctx) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"应为整数，这里是 {value}", param, ctx)
        if self.least is not None and number < self.least:
            self.fail(f"应不小于 {self.least}，这里是 {number}", param, ctx)
        return number


def _parameter(error: click.BadParameter) -> str:
    """Which parameter an error is about: “选项 -j/--jobs”, “参数 报告”."""
    param = error.param
    kind = getattr(error, "param_type", None) or (param.param_type_name if param else "parameter")
    if error.param_hint is not None:
        hint = error.param_hint
        name = hint if isinstance(hint, str) else "/".join(hint)
    elif param is None:
        name = ""
    elif kind == "option":
        name = "/".join(param.opts)
    else:
        name = param.human_readable_name.strip("[].")
    return f"{PARAMETER_KINDS.get(kind, '参数')} {name}".rstrip()


def _suggest(possibilities: list[str] | None) -> str:
    return f"，您是不是想用 {'、'.join(sorted(possibilities))}？" if possibilities else ""


def _misused_option(error: click.BadOptionUsage) -> str:
    """The parser raises this for a flag given a value, or an option missing its value."""
    params = error.ctx.command.get_params(error.ctx) if error.ctx else []
    option = next((p for p in params if error.option_name in p.opts), None)
    if isinstance(option, click.Option) and (option.is_flag or option.count):
        return f"选项 {error.option_name} 是开关，不带值"
    return f"选项 {error.option_name} 后面缺少值"


#: How each kind of click error is said; the nearest class in an error's MRO wins. Other errors
#: (UsageProblem, BadParameter raised by our types and callbacks) carry Chinese messages.
WORDING = {
    click.NoSuchOption: lambda e: f"没有 {e.option_name} 这个选项" + _suggest(e.possibilities),
    UnknownCommand: lambda e: f"没有 {e.command_name} 这个命令" + _suggest(e.possibilities),
    ExtraArguments: lambda e: "多余的参数：" + " ".join(e.arguments),
    click.BadOptionUsage: _misused_option,
    click.MissingParameter: lambda e: f"缺少{_parameter(e)}",
    click.BadParameter: lambda e: f"{_parameter(e)} 的值无效：{e.message}",
    click.ClickException: lambda e: e.message,
}


def wording(error: click.ClickException) -> str:
    """The Chinese message for a click error, from its structured attributes."""
    kind = next(kind for kind in type(error).__mro__ if kind in WORDING)
    return WORDING[kind](error)


def _help_hint(ctx: click.Context) -> str:
    names = ctx.command.get_help_option_names(ctx)
    if not names or ctx.command.get_help_option(ctx) is None:
        return ""
    return f"请运行 {ctx.command_path} {min(names, key=len)} 查看帮助。\n"


def show(error: click.ClickException) -> None:
    """Print a click error as click would (usage, where to get help, the error), in Chinese."""
    if isinstance(error, NoArgsIsHelpError):
        click.echo(error.format_message(), err=True)  # the help itself, already Chinese
        return
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        click.echo(f"{ctx.get_usage()}\n{_help_hint(ctx)}", err=True)
    click.echo(f"错误：{wording(error)}", err=True)
