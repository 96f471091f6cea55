"""The 版头 and 版记 of a report sent up as a 公文 (GB/T 9704-2012 7.2, 7.4) in the .docx.

The 版头 is formatted directly on paragraphs in the existing 公文 styles rather than in styles
of its own: a report published without one keeps a style sheet (and so a package) identical to
what it had before, and the cached package stays one per language (docx.package).
"""

from __future__ import annotations

import re

from gencli.document.model import Colophon, Masthead
from gencli.writers.docx import styles
from gencli.writers.docx.oxml import Element, el, fonts, paragraph, run, size, val

RED = "FF0000"
MM = 1440 / 25.4  # twips in a millimetre
# 7.2.3: the mark's upper edge 35 mm below the 版心's. The glyphs' ink starts below the top of
# their line: by a tenth of the size (the exact 1.2 line's leading above) plus the face's own
# margin, 0.14 of the size in all (measured in the PDF of `gencli build --to pdf` at 36 pt, with
# its stand-in face), which the space before the mark gives back.
MARK_TOP = 35 * MM
INK_DROP = 0.14
# The mark's size is not fixed by the standard (醒目、美观、庄重): 小初 (36 pt), smaller for a mark
# too long for one line of the 156 mm 版心, so it never wraps.
MARK_SIZE = 36
TEXT_WIDTH = round(156 * MM)  # the 版心's width (5.2.1)
MARK_WIDTH = TEXT_WIDTH - styles.CHAR // 2  # less half a character to spare
# 7.2.6: the red separator line 4 mm below the 发文字号, as wide as the 版心 (a bottom border
# of the 发文字号's paragraph, which spans the 版心: its indents are tab stops, not w:ind).
RULE: dict[str, str | int] = {"w:val": "single", "w:sz": 12, "w:space": 4, "w:color": RED}  # 1.5 pt
ONE_CHAR = styles.CHAR


def mark_size(mark: str) -> float:
    """The mark's size in points: MARK_SIZE, or the largest half point that fits one line."""
    if not mark:
        return MARK_SIZE
    fitting = MARK_WIDTH / 20 / len(mark)
    return min(MARK_SIZE, int(fitting * 2) / 2)


def masthead(head: Masthead) -> list[Element]:
    """发文机关标志, then two lines below it the 发文字号 with the red line 4 mm under it, then
    the two blank lines that separate it from the title (7.3.1). A 上行文's 发文字号 sits one
    character in from the left with the 签发人 one character in from the right (7.2.4, 7.2.5);
    without a 签发人 it is centred."""
    points = mark_size(head.mark)
    mark_line = round(points * 20 * 1.2)
    before = round(MARK_TOP - INK_DROP * points * 20)
    mark = paragraph(
        styles.TITLE,
        run(
            head.mark,
            el(
                "w:rPr",
                None,
                fonts(styles.XIAOBIAOSONG, styles.LATIN),
                val("w:color", RED),
                *size(points),
            ),
        ),
        ppr=(
            el(
                "w:spacing",
                {"w:before": before, "w:after": 0, "w:line": mark_line, "w:lineRule": "exact"},
            ),
        ),
    )
    return [mark, _number(head), paragraph(styles.BODY), paragraph(styles.BODY)]


def _number(head: Masthead) -> Element:
    rule = el("w:pBdr", None, el("w:bottom", RULE))
    spacing = el(
        "w:spacing",
        {
            "w:before": 2 * styles.LINE_PITCH,
            "w:after": 0,
            "w:line": styles.LINE_PITCH,
            "w:lineRule": "exact",
        },
    )
    if not head.signer:
        return paragraph(
            styles.BODY_PLAIN, run(head.number), ppr=(rule, spacing, val("w:jc", "center"))
        )
    tabs = el(
        "w:tabs",
        None,
        el("w:tab", {"w:val": "left", "w:pos": ONE_CHAR}),
        el("w:tab", {"w:val": "right", "w:pos": TEXT_WIDTH - ONE_CHAR}),
    )
    name = el("w:rPr", None, fonts(styles.KAITI, styles.LATIN))
    return paragraph(
        styles.BODY_PLAIN,
        el("w:r", None, el("w:tab")),
        run(head.number),
        el("w:r", None, el("w:tab")),
        run("签发人："),
        run(head.signer, name),
        ppr=(rule, tabs, spacing, val("w:jc", "left")),
    )


