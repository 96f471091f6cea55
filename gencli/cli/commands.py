"""The command line: parses options and calls the library, nothing more.

Exit codes: 0 all good, 1 a report has errors (or warnings under --strict), 2 usage errors.
Click's own words (help layout, usage errors) are Chinese through the classes in chinese.py.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gencli import __version__
from gencli.cli.chinese import Choice, Group, Option, PathType, Whole

if TYPE_CHECKING:
    from gencli.operations.last_years import Pairing


def _kinds() -> tuple[str, ...]:
    from gencli.kinds import NAMES

    return NAMES


KIND_CHOICES = _kinds()


def _kinds_named() -> str:
    """The kinds with their Chinese names, for help: gov-info-annual（政府信息公开工作年度报告）."""
    from gencli.kinds import KINDS

    return "、".join(f"{name}（{KINDS[name].title}）" for name in KIND_CHOICES)


class UsageProblem(click.UsageError):
    """A usage error with a Chinese message (exit code 2)."""


def _readable(action, path: Path, *args, **kwargs):
    """Run `action` on a file; a file that cannot be read is a usage error (exit 2)."""
    from gencli.base import oserrors

    try:
        return action(path, *args, **kwargs)
    except OSError as error:
        raise UsageProblem(f"无法读取 {path}：{oserrors.chinese(error)}") from None


def _one_line(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A name is written into a report as one line of text: a line break or other control
    character in it (or bytes that are not UTF-8) is refused rather than written."""
    import unicodedata

    # controls, lone surrogates, line/paragraph separators, and format characters (bidi
    # controls, zero-width characters: see base.characters)
    refused = ("Cc", "Cs", "Zl", "Zp", "Cf")
    odd = next((c for c in value or "" if unicodedata.category(c) in refused), None)
    if odd is not None:
        raise UsageProblem(
            f"{param.opts[0]} 不能包含换行符或其他控制字符（这里有 U+{ord(odd):04X}）："
            "请把机关名称写在一行内"
        )
    return value


def _read_previous(path: Path, years: set[int]) -> dict:
    """Last year's report, normalized; its own arithmetic errors are not our business."""
    from gencli.checking.validation import structure_only

    previous = _readable(structure_only, path)
    if previous is None:
        raise UsageProblem(f"无法读取上年报告 {path}：请先用 gencli validate 检查它的结构")
    expected = {year - 1 for year in years}
    if previous["year"] not in expected or len(expected) != 1:
        shown = "、".join(str(y) for y in sorted(years))
        raise UsageProblem(
            f"--previous 应为上一年度（{shown} 的上一年）的报告，"
            f"而 {path} 是 {previous['year']} 年的报告"
        )
    return previous


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
    no_args_is_help=True,
)
@click.version_option(
    __version__,
    "-V",
    "--version",
    prog_name="gencli",
    message="%(prog)s 版本 %(version)s",
    help="显示版本并退出。",
)
@click.option("--debug", is_flag=True, help="出现内部错误时显示完整的 Python 回溯。")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """gencli：把政府信息公开工作年度报告等法定报告写成 YAML，校验勾稽关系，生成 Word 与网页。

    \b
    常用命令：
      gencli init --kind gov-info-annual --year 2024 --agency 某局 -o 报告.yaml
      gencli validate 报告.yaml
      gencli build 报告.yaml -o 输出目录
      gencli diff HEAD~1:报告.yaml 报告.yaml
      gencli init --from 上年.yaml -o 本年.yaml
      gencli schema gov-info-annual
    """
    if ctx.invoked_subcommand is None:
        raise UsageProblem("缺少命令：请在 gencli 后给出命令，如 gencli validate 报告.yaml")


JOBS_HELP = "并行的进程数（至少为 1）；默认为 CPU 核数，-j 1 在本进程中依次处理。"
jobs_option = click.option("-j", "--jobs", type=Whole(least=1), metavar="进程数", help=JOBS_HELP)
reports_argument = click.argument(
    "files", nargs=-1, required=True, metavar="报告...", type=PathType(exists=True, path_type=Path)
)


