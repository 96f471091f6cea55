"""Helpers for the tests of the narrative kinds (rule-of-law-annual, work-summary, plan)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from gencli.base.paths import schema_file
from gencli.checking.validation import check_file
from gencli.cli.commands import main
from gencli.document.model import Document, Heading, Paragraph
from gencli.document.templating import render_document

CONDITIONS = {"if", "not", "x-warn-if", "oneOf"}


def document_of(path: Path, warnings: int = 0) -> Document:
    """The rendered report at `path`, which has no error and exactly `warnings` warnings."""
    checked = check_file(path)
    assert checked.errors == [] and len(checked.warnings) == warnings, [
        d.as_text() for d in checked.diagnostics
    ]
    return render_document(checked.normalized)


def headings(document: Document) -> list[str]:
    """Every heading as printed (number and text, without a 段首标题's run-in body)."""
    return [block.text for block in document.blocks if isinstance(block, Heading)]


def paragraphs(document: Document) -> list[str]:
    """Headings (with any run-in text) and paragraphs as printed, in order."""
    return [
        block.text + "".join(r.text for r in getattr(block, "run_in", []))
        for block in document.blocks
        if isinstance(block, (Heading, Paragraph))
    ]


def build(source: Path, out: Path, *extra: str) -> None:
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output


def page_fonts(pdf: Path, page: int) -> str:
    """pdffonts' table for one page: the faces LibreOffice used there."""
    return subprocess.run(
        ["pdffonts", "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def undocumented(kind: str) -> list[tuple]:
    """Properties of a kind's schema without a Chinese title and description."""
    missing = []

    def visit(node, path):
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                has_chinese = any("\u4e00" <= ch <= "\u9fff" for ch in sub.get("title", ""))
                if not (has_chinese and sub.get("description")):
                    missing.append((*path, key))
            for key, value in node.items():
                if key not in CONDITIONS:
                    visit(value, (*path, key))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                visit(item, (*path, index))

    visit(json.loads(schema_file(kind).read_text(encoding="utf-8")), ())
    return missing