# --- 版记 (7.4) ------------------------------------------------------------------------------

# 7.4.1: the rules as wide as the 版心, the first and last 0.35 mm, those between 0.25 mm (in
# eighths of a point: 0.35 mm = 1 pt, 0.25 mm = 0.75 pt).
THICK: dict[str, str | int] = {"w:val": "single", "w:sz": 8, "w:space": 0, "w:color": "000000"}
THIN: dict[str, str | int] = {"w:val": "single", "w:sz": 6, "w:space": 0, "w:color": "000000"}
NONE: dict[str, str | int] = {"w:val": "nil"}
COLOPHON_SIZE = 14  # 4号仿宋 (7.4.2, 7.4.3)
COLOPHON_CHAR = 280  # one 4号 character: the 版记's 左右各空一字
COLOPHON_LINE = 400  # twips between the lines of a 抄送 that wraps
ROW_PADDING = 120  # twips above and below a 版记 line, inside its rules
COPIES_LABEL = "抄送："
# The 版心's height (5.2.1: 225 mm) and what the 版记's page keeps free under its last rule: the
# empty paragraph a body must end with, and a millimetre so rounding never pushes it onto a page
# of its own.
TEXT_HEIGHT = round(225 * MM)
LAST_LINE = 20
SLACK = 60


def colophon(block: Colophon) -> list[Element]:
    """The 版记 at the foot of its own page: a spacer paragraph exactly as tall as the 版心 less
    the 版记, then the 版记 as a table as wide as the 版心 whose borders are its rules — one row
    for the 抄送机关 (if any), one for the 印发机关 and 印发日期, the first and last rules thick,
    the one between thin. Its rows have exact heights, so the spacer's height is known; neither
    the section's w:vAlign (LibreOffice 7.4 ignores it) nor a floating table (LibreOffice keeps a
    table as wide as the 版心 inline) would put it at the foot of the page in both clients. A
    table rather than paragraph borders: a paragraph's border spans only its indents, and the
    抄送 line is indented (回行 aligned after “抄送：”)."""
    rows = []
    if block.copies:
        hanging = len(COPIES_LABEL) * COLOPHON_CHAR
        indent = el(
            "w:ind",
            {"w:left": COLOPHON_CHAR + hanging, "w:right": COLOPHON_CHAR, "w:hanging": hanging},
        )
        lines = copies_lines(COPIES_LABEL + block.copies)
        rows.append(_colophon_row(COPIES_LABEL + block.copies, lines, (indent,)))
    tabs = el("w:tabs", None, el("w:tab", {"w:val": "right", "w:pos": TEXT_WIDTH - COLOPHON_CHAR}))
    indent = el("w:ind", {"w:left": COLOPHON_CHAR, "w:right": COLOPHON_CHAR, "w:firstLine": 0})
    rows.append(_colophon_row(f"{block.printed_by}\t{block.printed_on}", 1, (tabs, indent)))
    height = sum(row_height for row_height, _ in rows)
    borders = el(
        "w:tblBorders",
        None,
        el("w:top", THICK),
        el("w:left", NONE),
        el("w:bottom", THICK),
        el("w:right", NONE),
        el("w:insideH", THIN),
        el("w:insideV", NONE),
    )
    margins = el(
        "w:tblCellMar",
        None,
        el("w:left", {"w:w": 0, "w:type": "dxa"}),
        el("w:right", {"w:w": 0, "w:type": "dxa"}),
    )
    table = el(
        "w:tbl",
        None,
        el(
            "w:tblPr",
            None,
            el("w:tblW", {"w:w": TEXT_WIDTH, "w:type": "dxa"}),
            val("w:jc", "center"),
            borders,
            el("w:tblLayout", {"w:type": "fixed"}),
            margins,
            val("w:tblCaption", "版记"),
        ),
        el("w:tblGrid", None, el("w:gridCol", {"w:w": TEXT_WIDTH})),
        *(row for _, row in rows),
    )
    return [_blank(TEXT_HEIGHT - height - LAST_LINE - SLACK), table, _blank(LAST_LINE)]


