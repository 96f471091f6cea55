"""The HTML writer, checked by parsing its output (not by grepping it) with html.parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from gencli.document.model import (
    Cell,
    Document,
    Heading,
    ListItem,
    Paragraph,
    Run,
    Signature,
    Table,
)
from gencli.writers.html import write_html

VOID = {"meta", "col", "br", "link", "img", "hr", "input", "source", "wbr", "base"}
SCRIPT_TEXT = "<script>alert(1)</script>"


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self, *tags: str):
        """All descendant elements (document order) whose tag is in `tags` (any tag if none)."""
        for child in self.children:
            if isinstance(child, Node):
                if not tags or child.tag in tags:
                    yield child
                yield from child.iter(*tags)

    def find(self, tag: str) -> Node:
        found = list(self.iter(tag))
        assert found, f"no <{tag}>"
        return found[0]


class TreeBuilder(HTMLParser):
    """A tiny collector: builds an element tree and fails on any mismatched or unclosed tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert tag not in VOID, f"end tag for void element {tag}"
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    assert builder.doctype is not None and builder.doctype.lower() == "doctype html"
    return builder.root


def expand_grid(rows: list[Node]) -> list[list[Node]]:
    """HTML's table model: place each cell at the first free column, reserving spanned slots.

    Fails if a cell overlaps another or a rowspan runs past the end of its row group.
    """
    grid: list[list[Node | None]] = [[] for _ in rows]
    for r, row in enumerate(rows):
        col = 0
        for cell in row.iter("th", "td"):
            while col < len(grid[r]) and grid[r][col] is not None:
                col += 1
            rowspan = int(cell.attrs.get("rowspan") or 1)
            colspan = int(cell.attrs.get("colspan") or 1)
            assert r + rowspan <= len(rows), f"rowspan of {cell.text!r} leaves its row group"
            for rr in range(r, r + rowspan):
                for cc in range(col, col + colspan):
                    line = grid[rr]
                    line.extend([None] * (cc + 1 - len(line)))
                    assert line[cc] is None, f"{cell.text!r} overlaps another cell"
                    line[cc] = cell
            col += colspan
    assert all(slot is not None for line in grid for slot in line), "hole in the grid"
    return grid  # type: ignore[return-value]


def c(text: str, **kw) -> Cell:
    return Cell([Run(text)], **kw)


def h(text: str, **kw) -> Cell:
    return Cell([Run(text)], header=True, **kw)


def sample_table() -> Table:
    return Table(
        caption="表1 收到和处理政府信息公开申请情况",
        widths=[2, 3, 1, 1, 1],
        header_rows=2,
        rows=[
            [h("本列数据的勾稽关系", rowspan=2, colspan=2), h("申请人情况", colspan=3)],
            [h("自然人"), h("法人或其他组织"), h("总计")],
            [
                h("一、本年新收政府信息公开申请数量", colspan=2, align="left"),
                c("10"),
                c("2"),
                c("12", align="right"),
            ],
            [
                h("三、本年度办理结果", rowspan=2),
                h("（一）予以公开", align="left"),
                c("5"),
                c("1"),
                c("6"),
            ],
            [h("（二）部分公开", align="left"), c("3"), c("0"), c("3")],
            [
                c("备注", colspan=2, align="left"),
                Cell([Run("含", bold=True), Run("转办")], colspan=3),
            ],
        ],
    )


def sample_document() -> Document:
    return Document(
        title="某市人民政府办公室2024年政府信息公开工作年度报告",
        subtitle="（2025年1月）",
        blocks=[
            Paragraph(
                [
                    Run("本报告根据"),
                    Run("《中华人民共和国政府信息公开条例》", bold=True),
                    Run("编制。"),
                ]
            ),
            Heading(1, "一、", [Run("总体情况")]),
            Heading(2, "（一）", [Run("主动公开")]),
            Heading(3, "1.", [Run("规章")]),
            Heading(4, "（1）", [Run("规范性文件")]),
            Paragraph([Run(f"输入中含有{SCRIPT_TEXT}与 & 符号。")]),
            ListItem("1.", [Run("第一项")]),
            ListItem("·", [Run("嵌套项")], depth=1),
            sample_table(),
            Paragraph([Run("注：数据截至年底。")], style="plain"),
            Signature(agency="某市人民政府办公室", date="2025年1月20日"),
        ],
    )


