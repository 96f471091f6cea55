"""`gencli import`: published reports (web pages, Word files, PDFs) become gencli YAML.

Each source is read into a flow (`importing.html_source`, `docx_source`, `pdf_source`; .doc
and .wps through LibreOffice, `office_convert`), read as a
report against its kind's form, written as YAML beside it (or under `-o`), and the written file
is validated at once, so the published report's own errors (勾稽关系, totals) are reported at
their lines. A source that is not a report writes nothing; a report missing a table is written
with the gap marked and counts as failed. An existing file is never replaced without `force`.
Jobs return `batch.Outcome`s, so a folder is imported as `build` builds one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gencli.checking.diagnostics import ERROR, WARNING, Diagnostic
from gencli.loading.sources import Source
from gencli.operations.batch import Outcome, contained

PAGES = (".html", ".htm")
WORD = (".docx",)
PDF = (".pdf",)
CONVERTED = (".doc", ".wps")
SUFFIXES = (*PAGES, *WORD, *PDF, *CONVERTED)
YAML_SUFFIXES = (".yaml", ".yml")
# the kinds a published document can be read as
KINDS = ("gov-info-annual", "work-summary", "rule-of-law-annual", "plan")
SUMMARY = "work-summary"
NARRATIVE_KINDS = ("rule-of-law-annual", "plan")  # parts at their headings, no tables read


class ImportRefused(ValueError):
    """A source that cannot be imported as given (a message in Chinese)."""


@dataclass(frozen=True)
class ImportTask:
    """One source; `out` an output folder (mirrored for folders), or the output file itself."""

    source: Source
    out: Path | None = None
    force: bool = False
    guarded: bool = True
    kind: str = "gov-info-annual"

    @property
    def target(self) -> Path:
        if self.out is not None and self.out.suffix.lower() in YAML_SUFFIXES:
            return self.out
        folder = self.source.outdir(self.out) or self.source.path.parent
        return folder / f"{self.source.path.stem}.yaml"


def read_flow(path: Path):
    """The flow of a source file, by its kind of file."""
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if suffix in PAGES:
        from gencli.importing.html_source import read_html

        return read_html(data)
    if suffix in WORD:
        from gencli.importing.docx_source import read_docx

        return read_docx(data)
    if suffix in CONVERTED:
        from gencli.importing.docx_source import read_docx
        from gencli.importing.office_convert import to_docx

        return read_docx(to_docx(path))
    if suffix in PDF:
        from gencli.importing.pdf_source import read_pdf

        return read_pdf(data)
    raise ImportRefused(
        f"{path}：无法导入 {suffix or '没有扩展名的'} 文件；可导入的文件：" + "、".join(SUFFIXES)
    )


def _source_name(path: Path, flow) -> str:
    where = [f"原网址 {flow.url}"] if flow.url else []
    if flow.published:
        where.append(f"发布时间 {flow.published}")
    return path.name + (f"（{'，'.join(where)}）" if where else "")


def _positioned(target: str, root, path: tuple, message: str, severity: str) -> Diagnostic:
    from gencli.checking import locate

    line, column = locate.position(root, path) if root is not None else (1, 1)
    return Diagnostic(target, line, column, severity, message)


def import_file(task: ImportTask) -> Outcome:
    """Import one source: write its YAML, validate it, and say what was assumed or is missing."""
    from gencli.base.output import write_text_atomically
    from gencli.checking.validation import check_text
    from gencli.importing.gov_info_annual import NotAReport, read_report
    from gencli.importing.writing import imported_text
    from gencli.operations.modeline import schema_ref

    path, target = task.source.path, task.target
    name = str(target)
    if target.exists() and not task.force:
        message = f"{target} 已存在，不会覆盖；请换一个输出位置，或加 --force 覆盖"
        return Outcome(str(path), [Diagnostic(str(path), 1, 1, ERROR, message)], failed=True)
    try:
        flow = read_flow(path)
        if task.kind == SUMMARY:
            return _write_summary(task, flow)
        if task.kind in NARRATIVE_KINDS:
            return _write_narrative(task, flow)
        imported = read_report(flow)
    except (NotAReport, ImportRefused, ValueError) as error:
        message = f"{error}；未写出文件"
        return Outcome(str(path), [Diagnostic(str(path), 1, 1, ERROR, message)], failed=True)
    text = imported_text(imported, _source_name(path, flow), schema_ref("gov-info-annual", target))
    checked = check_text(text, name)
    write_text_atomically(target, text)
    notes = [Diagnostic(name, 1, 1, ERROR, f"缺少{line}") for line in imported.missing]
    reading = imported.reading
    for row, columns in reading.blanks.items():
        message = f"{reading.rows[row]}“{'”“'.join(columns)}”列原表空白，按 0 读入"
        notes.append(_positioned(name, checked.raw, row, message, WARNING))
    for line in imported.reading.unplaced:
        notes.append(Diagnostic(name, 1, 1, WARNING, f"未能放入报告（列在文末注释中）：{line}"))
    diagnostics = notes + checked.diagnostics
    failed = bool(imported.missing or checked.errors)
    return Outcome(str(path), diagnostics, [name], failed=failed)


def _write_summary(task: ImportTask, flow) -> Outcome:
    """A 工作总结: one body of Markdown under its title (see `importing.summary`)."""
    from gencli.base.output import write_text_atomically
    from gencli.checking.validation import check_text
    from gencli.importing.summary import read_summary
    from gencli.importing.writing import summary_text
    from gencli.operations.modeline import schema_ref

    target = task.target
    summary = read_summary(flow)
    text = summary_text(summary, _source_name(task.source.path, flow), schema_ref(SUMMARY, target))
    checked = check_text(text, str(target))
    write_text_atomically(target, text)
    return Outcome(
        str(task.source.path), checked.diagnostics, [str(target)], failed=bool(checked.errors)
    )


def _write_narrative(task: ImportTask, flow) -> Outcome:
    """A 法治政府建设年度报告 or a 规划: its parts (chapters) at their headings as Markdown (see
    `importing.rule_of_law`, `importing.plan`); a missing part is written as missing, and fails."""
    from gencli.base.output import write_text_atomically
    from gencli.checking.validation import check_text
    from gencli.importing import writing
    from gencli.operations.modeline import schema_ref

    target = task.target
    source = _source_name(task.source.path, flow)
    ref = schema_ref(task.kind, target)
    if task.kind == "plan":
        from gencli.importing.plan import read_plan

        imported: Any = read_plan(flow)
        text = writing.plan_text(imported, source, ref)
    else:
        from gencli.importing.rule_of_law import read_rule_of_law

        imported = read_rule_of_law(flow)
        text = writing.rule_of_law_text(imported, source, ref)
    name = str(target)
    checked = check_text(text, name)
    write_text_atomically(target, text)
    notes = [Diagnostic(name, 1, 1, ERROR, f"缺少{line}") for line in imported.missing]
    for line in imported.unplaced:
        notes.append(Diagnostic(name, 1, 1, WARNING, f"未能放入报告（列在文末注释中）：{line}"))
    return Outcome(
        str(task.source.path),
        notes + checked.diagnostics,
        [name],
        failed=bool(imported.missing or checked.errors),
    )


def import_job(task: ImportTask) -> Outcome:
    """`import_file`, its failures kept to this source in a batch."""
    return contained(task.source.path, task.guarded, lambda: import_file(task))