def _sources(paths: tuple[Path, ...], out: Path | None = None) -> tuple[list, bool]:
    """The reports named or found in the named folders; whether it is a batch (a folder, or
    more than one report: then a summary closes the run and one report's failure, even an
    unreadable file, does not stop the others)."""
    from gencli.loading.sources import SourceError, collect, refuse_collisions

    try:
        sources, folders = collect(paths)
        refuse_collisions(sources, out)
    except SourceError as error:
        raise UsageProblem(str(error)) from None
    return sources, folders or len(sources) > 1


def _capped_jobs(jobs: int) -> int:
    """-j beyond the usable cores is lowered to them, with a note (not an error: the run is
    the same, only not slower and lighter on memory)."""
    from gencli.operations.parallel import capped

    used = capped(jobs)
    if used < jobs:
        click.echo(f"-j {jobs} 超过可用的 CPU 核数，按 {used} 个进程并行。", err=True)
    return used


def _run(
    job, tasks: list, jobs: int | None, batch: bool, label: str, show, undone: str
) -> tuple[list, str, list[str]]:
    """Run the tasks (in parallel in a batch): their outcomes and, for a batch, the time taken
    (“用时 …”) and the lines naming the reports that failed, for the one closing summary."""
    from gencli.operations.batch import failures, run, timing
    from gencli.operations.parallel import default_jobs

    jobs = _capped_jobs(jobs) if jobs else default_jobs()
    if not batch:
        path = tasks[0].path if hasattr(tasks[0], "path") else tasks[0].source.path
        return _readable(lambda _: run(job, tasks, 1, label, show)[0], path), "", []
    outcomes, seconds = run(job, tasks, jobs, label, show)
    failed = failures(outcomes, undone, debug="--debug" in sys.argv[1:])
    return outcomes, timing(outcomes, seconds, jobs), failed


@main.command()
@reports_argument
@click.option(
    "--previous",
    type=PathType(exists=True, path_type=Path),
    help="上一年度的报告，用于跨年度核对（本年上年结转 = 上年结转下年度等）；给出文件夹时，"
    "每份报告与其中同一机关、同一种类的上一年度报告核对（一个地区的报告一次核对完）。",
)
@click.option(
    "--format",
    "output_format",
    type=Choice(["text", "json"]),
    default="text",
    help="输出格式：text 供人阅读，json 供 CI 和编辑器使用；默认为 text。",
)
@click.option("--strict", is_flag=True, help="有警告也视为未通过（退出码 1）。")
@click.option(
    "--only-reports",
    is_flag=True,
    help="跳过不是 gencli 报告的 YAML 文件（顶层没有 kind: 报告种类），供 pre-commit 钩子使用。",
)
@jobs_option
def validate(
    files: tuple[Path, ...],
    previous: Path | None,
    output_format: str,
    strict: bool,
    only_reports: bool,
    jobs: int | None,
) -> None:
    """检查报告的结构与勾稽关系，逐条列出错误（文件:行:列）。

    可以给出文件夹：检查其中（含子文件夹，隐藏文件夹除外）全部 .yaml/.yml 报告，多个进程并行，
    最后一行汇总（文件数、错误与警告数、用时），并列出未通过的报告；每处错误只列一次。
    全部通过时退出码为 0；有错误（或在 --strict 下有警告）时为 1；用法错误为 2。
    """
    from gencli.checking.validation import peek_year
    from gencli.cli.reporting import REPORTERS, summary
    from gencli.operations.batch import CheckTask, check_job

    sources, batch = _sources(files)
    files = tuple(source.path for source in sources)
    if only_reports:
        from gencli.loading.selection import is_report

        files = tuple(path for path in files if _readable(is_report, path))
    last_year, pairing = None, None
    if previous is not None and previous.is_dir():
        pairing = _pair_with_last_years(files, previous)
    elif previous is not None:
        years = {_readable(peek_year, path) for path in files} - {None}
        last_year = _read_previous(previous, years or {0})
    tasks = [
        CheckTask(path, pairing.previous.get(path) if pairing else last_year, strict, guarded=batch)
        for path in files
    ]
    results, took, failed_lines = (
        _run(check_job, tasks, jobs, batch, "检查", lambda outcome: None, "未通过")
        if tasks
        else ([], "", [])
    )
    diagnostics = [d for result in results for d in result.diagnostics]
    REPORTERS[output_format](diagnostics, sys.stdout)
    failed = sum(1 for r in results if r.failed)
    errors = sum(1 for d in diagnostics if d.is_error)
    if output_format == "text":
        line = summary(len(results), failed, errors, len(diagnostics) - errors)
        click.echo(line[:-1] + f"；{took}。" if took else line, err=True)
        for failure in failed_lines:
            click.echo(failure, err=True)
    for line in pairing.closing_lines() if pairing else []:
        click.echo(line, err=True)
    sys.exit(1 if failed else 0)


