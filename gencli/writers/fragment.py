"""The document as a fragment for a portal's CMS editor (`--to fragment`, FILE.fragment.html).

Portal staff paste the page into the CMS's rich-text editor (UEditor, KindEditor, TRS WCM…),
which drops `<html>`, `<head>` and `<style>`, drops or renames classes, and keeps inline
`style` attributes and the old presentational attributes only. A table pasted from the full
page therefore loses its borders — evaluators flag published tables without borders — and the
headings their faces. The fragment is written for that editor: the body only; no `<style>`,
no classes, no ids; every element styled inline; headings as styled paragraphs (an editor's
heading styles would override the 公文 faces); tables with `border="1"`, `cellspacing="0"`,
`cellpadding` and explicit widths, so that even an editor that strips `style` keeps the grid,
its merges and its proportions.
"""

from __future__ import annotations

from html import escape

from gencli.document import breaks
from gencli.document.model import (
    Block,
    Box,
    Cell,
    Colophon,
    Document,
    Heading,
    ListItem,
    Masthead,
    Paragraph,
    Run,
    Signature,
    Table,
)

__all__ = ["SUFFIX", "write_fragment"]

SUFFIX = ".fragment.html"

# The faces, as in the full page; single quotes so they sit inside a double-quoted attribute.
_FANGSONG = "FangSong, 仿宋, 仿宋_GB2312, STFangsong, 'Noto Serif CJK SC', serif"
_XIAOBIAOSONG = "方正小标宋简体, FZXiaoBiaoSong-B05S, 'Noto Serif CJK SC', SimSun, serif"
_HEITI = "SimHei, 黑体, 'Noto Sans CJK SC', sans-serif"
_KAITI = "KaiTi, 楷体, 楷体_GB2312, 'AR PL UKai CN', serif"

_BODY = f"margin: 0; font-family: {_FANGSONG}; font-size: 16pt; line-height: 1.8"
_COLOPHON = (
    f"margin: 0; font-family: {_FANGSONG}; font-size: 14pt; line-height: 1.8; padding: 0.2em 1em"
)
_STYLES = {
    "title": f"margin: 0 0 1em; text-align: center; font-family: {_XIAOBIAOSONG}; "
    "font-size: 22pt; line-height: 1.5",
    "subtitle": f"{_BODY}; text-align: center",
    "body": f"{_BODY}; text-indent: 2em",
    "plain": _BODY,
    "center": f"{_BODY}; text-align: center",
    "heading-1": f"margin: 0; font-family: {_HEITI}; font-size: 16pt; text-indent: 2em",
    "heading-2": f"margin: 0; font-family: {_KAITI}; font-size: 16pt; text-indent: 2em",
    "heading-3": f"{_BODY}; text-indent: 2em; font-weight: bold",
    "heading-4": f"{_BODY}; text-indent: 2em",
    "chapter": f"margin: 1em 0 0; font-family: {_HEITI}; font-size: 16pt; text-align: center",
    "signature": f"{_BODY}; text-align: right; padding-right: 4em",
    "mark": f"margin: 0 0 1em; text-align: center; font-family: {_XIAOBIAOSONG}; "
    "font-size: 36pt; line-height: 1.3; color: #e00",
    "copies": f"{_COLOPHON}; border-top: 1pt solid #000; border-bottom: 0.75pt solid #000",
    "printed": f"{_COLOPHON}; border-bottom: 1pt solid #000",
    "printed-only": f"{_COLOPHON}; border-top: 1pt solid #000; border-bottom: 1pt solid #000",
    "number": f"{_BODY}; text-align: center; border-bottom: 1.5pt solid #e00; "
    "padding-bottom: 4mm; margin-bottom: 2.5em",
    "box": "margin: 0.5em 0; padding: 0.4em 0.8em; border: 1.5px solid #000",
    "box-title": f"margin: 0; font-family: {_HEITI}; font-size: 14pt; text-align: center",
    "table": "border-collapse: collapse; width: 100%; margin: 0.5em auto; "
    f"font-family: {_FANGSONG}; font-size: 12pt; line-height: 1.4",
    "cell": "border: 1px solid #000; padding: 0.2em 0.4em; vertical-align: middle",
}
_ALIGNMENTS = ("center", "left", "right")
TITLE_CHARS = 19.8  # characters of the title's 22 pt on a line of the 156 mm 版心, as in the .docx


def _esc(text: str) -> str:
    return escape(text, quote=True)


def _runs(runs: list[Run]) -> str:
    return "".join(f"<strong>{_esc(r.text)}</strong>" if r.bold else _esc(r.text) for r in runs)


def _p(style: str, content: str, align: str = "") -> str:
    """A paragraph; `align` is repeated as the old attribute for editors that strip styles."""
    extra = f' align="{align}"' if align else ""
    return f'<p style="{_STYLES[style]}"{extra}>{content}</p>'


