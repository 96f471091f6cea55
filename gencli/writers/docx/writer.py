"""Word writer: a `Document` to GB/T 9704-2012 .docx bytes.

python-docx supplies the package (parts, relationships, sections, footers); the body is built as
raw XML through `oxml`, because python-docx's table API (cell(), merge()) is quadratic and its
font API cannot name East Asian faces. The bytes are deterministic: same Document, same file.
python-docx and lxml are imported by the functions that build the package, which run only when
it is not in the cache yet (docx_package), so a warm build never imports them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from gencli.document import breaks
from gencli.document.model import (
    Block,
    Box,
    Cell,
    Document,
    Heading,
    ListItem,
    Paragraph,
    Run,
    Signature,
    Table,
)
from gencli.writers.docx import official, styles, tablefit, xmltext
from gencli.writers.docx import package as docx_package
from gencli.writers.docx.oxml import (
    Element,
    body_node,
    bold,
    el,
    field_runs,
    fonts,
    lxml_element,
    paragraph,
    put,
    run,
    val,
)

if TYPE_CHECKING:
    import docx.document

# Page geometry in twips (GB/T 9704 5.2.1): A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1588, 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8844 = 156 mm
FOOTER_DISTANCE = 1418  # 25 mm: puts the page number's dashes 7 mm below the 版心 (7.5)

# Characters whose width depends on the face: LibreOffice sets them half-width in the Latin face
# whatever w:hint says, so they get the CJK face in every slot.
AMBIGUOUS = frozenset("“”‘’—…·①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
_AMBIGUOUS_RUNS = re.compile("([" + "".join(sorted(AMBIGUOUS)) + "]+)")

# Advances on the body grid, for placing the 成文日期 under the 署名: Latin digits are half-width.
FULL_WIDTH = styles.ADVANCE
HALF_WIDTH = styles.CHAR // 2 - 5
TWO_CHARS = 2 * FULL_WIDTH
AUTOSPACE = 0.2  # em clients add between a Chinese character and a digit (w:autoSpaceDN)

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
FIXED_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)

PARAGRAPH_STYLES = {"body": styles.BODY, "plain": styles.BODY_PLAIN, "center": styles.BODY_CENTER}
CELL_ALIGN = {"center": "center", "left": "left", "right": "right"}
BORDER = {"w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "000000"}  # 0.5 pt


def write_docx(document: Document) -> bytes:
    """The .docx file for `document`, byte-identical for equal documents. The package around
    the body is the same for every document in a language, so it is built once (docx_package),
    and the body is written as text (xmltext): the bytes lxml would write, faster. A 版记
    (official.colophon) is a last section of its own, starting on an even page."""
    package = docx_package.package(document.lang, _empty_package)
    with xmltext.building():
        body = _body(document)
        colophon = official.colophon(document.colophon) if document.colophon else []
    text = "".join(body_node(node).xml() for node in body)
    if not colophon:
        return package.write(text, document.title)
    text += official.section_break(package.section)
    text += "".join(body_node(node).xml() for node in colophon)
    return package.write(text, document.title, official.last_page(package.section))


def _empty_package(lang: str, title: str) -> docx.document.Document:
    """python-docx's package set up for a document in `lang`, with no body yet."""
    import docx

    word = docx.Document()
    _set_up_package(word, Document(title, [], lang=lang))
    return word


# --- package -------------------------------------------------------------------------------


def _set_up_package(word: docx.document.Document, document: Document) -> None:
    from docx.oxml.ns import qn

    _drop_template_extras(word)
    _replace_font_table(word)
    styles.install(word.styles.element, document.lang)
    settings = word.settings
    settings.odd_and_even_pages_header_footer = True
    settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), document.lang)
    _set_up_section(word)
    _set_core_properties(word, document)