def _pair_with_last_years(files: tuple[Path, ...], folder: Path) -> Pairing:
    """`--previous 文件夹`: each report paired with its agency's report of the year before."""
    from gencli.operations.last_years import pair

    last_years, _ = _sources((folder,))
    if not last_years:
        raise UsageProblem(f"--previous 文件夹 {folder} 中没有 .yaml/.yml 报告")
    return pair(list(files), [source.path for source in last_years])


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> list[str]:
    """The --to formats, checked as the option is parsed so the error names it."""
    from gencli.operations.build import FORMATS

    chosen = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"可选格式：{'、'.join(FORMATS)}，用逗号分隔，如 docx,html")
    return chosen


@main.command()
@reports_argument
@click.option(
    "-o",
    "--output",
    "outdir",
    type=PathType(file_okay=False, path_type=Path),
    help="输出目录（文件夹中的报告按原有子文件夹存放）；省略时写在输入文件旁边。",
)
@click.option(
    "--to",
    "formats",
    default="docx,html",
    metavar="格式",
    callback=_formats,
    help="生成的格式，逗号分隔：docx（Word，GB/T 9704-2012）、html（网页）、pdf（由 LibreOffice "
    "按 Word 版排出，一批报告只启动一次）、xlsx（表格，Excel）、fragment（供门户网站编辑器粘贴的"
    "网页片段，名.fragment.html）；默认为 docx,html。",
)
@click.option(
    "--templates",
    type=PathType(exists=True, file_okay=False, path_type=Path),
    help="自定义模板目录，其中的同名模板优先于内置模板。",
)
@click.option("--strict", is_flag=True, help="有警告也视为未通过：不生成文件，退出码 1。")
@jobs_option
def build(
    files: tuple[Path, ...],
    outdir: Path | None,
    formats: list[str],
    templates: Path | None,
    strict: bool,
    jobs: int | None,
) -> None:
    """检查报告并生成 Word（.docx）和网页（.html）。

    报告有错误时（加 --strict 时有警告也算），列出与 validate 相同的错误，退出码为 1，
    不写出（也不覆盖）任何文件。

    可以给出文件夹：其中（含子文件夹，隐藏文件夹除外）全部 .yaml/.yml 报告由多个进程并行生成，
    输出目录中的子文件夹与输入一致；一份报告有错误不影响其他报告，最后一行汇总（生成、未生成
    的份数与用时）并列出未生成的报告；每处错误只列一次。有任何一份未生成时退出码为 1。
    """
    from gencli.cli.reporting import text_report
    from gencli.operations.batch import BuildTask, build_job
    from gencli.operations.build import SUFFIXES

    sources, batch = _sources(files, outdir)
    from gencli.loading.sources import (
        SourceError,
        refuse_leaving_output,
        refuse_overwriting_inputs,
    )

    try:
        refuse_overwriting_inputs(sources, outdir, [SUFFIXES[fmt] for fmt in formats])
        refuse_leaving_output(sources, outdir)
    except SourceError as error:
        raise UsageProblem(str(error)) from None

    pdf = "pdf" in formats

    def show(outcome) -> None:
        """Each report's findings as they come; in a batch the closing summary names the
        reports not built (a thousand “已生成” lines would bury them). With pdf nothing is
        written until every report is back, so the outcome is told after the conversion."""
        text_report(outcome.diagnostics, sys.stdout)
        if not (batch or pdf):
            tell(outcome)

    def tell(outcome) -> None:
        if outcome.failed:
            errors = sum(1 for d in outcome.diagnostics if d.is_error)
            why = f"错误 {errors} 处" if errors else "有警告（--strict）"
            click.echo(f"未生成文件：{why}。", err=True)
        else:
            click.echo("已生成 " + "、".join(outcome.written), err=True)

    tasks = [
        BuildTask(source, outdir, tuple(formats), templates, batch, strict) for source in sources
    ]
    outcomes, took, failed_lines = _run(build_job, tasks, jobs, batch, "生成", show, "未生成")
    if pdf:
        from gencli.operations.batch import failures
        from gencli.operations.pdf_outputs import finish

        reported = {id(outcome): len(outcome.diagnostics) for outcome in outcomes}
        finished = finish(outcomes)
        for note in finished.notes:
            click.echo(f"警告：{note}", err=True)
        if finished.problem:
            click.echo(f"无法生成 PDF：{finished.problem}", err=True)
        else:
            for outcome in outcomes:  # a write that failed after the conversion
                text_report(outcome.diagnostics[reported[id(outcome)] :], sys.stdout)
        if not batch:
            tell(outcomes[0])
        failed_lines = failures(outcomes, "未生成", debug="--debug" in sys.argv[1:])
    if batch:
        failed = sum(1 for outcome in outcomes if outcome.failed)
        click.echo(
            f"共 {len(outcomes)} 份报告：已生成 {len(outcomes) - failed} 份，未生成 {failed} 份；"
            f"{took}。",
            err=True,
        )
        for failure in failed_lines:
            click.echo(failure, err=True)
    sys.exit(1 if any(outcome.failed for outcome in outcomes) else 0)


