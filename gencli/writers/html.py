"""Render a semantic Document into one standalone HTML5 page for the agency's web portal.

The page must be publishable as a single file: inline CSS only, no scripts, no fonts, images or
links fetched from anywhere. It mimics the printed 公文 (GB/T 9704-2012) with CSS font stacks and
prints on A4 with the standard 版心 margins. Output is deterministic so that regenerated pages diff
cleanly.
"""

from __future__ import annotations

import re
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

__all__ = ["write_html"]

_FANGSONG = '"FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", serif'
_XIAOBIAOSONG = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "SimSun", serif'
_HEITI = '"SimHei", "黑体", "Noto Sans CJK SC", sans-serif'
_KAITI = '"KaiTi", "楷体", "楷体_GB2312", "AR PL UKai CN", serif'

# Fixed stylesheet: the writer never varies CSS per document, which keeps output deterministic.
_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
html {{ background: #fff; color: #000; }}
body {{ margin: 0; font-family: {_FANGSONG}; font-size: 16pt; line-height: 1.8; }}
main {{ max-width: 156mm; margin: 0 auto; padding: 2em 1em; }}
h1 {{ font-family: {_XIAOBIAOSONG}; font-size: 22pt; font-weight: normal; text-align: center;
  line-height: 1.5; margin: 0 0 1em; }}
h1 .line {{ display: inline-block; }}
.subtitle {{ text-align: center; text-indent: 0; margin: -0.5em 0 1em; }}
h2, h3, h4, h5, h6 {{ font-size: 16pt; margin: 0; text-indent: 2em; }}
h2 {{ font-family: {_HEITI}; font-weight: normal; }}
h3 {{ font-family: {_KAITI}; font-weight: normal; }}
h4 {{ font-family: {_FANGSONG}; font-weight: bold; }}
h5, h6 {{ font-family: {_FANGSONG}; font-weight: normal; }}
p {{ margin: 0; text-indent: 2em; }}
p.plain {{ text-indent: 0; }}
p.center {{ text-indent: 0; text-align: center; break-after: avoid; }}
p.list-depth-1 {{ padding-left: 2em; }}
p.list-depth-2 {{ padding-left: 4em; }}
p.list-depth-3 {{ padding-left: 6em; }}
strong {{ font-weight: bold; }}
.table-wrap {{ max-width: 156mm; margin: 0.5em auto; overflow-x: auto;
  background: linear-gradient(to right, #fff 30%, rgba(255, 255, 255, 0)),
    linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)) 100% 0,
    radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.3), rgba(0, 0, 0, 0)),
    radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.3), rgba(0, 0, 0, 0)) 100% 0;
  background-repeat: no-repeat; background-size: 2em 100%, 2em 100%, 0.8em 100%, 0.8em 100%;
  background-attachment: local, local, scroll, scroll; }}
table {{ border-collapse: collapse; margin: 0 auto; width: 100%;
  font-size: 12pt; line-height: 1.4; }}
td.figure {{ white-space: nowrap; }}
caption {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }}
th, td {{ border: 1px solid #000; padding: 0.2em 0.4em; vertical-align: middle;
  word-break: keep-all; }}
th {{ font-weight: normal; }}
thead {{ display: table-header-group; }}
.align-center {{ text-align: center; }}
.align-left {{ text-align: left; }}
.align-right {{ text-align: right; }}
article.chapters h2 {{ font-family: {_HEITI}; text-align: center; text-indent: 0;
  margin-top: 1em; }}
article.chapters h3 {{ font-family: {_HEITI}; font-weight: normal; }}
article.chapters h4 {{ font-family: {_KAITI}; font-weight: normal; }}
article.chapters h5 {{ font-family: {_FANGSONG}; font-weight: bold; }}
.run-in .level-1 {{ font-family: {_HEITI}; }}
.run-in .level-2 {{ font-family: {_KAITI}; }}
.run-in .level-3 {{ font-weight: bold; }}
aside.box {{ border: 1.5px solid #000; padding: 0.4em 0.8em; margin: 0.5em 0; font-size: 14pt;
  line-height: 1.7; }}
