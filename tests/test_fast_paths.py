"""The fast paths give what the slow ones give: `fastyaml` reads what ruamel reads (or declines),
a quick check reports as a full one, and the cached
.docx package and table rows give the bytes of a fresh python-docx build."""

from __future__ import annotations

import io
import random
import zipfile
from decimal import Decimal
from typing import Any

import docx
import pytest
from lxml import etree

from gencli.checking import validation
from gencli.document.templating import render_document
from gencli.loading import fastyaml
from gencli.loading.reader import LoadError, decode, load_text
from gencli.writers.docx import oxml, xmltext
from gencli.writers.docx import package as docx_package
from gencli.writers.docx import writer as docx_writer

from .conftest import CASES, EXAMPLES

ALL = sorted(EXAMPLES.glob("*.yaml")) + sorted(CASES.glob("*/*/*.yaml"))
BUILT = (
    sorted(EXAMPLES.glob("*.yaml"))
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


def agrees(text: str) -> None:
    fast = fastyaml.load(text)
    if fast is fastyaml.DECLINED:
        return
    try:
        slow = load_text(text)
    except LoadError as error:
        raise AssertionError(
            f"fastyaml read what ruamel refuses ({error.message}): {text!r}"
        ) from None
    assert repr(plain(fast)) == repr(plain(slow)), text


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


def _documents() -> list:
    found = []
    for path in BUILT:
        checked = validation.check_file(path)
        if checked.normalized is not None:
            found.append(render_document(checked.normalized))
    return found


def _fresh(document) -> bytes:
    """The .docx as write_docx built it before the package was cached: all through python-docx."""
    word = docx.Document()
    docx_writer._set_up_package(word, document)
    for element in docx_writer._body(document):
        word.element.body.sectPr.addprevious(element)
    buffer = io.BytesIO()
    word.save(buffer)
    output = io.BytesIO()
    with zipfile.ZipFile(buffer) as saved, zipfile.ZipFile(output, "w") as target:
        for name in saved.namelist():  # the zip normalization write_docx had before
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, saved.read(name))
    return output.getvalue()


def test_the_cached_package_gives_the_bytes_of_a_fresh_build() -> None:
    documents = _documents()
    assert len(documents) >= 8
    for document in documents + documents[:1]:
        assert docx_writer.write_docx(document) == _fresh(document), document.title


def test_a_title_too_long_for_core_properties_fails_as_before() -> None:
    document = _documents()[0]
    document.title = "长" * 256
    with pytest.raises(ValueError):
        _fresh(document)
    with pytest.raises(ValueError):
        docx_writer.write_docx(document)


def test_shared_rows_and_cells_give_the_same_body() -> None:
    for document in _documents():
        docx_writer._shared_row.cache_clear()
        docx_writer._shared_cell.cache_clear()
        bodies = []
        for _ in range(2):
            with xmltext.building():
                bodies.append("".join(node.xml() for node in docx_writer._body(document)))
        assert bodies[0] == bodies[1], document.title


W_DECLARATION = ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize("seed", range(3))
def test_text_nodes_are_written_as_lxml_writes_elements(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = "a中&<>\"'\n\r\t ]]>“—"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        tail = rng.choice(("", "x"))
        with xmltext.building():
            node = oxml.run(text + tail, oxml.el("w:rPr", None, oxml.val("w:rStyle", text)))
        element = oxml.run(text + tail, oxml.el("w:rPr", None, oxml.val("w:rStyle", text)))
        expected = etree.tostring(element, encoding="UTF-8").decode("utf-8")
        assert node.xml() == expected.replace(W_DECLARATION, "", 1)


def test_text_nodes_refuse_what_lxml_refuses() -> None:
    for bad in ("\x00", "a\x07", "\ufffe"):
        with pytest.raises(ValueError):
            oxml.text_element(bad)
        with xmltext.building(), pytest.raises(ValueError):
            oxml.text_element(bad)


def test_titles_are_written_as_python_docx_writes_them() -> None:
    document = _documents()[0]
    for title in ("A & B <甲> \"乙\" 'x'", "回车\r换行\n制表\t", "长" * 255, ""):
        document.title = title
        assert docx_writer.write_docx(document) == _fresh(document), repr(title)


def test_the_package_from_the_cache_folder_is_the_package_built_anew(tmp_path, monkeypatch) -> None:
    from gencli.base import cache

    document = _documents()[0]
    expected = _fresh(document)
    monkeypatch.setenv("GENCLI_CACHE_DIR", str(tmp_path))
    cache.folder.cache_clear()
    try:
        for damage in (None, b"not a zip", None):
            docx_package._PACKAGES.clear()
            for stored in tmp_path.glob("package-*.docx"):
                if damage is not None:
                    stored.write_bytes(damage)
            assert docx_writer.write_docx(document) == expected
        assert len(list(tmp_path.glob("package-*.docx"))) == 1
    finally:
        docx_package._PACKAGES.clear()
        cache.folder.cache_clear()


def test_no_cache_folder_means_building_in_memory(tmp_path, monkeypatch) -> None:
    from gencli.base import cache

    monkeypatch.setenv("GENCLI_CACHE_DIR", "")
    cache.folder.cache_clear()
    try:
        assert cache.folder() is None and cache.read("anything") is None
        cache.write("anything", b"x")
        document = _documents()[0]
        docx_package._PACKAGES.clear()
        assert docx_writer.write_docx(document) == _fresh(document)
    finally:
        docx_package._PACKAGES.clear()
        cache.folder.cache_clear()


MACRO = """{% macro cell(text, header=false, rowspan=1, colspan=1, align="center") -%}
<c{% if header %} header="1"{% endif %}{% if rowspan > 1 %} rowspan="{{ rowspan }}"{% endif %}\
{% if colspan > 1 %} colspan="{{ colspan }}"{% endif %}{% if align != "center" %} \
align="{{ align }}"{% endif %}>{{ text }}</c>
{%- endmacro %}"""


def test_the_cell_helper_writes_what_the_template_macro_wrote() -> None:
    import jinja2
    from markupsafe import Markup

    from gencli.document import layout

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    macro = env.from_string(MACRO).module.cell
    for text in ("总计", "a < b & c", Markup("<b>已转义</b>"), 12, Decimal("1.50")):
        for options in (
            {},
            {"header": True},
            {"rowspan": 3, "colspan": 2, "align": "left"},
            {"colspan": 1, "align": 'x"y'},
        ):
            assert str(layout.cell(text, **options)) == str(macro(text, **options))
