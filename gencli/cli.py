"""The command line: parses options and calls the library, nothing more.

Exit codes: 0 all good, 1 a report has errors (or warnings under --strict), 2 usage errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

def _kinds() -> tuple[str, ...]:
    from .schema_build import BUILDERS

    return tuple(BUILDERS)


KIND_CHOICES = _kinds()


class UsageProblem(click.UsageError):
    """A usage error with a Chinese message (exit code 2)."""


def _readable(action, path: Path, *args, **kwargs):
    """Run `action` on a file; a file that cannot be read is a usage error (exit 2)."""
    try:
        return action(path, *args, **kwargs)
    except OSError as error:
        raise UsageProblem(f"无法读取 {path}：{error.strerror or error}") from None


def _read_previous(path: Path, years: set[int]) -> dict:
    """Last year's report, normalized; its own arithmetic errors are not our business."""
    from .validation import structure_only

    previous = _readable(structure_only, path)
    if previous is None:
        raise UsageProblem(f"无法读取上年报告 {path}：请先用 gencli validate 检查它的结构")
    expected = {year - 1 for year in years}
    if previous["year"] not in expected or len(expected) != 1:
        shown = "、".join(str(y) for y in sorted(years))
        raise UsageProblem(f"--previous 应为上一年度（{shown} 的上一年）的报告，"
                           f"而 {path} 是 {previous['year']} 年的报告")
    return previous


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="gencli", help="显示版本并退出。")
@click.option("--debug", is_flag=True, help="出现内部错误时显示完整的 Python 回溯。")
def main(debug: bool) -> None:
    """gencli：把政府信息公开工作年度报告等法定报告写成 YAML，校验勾稽关系，生成 Word 与网页。

    \b
    常用命令：
      gencli init --kind gov-info-annual --year 2024 --agency 某某局 -o 报告.yaml
      gencli validate 报告.yaml
      gencli build 报告.yaml -o 输出目录
      gencli schema gov-info-annual
    """


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--previous", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="上一年度的报告，用于跨年度核对（本年上年结转 = 上年结转下年度等）。")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式：text 供人阅读，json 供 CI 和编辑器使用。")
@click.option("--strict", is_flag=True, help="有警告也视为未通过（退出码 1）。")
def validate(files: tuple[Path, ...], previous: Path | None, output_format: str,
             strict: bool) -> None:
    """检查报告的结构与勾稽关系，逐条列出错误（文件:行:列）。

    全部通过时退出码为 0；有错误（或在 --strict 下有警告）时为 1；用法错误为 2。
    """
    from .reporting import REPORTERS, summary
    from .validation import check_file, peek_year

    last_year = None
    if previous is not None:
        years = {_readable(peek_year, path) for path in files} - {None}
        last_year = _read_previous(previous, years or {0})
    results = [_readable(check_file, path, previous=last_year) for path in files]
    diagnostics = [d for result in results for d in result.diagnostics]
    REPORTERS[output_format](diagnostics, sys.stdout)
    failed = sum(1 for r in results if r.errors or (strict and r.warnings))
    errors = sum(len(r.errors) for r in results)
    if output_format == "text":
        click.echo(summary(len(results), failed, errors, len(diagnostics) - errors), err=True)
    sys.exit(1 if failed else 0)


def _formats(value: str) -> list[str]:
    from .build import WRITERS

    chosen = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [fmt for fmt in chosen if fmt not in WRITERS]
    if unknown or not chosen:
        raise click.BadParameter(f"可选格式：{'、'.join(WRITERS)}，用逗号分隔，如 docx,html")
    return chosen


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              help="输出目录；省略时写在输入文件旁边。")
@click.option("--to", "formats", default="docx,html", show_default=True,
              help="生成的格式，逗号分隔：docx（Word，GB/T 9704-2012）、html（网页）。")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="自定义模板目录，其中的同名模板优先于内置模板。")
def build(files: tuple[Path, ...], outdir: Path | None, formats: str,
          templates: Path | None) -> None:
    """检查报告并生成 Word（.docx）和网页（.html）。

    报告有错误时，列出与 validate 相同的错误，退出码为 1，不写出（也不覆盖）任何文件。
    """
    from .build import build_file
    from .reporting import text_report

    chosen = _formats(formats)
    failed = 0
    for path in files:
        built = _readable(build_file, path, outdir, chosen, templates)
        text_report(built.checked.diagnostics, sys.stdout)
        if built.ok:
            click.echo("已生成 " + "、".join(str(p) for p in built.written), err=True)
        else:
            failed += 1
            click.echo(f"{path} 有错误，未生成文件。", err=True)
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--kind", type=click.Choice(KIND_CHOICES), default="gov-info-annual",
              show_default=True, help="报告种类。")
@click.option("--year", type=click.IntRange(2019, 2100), required=True, help="报告年度。")
@click.option("--agency", required=True, help="报告机关全称，如“福建省商务厅”。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="写入的文件；省略时输出到屏幕。已存在的文件不会被覆盖。")
def init(kind: str, year: int, agency: str, output: Path | None) -> None:
    """生成一份完整的报告骨架：每一行都在，数字为 0，每行有中文注释，可直接通过检查。"""
    from .output import write_text_atomically
    from .skeleton import skeleton

    text = skeleton(kind, year, agency)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists():
        raise UsageProblem(f"{output} 已存在，不会覆盖；请换一个文件名或先删除它")
    write_text_atomically(output, text)
    click.echo(f"已写入 {output}；填写后用 gencli validate {output} 检查。", err=True)


@main.command()
@click.argument("kind", type=click.Choice(KIND_CHOICES))
def schema(kind: str) -> None:
    """输出某种报告的 JSON Schema（draft-07，供编辑器补全与检查）。"""
    from .paths import schema_file

    click.echo(schema_file(kind).read_text(encoding="utf-8"), nl=False)


def run() -> None:
    """The console entry point: no traceback ever reaches a user, unless asked for."""
    try:
        main()
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if "--debug" in sys.argv[1:]:
            raise
        click.echo(f"gencli 内部错误：{type(error).__name__}: {error}\n"
                   "这不是报告的问题；请加 --debug 重新运行，并把输出报告给维护者。", err=True)
        sys.exit(1)
