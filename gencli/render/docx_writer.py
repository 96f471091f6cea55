"""Word writer: a `Document` to GB/T 9704-2012 .docx bytes.

python-docx supplies the package (parts, relationships, sections, footers); the body is built as
raw XML through `oxml`, because python-docx's table API (cell(), merge()) is quadratic and its
font API cannot name East Asian faces. The bytes are deterministic: same Document, same file.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import datetime, timezone

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Twips
from lxml import etree

from gencli.document import (
    Block,
    Cell,
    Document,
    Heading,
    ListItem,
    Paragraph,
    Run,
    Signature,
    Table,
)
from gencli.render import docx_styles as styles
from gencli.render.oxml import bold, el, field_runs, fonts, paragraph, put, run, val

# Page geometry in twips (GB/T 9704 5.2.1): A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1588, 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8844 = 156 mm
FOOTER_DISTANCE = 1418  # 25 mm: puts the page number's dashes 7 mm below the 版心 (7.5)

# Characters whose width depends on the face: LibreOffice sets them half-width in the Latin face
# whatever w:hint says, so they get the CJK face in every slot.
AMBIGUOUS = frozenset("“”‘’—…·")

# Advances on the body grid, for placing the 成文日期 under the 署名: Latin digits are half-width.
FULL_WIDTH = styles.ADVANCE
HALF_WIDTH = styles.CHAR // 2 - 5
TWO_CHARS = 2 * FULL_WIDTH

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
FIXED_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

PARAGRAPH_STYLES = {"body": styles.BODY, "plain": styles.BODY_PLAIN, "center": styles.BODY_CENTER}
CELL_ALIGN = {"center": "center", "left": "left", "right": "right"}
BORDER = {"w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "000000"}  # 0.5 pt


def write_docx(document: Document) -> bytes:
    """The .docx file for `document`, byte-identical for equal documents."""
    word = docx.Document()
    _set_up_package(word, document)
    body = word.element.body
    for element in _body(document):
        body.sectPr.addprevious(element)
    buffer = io.BytesIO()
    word.save(buffer)
    return _normalized_zip(buffer.getvalue())


# --- package -------------------------------------------------------------------------------


def _set_up_package(word: docx.document.Document, document: Document) -> None:
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
    for rId, rel in list(word.part.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            word.part.drop_rel(rId)
    blob = etree.tostring(styles.font_table(), xml_declaration=True, encoding="UTF-8",
                          standalone=True)
    part = Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, blob, word.part.package)
    word.part.relate_to(part, RT.FONT_TABLE)


def _set_up_section(word: docx.document.Document) -> None:
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


def _normalized_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps and attributes, keeping python-docx's entry order."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name))
    return output.getvalue()


# --- body ----------------------------------------------------------------------------------


def _body(document: Document) -> list[BaseOxmlElement]:
    elements = [paragraph(styles.TITLE, *_runs([Run(document.title)], styles.TITLE))]
    if document.subtitle:
        subtitle = _runs([Run(document.subtitle)], styles.SUBTITLE)
        elements.append(paragraph(styles.SUBTITLE, *subtitle))
    elements.append(paragraph(styles.BODY))
    blocks = document.blocks
    for index, block in enumerate(blocks):
        elements.extend(_block(block))
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, Table) and (following is None or isinstance(following, Table)):
            # Word fuses adjacent tables and wants a paragraph before the section properties.
            elements.append(paragraph(styles.BODY_PLAIN))
    return elements


def _block(block: Block) -> list[BaseOxmlElement]:
    if isinstance(block, Paragraph):
        return [_paragraph(block)]
    if isinstance(block, Heading):
        return [_heading(block)]
    if isinstance(block, ListItem):
        return [_list_item(block)]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Signature):
        return _signature(block)
    raise TypeError(f"不支持的文档块：{type(block).__name__}")


def _paragraph(block: Paragraph) -> BaseOxmlElement:
    try:
        style = PARAGRAPH_STYLES[block.style]
    except KeyError:
        raise ValueError(f"未知的段落样式：{block.style}") from None
    return paragraph(style, *_runs(block.runs, style))


def _heading(block: Heading) -> BaseOxmlElement:
    try:
        style = styles.HEADINGS[block.level]
    except KeyError:
        raise ValueError(f"标题层级只能是 1 至 4，而不是 {block.level}") from None
    return paragraph(style, *_runs([Run(block.number), *block.runs], style))


def _list_item(block: ListItem) -> BaseOxmlElement:
    """A body paragraph led by its marker; each level of nesting indents two more characters."""
    runs = _runs([Run(block.marker), *block.runs], styles.BODY)
    if not block.depth:
        return paragraph(styles.BODY, *runs)
    indent = el(
        "w:ind",
        {"w:leftChars": 200 * block.depth, "w:left": 2 * styles.CHAR * block.depth,
         **styles.INDENT_TWO_CHARS},
    )
    return paragraph(styles.BODY, *runs, ppr=(indent,))


def _signature(block: Signature) -> list[BaseOxmlElement]:
    """署名 and 成文日期 without a seal (GB/T 9704 7.3.5.2): one blank line below the body, the
    name two characters from the right, the date's first character two characters right of the
    name's; a date longer than the name sits two from the right and pushes the name left."""
    name_width, date_width = _width(block.agency), _width(block.date)
    if date_width <= name_width:
        name_right, date_right = TWO_CHARS, name_width - date_width
    else:
        name_right, date_right = 2 * TWO_CHARS + date_width - name_width, TWO_CHARS
    return [
        paragraph(styles.BODY),
        paragraph(styles.SIGNATURE, *_runs([Run(block.agency)], styles.SIGNATURE),
                  ppr=(_right_indent(name_right),)),
        paragraph(styles.DATE, *_runs([Run(block.date)], styles.DATE),
                  ppr=(_right_indent(date_right),)),
    ]


