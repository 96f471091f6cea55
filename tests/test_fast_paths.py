"""The fast paths give what the slow ones give: `fastyaml` reads what ruamel reads (or declines),
a quick check reports as a full one, the body written as text (xmltext, with shared rows and
cells) is the text lxml writes for the same elements and holds the model's table cells and
spans, and the cached, spliced .docx package holds the parts python-docx saves when it builds
the document with nothing cached.

The slow paths here are the libraries themselves (ruamel, lxml, python-docx's save) driven by
gencli's own element helpers, not a copy of an older writer; the packages are compared part by
part as canonical XML. That equal documents give equal bytes, across processes and cache
states, is test_determinism.py's."""

from __future__ import annotations

import copy
import io
import random
import zipfile
from decimal import Decimal
from typing import Any

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.oxml.ns import nsmap
from lxml import etree

from gencli.checking import validation
from gencli.document.model import Box, Table
from gencli.document.templating import render_document
from gencli.loading import fastyaml
from gencli.loading.reader import LoadError, decode, load_text
from gencli.writers.docx import official, oxml, styles, xmltext
from gencli.writers.docx import package as docx_package
from gencli.writers.docx import writer as docx_writer

from .conftest import CASES, EXAMPLES
from .xmlcanon import canonical, canonical_parts

ALL = sorted(EXAMPLES.rglob("*.yaml")) + sorted(CASES.glob("*/*/*.yaml"))
BUILT = (
    sorted(EXAMPLES.rglob("*.yaml"))
    + sorted(CASES.glob("*/valid/*.yaml"))
    + sorted(CASES.glob("*/warning/*.yaml"))
)
MUTATIONS = list(":-[]{},#&*!|>'\"\n \\%@`?~.0123456789eE_+xo年") + [
    "\n  ",
    ": ",
    "- ",
    "\r\n",
    "0x1",
    "1_0",
    ".inf",
    "null",
    "true",
    "<<",
    "|-",
    ">+",
    "|2",
    "---",
    "...",
    "\u3000",
    "\\x41",
    "\\/",
    "? ",
    "!!",
    "=",
    "0o7",
    "1e3",
    "+1",
    "-0",
    ".5",
]