def _init_options(kind: str, year: int | None, agency: str | None) -> None:
    """What the kind's schema says of `year` and `agency`: required or not, and the years it
    accepts, checked before a skeleton is written. (A 规划 has no year of its own: its skeleton
    uses --year as the target year of the indicator table.)"""
    from gencli.checking.validation import load_schema

    schema = load_schema(kind)
    required, properties = schema.get("required", []), schema["properties"]
    for key, option, value in (("year", "--year", year), ("agency", "--agency", agency)):
        if value is None and key in required:
            raise UsageProblem(f"{kind} 报告需要 {option}（{properties[key]['title']}）")
    if year is not None and "year" in properties:
        low, high = properties["year"]["minimum"], properties["year"]["maximum"]
        if not low <= year <= high:
            why = properties["year"].get("x-messages", {}).get("minimum", "")
            raise UsageProblem(
                f"--year 应在 {low} 至 {high} 之间，这里是 {year}"
                + (f"：{why}" if why and year < low else "")
            )


def _roll_over(
    source: Path, kind: str | None, year: int | None, agency: str | None, output: Path | None
) -> str:
    """Next year's report from last year's; what was carried and what changed go to stderr."""
    from gencli.operations.modeline import schema_ref
    from gencli.operations.rollover import RolloverError, next_year, read_last_year

    try:
        previous = _readable(read_last_year, source)
        if kind is not None and kind != previous["kind"]:
            raise RolloverError(f"{source} 是 {previous['kind']} 报告，与 --kind {kind} 不符")
        rolled = next_year(
            previous, str(source), schema_ref(previous["kind"], output), year, agency
        )
    except RolloverError as error:
        raise UsageProblem(str(error)) from None
    for note in rolled.notes:
        click.echo(note, err=True)
    return rolled.text


