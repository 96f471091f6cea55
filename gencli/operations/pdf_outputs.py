"""`build --to pdf`: the PDFs of a whole batch from one LibreOffice run, then every report's
outputs written together.

The workers build each report's other outputs and its .docx as usual but write nothing; once
all are back, their .docx files go to LibreOffice in one run (writers/pdf.py: starting it costs
more than converting a report), and each report's files — its .docx, .html… and the new .pdf —
are then written all or nothing, as `build` always writes. If LibreOffice is missing or fails,
nothing of those reports is written and the one reason is said once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gencli.base import oserrors
from gencli.base.output import write_all_atomically
from gencli.checking.diagnostics import ERROR, Diagnostic
from gencli.operations.batch import Outcome


@dataclass
class Finished:
    """What converting said once for the whole run: the faces that were stood in for, and
    why no PDF was made (empty when they were)."""

    notes: list[str] = field(default_factory=list)
    problem: str = ""


def _face_notes() -> list[str]:
    from gencli.writers import pdf
    from gencli.writers.docx import styles

    names = [styles.FANGSONG, styles.KAITI, styles.HEITI, styles.XIAOBIAOSONG, styles.LATIN]
    found = pdf.faces(names, styles.ALT_NAMES)
    if found is None:
        return ["没有找到 fontconfig 的 fc-match，无法确认 PDF 用的字体是否已安装"]
    return pdf.face_notes(found)


def finish(outcomes: list[Outcome]) -> Finished:
    """Convert and write every outcome that waits for its PDF; mark the others' fate in them."""
    from gencli.writers import pdf

    waiting = [outcome for outcome in outcomes if outcome.pdf_target and not outcome.failed]
    if not waiting:
        return Finished()
    done = Finished(_face_notes())
    try:
        printed = pdf.convert([outcome.pdf_source for outcome in waiting])
    except pdf.PdfError as error:
        done.problem = str(error)
        for outcome in waiting:
            _fail(outcome, f"未生成 PDF，其他格式也未写出：{error}")
        return done
    for outcome, data in zip(waiting, printed):
        contents = {Path(name): body for name, body in outcome.pending.items()}
        contents[Path(outcome.pdf_target)] = data
        try:
            write_all_atomically(contents)
        except OSError as error:
            where = error.filename or Path(outcome.pdf_target).parent
            _fail(outcome, f"无法写入 {where}：{oserrors.chinese(error)}；原有的输出文件均未改动")
            continue
        outcome.written = [str(path) for path in contents]
        outcome.pending, outcome.pdf_source = {}, b""
    return done


def _fail(outcome: Outcome, message: str) -> None:
    outcome.failed = True
    outcome.pending, outcome.pdf_source = {}, b""
    outcome.diagnostics.append(Diagnostic(outcome.path, 1, 1, ERROR, message))
