"""A built .docx as stable plain text, for git's textconv (`gencli textconv`).

Built reports are committed next to their YAML, and `git diff` on a zip says only "binary files
differ". Read back in body order — headings, paragraphs, and tables one row a line with cells
joined by " | " — a changed figure shows as one changed table row. The file is our own output
(python-docx package, raw w:p / w:tbl body), so reading document.xml with lxml is enough; the
text depends only on the content, never on zip timestamps or attribute order.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from gencli.writers.docx import styles

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CELL_SEPARATOR = " | "
BOX_PREFIX = "> "
# The writer's title and heading styles get Markdown-like marks, so the outline stays visible.
_HEADING_MARKS = {
    styles.TITLE: "# ",
    styles.SUBTITLE: "# ",
    **{style: "#" * (max(level, 1) + 1) + " " for level, style in styles.HEADINGS.items()},
}


class NotADocx(Exception):
    """The file is not a Word document this reader understands (a usage error)."""


def docx_text(path: Path) -> str:
    """The text of a .docx file. Unreadable files raise OSError; others NotADocx."""
    try:
        with zipfile.ZipFile(path) as package:
            xml = package.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise NotADocx(f"{path} 不是 Word 文档（.docx）") from None
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise NotADocx(f"{path} 的正文（word/document.xml）无法解析：{error}") from None
    body = root.find(f"{W}body")
    lines = _blocks(body) if body is not None else []
    return "".join(line + "\n" for line in lines)


def _blocks(container: etree._Element) -> list[str]:
    """The lines of the paragraphs and tables directly inside a body, cell or content control."""
    lines: list[str] = []
    for child in container:
        if child.tag == f"{W}p":
            text = _paragraph(child)
            if text.strip():
                lines.append(_HEADING_MARKS.get(_style(child), "") + text)
        elif child.tag == f"{W}tbl":
            lines.extend(_table(child))
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                lines.extend(_blocks(content))
    return lines


def _style(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val", "") if style is not None else ""


def _paragraph(paragraph: etree._Element) -> str:
    """The visible text: w:t in order, tabs as tabs, breaks as spaces; field codes left out."""
    pieces = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        if node.tag == f"{W}t":
            pieces.append(node.text or "")
        elif node.tag == f"{W}tab" and getattr(node.getparent(), "tag", None) == f"{W}r":
            pieces.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            pieces.append(" ")
        elif node.tag == f"{W}noBreakHyphen":
            pieces.append("-")
    return "".join(pieces)


def _table(table: etree._Element) -> list[str]:
    """A grid table one row a line; a one-column table (a 专栏 box) as its content, marked."""
    caption = table.find(f"{W}tblPr/{W}tblCaption")
    lines = [f"[表：{caption.get(f'{W}val')}]"] if caption is not None else []
    if len(table.findall(f"{W}tblGrid/{W}gridCol")) == 1:
        for cell in table.findall(f"{W}tr/{W}tc"):
            lines.extend(BOX_PREFIX + line for line in _blocks(cell))
        return lines
    for row in table.findall(f"{W}tr"):
        lines.append(CELL_SEPARATOR.join(_cell(cell) for cell in row.findall(f"{W}tc")))
    return lines


def _cell(cell: etree._Element) -> str:
    """A cell's text on one line; the cells a vertical merge continues are left empty, so a
    merged cell is shown once (a horizontal merge is one w:tc already)."""
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    if merge is not None and merge.get(f"{W}val", "continue") != "restart":
        return ""
    return " ".join(_blocks(cell)).strip()