def _width(text: str) -> int:
    """Printed width in twips: CJK and the AMBIGUOUS marks (set in the CJK face) are full-width,
    the rest (digits) half."""
    return sum(
        FULL_WIDTH if ch in AMBIGUOUS or unicodedata.east_asian_width(ch) in "WF" else HALF_WIDTH
        for ch in text
    )


def _right_indent(twips: int) -> BaseOxmlElement:
    return el("w:ind", {"w:right": twips})


def _runs(runs: list[Run], style: str) -> list[BaseOxmlElement]:
    """w:r elements for `runs`: bold as direct formatting, ambiguous-width marks split into runs of
    their own that name the paragraph style's CJK face in every slot."""
    face = styles.FACES[style]
    elements = []
    for item in runs:
        for text, ambiguous in _segments(item.text):
            rpr = el(
                "w:rPr",
                None,
                fonts(face, face) if ambiguous else None,
                *(bold() if item.bold else ()),
            )
            elements.append(run(text, rpr if len(rpr) else None))
    return elements


def _segments(text: str) -> list[tuple[str, bool]]:
    """`text` cut into maximal pieces that are all AMBIGUOUS or all not."""
    pieces: list[tuple[str, bool]] = []
    for ch in text:
        ambiguous = ch in AMBIGUOUS
        if pieces and pieces[-1][1] == ambiguous:
            pieces[-1] = (pieces[-1][0] + ch, ambiguous)
        else:
            pieces.append((ch, ambiguous))
    return pieces


# --- tables --------------------------------------------------------------------------------


def _table(table: Table) -> list[BaseOxmlElement]:
    """The w:tbl, built row by row in one pass over the span grid. The caption is the table's
    accessible name (w:tblCaption, Word's alt-text title), not printed: in a 公文 the part
    heading above the table already names it."""
    widths = _column_widths(table.widths)
    rows = [
        _table_row(cells, row_index < table.header_rows, widths)
        for row_index, cells in enumerate(_grid(table))
    ]
    tbl = el(
        "w:tbl",
        None,
        _table_properties(table.caption),
        el("w:tblGrid", None, *(el("w:gridCol", {"w:w": width}) for width in widths)),
        *rows,
    )
    return [tbl]


def _column_widths(relative: list[float]) -> list[int]:
    """Integer twips proportional to `relative` that add up to exactly the 版心 width."""
    total = sum(relative)
    if not relative or total <= 0 or min(relative) < 0:
        raise ValueError("表格列宽必须是非负数且总和大于零")
    edges = [round(TEXT_WIDTH * sum(relative[: i + 1]) / total) for i in range(len(relative))]
    return [right - left for left, right in zip([0, *edges], edges)]


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


def _table_properties(caption: str) -> BaseOxmlElement:
    borders = el(
        "w:tblBorders",
        None,
        *(el(f"w:{side}", BORDER)
          for side in ("top", "left", "bottom", "right", "insideH", "insideV")),
    )
    return el(
        "w:tblPr",
        None,
        el("w:tblW", {"w:w": TEXT_WIDTH, "w:type": "dxa"}),
        val("w:jc", "center"),
        borders,
        el("w:tblLayout", {"w:type": "fixed"}),
        val("w:tblCaption", caption) if caption else None,
    )


def _table_row(slots: list[Slot], header: bool, widths: list[int]) -> BaseOxmlElement:
    """A w:tr that never splits across pages; header rows repeat on every page."""
    trpr = el("w:trPr", None, el("w:cantSplit"), el("w:tblHeader") if header else None)
    return el("w:tr", None, trpr, *(_table_cell(slot, widths) for slot in slots))


def _table_cell(slot: Slot, widths: list[int]) -> BaseOxmlElement:
    cell, continues, column = slot
    if continues:
        merge = val("w:vMerge", "continue")
    else:
        merge = val("w:vMerge", "restart") if cell.rowspan > 1 else None
    tcpr = el(
        "w:tcPr",
        None,
        el("w:tcW", {"w:w": sum(widths[column : column + cell.colspan]), "w:type": "dxa"}),
        val("w:gridSpan", cell.colspan) if cell.colspan > 1 else None,
        merge,
        val("w:vAlign", "center"),
    )
    try:
        align = CELL_ALIGN[cell.align]
    except KeyError:
        raise ValueError(f"未知的单元格对齐方式：{cell.align}") from None
    runs = () if continues else _runs(cell.runs, styles.TABLE_TEXT)
    return el("w:tc", None, tcpr, paragraph(styles.TABLE_TEXT, *runs, ppr=(val("w:jc", align),)))
