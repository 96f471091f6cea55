"""`gencli build`: check a report, render it once into a Document, write each requested format.

All outputs of a report are produced in memory first and only then written, each atomically,
so an invalid report or a failing writer never leaves a half-written or clobbered file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

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


WRITERS: dict[str, Callable[[Document], bytes]] = {"docx": _docx, "html": _html}


@dataclass
class Built:
    """What building one report did: its check, and the files written."""

    checked: Checked
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.checked.errors


def output_paths(source: Path, outdir: Path | None, formats: list[str]) -> dict[str, Path]:
    folder = outdir if outdir is not None else source.parent
    return {fmt: folder / f"{source.stem}.{fmt}" for fmt in formats}


def build_file(
    source: Path, outdir: Path | None, formats: list[str], templates: Path | None = None
) -> Built:
    from gencli.document.templating import TemplateError, render_document

    checked = check_file(source)
    built = Built(checked)
    if checked.errors or checked.normalized is None:
        return built
    try:
        document = render_document(checked.normalized, templates)
    except TemplateError as error:
        checked.diagnostics.append(Diagnostic(checked.name, 1, 1, ERROR, str(error)))
        return built
    paths = output_paths(source, outdir, formats)
    contents = {paths[fmt]: WRITERS[fmt](document) for fmt in formats}
    try:
        write_all_atomically(contents)
    except OSError as error:
        folder = paths[formats[0]].parent
        checked.diagnostics.append(
            Diagnostic(
                checked.name, 1, 1, ERROR, f"无法写入输出目录 {folder}：{error.strerror or error}"
            )
        )
        return built
    built.written.extend(contents)
    return built