@main.command()
@click.option(
    "--kind",
    type=Choice(KIND_CHOICES),
    default="gov-info-annual",
    metavar="种类",
    help=f"报告种类：{_kinds_named()}；默认为 gov-info-annual。",
)
@click.option("--year", type=Whole(), metavar="年度", help="报告年度（年度报告必填）。")
@click.option(
    "--agency",
    metavar="机关",
    callback=_one_line,
    help="报告机关全称，如“福建省商务厅”（年度报告必填）。",
)
@click.option(
    "--from",
    "last_year",
    type=PathType(exists=True, dir_okay=False, path_type=Path),
    help="上一年度的报告：生成下一年度的报告（上年结转等按上年推算，叙述保留为注释）。",
)
@click.option(
    "-o",
    "--output",
    type=PathType(dir_okay=False, path_type=Path),
    help="写入的文件；省略时输出到屏幕。已存在的文件不会被覆盖。",
)
def init(
    kind: str, year: int | None, agency: str | None, last_year: Path | None, output: Path | None
) -> None:
    """生成一份完整的报告骨架：每一部分、每一行都在，数字为 0，有中文注释，可直接通过检查。

    --from 上年.yaml 生成下一年度的报告：年度加一，上年结转、上一年项目数量、对外公开总数量、
    现行有效件数按上年推算，其余数字为 0，上年的叙述保留为“# 上年内容：”注释；跨入 2021 年
    格式时说明格式的变化。生成的报告可直接通过检查和 --previous 上年.yaml 的跨年度核对。
    写入文件时，若其所在目录或上级目录有 schema/<种类>.schema.json（gencli schema --write
    schema 写出），编辑器模式行用相对路径指向它，否则指向安装的 gencli 所带的 schema。
    """
    from gencli.base.output import write_text_atomically
    from gencli.operations.init import skeleton
    from gencli.operations.modeline import schema_ref

    if output is not None and output.exists():
        raise UsageProblem(f"{output} 已存在，不会覆盖；请换一个文件名或先删除它")
    if last_year is not None:
        explicit = click.get_current_context().get_parameter_source("kind")
        text = _roll_over(
            last_year,
            kind if explicit is click.core.ParameterSource.COMMANDLINE else None,
            year,
            agency,
            output,
        )
    else:
        _init_options(kind, year, agency)
        text = skeleton(kind, year, agency, schema_ref(kind, output))
    if output is None:
        click.echo(text, nl=False)
        return
    write_text_atomically(output, text)
    click.echo(f"已写入 {output}；填写后用 gencli validate {output} 检查。", err=True)


@main.command()
@click.argument("kind", type=Choice(KIND_CHOICES), required=False, metavar="[种类]")
@click.option(
    "--write",
    "folder",
    type=PathType(file_okay=False, path_type=Path),
    help="把每种报告的 JSON Schema 写入这个目录（如报告仓库的 schema/），供编辑器使用。",
)
def schema(kind: str | None, folder: Path | None) -> None:
    """输出某种报告的 JSON Schema（draft-07，供编辑器补全与检查），或用 --write 写出全部。

    种类：gov-info-annual（政府信息公开工作年度报告）、rule-of-law-annual（法治政府建设年度
    报告）、work-summary（工作总结）、plan（规划）。

    报告仓库根目录下运行 gencli schema --write schema 后，gencli init -o 生成的报告的编辑器
    模式行会用相对路径指向 schema/ 中的文件；升级 gencli 后请重新运行一次。
    """
    from gencli.base.paths import schema_file

    if folder is None:
        if kind is None:
            raise UsageProblem(
                "请给出报告种类（可选："
                + _kinds_named()
                + "），或用 --write 目录 写出全部种类的 schema"
            )
        click.echo(schema_file(kind).read_text(encoding="utf-8"), nl=False)
        return
    if kind is not None:
        raise UsageProblem("--write 写出全部种类的 schema，不能同时给出报告种类")
    from gencli.operations.schemas import write_all

    for path in write_all(folder):
        click.echo(f"已写入 {path}")


@main.command()
@click.argument("old", metavar="旧版本")
@click.argument("new", metavar="新版本")
@click.option(
    "--format",
    "output_format",
    type=Choice(["text", "json"]),
    default="text",
    help="输出格式：text 供人阅读，json 供 CI 和其他程序使用；默认为 text。",
)
def diff(old: str, new: str, output_format: str) -> None:
    """比较报告的两个版本：变动的数字（中文表/行/列名，旧 → 新）、新版本的勾稽关系是否仍成立、
    叙述部分逐段的增删改；两版为相邻年度时另做跨年度核对。

    旧版本、新版本可以是文件，也可以是当前 git 仓库中的版本，写法同 git show：HEAD~1:2024.yaml。
    内容相同退出码为 0，不同为 1，用法错误（文件或版本不存在、不是结构完整的报告）为 2。
    """
    from gencli.cli.reporting import text_report
    from gencli.loading.revisions import RevisionError, read_version
    from gencli.operations.diff import Unreadable, compare
    from gencli.operations.diff_report import REPORTERS

    try:
        comparison = compare(read_version(old), read_version(new))
    except RevisionError as error:
        raise UsageProblem(str(error)) from None
    except Unreadable as error:
        text_report(error.diagnostics, sys.stderr)
        raise UsageProblem(str(error)) from None
    REPORTERS[output_format](comparison, sys.stdout)
    if comparison.equal and output_format == "text":
        click.echo("两个版本的内容相同。", err=True)
    sys.exit(0 if comparison.equal else 1)