def copies_lines(text: str) -> int:
    """The lines the 抄送 line takes: its first line holds the label, the rest align after it.
    A character is counted a little wider than it prints, so a row is never too short."""
    first = (TEXT_WIDTH - 2 * COLOPHON_CHAR) * 0.95
    rest = first - len(COPIES_LABEL) * COLOPHON_CHAR
    width = sum(COLOPHON_CHAR if ord(ch) > 0x2E7F else COLOPHON_CHAR / 2 for ch in text)
    lines = 1
    while width > first + (lines - 1) * rest:
        lines += 1
    return lines


def _blank(height: int) -> Element:
    """An empty paragraph exactly `height` twips tall, off the line grid."""
    spacing = el(
        "w:spacing", {"w:before": 0, "w:after": 0, "w:line": height, "w:lineRule": "exact"}
    )
    return paragraph(
        styles.BODY_PLAIN, ppr=(val("w:snapToGrid", 0), spacing, el("w:rPr", None, *size(1)))
    )


def _colophon_row(text: str, lines: int, ppr: tuple) -> tuple[int, Element]:
    """One item of the 版记 in 4号仿宋 (a tab, if any, as a w:tab) and the row's exact height."""

    def rpr() -> Element:  # one each: an lxml element has one parent
        return el("w:rPr", None, *size(COLOPHON_SIZE))

    runs: list[Element] = []
    for index, piece in enumerate(text.split("\t")):
        if index:
            runs.append(el("w:r", None, rpr(), el("w:tab")))
        runs.append(run(piece, rpr()))
    spacing = el(
        "w:spacing", {"w:before": 0, "w:after": 0, "w:line": COLOPHON_LINE, "w:lineRule": "exact"}
    )
    height = lines * COLOPHON_LINE + 2 * ROW_PADDING
    cell = el(
        "w:tc",
        None,
        el(
            "w:tcPr",
            None,
            el("w:tcW", {"w:w": TEXT_WIDTH, "w:type": "dxa"}),
            val("w:vAlign", "center"),
        ),
        paragraph(
            styles.BODY_PLAIN,
            *runs,
            ppr=(*ppr, val("w:snapToGrid", 0), spacing, val("w:jc", "left")),
        ),
    )
    trpr = el(
        "w:trPr", None, el("w:cantSplit"), el("w:trHeight", {"w:val": height, "w:hRule": "exact"})
    )
    return height, el("w:tr", None, trpr, cell)


def section_break(section: str) -> str:
    """The paragraph that ends the body's section, holding a copy of its properties (without
    the revision ids, as python-docx's add_section copies them): what follows (the 版记) is a
    section of its own."""
    section = re.sub(r"<w:sectPr[^>]*>", "<w:sectPr>", section, count=1)
    return f'<w:p><w:pPr><w:pStyle w:val="{styles.BODY_PLAIN}"/>{section}</w:pPr></w:p>'


_REFERENCES = re.compile(r"<w:(?:header|footer)Reference [^>]*/>")


def last_page(section: str) -> str:
    """The 版记's section: the body's page setup, started on an even page (w:type evenPage), so
    that the 版记 is on an even last page (7.4: 版记 置于最后一页). Its footers are the body's,
    inherited (no references of its own), as python-docx's add_section makes it."""
    if "<w:pgSz" not in section:
        raise ValueError("节属性缺少 pgSz")
    section = _REFERENCES.sub("", section)
    return section.replace("<w:pgSz", '<w:type w:val="evenPage"/><w:pgSz', 1)
