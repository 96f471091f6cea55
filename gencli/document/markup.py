"""Read the small XML vocabulary templates render into, producing the semantic `Document`.

A template says what the document is, not how it looks:

    <document title="…" subtitle="…">
      <masthead mark="…" number="…" signer="…"/>      版头 of a report sent up as a 公文
      <recipients>…</recipients>                       主送机关, below the title
      <colophon copies="…" printed-by="…" printed-on="…"/>   版记, on the last page
      <title>…</title><title>…</title>                 the title's lines, where the author broke it
      <heading level="1">一、总体情况</heading>          numbering split off into Heading.number
      <p style="body|plain|center">text <b>bold</b></p>
      <heading level="0">第一章 发展基础</heading>       a chapter: 第X章, set apart by a full-width space
      <markdown level="2">narrative, figures {{ … }} filled in from the report</markdown>
      <table widths="3 1 1" columns="text:4 figure:8 figure:8" keep="whole|blocks" …>
        <tr break="1"><c rowspan="2" colspan="3" header="1" align="left" vertical="1">label</c>
        <c>12</c></tr>                                  break: the table may split after this row
      </table>
      <box title="…">p, markdown, table…</box>         a boxed 专栏, numbered over the document
      <signature agency="…" date="…"/>
    </document>
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from typing import Any

from gencli.document import figures, narrative
from gencli.document.model import (
    Block,
    Box,
    Cell,
    Colophon,
    Column,
    Document,
    Heading,
    Masthead,
    Paragraph,
    Run,
    Signature,
    Table,
)

_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)")
_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章\s*")
CHAPTER_GAP = "\u3000"


class TemplateOutputError(ValueError):
    """The template rendered something that is not the document vocabulary."""


def _runs(element: ElementTree.Element) -> list[Run]:
    """Text with <b> children as runs, whitespace from template indentation collapsed."""
    runs = []
    if element.text:
        runs.append(Run(element.text))
    for child in element:
        if child.tag != "b":
            raise TemplateOutputError(f"行内只能使用 <b>，不能使用 <{child.tag}>")
        runs.append(Run(child.text or "", bold=True))
        if child.tail:
            runs.append(Run(child.tail))
    text_runs = [Run(" ".join(r.text.split()), r.bold) for r in runs]
    return [r for r in text_runs if r.text]


def _heading(element: ElementTree.Element) -> Heading:
    runs = _runs(element)
    text = "".join(r.text for r in runs)
    match = _NUMBER.match(text) or _CHAPTER.match(text)
    number = match.group(0) if match else ""
    if number and runs:
        runs[0] = Run(runs[0].text[len(number) :], runs[0].bold)
    if number.startswith("第"):
        number = number.rstrip() + CHAPTER_GAP
    return Heading(int(element.get("level", "1")), number, [r for r in runs if r.text])


def _column(token: str) -> Column:
    """`figure:N` (a figure column at least N digits wide) or `text:N` (N characters)."""
    kind, _, count = token.partition(":")
    if kind not in ("figure", "text"):
        raise TemplateOutputError(f"表格列只能声明为 figure:位数 或 text:字数，而不是 {token}")
    number = float(count or 0)
    return Column(number / 2, True) if kind == "figure" else Column(number)


def _table(element: ElementTree.Element) -> Table:
    rows = []
    breaks = set()
    for index, tr in enumerate(element.iter("tr")):
        if tr.get("break") == "1":
            breaks.add(index)
        rows.append(
            [
                Cell(
                    _runs(c),
                    int(c.get("rowspan", 1)),
                    int(c.get("colspan", 1)),
                    c.get("header") == "1",
                    c.get("align", "center"),
                    c.get("vertical") == "1",
                )
                for c in tr.iter("c")
            ]
        )
    widths = [float(w) for w in element.get("widths", "").split()]
    columns = [_column(token) for token in element.get("columns", "").split()]
    if columns and len(columns) != len(widths):
        raise TemplateOutputError("表格的 columns 与 widths 列数不一致")
    keep = element.get("keep", "")
    if keep not in ("", "whole", "blocks"):
        raise TemplateOutputError(f"表格的 keep 只能是 whole 或 blocks，而不是 {keep}")
    return Table(
        rows,
        widths,
        int(element.get("header-rows", 0)),
        element.get("caption", ""),
        columns,
        keep,
        frozenset(breaks),
    )


def parse(xml: str, fill: Callable[[str], str]) -> Document:
    """The Document of a rendered template; `fill` evaluates figure references in narrative."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise TemplateOutputError(f"模板输出的不是有效的文档 XML：{error}") from None
    lines = [line.text or "" for line in root.findall("title")]
    for line in root.findall("title"):
        root.remove(line)
    masthead, recipients = _official_head(root)
    colophon = None
    for element in root.findall("colophon"):
        colophon = Colophon(
            element.get("copies", ""), element.get("printed-by", ""), element.get("printed-on", "")
        )
        root.remove(element)
    blocks = _blocks(root, fill)
    number_boxes(blocks)
    return Document(
        root.get("title", ""),
        blocks,
        root.get("subtitle", ""),
        root.get("lang", "zh-CN"),
        lines,
        masthead,
        recipients,
        colophon,
    )


def _official_head(root: ElementTree.Element) -> tuple[Masthead | None, str]:
    """The 版头 and 主送机关 of a report sent up as a 公文, taken out of the block flow: they
    have fixed places around the title whatever the template puts between them."""
    masthead = None
    for element in root.findall("masthead"):
        masthead = Masthead(
            element.get("mark", ""), element.get("number", ""), element.get("signer", "")
        )
        root.remove(element)
    recipients = ""
    for element in root.findall("recipients"):
        recipients = " ".join((element.text or "").split())
        root.remove(element)
    return masthead, recipients


def number_boxes(blocks: list[Block], label: str = narrative.BOX) -> None:
    """Number the boxes 专栏1, 专栏2 … in reading order over the whole document: they come from
    several narrative parts and templates, each of which knows only its own."""
    boxes = [block for block in blocks if isinstance(block, Box)]
    for index, box in enumerate(boxes, 1):
        box.number = f"{label}{index}{CHAPTER_GAP}"


def _blocks(parent: ElementTree.Element, fill: Callable[[str], str]) -> list[Block]:
    blocks: list[Block] = []
    for element in parent:
        tag = element.tag
        if tag == "heading":
            blocks.append(_heading(element))
        elif tag == "p":
            blocks.append(Paragraph(_runs(element), element.get("style", "body")))
        elif tag == "markdown":
            text = fill(element.text or "")
            blocks.extend(narrative.blocks(text, int(element.get("level", "2"))))
        elif tag == "table":
            blocks.append(_table(element))
        elif tag == "signature":
            seal = element.get("seal") == "1"
            blocks.append(Signature(element.get("agency", ""), element.get("date", ""), seal))
        elif tag == "box":
            blocks.append(Box([Run(element.get("title", ""))], _blocks(element, fill)))
        else:
            raise TemplateOutputError(f"模板输出了未知的元素 <{tag}>")
    return blocks


def figure_filler(report: dict[str, Any]) -> Callable[[str], str]:
    return lambda text: figures.render(text, report)