def _drop_template_extras(word: docx.document.Document) -> None:
    """Drop parts of python-docx's template that describe another document: a Word 2010
    stylesWithEffects copy (stale once styles change), a bibliography item, a thumbnail."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    extras = {STYLES_WITH_EFFECTS, RT.CUSTOM_XML}
    for rId, rel in list(word.part.rels.items()):
        if rel.reltype in extras:
            word.part.drop_rel(rId)
    package_rels = word.part.package.rels
    for rId, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rId]


def _replace_font_table(word: docx.document.Document) -> None:
    """python-docx keeps fontTable.xml as opaque bytes, so swap in a new part."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    for rId, rel in list(word.part.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            word.part.drop_rel(rId)
    blob = etree.tostring(
        lxml_element(styles.font_table()), xml_declaration=True, encoding="UTF-8", standalone=True
    )
    assert isinstance(blob, bytes)  # an encoding was named
    part = Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, blob, word.part.package)
    word.part.relate_to(part, RT.FONT_TABLE)


def _set_up_section(word: docx.document.Document) -> None:
    from docx.shared import Twips

    section = word.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    grid = el("w:docGrid", {"w:type": "lines", "w:linePitch": styles.LINE_PITCH})
    put(word.element.body.sectPr, grid)
    _fill_footer(section.footer, styles.PAGE_NUMBER_ODD)
    _fill_footer(section.even_page_footer, styles.PAGE_NUMBER_EVEN)


def _fill_footer(footer, style: str) -> None:
    """「— 1 —」: the 一字线 and the PAGE field, all in the 页码 style (宋体 4号 in every slot)."""
    root = footer.part.element
    for child in list(root):
        root.remove(child)
    root.append(paragraph(style, run("— "), *field_runs("PAGE", "1"), run(" —")))


def _set_core_properties(word: docx.document.Document, document: Document) -> None:
    core = word.core_properties
    core.title = document.title
    core.language = document.lang
    core.author = core.last_modified_by = core.comments = ""
    core.created = core.modified = FIXED_TIME
    core.revision = 1


# --- body ----------------------------------------------------------------------------------


# Characters of the title's 2号 on a line of the 版心 (156 mm / 22 pt, less a little to spare).
TITLE_CHARS = 19.8


def _body(document: Document) -> list[Element]:
    """版头 for a report sent up as a 公文 (official), title (in the author's lines, or broken
    between words and balanced: breaks.balanced), subtitle, a blank line, 主送机关, the blocks; the paragraph before a signature keeps with it, so 署名
    and 成文日期 never stand alone on a page."""
    lines = document.title_lines or breaks.balanced(document.title, TITLE_CHARS)
    title = "\n".join(lines)
    elements = official.masthead(document.masthead) if document.masthead else []
    elements.append(paragraph(styles.TITLE, *_runs([Run(title)], styles.TITLE)))
    if document.subtitle:
        subtitle = _runs([Run(document.subtitle)], styles.SUBTITLE)
        elements.append(paragraph(styles.SUBTITLE, *subtitle))
    elements.append(paragraph(styles.BODY))
    if document.recipients:
        recipients = _runs([Run(document.recipients)], styles.BODY_PLAIN)
        elements.append(paragraph(styles.BODY_PLAIN, *recipients))
    chaptered = any(isinstance(block, Heading) and block.level == 0 for block in document.blocks)
    blocks = document.blocks
    kept = {
        id(blocks[index - 1])
        for index, block in enumerate(blocks)
        if isinstance(block, Signature) and index > 0
    }
    return elements + _flow(
        blocks, lambda block: _block(block, chaptered, id(block) in kept), styles.BODY_PLAIN
    )


def _flow(
    blocks: list[Block], render: Callable[[Block], list[Element]], spacer: str
) -> list[Element]:
    """`blocks` rendered in order, with an empty `spacer` paragraph after a table that ends the
    flow or meets another table: Word fuses adjacent tables, and both a body before the section
    properties and a table cell must end with a paragraph."""
    elements = []
    for index, block in enumerate(blocks):
        elements.extend(render(block))
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, (Table, Box)) and (
            following is None or isinstance(following, (Table, Box))
        ):
            elements.append(paragraph(spacer))
    return elements