def plain(value: Any) -> Any:
    """A loaded value without ruamel's types (CommentedMap, ScalarInt…), keys kept typed."""
    if isinstance(value, dict):
        return {
            (
                type(k) if type(k) in (str, bool) else int if isinstance(k, int) else type(k),
                plain(k),
            ): plain(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [plain(v) for v in value]
    for kind in (bool, int, str, Decimal):
        if isinstance(value, kind):
            return kind(value)
    return value


def placed(value: Any, path: tuple = ()) -> dict:
    """Every position a loaded tree keeps (`lc.data`, both readers' shape), by entry path, and
    which values are block text (`|`, `>`): what findings are placed by."""
    found: dict = {}
    if isinstance(value, (dict, list)):
        where = value.lc.data  # type: ignore[union-attr]
        entries = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in entries:
            found[(*path, key)] = list(where[key])
            found.update(placed(child, (*path, key)))
    elif isinstance(value, str):
        found[(*path, "style")] = type(value).__name__
    return found


def agrees(text: str) -> None:
    fast = fastyaml.load(text)
    if fast is fastyaml.DECLINED:
        return
    try:
        slow = load_text(text)
    except LoadError as error:
        raise AssertionError(
            f"fastyaml read what ruamel refuses ({error.message}): {text!r}"
        ) from error
    assert repr(plain(fast)) == repr(plain(slow)), text
    assert placed(fast) == placed(slow), text


def texts() -> list[str]:
    found = []
    for path in ALL:
        try:
            found.append(decode(path.read_bytes()))
        except LoadError:
            pass
    return found


def test_fastyaml_reads_every_case_as_ruamel_does_or_declines() -> None:
    declined = []
    for text in texts():
        agrees(text)
        declined.append(fastyaml.load(text) is fastyaml.DECLINED)
    assert not all(declined) and any(declined)


def test_fastyaml_agrees_with_ruamel_on_mutated_reports() -> None:
    rng = random.Random(20250120)
    sources = [text for text in texts() if len(text) < 3000]
    for _ in range(400):
        text = rng.choice(sources)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            cut = rng.choice((0, 0, 1, 2))
            text = text[:at] + rng.choice(MUTATIONS + [""]) + text[at + cut :]
        agrees(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: |#\n  x\n",
        "a: |\n \n  x\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\na: 2\n",
        "a: 0x1F\n",
        "a: 1_000\n",
        "a: 012\n",
        "? [a]\n: 1\n",
        "<<: {a: 1}\n",
        "a: 1\n---\nb: 2\n",
        "a:\tb\n",
        "a: b\u2028c\n",
        "[" * 40 + "]" * 40,
    ],
    ids=lambda text: repr(text)[:20],
)
def test_fastyaml_declines_what_only_ruamel_should_judge(text: str) -> None:
    assert fastyaml.load(text) is fastyaml.DECLINED


def test_a_quick_check_reports_what_a_full_check_reports(monkeypatch) -> None:
    quick = {path: validation.check_file(path) for path in ALL}
    monkeypatch.setattr(fastyaml, "load", lambda text: fastyaml.DECLINED)
    for path, checked in quick.items():
        full = validation.check_file(path)
        assert [d.as_text() for d in checked.diagnostics] == [
            d.as_text() for d in full.diagnostics
        ], path
        assert checked.normalized == full.normalized, path


@pytest.fixture(scope="module")
def documents() -> list:
    found = []
    for path in BUILT:
        checked = validation.check_file(path)
        if checked.normalized is not None:
            found.append(render_document(checked.normalized))
    assert len(found) >= 8
    return found


W_DECLARATION = ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def lxml_body(document) -> list[etree._Element]:
    """The body built element by element through lxml: gencli's oxml helpers outside
    `xmltext.building()`, every row and cell made anew."""
    return [oxml.lxml_element(element) for element in docx_writer._body(document)]


def lxml_serialized(elements: list[etree._Element]) -> str:
    """The elements as lxml writes them inside document.xml, where the root declares w."""
    return "".join(
        etree.tostring(element, encoding=str).replace(W_DECLARATION, "", 1) for element in elements
    )


def text_body(document) -> str:
    """The body as write_docx writes it: text nodes, rows and cells shared through the caches."""
    with xmltext.building():
        nodes = docx_writer._body(document)
    return "".join(oxml.body_node(node).xml() for node in nodes)


def python_docx_build(document) -> bytes:
    """The .docx as python-docx saves it with nothing cached: a new python-docx Document set up by
    the writer's own package code, the lxml body put before the section properties (and a 版记
    after a section break python-docx makes), saved by python-docx itself (no package
    splicing, no zip of gencli's)."""
    word = docx.Document()
    docx_writer._set_up_package(word, document)
    for element in lxml_body(document):
        word.element.body.sectPr.addprevious(element)
    if document.colophon:  # 版记: a last section of its own, on an even page
        word.add_section(WD_SECTION.EVEN_PAGE)
        word.paragraphs[-1].style = word.styles["正文无缩进"]
        for element in official.colophon(document.colophon):
            word.element.body.sectPr.addprevious(oxml.lxml_element(element))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def first_difference(fast: str, slow: str) -> str:
    """Where two long texts part, with some context from each."""
    at = next((i for i, (a, b) in enumerate(zip(fast, slow)) if a != b), min(len(fast), len(slow)))
    start = max(0, at - 80)
    return (
        f"第 {at} 个字符起不同：\n快路径：{fast[start : at + 120]!r}\n"
        f"慢路径：{slow[start : at + 120]!r}"
    )


def assert_same_package(fast: bytes, slow: bytes, title: str) -> None:
    """Both .docx files hold the same parts in the same order, equal as canonical XML."""
    with zipfile.ZipFile(io.BytesIO(fast)) as archive:
        assert archive.testzip() is None, title  # every entry inflates to its CRC
    fast_parts, slow_parts = canonical_parts(fast), canonical_parts(slow)
    assert list(fast_parts) == list(slow_parts), title
    for name, text in fast_parts.items():
        assert text == slow_parts[name], (
            f"{title}：{name}\n{first_difference(text, slow_parts[name])}"
        )


def test_the_text_body_is_what_lxml_writes_for_the_same_elements(documents) -> None:
    for cold in (True, False):  # the shared rows and cells built anew, then taken from the caches
        if cold:
            docx_writer._shared_row.cache_clear()
            docx_writer._shared_cell.cache_clear()
        for document in documents:
            fast, slow = text_body(document), lxml_serialized(lxml_body(document))
            assert fast == slow, f"{document.title}：{first_difference(fast, slow)}"
    assert docx_writer._shared_row.cache_info().hits > 0  # rows did repeat, and were shared


W = f"{{{nsmap['w']}}}"
NS = {"w": nsmap["w"]}


def found(node: etree._Element, path: str, **variables: str) -> list[Any]:
    """What an XPath in the w namespace finds (a list: lxml's stubs type it as any result)."""
    result: Any = etree.XPath(path, namespaces=NS)(node, **variables)
    return list(result)


def model_tables(blocks: list) -> list[Table]:
    """The document's tables in document order, those inside boxes after their box's start."""
    found = []
    for block in blocks:
        if isinstance(block, Table):
            found.append(block)
        elif isinstance(block, Box):
            found.extend(model_tables(block.blocks))
    return found


def cells_read_back(tbl: etree._Element) -> list[list[tuple[str, int, int]]]:
    """Each row's origin cells as (text, rowspan, colspan), read from gridSpan and vMerge."""
    rows: list[list[list]] = []
    below: dict[int, list] = {}  # grid column -> the origin a vMerge continuation extends
    for tr in tbl.findall(f"{W}tr"):
        row, column = [], 0
        for tc in tr.findall(f"{W}tc"):
            colspan = int("".join(found(tc, "w:tcPr/w:gridSpan/@w:val")) or 1)
            merge = found(tc, "w:tcPr/w:vMerge/@w:val")
            if merge == ["continue"]:
                below[column][1] += 1
            else:
                origin = ["".join(found(tc, ".//w:t/text()")), 1, colspan]
                row.append(origin)
                if merge:
                    below[column] = origin
            column += colspan
        rows.append(row)
    return [[(text, rowspan, colspan) for text, rowspan, colspan in row] for row in rows]


def test_the_text_body_parses_to_the_lxml_tree_with_the_model_s_cells(documents) -> None:
    """The body written as text parses as XML (in a root declaring w), is the lxml tree as
    canonical XML, and every table holds the model's cells with their spans: the shared rows and
    cells are keyed by all that a cell is (both paths share that key, so the model is the
    oracle for it)."""
    tables = 0
    for document in documents:
        wrapped = f"<w:body{W_DECLARATION}>{text_body(document)}</w:body>".encode()
        body = etree.fromstring(wrapped)
        tree = etree.Element(f"{W}body", nsmap={"w": nsmap["w"]})
        tree.extend(lxml_body(document))
        assert canonical(wrapped) == canonical(etree.tostring(tree)), document.title
        written = found(  # the tables, not the one-cell tables that frame boxes
            body,
            "//w:tbl[not(w:tr/w:tc/w:p[1]/w:pPr/w:pStyle/@w:val = $box)]",
            box=styles.BOX_TITLE,
        )
        expected = model_tables(document.blocks)
        assert len(written) == len(expected), document.title
        for tbl, table in zip(written, expected):
            assert cells_read_back(tbl) == [
                [(cell.text, cell.rowspan, cell.colspan) for cell in row] for row in table.rows
            ], f"{document.title}：{table.caption}"
            tables += 1
    assert tables >= 10


@pytest.mark.parametrize("seed", range(3))
def test_text_nodes_are_written_as_lxml_writes_elements(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = "a中&<>\"'\n\r\t ]]>“—"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        tail = rng.choice(("", "x"))
        with xmltext.building():
            node = oxml.body_node(
                oxml.run(text + tail, oxml.el("w:rPr", None, oxml.val("w:rStyle", text)))
            )
        element = oxml.lxml_element(
            oxml.run(text + tail, oxml.el("w:rPr", None, oxml.val("w:rStyle", text)))
        )
        expected = etree.tostring(element, encoding=str)
        assert node.xml() == expected.replace(W_DECLARATION, "", 1)


def test_text_nodes_refuse_what_lxml_refuses() -> None:
    for bad in ("\x00", "a\x07", "\ufffe"):
        with pytest.raises(ValueError):
            oxml.text_element(bad)
        with xmltext.building(), pytest.raises(ValueError):
            oxml.text_element(bad)


def test_the_cached_package_holds_the_parts_of_a_python_docx_build(documents) -> None:
    for document in documents + documents[:1]:  # the last one from the package built in memory
        fast = docx_writer.write_docx(document)
        assert_same_package(fast, python_docx_build(document), document.title)


def test_a_title_too_long_for_core_properties_is_refused_as_python_docx_refuses_it(
    documents,
) -> None:
    document = copy.copy(documents[0])
    document.title = "长" * 256
    with pytest.raises(ValueError):
        docx.Document().core_properties.title = document.title
    with pytest.raises(ValueError):
        docx_writer.write_docx(document)


def test_titles_are_written_as_python_docx_writes_them(documents) -> None:
    document = copy.copy(documents[0])
    core_ns = {"dc": "http://purl.org/dc/elements/1.1/"}
    for title in ("A & B <甲> \"乙\" 'x'", "回车\r换行\n制表\t", "长" * 255, ""):
        document.title = title
        fast = docx_writer.write_docx(document)
        with zipfile.ZipFile(io.BytesIO(fast)) as archive:
            core = etree.fromstring(archive.read("docProps/core.xml"))
        assert core.findtext("dc:title", namespaces=core_ns) == title  # every character kept
        assert_same_package(fast, python_docx_build(document), repr(title))


def test_a_damaged_cache_entry_is_rebuilt_and_a_good_one_is_read(
    documents, tmp_path, monkeypatch
) -> None:
    from gencli.base import cache

    document = documents[0]
    expected = python_docx_build(document)
    monkeypatch.setenv("GENCLI_CACHE_DIR", str(tmp_path))
    cache.folder.cache_clear()

    def write_through_the_cache_folder() -> tuple[int, int]:
        docx_package._PACKAGES.clear()  # not from memory: from the folder, or built anew
        assert_same_package(docx_writer.write_docx(document), expected, str(tmp_path))
        (stored,) = tmp_path.glob("package-*.docx")
        with zipfile.ZipFile(stored) as archive:  # stored whole
            assert archive.testzip() is None
        return stored.stat().st_ino, stored.stat().st_mtime_ns

    try:
        written = write_through_the_cache_folder()  # an empty folder: built and stored
        assert write_through_the_cache_folder() == written  # read back, not written again
        for damage in (b"not a zip", b"PK\x03\x04 cut short", b""):
            (stored,) = tmp_path.glob("package-*.docx")
            stored.write_bytes(damage)
            damaged = stored.stat().st_ino, stored.stat().st_mtime_ns
            assert write_through_the_cache_folder() != damaged, damage  # stored anew
    finally:
        docx_package._PACKAGES.clear()
        cache.folder.cache_clear()


def test_no_cache_folder_means_building_in_memory(documents, tmp_path, monkeypatch) -> None:
    from gencli.base import cache

    monkeypatch.setenv("GENCLI_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # where it would go otherwise
    monkeypatch.setenv("HOME", str(tmp_path))
    cache.folder.cache_clear()
    try:
        assert cache.folder() is None and cache.read("anything") is None
        cache.write("anything", b"x")
        docx_package._PACKAGES.clear()
        document = documents[0]
        assert_same_package(docx_writer.write_docx(document), python_docx_build(document), "")
        assert list(tmp_path.iterdir()) == []
    finally:
        docx_package._PACKAGES.clear()
        cache.folder.cache_clear()


def test_the_cell_helper_writes_the_cell_markup_the_reader_reads() -> None:
    from markupsafe import Markup

    from gencli.document import layout

    for text, read_back in (
        ("总计", "总计"),
        ("a < b & c", "a < b & c"),
        (Markup("<b>已转义</b>"), "已转义"),  # markup is kept as markup, not escaped again
        (12, "12"),
        (Decimal("1.50"), "1.50"),
    ):
        for options, attributes in (
            ({}, {}),
            ({"header": True}, {"header": "1"}),
            (
                {"rowspan": 3, "colspan": 2, "align": "left"},
                {"rowspan": "3", "colspan": "2", "align": "left"},
            ),
            ({"colspan": 1, "align": 'x"y'}, {"align": 'x"y'}),  # the defaults are left out
        ):
            written = layout.cell(text, **options)
            assert isinstance(written, Markup)  # the template does not escape it again
            element = etree.fromstring(str(written))
            assert element.tag == "c" and dict(element.items()) == attributes, written
            assert "".join(str(piece) for piece in element.itertext()) == read_back, written