@main.command()
@click.argument("file", type=PathType(exists=True, dir_okay=False, path_type=Path), metavar="文件")
def textconv(file: Path) -> None:
    """把 gencli 生成的 .docx 转成稳定的纯文本（标题、段落、表格逐行，单元格以“ | ”分隔），
    供 git 的 textconv 驱动使用，让 git diff 能显示 Word 文件改了什么。

    不是 Word 文档、已损坏或大得异常（如压缩炸弹）的文件只输出一行说明，退出码仍为 0，
    这样 git diff、git log -p 照常进行。"""
    from gencli.operations.textconv import NotADocx, docx_text

    try:
        text = _readable(docx_text, file)
    except NotADocx as error:
        text = f"[gencli textconv：{error}]\n"
    click.echo(text.encode("utf-8"), nl=False)


@main.command()
@reports_argument
@click.option(
    "-o",
    "--output",
    type=PathType(dir_okay=False, path_type=Path),
    help="写入的文件；省略时输出到屏幕。已存在的文件不会被覆盖（除非加 --force）。",
)
@click.option(
    "--agency",
    cls=Option,
    required=True,
    metavar="机关",
    callback=_one_line,
    help="汇总报告的机关，如“福建省人民政府办公厅”。",
)
@click.option(
    "--year", type=Whole(), metavar="年度", help="报告年度；省略时取各报告的年度（必须一致）。"
)
@click.option(
    "--xlsx",
    "workbook",
    type=PathType(dir_okay=False, path_type=Path),
    metavar="文件.xlsx",
    help="另写一份 Excel 汇总表：每张表一个工作表，每个机关一行，末行为合计（求和公式）。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@click.option(
    "--skip-invalid", is_flag=True, help="有错误的报告不汇总（列在结果文末），而不是拒绝汇总。"
)
@click.option(
    "--allow-same-agency",
    is_flag=True,
    help="允许两份报告写同一个机关（确属同名的不同机关时）；默认拒绝，以免数字重复相加。",
)
@click.option(
    "--only-reports",
    is_flag=True,
    help="跳过不是 gencli 报告的 YAML 文件（顶层没有 kind: 报告种类），如同 validate。",
)
@jobs_option
def aggregate(
    files: tuple[Path, ...],
    output: Path | None,
    agency: str,
    year: int | None,
    workbook: Path | None,
    force: bool,
    skip_invalid: bool,
    allow_same_agency: bool,
    only_reports: bool,
    jobs: int | None,
) -> None:
    """把多个机关同一年度、同一格式的政府信息公开工作年度报告的表格逐格相加，生成本地区的报告。

    表二（件数、金额精确相加，“本年增/减”按正负相加，采购金额单位必须一致）、表三、表四为各报告
    之和；叙述部分留空并注明由编写者撰写。结果与 gencli init 生成的骨架格式相同，写出前先通过
    检查并核对与逐格相加之和一致。报告有错误时拒绝汇总并列出错误（或用 --skip-invalid 跳过）；
    年度或格式不一致时拒绝汇总并列出不一致的文件；两份报告写同一个机关时拒绝汇总并列出这些文件
    （或用 --allow-same-agency 允许）。在终端中运行时显示进度条。
    """
    from gencli.base.output import write_all_atomically
    from gencli.operations.aggregate import AggregateError
    from gencli.operations.aggregate import aggregate as add_up
    from gencli.operations.modeline import schema_ref
    from gencli.operations.parallel import default_jobs

    targets = [path for path in (output, workbook) if path is not None]
    for target in targets:
        if target.exists() and not force:
            raise UsageProblem(f"{target} 已存在，不会覆盖；请换一个文件名，或加 --force 覆盖")
    if workbook is not None and workbook.suffix.lower() != ".xlsx":
        raise UsageProblem(f"--xlsx 的文件名应以 .xlsx 结尾：{workbook}")
    if output is not None and workbook is not None and output.resolve() == workbook.resolve():
        raise UsageProblem("-o 与 --xlsx 是同一个文件，请分别指定")
    sources, _ = _sources(files)
    for target in targets:
        if target.resolve() in {source.path.resolve() for source in sources}:
            raise UsageProblem(f"{target} 在要汇总的报告之中，会被当作一份报告再加一次；请写到别处")
    paths = [source.path for source in sources]
    if only_reports:
        from gencli.loading.selection import is_report

        paths = [path for path in paths if _readable(is_report, path)]
        if not paths:
            raise UsageProblem("给出的文件中没有 gencli 报告（顶层 kind: 报告种类）")
    try:
        result = add_up(
            paths,
            agency,
            schema_ref("gov-info-annual", output),
            year,
            skip_invalid,
            _capped_jobs(jobs) if jobs else default_jobs(),
            allow_same_agency,
        )
    except AggregateError as error:
        click.echo(f"无法汇总：{error}", err=True)
        sys.exit(1)
    for problem in result.left_out:
        click.echo(f"未汇总（有错误）：{problem}", err=True)
    contents: dict[Path, bytes] = {}
    if output is not None:
        contents[output] = result.text.encode("utf-8")
    if workbook is not None:
        from gencli.kinds.gov_info_annual.form import FORMATS_BY_YEAR
        from gencli.operations.summary_workbook import summary_workbook

        contents[workbook] = summary_workbook(result.reports, FORMATS_BY_YEAR[result.format])
    write_all_atomically(contents)  # both or neither
    if output is None:
        click.echo(result.text, nl=False)
    else:
        click.echo(
            f"已写入 {output}：汇总了 {len(result.summed)} 份报告；请撰写叙述部分后用 "
            f"gencli validate {output} 检查。",
            err=True,
        )
    if workbook is not None:
        click.echo(f"已写入 Excel 汇总表 {workbook}（{len(result.summed)} 个机关）。", err=True)


