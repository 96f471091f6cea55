"""Raw WordprocessingML helpers: the one place that knows element names and their schema order.

Word refuses a file whose property children are out of ECMA-376 order, so `el` sorts the children
of every ordered container itself and callers may list them in any order.

python-docx and lxml are imported only where an lxml element is made or edited (the package
parts, built once and then cached): a document body needs neither, and a warm `gencli build`
starts without importing them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, TypeAlias

from gencli.writers.docx import xmltext

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement
    from lxml import etree

Attrs = Mapping[str, "str | int | None"]
Element: TypeAlias = "etree._Element | xmltext.Node"
"""What `el` makes: an lxml element (package parts: styles, footers, settings; python-docx's
custom class where it registers one for the tag, a plain `_Element` otherwise), or inside
`xmltext.building()` (a document body) a `xmltext.Node` that writes itself as text."""

# ECMA-376 Part 1 (transitional) child sequences of the containers this package builds or edits.
SCHEMA_ORDER: dict[str, tuple[str, ...]] = {
    "w:rPr": (
        "w:rStyle",
        "w:rFonts",
        "w:b",
        "w:bCs",
        "w:i",
        "w:iCs",
        "w:caps",
        "w:smallCaps",
        "w:strike",
        "w:dstrike",
        "w:outline",
        "w:shadow",
        "w:emboss",
        "w:imprint",
        "w:noProof",
        "w:snapToGrid",
        "w:vanish",
        "w:webHidden",
        "w:color",
        "w:spacing",
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
    ),
    "w:pPr": (
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:framePr",
        "w:widowControl",
        "w:numPr",
        "w:suppressLineNumbers",
        "w:pBdr",
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ),
    "w:tblPr": (
        "w:tblStyle",
        "w:tblpPr",
        "w:tblOverlap",
        "w:bidiVisual",
        "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize",
        "w:tblW",
        "w:jc",
        "w:tblCellSpacing",
        "w:tblInd",
        "w:tblBorders",
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
    ),
    "w:trPr": (
        "w:cnfStyle",
        "w:divId",
        "w:gridBefore",
        "w:gridAfter",
        "w:wBefore",
        "w:wAfter",
        "w:cantSplit",
        "w:trHeight",
        "w:tblHeader",
        "w:tblCellSpacing",
        "w:jc",
        "w:hidden",
    ),
    "w:tcPr": (
        "w:cnfStyle",
        "w:tcW",
        "w:gridSpan",
        "w:hMerge",
        "w:vMerge",
        "w:tcBorders",
        "w:shd",
        "w:noWrap",
        "w:tcMar",
        "w:textDirection",
        "w:tcFitText",
        "w:vAlign",
        "w:hideMark",
    ),
    "w:tblBorders": ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"),
    "w:tblCellMar": ("w:top", "w:left", "w:bottom", "w:right"),
    "w:style": (
        "w:name",
        "w:aliases",
        "w:basedOn",
        "w:next",
        "w:link",
        "w:autoRedefine",
        "w:hidden",
        "w:uiPriority",
        "w:semiHidden",
        "w:unhideWhenUsed",
        "w:qFormat",
        "w:locked",
        "w:personal",
        "w:personalCompose",
        "w:personalReply",
        "w:rsid",
        "w:pPr",
        "w:rPr",
        "w:tblPr",
        "w:trPr",
        "w:tcPr",
        "w:tblStylePr",
    ),
    "w:styles": ("w:docDefaults", "w:latentStyles", "w:style"),
    "w:docDefaults": ("w:rPrDefault", "w:pPrDefault"),
    "w:font": (
        "w:altName",
        "w:panose1",
        "w:charset",
        "w:family",
        "w:notTrueType",
        "w:pitch",
        "w:sig",
    ),
    "w:sectPr": (
        "w:headerReference",
        "w:footerReference",
        "w:footnotePr",
        "w:endnotePr",
        "w:type",
        "w:pgSz",
        "w:pgMar",
        "w:paperSrc",
        "w:pgBorders",
        "w:lnNumType",
        "w:pgNumType",
        "w:cols",
        "w:formProt",
        "w:vAlign",
        "w:noEndnote",
        "w:titlePg",
        "w:textDirection",
        "w:bidi",
        "w:rtlGutter",
        "w:docGrid",
        "w:printerSettings",
        "w:sectPrChange",
    ),
}


@cache
def _clark(name: str) -> str:
    """`w:x` as lxml's `{namespace}x` (cached: big tables made as lxml elements in the tests
    name the same tags hundreds of thousands of times)."""
    from docx.oxml.ns import qn

    return qn(name)


@cache
def _clark_order() -> dict[str, dict[str, int]]:
    return {
        _clark(tag): {_clark(child): index for index, child in enumerate(children)}
        for tag, children in SCHEMA_ORDER.items()
    }


_PREFIXED_ORDER = {
    tag: {child: index for index, child in enumerate(children)}
    for tag, children in SCHEMA_ORDER.items()
}


def el(tag: str, attrs: Attrs | None = None, *children: Element | None) -> Element:
    """A new element; None attributes and children are skipped, ordered containers are sorted.
    Inside `xmltext.building()` (a document body) it is a `xmltext.Node`, written as text."""
    if xmltext.active():
        return xmltext.element(tag, attrs, children, _PREFIXED_ORDER.get(tag))
    from docx.oxml.ns import nsmap
    from docx.oxml.parser import oxml_parser

    element = oxml_parser.makeelement(_clark(tag), nsmap={"w": nsmap["w"]})
    for name, value in (attrs or {}).items():
        if value is not None:
            element.set(_clark(name), str(value))
    present = [lxml_element(child) for child in children if child is not None]
    order = _clark_order().get(element.tag)
    if order is not None:
        present.sort(key=lambda child: _position(order, child, tag))
    element.extend(present)
    return lxml_element(element)


def lxml_element(element: Element) -> etree._Element:
    """`element` as what it is outside `xmltext.building()`: lxml's, for a package part."""
    if isinstance(element, xmltext.Node):
        raise TypeError(f"{element.tag} was made inside xmltext.building(), not for a package part")
    return element


