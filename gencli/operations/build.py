"""`gencli build`: check a report, render it once into a Document, write each requested format.

All outputs of a report are produced in memory first and only then written, each atomically,
so an invalid report or a failing writer never leaves a half-written or clobbered file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gencli.base import oserrors
from gencli.base.output import write_all_atomically
from gencli.checking.diagnostics import ERROR, Diagnostic
from gencli.checking.validation import Checked, check_file
from gencli.document.model import Document


def _docx(document: Document) -> bytes:
    from gencli.writers.docx.writer import write_docx

    return write_docx(document)


def _html(document: Document) -> bytes:
    from gencli.writers.html import write_html

    return write_html(document).encode("utf-8")


def _xlsx(document: Document) -> bytes:
    from gencli.writers.xlsx import write_xlsx

    return write_xlsx(document)


def _fragment(document: Document) -> bytes:
    from gencli.writers.fragment import write_fragment

    return write_fragment(document).encode("utf-8")


WRITERS: dict[str, Callable[[Document], bytes]] = {
    "docx": _docx,
    "html": _html,
    "xlsx": _xlsx,
    "fragment": _fragment,
}
# The file name each format is written under, after the report's stem. pdf has no writer of its
# own: LibreOffice converts the .docx, for a whole batch at once (operations/pdf_outputs.py).
SUFFIXES = {
    "docx": ".docx",
    "html": ".html",
    "xlsx": ".xlsx",
    "fragment": ".fragment.html",
    "pdf": ".pdf",
}
FORMATS = list(SUFFIXES)


@dataclass
class Built:
    """What building one report did: its check, and the files written."""

    checked: Checked
    written: list[Path] = field(default_factory=list)
    strict: bool = False
    # With pdf: the outputs made but not yet written, and the .docx the PDF is made from;
    # pdf_outputs.finish writes them with the PDF, all or nothing.
    pending: dict[Path, bytes] = field(default_factory=dict)
    pdf: tuple[Path, bytes] | None = None

    @property
    def ok(self) -> bool:
        """No error, and under --strict no warning either (as `validate --strict` judges)."""
        return not self.checked.errors and not (self.strict and self.checked.warnings)


def output_paths(source: Path, outdir: Path | None, formats: list[str]) -> dict[str, Path]:
    folder = outdir if outdir is not None else source.parent
    return {fmt: folder / f"{source.stem}{SUFFIXES[fmt]}" for fmt in formats}


def build_file(
    source: Path,
    outdir: Path | None,
    formats: list[str],
    templates: Path | None = None,
    strict: bool = False,
) -> Built:
    from gencli.document.templating import TemplateError, render_document

    checked = check_file(source)
    built = Built(checked, strict=strict)
    if not built.ok or checked.normalized is None:
        return built
    try:
        document = render_document(checked.normalized, templates)
    except TemplateError as error:
        checked.diagnostics.append(Diagnostic(checked.name, 1, 1, ERROR, str(error)))
        return built
    paths = output_paths(source, outdir, formats)
    contents = {paths[fmt]: WRITERS[fmt](document) for fmt in formats if fmt != "pdf"}
    if "pdf" in formats:
        docx = contents[paths["docx"]] if "docx" in paths else _docx(document)
        built.pending, built.pdf = contents, (paths["pdf"], docx)
        return built
    try:
        write_all_atomically(contents)
    except OSError as error:
        target = Path(error.filename) if error.filename else None
        where = f" {target}" if target in contents else f"输出目录 {paths[formats[0]].parent}"
        message = f"无法写入{where}：{oserrors.chinese(error)}；原有的输出文件均未改动"
        checked.diagnostics.append(Diagnostic(checked.name, 1, 1, ERROR, message))
        return built
    built.written.extend(contents)
    return built