@pytest.fixture(scope="module")
def page() -> str:
    return write_html(sample_document())


@pytest.fixture(scope="module")
def tree(page) -> Node:
    return parse(page)


def test_head(tree):
    html = tree.find("html")
    assert html.attrs["lang"] == "zh-CN"
    assert tree.find("title").text == "某市人民政府办公室2024年政府信息公开工作年度报告"
    metas = list(tree.iter("meta"))
    assert any(m.attrs.get("charset") == "utf-8" for m in metas)
    assert any(m.attrs.get("name") == "viewport" for m in metas)
    assert len(list(tree.iter("style"))) == 1
    article = tree.find("main").find("article")
    assert article.find("h1").text == "某市人民政府办公室2024年政府信息公开工作年度报告"
    assert article.find("header").find("p").text == "（2025年1月）"


def test_lang_follows_document():
    doc = Document(title="t", lang="en")
    assert parse(write_html(doc)).find("html").attrs["lang"] == "en"


def test_headings_in_order(tree):
    headings = [(n.tag, n.text) for n in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert headings == [
        ("h1", "某市人民政府办公室2024年政府信息公开工作年度报告"),
        ("h2", "一、总体情况"),
        ("h3", "（一）主动公开"),
        ("h4", "1.规章"),
        ("h5", "（1）规范性文件"),
    ]


def test_paragraphs_bold_lists_signature(tree):
    article = tree.find("article")
    paragraphs = [p for p in article.children if isinstance(p, Node) and p.tag == "p"]
    assert paragraphs[0].text == "本报告根据《中华人民共和国政府信息公开条例》编制。"
    assert "class" not in paragraphs[0].attrs  # body paragraphs get the default indent
    assert [s.text for s in article.iter("strong")] == ["《中华人民共和国政府信息公开条例》", "含"]
    items = [p for p in paragraphs if "list-item" in (p.attrs.get("class") or "")]
    assert [(p.attrs["class"], p.text) for p in items] == [
        ("list-item list-depth-0", "1.第一项"),
        ("list-item list-depth-1", "·嵌套项"),
    ]
    assert paragraphs[-1].attrs["class"] == "plain"
    footer = article.find("footer")
    assert [(p.attrs["class"], p.text) for p in footer.iter("p")] == [
        ("signature", "某市人民政府办公室"),
        ("date", "2025年1月20日"),
    ]


def test_escaping(page, tree):
    assert not list(tree.iter("script"))
    assert "<script" not in page.lower()
    texts = [p.text for p in tree.iter("p")]
    assert f"输入中含有{SCRIPT_TEXT}与 & 符号。" in texts
    assert "&lt;script&gt;alert(1)&lt;/script&gt;与 &amp; 符号" in page


def test_attribute_values_cannot_break_out():
    doc = Document(
        title='"><script>x</script>',
        lang='zh"><script>',
        blocks=[
            Table(
                rows=[[Cell([Run("a")], align='"onclick="x')]], widths=[1], caption='"<b>cap</b>&'
            ),
        ],
    )
    tree = parse(write_html(doc))
    assert not list(tree.iter("script"))
    assert not list(tree.iter("b"))
    assert tree.find("html").attrs["lang"] == 'zh"><script>'
    assert tree.find("caption").text == '"<b>cap</b>&'
    assert tree.find("td").attrs == {"class": "align-center"}


def test_no_network(page):
    lowered = page.lower()
    for needle in (
        "http://",
        "https://",
        "src=",
        "<link",
        "@import",
        "url(",
        "<script",
        "<iframe",
        "<img",
        "//fonts",
    ):
        assert needle not in lowered, needle


def test_css(tree):
    css = tree.find("style").text
    assert re.search(r"@page\s*\{\s*size:\s*A4;\s*margin:\s*37mm 26mm 35mm 28mm;\s*\}", css)
    assert re.search(r"thead\s*\{\s*display:\s*table-header-group;\s*\}", css)
    assert '"FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", serif' in css
    assert '"方正小标宋简体", "FZXiaoBiaoSong-B05S"' in css
    assert '"SimHei", "黑体", "Noto Sans CJK SC", sans-serif' in css
    assert '"KaiTi", "楷体", "楷体_GB2312", "AR PL UKai CN", serif' in css
    for rule in (
        "text-indent: 2em",
        "font-size: 22pt",
        "border-collapse: collapse",
        "1px solid #000",
        "max-width: 156mm",
        "overflow-x: auto",
        "break-inside: avoid",
        "break-after: avoid",
    ):
        assert rule in css, rule
    assert css.count("{") == css.count("}")


def test_table_structure(tree):
    wrap = next(d for d in tree.iter("div") if d.attrs.get("class") == "table-wrap")
    table = wrap.find("table")
    assert table.find("caption").text == "表1 收到和处理政府信息公开申请情况"
    widths = [c.attrs["style"] for c in table.find("colgroup").iter("col")]
    assert widths == ["width: 25%", "width: 37.5%", "width: 12.5%", "width: 12.5%", "width: 12.5%"]
    head_rows = list(table.find("thead").iter("tr"))
    body_rows = list(table.find("tbody").iter("tr"))
    assert (len(head_rows), len(body_rows)) == (2, 4)

    assert {th.attrs["scope"] for row in head_rows for th in row.iter("th")} == {"col"}
    assert not [td for row in head_rows for td in row.iter("td")]
    row_labels = [(th.text, th.attrs["scope"]) for row in body_rows for th in row.iter("th")]
    assert row_labels == [
        ("一、本年新收政府信息公开申请数量", "row"),
        ("三、本年度办理结果", "row"),
        ("（一）予以公开", "row"),
        ("（二）部分公开", "row"),
    ]

    spans = [
        (cell.text, cell.attrs.get("colspan"), cell.attrs.get("rowspan"))
        for cell in table.iter("th", "td")
        if "colspan" in cell.attrs or "rowspan" in cell.attrs
    ]
    assert spans == [
        ("本列数据的勾稽关系", "2", "2"),
        ("申请人情况", "3", None),
        ("一、本年新收政府信息公开申请数量", "2", None),
        ("三、本年度办理结果", None, "2"),
        ("备注", "2", None),
        ("含转办", "3", None),
    ]
    assert body_rows[0].find("th").attrs["class"] == "align-left"
    assert list(body_rows[0].iter("td"))[-1].attrs["class"] == "align-right figure"
    assert all("style" not in cell.attrs for cell in table.iter("th", "td"))


def test_table_grid_is_consistent(tree):
    table = tree.find("table")
    n_cols = len(list(table.find("colgroup").iter("col")))
    for section in ("thead", "tbody"):
        grid = expand_grid(list(table.find(section).iter("tr")))
        assert [len(line) for line in grid] == [n_cols] * len(grid), section


def test_optional_table_parts():
    table = Table(rows=[[c("a"), c("b")]], widths=[1, 1])
    tree = parse(write_html(Document(title="t", blocks=[table])))
    assert not list(tree.iter("caption"))
    assert not list(tree.iter("thead"))
    assert len(list(tree.find("tbody").iter("tr"))) == 1


def test_empty_corner_header_cell_is_td():
    table = Table(rows=[[c(""), h("甲")], [h("乙"), c("1")]], widths=[1, 1], header_rows=1)
    tree = parse(write_html(Document(title="t", blocks=[table])))
    head = tree.find("thead")
    assert [cell.tag for cell in head.iter("th", "td")] == ["td", "th"]


def test_unknown_block_is_an_error():
    with pytest.raises(TypeError):
        write_html(Document(title="t", blocks=[object()]))  # type: ignore[list-item]