def body_node(element: Element) -> xmltext.Node:
    """`element` as what it is inside `xmltext.building()`: a node of the body's text."""
    if not isinstance(element, xmltext.Node):
        raise TypeError(f"{element.tag} was made outside xmltext.building(), not for the body")
    return element


def _position(order: dict[str, int], child: etree._Element, parent: str) -> int:
    try:
        return order[child.tag]
    except KeyError:
        raise ValueError(f"{child.tag} is not a child of {parent}") from None


def put(parent: BaseOxmlElement, made: Element) -> None:
    """Replace `parent`'s child of the same tag, or insert `made` at its schema position."""
    child = lxml_element(made)
    tag = _prefixed(parent.tag)
    for old in parent.findall(child.tag):
        parent.remove(old)
    order = SCHEMA_ORDER[tag]
    successors = {_clark(name) for name in order[order.index(_prefixed(child.tag)) + 1 :]}
    following = next((node for node in parent if node.tag in successors), None)
    if following is None:
        parent.append(child)
    else:
        following.addprevious(child)


def _prefixed(clark: str) -> str:
    return "w:" + clark.rsplit("}", 1)[1]


def val(tag: str, value: str | int) -> Element:
    """The common `<w:x w:val="…"/>` element."""
    return el(tag, {"w:val": value})


def fonts(eastasia: str, latin: str) -> Element:
    """rFonts naming every slot explicitly, so no theme font or Japanese fallback can win."""
    return el(
        "w:rFonts",
        {
            "w:ascii": latin,
            "w:eastAsia": eastasia,
            "w:hAnsi": latin,
            "w:cs": latin,
            "w:hint": "eastAsia",
        },
    )


def size(points: float) -> tuple[Element, Element]:
    """sz and szCs in half-points."""
    half_points = round(points * 2)
    return val("w:sz", half_points), val("w:szCs", half_points)


def bold() -> tuple[Element, Element]:
    return el("w:b"), el("w:bCs")


def exact_spacing(line: int) -> Element:
    """Paragraph spacing: nothing before or after, lines exactly `line` twips apart."""
    return el("w:spacing", {"w:before": 0, "w:after": 0, "w:line": line, "w:lineRule": "exact"})


def run(text: str, rpr: Element | None = None) -> Element:
    """A run; line feeds in `text` become `w:br` (Word ignores them inside `w:t`)."""
    parts: list[Element] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            parts.append(el("w:br"))
        if line:
            parts.append(text_element(line))
    return el("w:r", None, rpr, *parts)


def text_element(text: str) -> Element:
    element = el("w:t", {"xml:space": "preserve"})
    element.text = text
    return element


def field_runs(instruction: str, cached: str) -> list[Element]:
    """A complex field (begin, instruction, separate, cached result, end), as Word writes it."""
    instr = el("w:instrText", {"xml:space": "preserve"})
    instr.text = f" {instruction} "
    return [
        el("w:r", None, el("w:fldChar", {"w:fldCharType": "begin"})),
        el("w:r", None, instr),
        el("w:r", None, el("w:fldChar", {"w:fldCharType": "separate"})),
        run(cached),
        el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"})),
    ]


def paragraph(style: str, *runs: Element, ppr: tuple = ()) -> Element:
    """A paragraph in `style` with optional direct pPr children (indents, alignment)."""
    return el("w:p", None, el("w:pPr", None, val("w:pStyle", style), *ppr), *runs)
