"""The GB/T 9704-2012 style sheet and font table, as named Word styles.

Formatting lives in styles rather than on runs, so a reader who changes 公文正文 changes every body
paragraph. Every style names its East Asian face and size itself, with no theme fonts, so nothing
inherits python-docx's template defaults (Calibri, Japanese theme faces, 10 pt after).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gencli.writers.docx.oxml import (
    Element,
    bold,
    el,
    exact_spacing,
    fonts,
    lxml_element,
    put,
    size,
    val,
)

if TYPE_CHECKING:  # python-docx only where the package is built (not on a warm build)
    from docx.oxml.xmlchemy import BaseOxmlElement

LATIN = "Times New Roman"
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"

# Windows ships 仿宋/楷体/宋体/黑体 under these names, not the _GB2312 or 方正 faces.
ALT_NAMES = {
    FANGSONG: "仿宋",
    KAITI: "楷体",
    XIAOBIAOSONG: "宋体",
    HEITI: "SimHei",
    SONGTI: "SimSun",
}

LINE_PITCH = 579  # twips: 22 lines in the 225 mm 版心 (GB/T 9704 5.2.3)
BODY_SIZE = 16  # 3号
CHAR = 320  # one 3号 character in twips: Word's unit for the *Chars indents
ADVANCE = CHAR - 5  # what a body character occupies after the −0.25 pt tracking
# Tables print smaller than the body, as the published forms do: 五号, or 小五 where a table's
# columns cannot hold their figures at 五号 (table 四's fifteen). Lines 1.25 × the size apart.
TABLE_SIZE = 10.5  # 五号
TABLE_LINE = 260
TABLE_SMALL_SIZE = 9  # 小五
TABLE_SMALL_LINE = 230
TABLE_TINY_SIZE = 7.5  # 六号: only for figures too long for 小五
TABLE_TINY_LINE = 190
PAGE_NUMBER_INDENT = 280  # one 4号 character: "one character in" from the edge
BOX_SIZE = 14  # 4号: a 专栏 is set a size below the body, as in printed 规划
BOX_CHAR = 280
BOX_LINE = 500

BODY = "GwBody"
BODY_PLAIN = "GwBodyPlain"
BODY_CENTER = "GwBodyCenter"
TITLE = "GwTitle"
SUBTITLE = "GwSubtitle"
HEADINGS = {0: "GwChapter", 1: "GwHeading1", 2: "GwHeading2", 3: "GwHeading3", 4: "GwHeading4"}
HEADING_CHARS = {level: f"GwHeading{level}Char" for level in (1, 2, 3, 4)}
BOX_TITLE = "GwBoxTitle"
BOX_TEXT = "GwBoxText"
BOX_PLAIN = "GwBoxPlain"
TABLE_TEXT = "GwTableText"
TABLE_TEXT_SMALL = "GwTableTextSmall"
TABLE_TEXT_TINY = "GwTableTextTiny"
SIGNATURE = "GwSignature"
DATE = "GwDate"
PAGE_NUMBER = "GwPageNumber"
PAGE_NUMBER_ODD = "GwPageNumberOdd"
PAGE_NUMBER_EVEN = "GwPageNumberEven"

INDENT_TWO_CHARS = {"w:firstLineChars": 200, "w:firstLine": 2 * CHAR}
FLUSH_LEFT = {"w:firstLineChars": 0, "w:firstLine": 0}


@dataclass(frozen=True)
class ParagraphStyle:
    """One paragraph style. Face and size are named on every style; layout fields left None are
    inherited from `based_on`. `indent` holds w:ind attributes: Word reads the *Chars ones,
    LibreOffice 7.4 the twips ones."""

    id: str
    name: str
    face: str
    points: float
    based_on: str | None = "Normal"
    latin: str = LATIN
    bold: bool = False
    align: str | None = None
    line: int | None = None
    indent: dict[str, int] | None = None
    char_spacing: int | None = None
    keep_next: bool = False
    outline_level: int | None = None
    snap_to_grid: bool | None = None
    grid_layout: bool = False
    space_before: int | None = None

    def element(self) -> Element:
        ppr = el(
            "w:pPr",
            None,
            el("w:keepNext") if self.keep_next else None,
            *(_grid_layout() if self.grid_layout else ()),
            val("w:snapToGrid", 0) if self.snap_to_grid is False else None,
            _spacing(self.line, self.space_before),
            el("w:ind", self.indent) if self.indent else None,
            val("w:jc", self.align) if self.align else None,
            val("w:outlineLvl", self.outline_level) if self.outline_level is not None else None,
        )
        rpr = el(
            "w:rPr",
            None,
            fonts(self.face, self.latin),
            *(bold() if self.bold else ()),
            val("w:spacing", self.char_spacing) if self.char_spacing is not None else None,
            *size(self.points),
        )
        custom = self.based_on is not None
        return el(
            "w:style",
            {
                "w:type": "paragraph",
                "w:default": None if custom else 1,
                "w:customStyle": 1 if custom else None,
                "w:styleId": self.id,
            },
            val("w:name", self.name),
            val("w:basedOn", self.based_on) if self.based_on is not None else None,
            val("w:next", BODY) if custom else None,
            el("w:qFormat"),
            ppr if len(ppr) else None,
            rpr,
        )


def _spacing(line: int | None, before: int | None) -> Element | None:
    """Exact line spacing, and space before in whole grid lines (a chapter title's blank line)."""
    if before:
        return el(
            "w:spacing",
            {"w:before": before, "w:after": 0, "w:line": line or LINE_PITCH, "w:lineRule": "exact"},
        )
    return exact_spacing(line) if line else None


def _grid_layout() -> tuple[Element, ...]:
    """No extra space between CJK and Latin text, and no punctuation hanging into the margin
    (LibreOffice reads w:overflowPunct from a style, not from the document defaults): either
    would push lines off the 28-character grid."""
    return val("w:overflowPunct", 0), val("w:autoSpaceDE", 0), val("w:autoSpaceDN", 0)


PARAGRAPH_STYLES: tuple[ParagraphStyle, ...] = (
    ParagraphStyle("Normal", "Normal", FANGSONG, BODY_SIZE, based_on=None),
    # The grid: exact 579 pitch, −0.25 pt tracking (28 characters a line), 2-character indent.
    ParagraphStyle(
        BODY,
        "公文正文",
        FANGSONG,
        BODY_SIZE,
        align="both",
        line=LINE_PITCH,
        indent=INDENT_TWO_CHARS,
        char_spacing=-5,
        grid_layout=True,
    ),
    ParagraphStyle(BODY_PLAIN, "正文无缩进", FANGSONG, BODY_SIZE, based_on=BODY, indent=FLUSH_LEFT),
    # A centred line titles what follows it (a 规划's 主要指标 table): never leave it at a page foot.
    ParagraphStyle(
        BODY_CENTER,
        "正文居中",
        FANGSONG,
        BODY_SIZE,
        based_on=BODY,
        align="center",
        indent=FLUSH_LEFT,
        keep_next=True,
    ),
    # Off the grid: LibreOffice gives a 22 pt line two grid rows despite the exact spacing.
    ParagraphStyle(
        TITLE,
        "公文标题",
        XIAOBIAOSONG,
        22,
        align="center",
        line=LINE_PITCH,
        indent=FLUSH_LEFT,
        keep_next=True,
        snap_to_grid=False,
    ),
    ParagraphStyle(
        SUBTITLE,
        "公文副标题",
        KAITI,
        BODY_SIZE,
        align="center",
        line=LINE_PITCH,
        indent=FLUSH_LEFT,
        keep_next=True,
    ),
    ParagraphStyle(
        HEADINGS[0],
        "章标题",
        HEITI,
        BODY_SIZE,
        based_on=BODY,
        align="center",
        indent=FLUSH_LEFT,
        keep_next=True,
        outline_level=0,
        space_before=LINE_PITCH,
    ),
    ParagraphStyle(
        HEADINGS[1], "一级标题", HEITI, BODY_SIZE, based_on=BODY, keep_next=True, outline_level=0
    ),
    ParagraphStyle(
        HEADINGS[2], "二级标题", KAITI, BODY_SIZE, based_on=BODY, keep_next=True, outline_level=1
    ),
    ParagraphStyle(
        HEADINGS[3],
        "三级标题",
        FANGSONG,
        BODY_SIZE,
        based_on=BODY,
        bold=True,
        keep_next=True,
        outline_level=2,
    ),
    ParagraphStyle(
        HEADINGS[4], "四级标题", FANGSONG, BODY_SIZE, based_on=BODY, keep_next=True, outline_level=3
    ),
    ParagraphStyle(
        TABLE_TEXT,
        "表格文字",
        FANGSONG,
        TABLE_SIZE,
        line=TABLE_LINE,
        indent=FLUSH_LEFT,
        snap_to_grid=False,
    ),
    ParagraphStyle(
        TABLE_TEXT_SMALL,
        "表格文字（小五）",
        FANGSONG,
        TABLE_SMALL_SIZE,
        based_on=TABLE_TEXT,
        line=TABLE_SMALL_LINE,
    ),
    ParagraphStyle(
        TABLE_TEXT_TINY,
        "表格文字（六号）",
        FANGSONG,
        TABLE_TINY_SIZE,
        based_on=TABLE_TEXT,
        line=TABLE_TINY_LINE,
    ),
    # 专栏: off the body grid, a size smaller, inside a one-cell frame.
    ParagraphStyle(
        BOX_TITLE,
        "专栏标题",
        HEITI,
        BOX_SIZE,
        align="center",
        line=BOX_LINE,
        indent=FLUSH_LEFT,
        keep_next=True,
        snap_to_grid=False,
    ),
    ParagraphStyle(
        BOX_TEXT,
        "专栏正文",
        FANGSONG,
        BOX_SIZE,
        align="both",
        line=BOX_LINE,
        indent={"w:firstLineChars": 200, "w:firstLine": 2 * BOX_CHAR},
        snap_to_grid=False,
        grid_layout=True,
    ),
    ParagraphStyle(
        BOX_PLAIN, "专栏无缩进", FANGSONG, BOX_SIZE, based_on=BOX_TEXT, indent=FLUSH_LEFT
    ),
    ParagraphStyle(
        SIGNATURE,
        "署名",
        FANGSONG,
        BODY_SIZE,
        based_on=BODY,
        align="right",
        indent={**FLUSH_LEFT, "w:right": 2 * ADVANCE},
    ),
    ParagraphStyle(
        DATE,
        "成文日期",
        FANGSONG,
        BODY_SIZE,
        based_on=BODY,
        align="right",
        indent={**FLUSH_LEFT, "w:right": 2 * ADVANCE},
    ),
    ParagraphStyle(
        PAGE_NUMBER, "页码", SONGTI, 14, latin=SONGTI, indent=FLUSH_LEFT, snap_to_grid=False
    ),
    ParagraphStyle(
        PAGE_NUMBER_ODD,
        "页码（单页）",
        SONGTI,
        14,
        based_on=PAGE_NUMBER,
        latin=SONGTI,
        align="right",
        indent={"w:right": PAGE_NUMBER_INDENT},
    ),
    ParagraphStyle(
        PAGE_NUMBER_EVEN,
        "页码（双页）",
        SONGTI,
        14,
        based_on=PAGE_NUMBER,
        latin=SONGTI,
        align="left",
        indent={"w:left": PAGE_NUMBER_INDENT},
    ),
)


@dataclass(frozen=True)
class CharacterStyle:
    """A character style: the face (and bold) of a heading level for the leading words of a
    段首标题, whose paragraph is a body paragraph."""

    id: str
    name: str
    face: str
    bold: bool = False

    def element(self) -> Element:
        rpr = el("w:rPr", None, fonts(self.face, LATIN), *(bold() if self.bold else ()))
        return el(
            "w:style",
            {"w:type": "character", "w:customStyle": 1, "w:styleId": self.id},
            val("w:name", self.name),
            val("w:basedOn", "DefaultParagraphFont"),
            el("w:qFormat"),
            rpr,
        )


_BY_ID = {style.id: style for style in PARAGRAPH_STYLES}
CHARACTER_STYLES: tuple[CharacterStyle, ...] = tuple(
    CharacterStyle(
        char_id,
        _BY_ID[HEADINGS[level]].name + "字符",
        _BY_ID[HEADINGS[level]].face,
        _BY_ID[HEADINGS[level]].bold,
    )
    for level, char_id in HEADING_CHARS.items()
)

ALL_STYLES: tuple[ParagraphStyle | CharacterStyle, ...] = (*PARAGRAPH_STYLES, *CHARACTER_STYLES)
FACES = {style.id: style.face for style in ALL_STYLES}


def install(styles: BaseOxmlElement, lang: str) -> None:
    """Replace the template's defaults and styles (keeping its latent-style list for Word's UI)
    with the 公文 styles and the three default styles Word expects to find."""
    from docx.oxml.ns import qn

    for child in list(styles):
        if child.tag != qn("w:latentStyles"):
            styles.remove(child)
    put(styles, _doc_defaults(lang))
    made = [
        *(style.element() for style in ALL_STYLES),
        _default_style("character", "DefaultParagraphFont", "Default Paragraph Font"),
        _default_style("table", "TableNormal", "Normal Table", _table_defaults()),
        _default_style("numbering", "NoList", "No List"),
    ]
    styles.extend(lxml_element(element) for element in made)


def _doc_defaults(lang: str) -> Element:
    rpr = el(
        "w:rPr",
        None,
        fonts(FANGSONG, LATIN),
        *size(BODY_SIZE),
        el("w:lang", {"w:val": "en-US", "w:eastAsia": lang, "w:bidi": "ar-SA"}),
    )
    # 避头尾 on (kinsoku: no closing mark starts a line), and no punctuation hanging past the
    # margin (overflowPunct off): a hanging "、" makes a 29-character line (GB/T 9704 5.2.3: 28).
    ppr = el(
        "w:pPr",
        None,
        val("w:widowControl", 0),
        val("w:kinsoku", 1),
        val("w:overflowPunct", 0),
        el("w:spacing", {"w:before": 0, "w:after": 0, "w:line": 240, "w:lineRule": "auto"}),
    )
    return el("w:docDefaults", None, el("w:rPrDefault", None, rpr), el("w:pPrDefault", None, ppr))


def _default_style(kind: str, id: str, name: str, *extra: Element) -> Element:
    return el(
        "w:style",
        {"w:type": kind, "w:default": 1, "w:styleId": id},
        val("w:name", name),
        val("w:uiPriority", 99 if kind != "character" else 1),
        el("w:semiHidden"),
        el("w:unhideWhenUsed"),
        *extra,
    )


def _table_defaults() -> Element:
    margins = el(
        "w:tblCellMar",
        None,
        *(
            el(f"w:{side}", {"w:w": width, "w:type": "dxa"})
            for side, width in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108))
        ),
    )
    return el("w:tblPr", None, el("w:tblInd", {"w:w": 0, "w:type": "dxa"}), margins)


def font_table() -> Element:
    """fontTable.xml: every face used, GB 2312 charset, and the Windows face to fall back to."""
    faces = [LATIN, FANGSONG, KAITI, HEITI, XIAOBIAOSONG, SONGTI]
    return el("w:fonts", None, *(_font(face) for face in faces))


def _font(face: str) -> Element:
    latin = face == LATIN
    return el(
        "w:font",
        {"w:name": face},
        val("w:altName", ALT_NAMES[face]) if face in ALT_NAMES else None,
        val("w:charset", "00" if latin else "86"),
        val("w:family", "roman" if latin else "auto"),
        val("w:pitch", "variable"),
    )
