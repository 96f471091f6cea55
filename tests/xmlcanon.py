"""Package parts as canonical, indented XML: one text for two serializations of the same tree.

Used where two writers of a part may differ in serialization only (quote style, attribute order,
`<a/>` against `<a></a>`), and where a reviewer must read the part (tests/golden)."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

_BLANKS_DROPPED = etree.XMLParser(remove_blank_text=True)


def canonical(data: bytes) -> str:
    """`data` as canonical XML (C14N 1.0, inclusive: attributes and namespace declarations
    sorted, every namespace in scope kept declared, as mc:Ignorable needs), then indented one
    element a line. OOXML parts keep their text in leaf elements (w:t, dc:title), which
    indenting leaves alone, so no text is changed."""
    c14n = etree.tostring(etree.fromstring(data), method="c14n")
    return etree.tostring(etree.fromstring(c14n, _BLANKS_DROPPED), pretty_print=True, encoding=str)


def canonical_parts(docx: bytes) -> dict[str, str]:
    """Every part of a .docx as canonical text, in zip order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {name: canonical(archive.read(name)) for name in archive.namelist()}
