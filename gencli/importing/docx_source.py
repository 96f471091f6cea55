"""A Word file (.docx) read into a `Flow`: the body's paragraphs and tables in order.

Read with python-docx's XML (lxml) directly, so that a table's merged cells come out as they
are stored: `w:gridSpan` spans columns, `w:vMerge` continues the cell above; the grid then has
the same cell in every slot it covers, as a web page's rowspans and colspans give. Bold runs
are kept as `**`; a heading style (Heading N, 标题 N) gives the paragraph its level.
"""

from __future__ import annotations

import re
from typing import Any

from gencli.importing import text as texts
from gencli.importing.flow import Cell, Flow, Grid, Paragraph

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word's "Heading 2", a Chinese Word's "标题 2", and gencli's own "二级标题" (`writers.docx.styles`).
_LEVEL = re.compile(r"(?:heading|标题)\s*(\d)|([一二三四五六])级标题", re.IGNORECASE)
_HEADING_STYLE = re.compile(r"heading|标题", re.IGNORECASE)


class NotADocx(ValueError):
    """The file is not a Word document that can be read."""


def _attr(element: Any, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else found.get(f"{_W}val", "")


def _runs(paragraph: Any) -> str:
    """A paragraph's text, bold runs as `**…**`, a line break as "\\n"."""
    pieces: list[tuple[str, bool]] = []
    for run in paragraph.iter(f"{_W}r"):
        bold_value = _attr(run, f"{_W}rPr/{_W}b")
        bold = bold_value is not None and bold_value not in ("0", "false")
        for child in run:
            if child.tag == f"{_W}t" and child.text:
                pieces.append((child.text, bold))
            elif child.tag in (f"{_W}br", f"{_W}cr"):
                pieces.append(("\n", False))
            elif child.tag == f"{_W}tab":
                pieces.append((" ", bold))
    merged: list[tuple[str, bool]] = []
    for text, bold in pieces:
        if merged and merged[-1][1] == bold:
            merged[-1] = (merged[-1][0] + text, bold)
        else:
            merged.append((text, bold))
    out = []
    for text, bold in merged:
        if bold and text.strip():
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(f"{lead}**{text.strip()}**{trail}")
        else:
            out.append(text)
    return "".join(out)


def _level(paragraph: Any, styles: dict[str, str]) -> int:
    style = _attr(paragraph, f"{_W}pPr/{_W}pStyle")
    name = styles.get(style or "", style or "")
    found = _LEVEL.search(name)
    if not found:
        return 0
    return int(found.group(1)) if found.group(1) else "一二三四五六".index(found.group(2)) + 1


def _run_in(paragraph: Any, styles: dict[str, str]) -> bool:
    """A 段首标题: a body paragraph whose first run is in a heading's character style (as
    gencli writes “（一）第一项举措。” before the text), followed by text in another style."""
    runs = [r for r in paragraph.iterchildren(f"{_W}r") if "".join(r.itertext()).strip()]
    if len(runs) < 2 or _level(paragraph, styles):
        return False
    shown = [styles.get(_attr(r, f"{_W}rPr/{_W}rStyle") or "", "") for r in runs]
    return bool(_HEADING_STYLE.search(shown[0])) and not _HEADING_STYLE.search(shown[-1])


def _table(table: Any) -> Grid:
    rows: list[list[Cell | None]] = []
    for r, tr in enumerate(table.iterchildren(f"{_W}tr")):
        row: list[Cell | None] = []
        before = _attr(tr, f"{_W}trPr/{_W}gridBefore")
        row.extend([None] * int(before or 0))
        for tc in tr.iterchildren(f"{_W}tc"):
            span = int(_attr(tc, f"{_W}tcPr/{_W}gridSpan") or 1)
            merge = _attr(tc, f"{_W}tcPr/{_W}vMerge")
            column = len(row)
            above = rows[r - 1][column] if r and column < len(rows[r - 1]) else None
            if merge == "" and above is not None:  # continue: the cell above goes on down
                cell = above
            else:
                lines = [texts.squeeze(_runs(p).replace("**", "")) for p in tc.iter(f"{_W}p")]
                cell = Cell("\n".join(line for line in lines if line), r, column)
            row.extend([cell] * max(span, 1))
        rows.append(row)
    return Grid(rows)


def read_docx(data: bytes) -> Flow:
    """A Word file's flow: its core title, the body's paragraphs and tables in order."""
    import io
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise NotADocx(f"不是可以读取的 Word（.docx）文件：{error}") from None
    styles = {s.style_id: s.name for s in document.styles if getattr(s, "style_id", None)}
    flow = Flow()
    if document.core_properties.title:
        flow.titles.append(texts.squeeze(document.core_properties.title))
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            run_in = _run_in(element, styles)
            for piece in _runs(element).split("\n"):
                cleaned = texts.squeeze(piece)
                if cleaned and cleaned != "****":
                    flow.blocks.append(Paragraph(cleaned, _level(element, styles), run_in=run_in))
                    run_in = False  # only the first line of a paragraph begins with its heading
        elif element.tag == f"{_W}tbl":
            flow.blocks.append(_table(element))
    for block in flow.blocks[:3]:
        if isinstance(block, Paragraph):
            flow.titles.append(block.text.replace("**", ""))
    return flow