def _block(block: Block, chaptered: bool = False, keep: bool = False) -> list[Element]:
    """The block's elements; a `keep` paragraph (the last before the signature) stays on the
    page of what follows it. Widow control lets it split so that its last two lines go with the
    signature (without it LibreOffice moves the whole paragraph, leaving half a page empty)."""
    extra = (el("w:keepNext"), el("w:widowControl")) if keep else ()
    if isinstance(block, Paragraph):
        return [_paragraph(block, extra)]
    if isinstance(block, Heading):
        return [_heading(block, chaptered)]
    if isinstance(block, ListItem):
        return [_list_item(block, extra)]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Signature):
        return _signature(block)
    if isinstance(block, Box):
        return [_box(block)]
    raise TypeError(f"不支持的文档块：{type(block).__name__}")


def _paragraph(block: Paragraph, extra: tuple = ()) -> Element:
    try:
        style = PARAGRAPH_STYLES[block.style]
    except KeyError:
        raise ValueError(f"未知的段落样式：{block.style}") from None
    return paragraph(style, *_runs(block.runs, style), ppr=extra)


def _heading(block: Heading, chaptered: bool = False) -> Element:
    """A heading paragraph in its level's style; a 段首标题 (`run_in`) is instead a body paragraph
    whose leading words take the level's character style. Under chapters every heading sits one
    outline level deeper than its style says, so the navigation pane nests 一、 below 第一章."""
    try:
        style = styles.HEADINGS[block.level]
    except KeyError:
        raise ValueError(f"标题层级只能是 0 至 4，而不是 {block.level}") from None
    lead = [Run(block.number), *block.runs]
    if block.run_in:
        char_style = styles.HEADING_CHARS[block.level]
        return paragraph(
            styles.BODY, *_runs(lead, char_style, char_style), *_runs(block.run_in, styles.BODY)
        )
    outline = (val("w:outlineLvl", block.level),) if chaptered and block.level else ()
    return paragraph(style, *_runs(lead, style), ppr=outline)


def _list_item(block: ListItem, extra: tuple = ()) -> Element:
    """A body paragraph led by its marker; each level of nesting indents two more characters."""
    runs = _runs([Run(block.marker), *block.runs], styles.BODY)
    if not block.depth:
        return paragraph(styles.BODY, *runs, ppr=extra)
    indent = el(
        "w:ind",
        {
            "w:leftChars": 200 * block.depth,
            "w:left": 2 * styles.CHAR * block.depth,
            **styles.INDENT_TWO_CHARS,
        },
    )
    return paragraph(styles.BODY, *runs, ppr=(indent, *extra))