aside.box h2, aside.box h3, aside.box h4, aside.box h5, aside.box h6 {{ font-family: {_FANGSONG};
  font-size: 14pt; font-weight: bold; }}
aside.box p.box-title {{ font-family: {_HEITI}; text-align: center; text-indent: 0; }}
.masthead {{ margin-bottom: 2.5em; }}
.masthead .mark {{ font-family: {_XIAOBIAOSONG}; font-size: 36pt; color: #e00; text-align: center;
  text-indent: 0; line-height: 1.3; margin: 0 0 1em; }}
.masthead .number-line {{ display: flex; justify-content: center; text-indent: 0;
  border-bottom: 1.5pt solid #e00; padding: 0 1em 4mm; }}
.masthead .number-line.signed {{ justify-content: space-between; }}
.masthead .signer-name {{ font-family: {_KAITI}; }}
p.recipients {{ text-indent: 0; }}
footer.colophon {{ margin-top: 4em; font-size: 14pt; border-top: 1pt solid #000;
  border-bottom: 1pt solid #000; break-inside: avoid; page-break-inside: avoid; }}
footer.colophon p {{ text-indent: 0; padding: 0.2em 1em; }}
footer.colophon p.copies {{ padding-left: 4em; text-indent: -3em;
  border-bottom: 0.75pt solid #000; }}
footer.colophon p.printed {{ display: flex; justify-content: space-between; }}
footer.signature-block {{ width: fit-content; max-width: 100%; margin: 2em 2em 0 auto; }}
footer.signature-block p {{ text-indent: 0; }}
footer.signature-block p.date {{ padding-left: 2em; }}
footer.signature-block.sealed {{ margin: 3.6em 4em 0 auto; text-align: center; }}
footer.signature-block.sealed p.date {{ padding-left: 0; }}
@media screen {{
  tbody th {{ min-width: 4em; }}
}}
@media screen and (max-width: 600px) {{
  body {{ font-size: 14pt; }}
  main {{ padding: 1em 0.5em; }}
}}
@media print {{
  main {{ max-width: none; padding: 0; }}
  .table-wrap {{ max-width: none; overflow: visible; background: none; }}
  table {{ font-size: 9pt; line-height: 1.25; }}
  th, td {{ padding: 0.05em 0.25em; }}
  .keep-whole, tbody.block {{ break-inside: avoid; page-break-inside: avoid; }}
  footer.signature-block {{ break-before: avoid; page-break-before: avoid;
    break-inside: avoid; page-break-inside: avoid; }}
  tr {{ break-inside: avoid; page-break-inside: avoid; }}
  h1, h2, h3, h4, h5, h6, caption {{ break-after: avoid; page-break-after: avoid; }}
}}
""".strip()

_PARAGRAPH_CLASSES = {"body": "", "plain": "plain", "center": "center"}
# A figure cell, never wrapped: counts, amounts (24252.311082, 13989.54万元), 增 1 / 减 2.
_FIGURE = re.compile(r"^\s*[增减]?\s*-?[\d,.]+\s*(?:%|万元|元|件|人|次)?\s*$")
_ALIGNMENTS = ("center", "left", "right")


def _esc(text: str) -> str:
    return escape(text, quote=True)


def _runs(runs: list[Run]) -> str:
    """Inline text; bold is the only emphasis 公文 narrative has, so it maps to <strong>."""
    return "".join(f"<strong>{_esc(r.text)}</strong>" if r.bold else _esc(r.text) for r in runs)


# A piece wider than this is not a word of the lexicon but unknown text (a sentence in a
# narrative table): it may break between any two characters, as it would without keep-all.
_LONGEST_WORD = 8


def _label(runs: list[Run]) -> str:
    """A table cell's text that breaks only between its words (`breaks.words`): a <wbr> at each
    boundary, and the stylesheet's `word-break: keep-all` forbids breaks between the
    characters of a word, so a narrow screen prints “（三）/不予公开”, never “（三）不/予公开”."""
    parts = []
    for run in runs:
        pieces: list[str] = []
        for word in breaks.words(run.text) if run.text else []:
            if breaks.width(word) > _LONGEST_WORD:
                pieces.extend(word)
            else:
                pieces.append(word)
        text = "<wbr>".join(map(_esc, pieces))
        parts.append(f"<strong>{text}</strong>" if run.bold else text)
    return "".join(parts)


def _percent(value: float) -> str:
    """Fixed-precision percentages so float noise never changes the output."""
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def _cell(cell: Cell, in_head: bool) -> str:
    """A th in header rows (scope col) or a row label in the body (scope row), else a td.

    An empty cell in a header row (the top-left corner) stays a td: an empty th is an
    accessibility error. Unknown alignments fall back to centre, so the class is always known.
    """
    align = cell.align if cell.align in _ALIGNMENTS else "center"
    attrs = ""
    if in_head and (cell.header or cell.text.strip()):
        tag, attrs = "th", ' scope="col"'
    elif cell.header and not in_head:
        tag, attrs = "th", ' scope="row"'
    else:
        tag = "td"
    if cell.colspan > 1:
        attrs += f' colspan="{int(cell.colspan)}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{int(cell.rowspan)}"'
    if tag == "td" and _FIGURE.match(cell.text):
        return f'<td{attrs} class="align-{align} figure">{_runs(cell.runs)}</td>'
    return f'<{tag}{attrs} class="align-{align}">{_label(cell.runs)}</{tag}>'


def _table(table: Table) -> list[str]:
    """An accessible table wrapped in a scroller so narrow screens scroll instead of squeezing.

    The caption names the table for screen readers only: on the page, as in print, the part
    heading above the table names it."""
    wrap = "table-wrap keep-whole" if table.keep == "whole" else "table-wrap"
    lines = [f'<div class="{wrap}">', "<table>"]
    if table.caption:
        lines.append(f"<caption>{_esc(table.caption)}</caption>")
    total = sum(table.widths)
    if table.widths and total > 0:
        lines.append("<colgroup>")
        lines += [f'<col style="width: {_percent(w * 100 / total)}">' for w in table.widths]
        lines.append("</colgroup>")
    head = table.rows[: table.header_rows]
    if head:
        lines.append("<thead>")
        lines += ["<tr>" + "".join(_cell(c, True) for c in row) + "</tr>" for row in head]
        lines.append("</thead>")
    for opening, rows in _bodies(table):
        lines.append(opening)
        lines += ["<tr>" + "".join(_cell(c, False) for c in row) + "</tr>" for row in rows]
        lines.append("</tbody>")
    lines += ["</table>", "</div>"]
    return lines


def _bodies(table: Table) -> list[tuple[str, list[list[Cell]]]]:
    """The table's body rows as tbody elements: one, or for a table that splits only between
    blocks (table 二's 第二十条 items) one per block, which printing keeps on one page."""
    first = table.header_rows
    if table.keep != "blocks":
        rows = table.rows[first:]
        return [("<tbody>", rows)] if rows else []
    bodies, start = [], first
    for end in sorted({*table.breaks, len(table.rows) - 1}):
        if end >= start:
            bodies.append(('<tbody class="block">', table.rows[start : end + 1]))
            start = end + 1
    return bodies


def _number(number: str) -> str:
    return f'<span class="number">{_esc(number)}</span>' if number else ""


def _heading(block: Heading, shift: int) -> str:
    """h2 for 一、 and so on down; under chapters (level 0, h2) every level sits one deeper. A
    段首标题 is a paragraph whose leading words carry the level's face."""
    number = _number(block.number)
    if block.run_in:
        lead = f'<span class="level-{int(block.level)}">{number}{_runs(block.runs)}</span>'
        return f'<p class="run-in">{lead}{_runs(block.run_in)}</p>'
    tag = f"h{min(max(block.level + shift, 1), 5) + 1}"
    return f"<{tag}>{number}{_runs(block.runs)}</{tag}>"


def _box(block: Box, shift: int) -> list[str]:
    """A 专栏: an aside framed like the printed box, named by its numbered title."""
    title = f'<p class="box-title">{_number(block.number)}{_runs(block.title)}</p>'
    inner = [line for child in block.blocks for line in _block(child, shift)]
    return [f'<aside class="box" aria-label="{_esc(block.text)}">', title, *inner, "</aside>"]


def _block(block: Block, shift: int = 0) -> list[str]:
    """One model block as HTML lines; an unknown block fails loudly rather than vanish silently."""
    if isinstance(block, Paragraph):
        css = _PARAGRAPH_CLASSES.get(block.style, "")
        start = f'<p class="{css}">' if css else "<p>"
        return [f"{start}{_runs(block.runs)}</p>"]
    if isinstance(block, Heading):
        return [_heading(block, shift)]
    if isinstance(block, Box):
        return _box(block, shift)
    if isinstance(block, ListItem):
        marker = f'<span class="marker">{_esc(block.marker)}</span>'
        css = f"list-item list-depth-{int(block.depth)}"
        return [f'<p class="{css}">{marker}{_runs(block.runs)}</p>']
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Signature):
        sealed = " sealed" if block.seal else ""
        lines = [f'<footer class="signature-block{sealed}">']
        if block.agency:
            lines.append(f'<p class="signature">{_esc(block.agency)}</p>')
        if block.date:
            lines.append(f'<p class="date">{_esc(block.date)}</p>')
        return lines + ["</footer>"]
    raise TypeError(f"html writer cannot render block {type(block).__name__}")


# Characters of the title's 22 pt on a line of the 156 mm 版心, as in the .docx.
TITLE_CHARS = 19.8


def _title(document: Document) -> str:
    """The h1: the author's lines with <br> between them, or the lines the .docx prints (broken
    between words, balanced), each kept whole where the page is wide enough for it: the browser
    would break "……工作年 / 度报告" anywhere."""
    if document.title_lines:
        return f"<h1>{'<br>'.join(map(_esc, document.title_lines))}</h1>"
    lines = breaks.balanced(document.title, TITLE_CHARS)
    if len(lines) == 1:
        return f"<h1>{_esc(document.title)}</h1>"
    return "<h1>" + "".join(f'<span class="line">{_esc(line)}</span>' for line in lines) + "</h1>"


def _masthead(head: Masthead) -> list[str]:
    """版头 of a report sent up as a 公文: the red mark, the 发文字号 (with a 上行文's 签发人 at
    the right) over the red line."""
    number = f'<span class="document-number">{_esc(head.number)}</span>'
    css = "number-line"
    if head.signer:
        css = "number-line signed"
        number += f'<span class="signer">签发人：<span class="signer-name">{_esc(head.signer)}</span></span>'
    return [
        '<div class="masthead">',
        f'<p class="mark">{_esc(head.mark)}</p>',
        f'<p class="{css}">{number}</p>',
        "</div>",
    ]


def _colophon(block: Colophon) -> list[str]:
    """版记: the 抄送机关 (回行 aligned after “抄送：”), then the 印发机关 and 印发日期, between
    rules; a page has no last page to put it on, so it follows the document."""
    lines = ['<footer class="colophon">']
    if block.copies:
        lines.append(f'<p class="copies">抄送：{_esc(block.copies)}</p>')
    lines.append(
        f'<p class="printed"><span>{_esc(block.printed_by)}</span>'
        f"<span>{_esc(block.printed_on)}</span></p>"
    )
    return [*lines, "</footer>"]


def write_html(document: Document) -> str:
    """Return the whole page as a string; the caller decides where and how to save it."""
    shift = int(any(isinstance(b, Heading) and b.level == 0 for b in document.blocks))
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{_esc(document.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(document.title)}</title>",
        "<style>",
        _CSS,
        "</style>",
        "</head>",
        "<body>",
        "<main>",
        '<article class="chapters">' if shift else "<article>",
        "<header>",
        *(_masthead(document.masthead) if document.masthead else ()),
        _title(document),
    ]
    if document.subtitle:
        lines.append(f'<p class="subtitle">{_esc(document.subtitle)}</p>')
    lines.append("</header>")
    if document.recipients:
        lines.append(f'<p class="recipients">{_esc(document.recipients)}</p>')
    for block in document.blocks:
        lines += _block(block, shift)
    if document.colophon:
        lines += _colophon(document.colophon)
    lines += ["</article>", "</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