def _heading_style(block: Heading) -> str:
    """Faces by level, as the page and the .docx set them (a 规划's chapters, level 0, centred
    above the 一、 level; the levels below keep their faces)."""
    return "chapter" if block.level == 0 else f"heading-{min(block.level, 4)}"


def _cell(cell: Cell, width: str, figure: bool) -> str:
    align = cell.align if cell.align in _ALIGNMENTS else "center"
    style = f"{_STYLES['cell']}; text-align: {align}"
    if figure:
        style += "; white-space: nowrap"
    if cell.vertical:
        style += "; width: 1.5em"
    attrs = f' style="{style}" align="{align}" valign="middle"'
    if cell.colspan > 1:
        attrs += f' colspan="{int(cell.colspan)}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{int(cell.rowspan)}"'
    if width:
        attrs += f' width="{width}"'
    return f"<td{attrs}>{_runs(cell.runs)}</td>"


def _percent(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def _table(table: Table) -> list[str]:
    """A bordered grid whose widths hold without CSS: `width` on the columns and on each cell
    of a row where every column has a cell of its own (an editor that drops `<colgroup>` still
    has the widths there)."""
    total = sum(table.widths) or 1
    widths = [_percent(w * 100 / total) for w in table.widths]
    lines = [
        f'<table border="1" cellspacing="0" cellpadding="4" width="100%" '
        f'style="{_STYLES["table"]}">',
        "<colgroup>" + "".join(f'<col width="{w}">' for w in widths) + "</colgroup>",
        "<tbody>",
    ]
    figures = [column.figures for column in table.columns] or [False] * len(widths)
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        c, cells = 0, []
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            width = widths[c] if cell.colspan == 1 and c < len(widths) else ""
            figure = not cell.header and c < len(figures) and figures[c]
            cells.append(_cell(cell, width, figure))
            c += cell.colspan
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        style = block.style if block.style in ("body", "plain", "center") else "body"
        return [_p(style, _runs(block.runs), "center" if style == "center" else "")]
    if isinstance(block, Heading):
        style = _heading_style(block)
        lead = f"{_esc(block.number)}{_runs(block.runs)}"
        if block.run_in:
            return [_p("body", f'<span style="{_face(style)}">{lead}</span>{_runs(block.run_in)}')]
        return [_p(style, lead, "center" if style == "chapter" else "")]
    if isinstance(block, ListItem):
        indent = f"; padding-left: {2 * int(block.depth)}em" if block.depth else ""
        content = _esc(block.marker) + _runs(block.runs)
        return [f'<p style="{_STYLES["body"]}{indent}">{content}</p>']
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Box):
        inner = [line for child in block.blocks for line in _block(child)]
        title = _p("box-title", _esc(block.number) + _runs(block.title), "center")
        return [f'<div style="{_STYLES["box"]}">', title, *inner, "</div>"]
    if isinstance(block, Signature):
        return [_p("signature", _esc(text), "right") for text in (block.agency, block.date) if text]
    raise TypeError(f"fragment writer cannot render block {type(block).__name__}")


def _face(style: str) -> str:
    """The font part of a heading style, for a 段首标题's leading words."""
    return "; ".join(p for p in _STYLES[style].split("; ") if p.startswith(("font-", "text-i")))


def _masthead(head: Masthead) -> list[str]:
    """版头, simply: the red mark, then the 发文字号 and 签发人 on one centred line over the red
    line (an editor keeps no flex layout to push the 签发人 to the right)."""
    number = _esc(head.number)
    if head.signer:
        number += (
            f'{"&emsp;" * 4}签发人：<span style="font-family: {_KAITI}">{_esc(head.signer)}</span>'
        )
    return [_p("mark", _esc(head.mark), "center"), _p("number", number, "center")]


def _colophon(block: Colophon) -> list[str]:
    """版记, simply: the 抄送 line and the 印发 line between rules, after the document."""
    lines = [_p("copies", f"抄送：{_esc(block.copies)}")] if block.copies else []
    printed = f"{_esc(block.printed_by)}{'&emsp;' * 4}{_esc(block.printed_on)}"
    style = "printed" if block.copies else "printed-only"
    return [*lines, _p(style, printed)]


def write_fragment(document: Document) -> str:
    """The fragment as text: a sequence of block elements, no document wrapper."""
    title = document.title_lines or breaks.balanced(document.title, TITLE_CHARS)
    lines = _masthead(document.masthead) if document.masthead else []
    lines.append(_p("title", "<br>".join(map(_esc, title)), "center"))
    if document.subtitle:
        lines.append(_p("subtitle", _esc(document.subtitle), "center"))
    if document.recipients:
        lines.append(_p("plain", _esc(document.recipients)))
    for block in document.blocks:
        lines += _block(block)
    if document.colophon:
        lines += _colophon(document.colophon)
    return "\n".join(lines) + "\n"
