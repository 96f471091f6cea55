"""The semantic document: what a template renders a report into, and all that writers ever see.

Writers (docx, html) consume only these classes, never a report or a kind, so a new report kind
needs a schema and a template but no writer code (the pandoc model: readers → one AST → writers).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A piece of inline text; `bold` is the only emphasis 公文 narrative uses."""

    text: str
    bold: bool = False


@dataclass
class Paragraph:
    """A body paragraph (仿宋 3号, 2-character first-line indent) unless `style` says otherwise.

    Styles: "body" (the default), "plain" (no first-line indent: a table note or a list item's
    continuation), "center".
    """

    runs: list[Run]
    style: str = "body"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Heading:
    """A numbered heading. `level` 1 is a part title (一、 黑体), 2 is （一） (楷体), 3 is 1. (仿宋 bold),
    4 is （1） (仿宋); level 0 is a chapter above them (第一章, 黑体, centred), for documents
    divided into chapters such as a 规划. `number` is the printed numbering ("一、", "（一）", "1.",
    "（1）", "第一章　"), kept apart from `runs` so writers can style or tag it; the printed heading
    is number + text.

    `run_in` holds body text that continues the heading's paragraph: a 段首标题 such as
    "（一）深化改革。全面推行……", where only "（一）深化改革。" takes the heading's face."""

    level: int
    number: str
    runs: list[Run]
    run_in: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.number + "".join(run.text for run in self.runs)


@dataclass
class ListItem:
    """One item of a Markdown list, printed as a body paragraph starting with its `marker`
    ("1." for ordered lists, "·" for bullets): 公文 has no bullet glyphs of its own."""

    marker: str
    runs: list[Run]
    depth: int = 0

    @property
    def text(self) -> str:
        return self.marker + "".join(run.text for run in self.runs)


@dataclass
class Cell:
    """A table cell at the top-left of its span (as in HTML: covered positions are not listed).

    `header` cells are labels (th in HTML); `align` is "center", "left" or "right"; a `vertical`
    label is set top to bottom (a tall, one-character-wide group label such as 三、本年度办理结果).
    """

    runs: list[Run]
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    align: str = "center"
    vertical: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Column:
    """What a column must hold, in characters of the table's type size (a digit counts one half).
    A `figures` column prints every cell on one line: it is as wide as `chars` or its widest cell,
    whichever is more. A label column is at least `chars` wide (its longest unbreakable word)."""

    chars: float = 0
    figures: bool = False


@dataclass
class Table:
    """A table with spans. The first `header_rows` rows repeat on every page. `columns` says what
    each column must hold; the width left over is shared in proportion to `widths` (any unit; a
    0 keeps a column at what it must hold). `keep` is "whole" (the table never splits across
    pages: it moves to the next page whole) or "blocks" (it splits only after the rows listed in
    `breaks`, 0-based); "" lets it split between any two rows."""

    rows: list[list[Cell]]
    widths: list[float]
    header_rows: int = 0
    caption: str = ""
    columns: list[Column] = field(default_factory=list)
    keep: str = ""
    breaks: frozenset[int] = frozenset()

    @property
    def column_count(self) -> int:
        return len(self.widths)


@dataclass
class Signature:
    """发文机关署名 and 成文日期 at the end of the document (GB/T 9704-2012 7.3.5.2, no seal; with
    `seal`, 7.3.5.1: the space a seal is pressed on)."""

    agency: str
    date: str
    seal: bool = False  # room for a seal (7.3.5.1): the date four characters in, the name above it


@dataclass
class Box:
    """A boxed block set apart from the body (专栏): a printed `number` ("专栏1　") and title on top,
    then its own blocks (paragraphs, list items, tables; headings print as bold text). Boxes are
    numbered over the whole document, so `number` is filled in once the document is assembled."""

    title: list[Run]
    blocks: list[Block]
    number: str = ""

    @property
    def text(self) -> str:
        return self.number + "".join(run.text for run in self.title)


Block = Paragraph | Heading | ListItem | Table | Signature | Box


@dataclass(frozen=True)
class Masthead:
    """版头 of a report sent up as a 公文 (GB/T 9704-2012 7.2): the 发文机关标志 (red, centred), the
    发文字号 and, for a 上行文, the 签发人 on the same line, then the red separator line. Reports
    published on a portal have none: it belongs to the copy sent to the superior agency."""

    mark: str
    number: str
    signer: str = ""


@dataclass(frozen=True)
class Colophon:
    """版记 of a report sent up as a 公文 (GB/T 9704-2012 7.4), on the last page below every
    other block: `copies` is the 抄送机关 line as printed (agencies joined by ，, ending in 。;
    empty: none), then the 印发机关 and `printed_on` as printed (“2021年1月29日印发”)."""

    copies: str
    printed_by: str
    printed_on: str


@dataclass
class Document:
    """A whole report: its title (2号 小标宋, centred) and its blocks in order. `title_lines` are
    the lines an author broke the title into (empty: the writer breaks it between words). A
    report sent up as a 公文 has a `masthead` above the title and `recipients` (主送机关, printed
    with its closing full-width colon) below it, and may have a `colophon` (版记) on its last page."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    subtitle: str = ""
    lang: str = "zh-CN"
    title_lines: list[str] = field(default_factory=list)
    masthead: Masthead | None = None
    recipients: str = ""
    colophon: Colophon | None = None
