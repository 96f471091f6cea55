"""A published web page read into a `Flow`: its encoding, its article, its blocks.

Portals serve UTF-8, GBK or GB18030, declared in a `<meta charset>` (or not at all); the
article sits among menus, breadcrumbs, share buttons and footers. The article is the smallest
element holding the report's part headings and tables; blocks are read from it in document
order: paragraphs (bold kept), headings, and tables as grids (spans expanded).
"""

from __future__ import annotations

import re
from typing import Any

from gencli.importing import text as texts
from gencli.importing.flow import Flow, Grid, Paragraph, expand

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.IGNORECASE)
_CHINESE_ENCODINGS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312": "gb18030",
}
_DROPPED = ("script", "style", "noscript", "iframe", "form", "select", "button", "nav", "object")
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol table section article header footer main center "
    "blockquote pre dl dt dd figure aside address hr".split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_PART_HEADING = re.compile(r"^[一二三四五六]、")
_PART_NUMBERS = frozenset("一二三四五六")
_REPORT_WORDS = ("本年新收", "第二十条", "行政复议")


class NotAPage(ValueError):
    """The bytes are not an HTML page that can be read."""


def decode(data: bytes) -> tuple[str, str]:
    """The page's text and the encoding it was read in: a BOM, else the declared charset
    (GB2312 and GBK read as their superset GB18030), else UTF-8, else detected."""
    for bom, name in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    declared = _DECLARED.search(data[:8192])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = _CHINESE_ENCODINGS.get(name, name)
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise NotAPage("无法识别网页的文字编码")
    name = _CHINESE_ENCODINGS.get(best.encoding, best.encoding)
    return data.decode(name, errors="replace"), name


def _inline(element: Any, out: list[str], bold: bool = False) -> None:
    """The Markdown inline text of an element's content: text, bold as `**`, `<br>` as "\\n"."""
    if element.text:
        out.append(element.text)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            out.append("\n")
        elif tag in ("strong", "b") and not bold:
            inner: list[str] = []
            _inline(child, inner, True)
            body = "".join(inner)
            out.append(f"**{body.strip()}**" if body.strip() else body)
        elif tag:
            _inline(child, out, bold)
        if child.tail:
            out.append(child.tail)


def _paragraphs(parts: list[str], level: int, line: int, run_in: bool = False) -> list[Paragraph]:
    """Paragraphs from inline text: a `<br>` parts paragraphs, runs of spaces become one."""
    found: list[Paragraph] = []
    for piece in "".join(parts).split("\n"):
        cleaned = texts.squeeze(piece)
        cleaned = re.sub(r"\*\*\s*\*\*", "", cleaned)
        if cleaned and cleaned != "****":
            found.append(Paragraph(cleaned, level, line, run_in and not found))
    return found


def _cell_text(cell: Any) -> str:
    parts: list[str] = []
    _inline(cell, parts, bold=True)  # bold in a table cell is styling, not content
    lines = [texts.squeeze(line) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _span(cell: Any, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name, "1")).strip() or 1), 1000))
    except ValueError:
        return 1


def table_grid(table: Any) -> Grid:
    """A `<table>` as a grid, its own rows only (not those of a table nested in a cell)."""
    rows = [tr for tr in table.iter("tr") if _owner(tr) is table]
    spans = [
        [
            (_cell_text(cell), _span(cell, "rowspan"), _span(cell, "colspan"))
            for cell in tr
            if isinstance(cell.tag, str) and cell.tag in ("td", "th")
        ]
        for tr in rows
    ]
    grid = expand(spans)
    grid.line = table.sourceline or 0
    return grid


def _owner(tr: Any) -> Any:
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _blocks(element: Any, out: list[Paragraph | Grid]) -> None:
    """Blocks in document order: inline content between block children makes paragraphs."""
    pending: list[str] = []
    line = element.sourceline or 0

    run_in = "run-in" in (element.get("class") or "").split()

    def flush() -> None:
        out.extend(_paragraphs(pending, _HEADINGS.get(element.tag, 0), line, run_in))
        pending.clear()

    if element.text:
        pending.append(element.text)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "table":
            flush()
            out.append(table_grid(child))
        elif tag in _BLOCKS:
            flush()
            _blocks(child, out)
            line = child.sourceline or line
        elif tag == "br":
            pending.append("\n")
        elif tag in ("strong", "b"):
            _inline_bold(child, pending)
        elif tag:
            _inline(child, pending)
        if child.tail:
            pending.append(child.tail)
    flush()


def _inline_bold(child: Any, pending: list[str]) -> None:
    inner: list[str] = []
    _inline(child, inner, True)
    body = "".join(inner)
    if "\n" in body or not body.strip():
        pending.append(body)
    else:
        pending.append(f"**{body.strip()}**")


def _markers(root: Any) -> list[Any]:
    """Elements that only a report's article holds: its part headings and its tables. Found
    from the text nodes (one pass over the page), not from each element's whole text."""
    found = []
    for table in root.iter("table"):
        words = texts.label_key(table.text_content())
        if any(word in words for word in _REPORT_WORDS):
            found.append(table)
    for node in root.xpath("//text()"):
        if node.lstrip(" \t\r\n\u00a0\u3000")[:1] not in _PART_NUMBERS:
            continue
        own = texts.squeeze(str(node))
        if len(own) <= 40 and _PART_HEADING.match(own):
            parent = node.getparent()
            if parent is not None and not any(parent is t for t in found):
                found.append(parent)
    return found


def _common_ancestor(elements: list[Any]) -> Any:
    chains = [list(element.iterancestors())[::-1] + [element] for element in elements]
    common = None
    for level in zip(*chains):
        if all(node is level[0] for node in level):
            common = level[0]
        else:
            break
    return common


def article(root: Any) -> Any:
    """The element holding the report: the smallest one around its headings and tables,
    else the block with the most paragraph text (a page that is not a report)."""
    markers = _markers(root)
    if len(markers) >= 2:
        found = _common_ancestor(markers)
        if found is not None and found.tag not in ("tr", "tbody", "table"):
            return found
    body = root.find("body")
    return body if body is not None else root


def read_html(data: bytes) -> Flow:
    """A page's flow: title candidates from `<meta>` and `<title>`, blocks of its article."""
    import lxml.html
    from lxml import etree

    page, _encoding = decode(data)
    try:
        root: Any = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError) as error:
        raise NotAPage(f"不是可以读取的网页：{error}") from None
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()
    flow = Flow()
    for name in ("ArticleTitle", "title", "og:title"):
        for meta in root.xpath(f'//meta[@name="{name}" or @property="{name}"]/@content'):
            flow.titles.append(texts.squeeze(str(meta)))
    published = root.xpath('//meta[@name="PubDate"]/@content')
    flow.published = str(published[0]) if published else ""
    url = root.xpath('//meta[@name="Url" or @property="og:url"]/@content')
    flow.url = str(url[0]) if url else ""
    found = article(root)
    for heading in root.iter("h1", "h2"):
        flow.titles.append(texts.squeeze(heading.text_content()))
    title = root.findtext(".//title")
    if title:
        flow.titles.append(texts.squeeze(title))
    for element in root.xpath('//*[contains(@class,"title") or contains(@class,"Title")]'):
        if len(element) <= 3:
            flow.titles.append(texts.squeeze(element.text_content()))
    _blocks(found, flow.blocks)
    return flow