def _signature(block: Signature) -> list[Element]:
    """署名 and 成文日期 without a seal (GB/T 9704 7.3.5.2): one blank line below the body, the
    name two characters from the right, the date's first character two characters right of the
    name's; a date longer than the name sits two from the right and pushes the name left.

    With a seal (7.3.5.1) the date is four characters from the right and the name centred over
    it, two blank lines below the body: the seal (about four lines high) is pressed over both,
    its top within a line of the body."""
    name_width, date_width = _width(block.agency), _width(block.date)
    if block.seal:
        # The name is centred on the date by indents, so the date's printed width is estimated:
        # digits at tablefit.DIGIT (between Times New Roman's and the Linux stand-ins' widths),
        # and the space clients add between Chinese characters and digits (autoSpaceDN, about
        # a fifth of a character at each change).
        date_right = 2 * TWO_CHARS
        digits = sum(ch.isdigit() for ch in block.date)
        changes = sum(a.isdigit() != b.isdigit() for a, b in zip(block.date, block.date[1:]))
        printed = (
            date_width
            + digits * (round(tablefit.DIGIT * styles.CHAR) - HALF_WIDTH)
            + changes * round(AUTOSPACE * styles.CHAR)
        )
        name_right = max(0, date_right + (printed - name_width) // 2)
    elif date_width <= name_width:
        name_right, date_right = TWO_CHARS, name_width - date_width
    else:
        name_right, date_right = 2 * TWO_CHARS + date_width - name_width, TWO_CHARS
    blank = [paragraph(styles.BODY, ppr=(el("w:keepNext"),)) for _ in range(2 if block.seal else 1)]
    return [
        *blank,
        paragraph(
            styles.SIGNATURE,
            *_runs([Run(block.agency)], styles.SIGNATURE),
            ppr=(_right_indent(name_right), el("w:keepNext")),
        ),
        paragraph(
            styles.DATE, *_runs([Run(block.date)], styles.DATE), ppr=(_right_indent(date_right),)
        ),
    ]


def _width(text: str) -> int:
    """Printed width in twips: CJK and the AMBIGUOUS marks (set in the CJK face) are full-width,
    the rest (digits) half."""
    return sum(
        FULL_WIDTH if ch in AMBIGUOUS or unicodedata.east_asian_width(ch) in "WF" else HALF_WIDTH
        for ch in text
    )


def _right_indent(twips: int) -> Element:
    return el("w:ind", {"w:right": twips})


def _runs(runs: list[Run], style: str, char_style: str | None = None) -> list[Element]:
    """w:r elements for `runs`: bold as direct formatting, ambiguous-width marks split into runs of
    their own that name the style's CJK face in every slot; `char_style` is set on every run."""
    face = styles.FACES[style]
    elements = []
    for item in runs:
        for text, ambiguous in _segments(item.text):
            rpr = el(
                "w:rPr",
                None,
                val("w:rStyle", char_style) if char_style else None,
                fonts(face, face) if ambiguous else None,
                *(bold() if item.bold else ()),
            )
            elements.append(run(text, rpr if len(rpr) else None))
    return elements


def _segments(text: str) -> list[tuple[str, bool]]:
    """`text` cut into maximal pieces that are all AMBIGUOUS or all not (one regex split: the
    pieces alternate, plain first, and only the first and last may be empty)."""
    pieces = _AMBIGUOUS_RUNS.split(text)
    return [(piece, index % 2 == 1) for index, piece in enumerate(pieces) if piece]


# --- tables --------------------------------------------------------------------------------


def _table(table: Table, width: int = TEXT_WIDTH) -> list[Element]:
    """The w:tbl, built row by row in one pass over the span grid. The caption is the table's
    accessible name (w:tblCaption, Word's alt-text title), not printed: in a 公文 the part
    heading above the table already names it. `width` is narrower inside a box. Size, margins
    and column widths come from what the columns must hold (tablefit); a table kept whole or in
    blocks chains its rows with keepNext, so it moves to the next page rather than split."""
    if not table.widths or (sum(table.widths) <= 0 and not table.columns):
        raise ValueError("表格列宽必须是非负数且总和大于零")
    layout = tablefit.fit(table, width)
    last = len(table.rows) - 1
    rows = [
        _table_row(cells, row_index < table.header_rows, layout, _keeps(table, row_index, last))
        for row_index, cells in enumerate(_grid(table))
    ]
    margins = el(
        "w:tblCellMar",
        None,
        el("w:left", {"w:w": layout.margin, "w:type": "dxa"}),
        el("w:right", {"w:w": layout.margin, "w:type": "dxa"}),
    )
    tbl = el(
        "w:tbl",
        None,
        _table_properties(table.caption, width, BORDER, margins),
        el("w:tblGrid", None, *(el("w:gridCol", {"w:w": column}) for column in layout.widths)),
        *rows,
    )
    return [tbl]


def _keeps(table: Table, row: int, last: int) -> bool:
    """Whether row `row` stays on the page of the row after it."""
    if row == last or not table.keep:
        return False
    return table.keep == "whole" or row not in table.breaks


# One w:tc: (cell, whether it continues the cell's vertical merge, its first grid column).
Slot = tuple[Cell, bool, int]


def _grid(table: Table) -> list[list[Slot]]:
    """Each row's w:tc list: the listed cells placed left to right around the grid positions
    that rowspans from above cover, which become vMerge continuations."""
    columns = table.column_count
    covered: dict[tuple[int, int], Cell] = {}
    grid: list[list[Slot]] = []
    for row_index, cells in enumerate(table.rows):
        row_name = f"表格第 {row_index + 1} 行"
        listed = iter(cells)
        slots: list[Slot] = []
        column = 0
        while column < columns:
            origin = covered.get((row_index, column))
            if origin is not None:
                slots.append((origin, True, column))
            else:
                origin = next(listed, None)
                if origin is None:
                    raise ValueError(f"{row_name}的单元格不足 {columns} 列")
                if origin.rowspan < 1 or origin.colspan < 1:
                    raise ValueError(f"{row_name}的跨行、跨列数必须是正整数")
                span = range(column, column + origin.colspan)
                if any((row_index, c) in covered for c in span):
                    raise ValueError(f"{row_name}的跨列单元格与上方的跨行单元格重叠")
                slots.append((origin, False, column))
                for below in range(row_index + 1, row_index + origin.rowspan):
                    covered.update(((below, c), origin) for c in span)
            column += origin.colspan
        if column != columns or next(listed, None) is not None:
            raise ValueError(f"{row_name}的单元格超出 {columns} 列")
        grid.append(slots)
    if any(row >= len(table.rows) for row, _ in covered):
        raise ValueError("表格的跨行单元格超出了表格末行")
    return grid


def _table_properties(
    caption: str, width: int = TEXT_WIDTH, border: dict = BORDER, *extra: Element
) -> Element:
    borders = el(
        "w:tblBorders",
        None,
        *(
            el(f"w:{side}", border)
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        ),
    )
    return el(
        "w:tblPr",
        None,
        el("w:tblW", {"w:w": width, "w:type": "dxa"}),
        val("w:jc", "center"),
        borders,
        el("w:tblLayout", {"w:type": "fixed"}),
        val("w:tblCaption", caption) if caption else None,
        *extra,
    )


def _table_row(slots: list[Slot], header: bool, layout: tablefit.Fit, keep: bool) -> Element:
    """A w:tr that never splits across pages; header rows repeat on every page. Written as text
    (xmltext), rows and cells repeat across tables and reports (labels, zeros), so each is built
    and written once and then shared; lxml elements cannot be shared, so those are built anew."""
    cells = tuple(_cell_key(slot, layout, keep) for slot in slots)
    if xmltext.active():
        return _shared_row(header, cells)
    return _new_row(header, [_table_cell(*cell) for cell in cells])


def _new_row(header: bool, cells: list[Element]) -> Element:
    trpr = el("w:trPr", None, el("w:cantSplit"), el("w:tblHeader") if header else None)
    return el("w:tr", None, trpr, *cells)


# Small and kept as text alone, so a worker building thousands of reports is as big after the
# first twenty as after the last.
@functools.lru_cache(maxsize=256)
def _shared_row(header: bool, cells: tuple) -> Element:
    return xmltext.frozen(body_node(_new_row(header, [_shared_cell(*cell) for cell in cells])))


@functools.lru_cache(maxsize=1024)
def _shared_cell(*cell: Any) -> Element:
    return xmltext.frozen(body_node(_table_cell(*cell)))


def _cell_key(slot: Slot, layout: tablefit.Fit, keep: bool) -> tuple:
    """Everything a w:tc depends on. A label's lines are broken here, between words, where the
    cell is too narrow for it: the client would break it anywhere ("（三）不予公/开")."""
    cell, continues, column = slot
    width = sum(layout.widths[column : column + cell.colspan])
    runs = None if continues else _label_lines(cell, layout.capacity(width))
    figures = column in layout.figures and cell.colspan == 1 and not cell.header
    return (
        continues,
        cell.rowspan > 1,
        cell.colspan,
        width,
        cell.align,
        runs,
        layout.style,
        keep,
        cell.vertical,
        figures,
    )


def _label_lines(cell: Cell, capacity: float) -> tuple:
    """The cell's runs; a label of one face that is wider than the cell as its lines (joined by
    line feeds, which `run` writes as w:br), broken only between words and balanced."""
    runs = tuple((run.text, run.bold) for run in cell.runs)
    if cell.vertical or not cell.header or len(runs) != 1:
        return runs
    text, bold_run = runs[0]
    return (("\n".join(breaks.balanced(text, capacity)), bold_run),)


def _table_cell(
    continues: bool,
    spans_rows: bool,
    colspan: int,
    width: int,
    align: str,
    runs: tuple | None,
    style: str = styles.TABLE_TEXT,
    keep: bool = False,
    vertical: bool = False,
    figures: bool = False,
) -> Element:
    merge: Element | None
    if continues:
        merge = val("w:vMerge", "continue")
    else:
        merge = val("w:vMerge", "restart") if spans_rows else None
    tcpr = el(
        "w:tcPr",
        None,
        el("w:tcW", {"w:w": width, "w:type": "dxa"}),
        val("w:gridSpan", colspan) if colspan > 1 else None,
        merge,
        el("w:noWrap") if figures else None,
        val("w:textDirection", "tbRl") if vertical else None,
        val("w:vAlign", "center"),
    )
    try:
        justify = CELL_ALIGN[align]
    except KeyError:
        raise ValueError(f"未知的单元格对齐方式：{align}") from None
    text = () if runs is None else _runs([Run(*run) for run in runs], style)
    ppr = (val("w:jc", justify), el("w:keepNext") if keep else None)
    return el("w:tc", None, tcpr, paragraph(style, *text, ppr=ppr))


# --- boxes (专栏) ---------------------------------------------------------------------------

BOX_BORDER = {"w:val": "single", "w:sz": 8, "w:space": 0, "w:color": "000000"}  # 1 pt
BOX_PADDING = 170  # 3 mm between the frame and the text


def _box(box: Box, width: int = TEXT_WIDTH) -> Element:
    """A 专栏 as a one-cell table: a frame that Word and LibreOffice both draw and may break
    across pages (its row may split), holding the numbered title and the box's own blocks in the
    专栏 styles. The box's text is also the table's accessible name."""
    inner = width - 2 * BOX_PADDING
    title = paragraph(styles.BOX_TITLE, *_runs([Run(box.number), *box.title], styles.BOX_TITLE))
    content = _flow(box.blocks, lambda block: _box_block(block, inner), styles.BOX_PLAIN)
    margins = el(
        "w:tblCellMar",
        None,
        *(
            el(f"w:{side}", {"w:w": BOX_PADDING, "w:type": "dxa"})
            for side in ("top", "left", "bottom", "right")
        ),
    )
    cell = el(
        "w:tc",
        None,
        el("w:tcPr", None, el("w:tcW", {"w:w": width, "w:type": "dxa"})),
        title,
        *content,
    )
    return el(
        "w:tbl",
        None,
        _table_properties(box.text, width, BOX_BORDER, margins),
        el("w:tblGrid", None, el("w:gridCol", {"w:w": width})),
        el("w:tr", None, cell),
    )


def _box_block(block: Block, width: int) -> list[Element]:
    """A block inside a box: paragraphs and list items in the 专栏 styles, headings as bold text
    (a box has no place in the outline), tables and boxes narrowed to the box."""
    if isinstance(block, Paragraph):
        style = styles.BOX_TEXT if block.style == "body" else styles.BOX_PLAIN
        centred = (val("w:jc", "center"),) if block.style == "center" else ()
        return [paragraph(style, *_runs(block.runs, style), ppr=centred)]
    if isinstance(block, Heading):
        lead = [Run(run.text, True) for run in (Run(block.number), *block.runs)]
        return [paragraph(styles.BOX_TEXT, *_runs([*lead, *block.run_in], styles.BOX_TEXT))]
    if isinstance(block, ListItem):
        indent = el(
            "w:ind",
            {
                "w:leftChars": 200 * block.depth,
                "w:left": 2 * styles.BOX_CHAR * block.depth,
                "w:firstLineChars": 200,
                "w:firstLine": 2 * styles.BOX_CHAR,
            },
        )
        runs = _runs([Run(block.marker), *block.runs], styles.BOX_TEXT)
        return [paragraph(styles.BOX_TEXT, *runs, ppr=(indent,) if block.depth else ())]
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Box):
        return [_box(block, width)]
    raise TypeError(f"专栏中不能有{type(block).__name__}")