@main.command("import")
@click.argument(
    "sources",
    nargs=-1,
    required=True,
    metavar="来源...",
    type=PathType(exists=True, path_type=Path),
)
@click.option(
    "-o",
    "--output",
    type=PathType(path_type=Path),
    help="写入的 .yaml 文件（只导入一份时），或输出目录（文件夹中的来源按原有子文件夹存放）；"
    "省略时写在来源文件旁边。",
)
@click.option(
    "--kind",
    type=Choice(["gov-info-annual", "work-summary", "rule-of-law-annual", "plan"]),
    default="gov-info-annual",
    help="报告种类：gov-info-annual（政府信息公开工作年度报告，默认）、work-summary（工作总结："
    "标题、机关、年度和按标题分级的正文）、rule-of-law-annual（法治政府建设年度报告：按第二十五条"
    "的五部分）或 plan（规划：按“第X章”分章）。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@jobs_option
def import_(
    sources: tuple[Path, ...], output: Path | None, kind: str, force: bool, jobs: int | None
) -> None:
    """把已发布的报告（门户网站上保存的网页 .html/.htm、Word .docx、文字版 PDF；.doc/.wps 经
    LibreOffice 转换）导入为 gencli 的 YAML。

    读出标题（机关、年度）、表格格式、一至六各部分（小标题写成 Markdown 标题）、表二表三表四
    （按行名对应到官方表格，空白、“/”、“—”按 0 读入并提示）和落款日期；表中数字照原文，
    所印总计也照录。写出后立即检查，列出原报告自身的勾稽错误（文件:行:列）。文件开头的注释
    写明来源和所作的假定，未能放入报告的内容列在文末。
    已存在的文件不会覆盖（除非加 --force）；不是年度报告的网页不写出文件，退出码为 1；
    缺少某张表的报告照样写出其余内容并注明缺少的表，退出码为 1。可以给出文件夹：其中（含
    子文件夹）全部网页、Word 和 PDF 文件由多个进程并行导入，最后列出汇总表。
    """
    from gencli.cli.reporting import text_report
    from gencli.loading.sources import SourceError, collect
    from gencli.operations.import_report import SUFFIXES, ImportTask, import_job

    try:
        found, folders = collect(sources, SUFFIXES)
    except SourceError as error:
        raise UsageProblem(str(error)) from None
    batch = folders or len(found) > 1
    if batch and output is not None and output.suffix.lower() in (".yaml", ".yml"):
        raise UsageProblem("导入多份报告时 -o 应为输出目录，而不是 .yaml 文件")

    def show(outcome) -> None:
        text_report(outcome.diagnostics, sys.stdout)
        if outcome.written and not batch:
            state = "，有错误（见上）" if outcome.failed else ""
            click.echo(f"已导入 {outcome.path} → {outcome.written[0]}{state}", err=True)
        elif not outcome.written:
            click.echo(f"{outcome.path} 未导入。", err=True)

    tasks = [ImportTask(source, output, force, batch, kind) for source in found]
    outcomes, took, failed_lines = _run(import_job, tasks, jobs, batch, "导入", show, "有问题")
    if batch:
        failed = sum(1 for outcome in outcomes if outcome.failed)
        written = sum(1 for outcome in outcomes if outcome.written)
        click.echo(
            f"共 {len(outcomes)} 份来源：写出 {written} 份，其中有错误或缺表的 "
            f"{sum(1 for o in outcomes if o.written and o.failed)} 份，未写出 "
            f"{len(outcomes) - written} 份；{took}。",
            err=True,
        )
        for failure in failed_lines:
            click.echo(failure, err=True)
        del failed
    sys.exit(1 if any(outcome.failed for outcome in outcomes) else 0)


@main.command()
@click.argument(
    "target",
    required=False,
    default=".",
    metavar="[文件或文件夹]",
    type=PathType(exists=True, path_type=Path),
)
@click.option(
    "--port",
    type=Whole(),
    default=8000,
    metavar="端口",
    help="监听的端口（只在本机 127.0.0.1 上）；默认为 8000，0 表示自动选择空闲端口。",
)
@click.option(
    "--templates",
    type=PathType(exists=True, file_okay=False, path_type=Path),
    help="自定义模板目录，与 build 的同名选项相同。",
)
def serve(target: Path, port: int, templates: Path | None) -> None:
    """在浏览器中实时预览报告：保存 YAML 后，打开的页面自动更新。

    列出文件夹（默认为当前文件夹，含子文件夹）中的报告；每份报告显示为生成的网页，
    违反勾稽关系的数字所在单元格标红并附说明，全部错误和警告按“文件:行:列”列在文档上方，
    点击即跳到对应单元格。无法读取的报告只显示错误，不显示过时的页面。没有错误时可下载
    Word 文件。只在本机地址上监听，只提供该文件夹中的报告，从不写入任何文件；按 Ctrl-C
    停止。
    """
    if port > 65535:
        raise UsageProblem(f"端口应在 0 到 65535 之间，这里是 {port}")
    from gencli.operations.serve.server import ServeError, run

    try:
        run(target, port, templates)
    except ServeError as error:
        click.echo(f"gencli serve：{error}", err=True)
        sys.exit(1)


def _stop_as_interrupted() -> None:
    """SIGTERM (a CI timeout, `kill`) and SIGHUP (a closed terminal) stop gencli as Ctrl-C
    does: as KeyboardInterrupt, so atomic writes remove their temporary files on the way out
    instead of the process vanishing with them on disk."""
    import signal

    def interrupted(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupted)


def run() -> None:
    """The console entry point: no traceback ever reaches a user, unless asked for."""
    _stop_as_interrupted()
    try:
        main()
    except OSError as error:
        if "--debug" in sys.argv[1:]:
            raise
        from gencli.base import oserrors

        where = f"{error.filename}：" if error.filename else ""
        click.echo(f"gencli：{where}{oserrors.chinese(error)}", err=True)
        sys.exit(1)
    except Exception as error:
        if "--debug" in sys.argv[1:]:
            raise
        click.echo(
            f"gencli 内部错误：{type(error).__name__}: {error}\n"
            "这不是报告的问题；请加 --debug 重新运行，并把输出报告给维护者。",
            err=True,
        )
        sys.exit(1)
