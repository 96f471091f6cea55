"""A built .docx as stable plain text, for git's textconv (`gencli textconv`).

Built reports are committed next to their YAML, and `git diff` on a zip says only "binary files
differ". Read back in body order — headings, paragraphs, and tables one row a line with cells
joined by " | " — a changed figure shows as one changed table row. The file is our own output
(python-docx package, raw w:p / w:tbl body), so reading document.xml with lxml is enough; the
text depends only on the content, never on zip timestamps or attribute order.

It runs on every `git log -p`, on whatever .docx a repository holds, so it is bounded: the file
is read only if it is a regular file of at most MAX_DOCX_BYTES, and document.xml only if its
declared size and compression ratio are those of a document (a zip bomb declares gigabytes in
a few MB), and then streamed with a cap, in case the declared size lies.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from gencli.loading import bounded
from gencli.writers.docx import styles

MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_BODY_BYTES = 64 * 1024 * 1024  # a long report's document.xml is a few MB
MAX_RATIO = 100  # Word's XML compresses ten- to thirtyfold; a bomb, a thousandfold and more

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
    """The file is not a Word document this reader understands, or not one it will read."""


def docx_text(path: Path) -> str:
    """The text of a .docx file. Unreadable files raise OSError; others NotADocx."""
    try:
        data = bounded.read_regular_file(path, MAX_DOCX_BYTES)
    except bounded.Refused as error:
        raise NotADocx(f"{path}：{error}") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = _body_xml(package, path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError, NotImplementedError):
        raise NotADocx(f"{path} 不是 Word 文档（.docx）") from None
    except (ValueError, RuntimeError, OSError) as error:  # damaged entry, encrypted, bad CRC
        raise NotADocx(f"{path} 已损坏，无法读出正文（{error}）") from None
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise NotADocx(f"{path} 的正文（word/document.xml）无法解析：{error}") from None
    body = root.find(f"{W}body")
    lines = _blocks(body) if body is not None else []
    return "".join(line + "\n" for line in lines)


def _body_xml(package: zipfile.ZipFile, path: Path) -> bytes:
    """word/document.xml, refused before it is inflated if it would be too large."""
    entry = package.getinfo("word/document.xml")
    if entry.file_size > MAX_BODY_BYTES or entry.file_size > MAX_RATIO * max(
        entry.compress_size, 1024
    ):
        raise NotADocx(
            f"{path} 的正文解压后有 {bounded.megabytes(entry.file_size)}（压缩后 "
            f"{bounded.megabytes(entry.compress_size)}），不像 Word 文档，不予读取"
        )
    with package.open(entry) as stream:
        xml = stream.read(MAX_BODY_BYTES + 1)
    if len(xml) > MAX_BODY_BYTES:
        raise NotADocx(f"{path} 的正文超过 {MAX_BODY_BYTES >> 20} MB，不予读取")
    return xml


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
    """The visible text: w:t in order, tabs as tabs, breaks as spaces (as nothing between two
    Chinese characters: a title or label broken between words reads as written); field codes
    left out."""
    pieces = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        if node.tag == f"{W}t":
            pieces.append(node.text or "")
        elif node.tag == f"{W}tab" and getattr(node.getparent(), "tag", None) == f"{W}r":
            pieces.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            pieces.append(_BREAK)
        elif node.tag == f"{W}noBreakHyphen":
            pieces.append("-")
    return _CJK_BREAK.sub("", "".join(pieces)).replace(_BREAK, " ")


_BREAK = "\x00"  # never in a w:t: XML has no place for it
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\x00(?=[\u3000-\u9fff\uff00-\uffef])")


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
