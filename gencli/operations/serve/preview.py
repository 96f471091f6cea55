"""One report checked and rendered in memory, as the preview shows it.

Unlike `build`, the preview renders a report whose figures do not add up: the author needs to
see the document *and* the cells that are wrong. It renders whatever passed the structure check
(the figures as typed), and only a report that cannot be read that far — a YAML error, an
unknown kind, a wrong key — is shown as its findings alone, never as the page it was before.
Nothing is written: the .docx offered for download is built from the same text on request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gencli.checking.diagnostics import ERROR, Diagnostic
from gencli.checking.validation import check_text
from gencli.loading.reader import LoadError, read_report
from gencli.operations.serve.annotate import annotate


@dataclass
class Preview:
    """What the page shows for one report: its title, the annotated document (None when the
    report could not be rendered), the writer's style, and every finding with the id of the
    cell it is placed on (or None)."""

    name: str
    title: str
    document: str | None
    style: str = ""
    findings: list[tuple[Diagnostic, str | None]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for finding, _ in self.findings if finding.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def _between(text: str, start: str, end: str) -> str:
    _, found, rest = text.partition(start)
    return rest.partition(end)[0] if found else ""


def _render(normalized: dict, templates: Path | None) -> tuple[str, str, str]:
    """(title, style, the page's <main> content) as the HTML writer writes them."""
    from gencli.document.templating import render_document
    from gencli.writers.html import write_html

    page = write_html(render_document(normalized, templates))
    title = _between(page, "<title>", "</title>")
    return title, _between(page, "<style>", "</style>"), _between(page, "<main>", "</main>")


def preview_text(text: str, name: str, templates: Path | None = None) -> Preview:
    """The preview of a report given as text (`name` is how findings name the file)."""
    from gencli.document.templating import TemplateError

    checked = check_text(text, name)
    findings = list(checked.diagnostics)
    normalized = checked.normalized or checked.structural
    if normalized is None:
        return Preview(name, name, None, findings=[(f, None) for f in findings])
    try:
        title, style, content = _render(normalized, templates)
    except TemplateError as error:
        findings.append(Diagnostic(name, 1, 1, ERROR, str(error)))
        return Preview(name, name, None, findings=[(f, None) for f in findings])
    annotated = annotate(content, findings)
    return Preview(name, title, annotated.html, style, list(zip(findings, annotated.places)))


def preview_file(path: Path, name: str, templates: Path | None = None) -> Preview:
    """The preview of a report file; an unreadable or refused file is its one finding."""
    try:
        text = read_report(path)
    except LoadError as error:
        finding = Diagnostic(name, error.line, error.column, ERROR, error.message)
        return Preview(name, name, None, findings=[(finding, None)])
    except OSError as error:
        finding = Diagnostic(name, 1, 1, ERROR, f"无法读取：{error.strerror or error}")
        return Preview(name, name, None, findings=[(finding, None)])
    return preview_text(text, name, templates)


def docx_of(path: Path, templates: Path | None = None) -> bytes | None:
    """The .docx `build` would write for the report, or None when the report has errors (the
    download is offered only for what `build` would produce)."""
    from gencli.document.templating import TemplateError, render_document
    from gencli.writers.docx.writer import write_docx

    try:
        checked = check_text(read_report(path), path.name)
    except (LoadError, OSError):
        return None
    if checked.normalized is None:
        return None
    try:
        return write_docx(render_document(checked.normalized, templates))
    except TemplateError:
        return None
