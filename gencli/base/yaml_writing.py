"""Writing the YAML gencli generates (`init` skeletons, next year's report, `aggregate`'s sum).

A report's text is built as data with its comments attached (ruamel.yaml's `CommentedMap`) and
emitted by ruamel's round-trip dumper, never assembled from strings: whatever an agency's name
holds (`: `, ` #`, quotes, `null`, `123`), the dumper quotes it as YAML needs. The text is then
read back and compared with the data it was made from; a difference is gencli's bug, raised as
`WritingError` instead of writing a wrong file.

`Block` writes one mapping top to bottom the way a skeleton reads: comment lines wait for the
next key (or close the mapping), an entry may carry an end-of-line comment. Short rows
(`[0, 0, 0, 0, 0, 0]`, `{projects: 0, amount: 0, unit: 万元}`) are `flow` collections, empty
narrative parts `EMPTY` (`""`), multi-line text `block` (`|`).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import implicit_resolvers
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

_TAG = "tag:yaml.org,2002:"
WIDTH = 1 << 20  # never fold a line: Chinese text has no spaces to fold at anyway
EMPTY = DoubleQuotedScalarString("")  # an empty narrative part, written `""`


class WritingError(RuntimeError):
    """The emitted YAML does not read back as the data it was made from (gencli's bug)."""


def flow(items: Iterable[Any] | Mapping[str, Any]) -> CommentedSeq | CommentedMap:
    """A short row written on one line: `[0, 0, 0]` from a list, `{a: 0, b: 0}` from a dict."""
    row: CommentedSeq | CommentedMap = (
        CommentedMap(items) if isinstance(items, Mapping) else CommentedSeq(items)
    )
    row.fa.set_flow_style()
    return row


def block(text: str) -> LiteralScalarString:
    """Multi-line text written as a `|` block scalar."""
    return LiteralScalarString(text)


def _yaml_1_1_reads_otherwise(text: str) -> bool:
    """Whether a YAML 1.1 reader (PyYAML) would take this plain text for something other than
    text (`yes`, `on`, `0777`, `1:20`): ruamel, a YAML 1.2 writer, would leave it unquoted."""
    return any(
        (1, 1) in versions and tag != _TAG + "str" and regexp.match(text)
        for versions, tag, regexp, first in implicit_resolvers
        if not first or text[:1] in first
    )


class _Representer(RoundTripRepresenter):
    """Round-trip output, plus decimals as plain numbers and text unambiguous to 1.1 readers."""

    def represent_decimal(self, value: Decimal) -> Any:
        if not value.is_finite():
            raise WritingError(f"无法写出数值 {value}")
        text = format(value, "f")
        return self.represent_scalar(_TAG + ("float" if "." in text else "int"), text)

    def ignore_aliases(self, data: Any) -> bool:
        """Never an anchor: gencli's loader refuses them, and ruamel would anchor a value met
        twice as the same object (a `Decimal` read once and carried into two cells)."""
        return True

    def represent_text(self, text: str) -> Any:
        if _yaml_1_1_reads_otherwise(text):
            return self.represent_scalar(_TAG + "str", text, style='"')
        return self.represent_str(text)


_Representer.add_representer(Decimal, _Representer.represent_decimal)
_Representer.add_representer(str, _Representer.represent_text)


class _ReadBack(SafeConstructor):
    """Reads numbers with a fraction as `Decimal` from their text, as gencli's loader does."""

    def construct_decimal(self, node: Any) -> Any:
        text = self.construct_scalar(node)
        try:
            return Decimal(text.replace("_", ""))
        except InvalidOperation:
            return self.construct_yaml_float(node)


_ReadBack.add_constructor(_TAG + "float", _ReadBack.construct_decimal)


def _dumper() -> YAML:
    yaml = YAML()
    yaml.Representer = _Representer
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _reader() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _ReadBack
    return yaml


def _comment_lines(lines: Iterable[str], indent: int) -> list[str]:
    """`# line` at `indent` for each line ("" is a blank line); a line break inside a line
    makes more comment lines, never text outside the comment."""
    found = []
    for line in lines:
        for part in line.splitlines() or [""]:
            found.append(" " * indent + "# " + part if part else "")
    return found


def _token(text: str, column: int = 0) -> CommentToken:
    return CommentToken(text, CommentMark(column))


def _last_entry(node: CommentedMap | CommentedSeq) -> tuple[Any, Any, Any]:
    """The innermost last entry under `node` (its collection, key or index, value): the line
    that comments written after `node` follow."""
    key = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
    value = node[key]
    nested = isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0
    if nested and not value.fa.flow_style():
        return _last_entry(value)
    return node, key, value


def _append_after(node: CommentedMap | CommentedSeq, lines: list[str]) -> None:
    """Attach comment lines after everything in `node`, as ruamel's loader stores them: in the
    end-of-line comment of the last entry, continued over the following lines."""
    collection, key, value = _last_entry(node)
    slot = 2 if isinstance(collection, CommentedMap) else 0
    entry = collection.ca.items.setdefault(key, [None, None, None, None])
    token = entry[slot]
    text = "\n".join(lines)
    if token is not None:
        token.value = token.value.rstrip("\n") + "\n" + text
    elif isinstance(value, LiteralScalarString):
        entry[slot] = _token(text)  # a block scalar ends its own last line
    else:
        entry[slot] = _token("\n" + text)


class Block:
    """One mapping written top to bottom: comment lines wait for the next key put in (or, at
    `close`, follow the last one); `indent` is where this mapping's keys start."""

    def __init__(self, indent: int = 0) -> None:
        self.data = CommentedMap()
        self.indent = indent
        self._waiting: list[str] = []

    def header(self, *lines: str) -> None:
        """The comment block at the top of the document (before any key)."""
        self.data.ca.comment = [None, [_token(line + "\n") for line in _comment_lines(lines, 0)]]

    def comment(self, *lines: str) -> None:
        """Comment lines before the next key; "" is a blank line."""
        self._waiting += lines

    def put(self, key: str, value: Any, note: str = "", column: int | None = None) -> None:
        """`key: value`, after the waiting comment lines, with `note` as its end-of-line
        comment: at `column` (one space after the value if the line is longer), or by default
        two spaces after the value."""
        if self._waiting:
            before = [_token(line + "\n") for line in _comment_lines(self._waiting, self.indent)]
            self.data.ca.items.setdefault(key, [None, None, None, None])[1] = before
            self._waiting = []
        if isinstance(value, Block):
            value = value.close()
        self.data[key] = value
        if note:
            if column is None:
                column = width(self.indent, key, value) + 2
            self.data.yaml_add_eol_comment("# " + " ".join(note.splitlines()), key, column=column)

    def close(self) -> CommentedMap:
        """The mapping, with any comment lines still waiting written after its last entry."""
        if self._waiting:
            _append_after(self.data, _comment_lines(self._waiting, self.indent))
            self._waiting = []
        return self.data

    def text(self) -> str:
        """The document as YAML text, proven to read back as its data."""
        return dump(self.close())


def width(indent: int, key: str, value: Any) -> int:
    """How many characters the line `key: value` takes at `indent`, as the dumper writes it
    (`value` a scalar or a flow row; a block mapping's key line is measured with None). Lets
    end-of-line comments of a table line up in one column.

    Measured by dumping the entry, once per shape: a number is written as its text, so rows
    whose numbers have the same lengths are as wide (an imported region's tables differ in
    their figures, not in their shapes; measuring each row anew took 24 ms a report)."""
    style = value.fa.flow_style() if isinstance(value, (CommentedMap, CommentedSeq)) else None
    memo = (key, type(value), style, _shape(value))
    if memo not in _WIDTHS:
        if len(_WIDTHS) >= 4096:
            _WIDTHS.clear()
        stream = io.StringIO()
        _DUMPER.dump(CommentedMap([(key, value)]), stream)
        _WIDTHS[memo] = len(stream.getvalue().splitlines()[0])
    return indent + _WIDTHS[memo]


_WIDTHS: dict[Any, int] = {}  # a table's rows repeat (zeros), and so do skeletons in a process


def _shape(value: Any) -> Any:
    """What a value's printed width depends on: the length of each number's text (as the
    representer writes it), and for a row of numbers only their count and total length (each
    is followed by the same ", "); anything else itself (repr: 10.0 is wider than 10)."""
    if isinstance(value, Mapping):
        return ("map", tuple((k, _shape(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        shapes = [_shape(v) for v in value]
        if all(shape[0] == "number" for shape in shapes):
            return ("numbers", len(shapes), sum(shape[1] for shape in shapes))
        return ("seq", tuple(shapes))
    if isinstance(value, int) and not isinstance(value, bool):
        return ("number", len(str(value)))
    if isinstance(value, Decimal) and value.is_finite():
        return ("number", len(format(value, "f")))
    return ("other", repr(_typed(value)))


def _typed(value: Any) -> Any:
    """Data in a form that compares types as well as values, and keys in their order."""
    if isinstance(value, Mapping):
        return ("map", tuple((_typed(k), _typed(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("seq", tuple(_typed(v) for v in value))
    if isinstance(value, bool) or value is None:
        return (type(value).__name__, value)
    if isinstance(value, (int, Decimal)):
        return ("number", Decimal(value))
    if isinstance(value, str):
        return ("str", str(value))
    return (type(value).__name__, value)


def _first_difference(read: Any, meant: Any, path: str = "") -> str:
    if isinstance(meant, Mapping) and isinstance(read, Mapping):
        for key in [*meant, *(k for k in read if k not in meant)]:
            if key not in read or key not in meant:
                return f"{path}/{key}"
            found = _first_difference(read[key], meant[key], f"{path}/{key}")
            if found:
                return found
        return path if list(read) != list(meant) else ""
    if _typed(read) != _typed(meant):
        return f"{path or '/'}: {read!r} ≠ {meant!r}"
    return ""


@functools.cache
def _quick_loader() -> Any:
    """PyYAML's safe loader on libyaml (the pure one where libyaml is missing), decimals read
    as `Decimal` from their text, as gencli's readers read them."""
    import yaml

    class Quick(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    def decimal(constructor: Any, node: Any) -> Any:
        return Decimal(constructor.construct_scalar(node).replace("_", ""))

    Quick.add_constructor(_TAG + "float", decimal)
    return Quick


def _read_quickly(text: str) -> Any:
    """The text read by libyaml (the pure reader takes 50 ms for a report, this one 1 ms);
    None when it cannot read it."""
    import yaml

    try:
        return yaml.load(text, Loader=_quick_loader())
    except (yaml.YAMLError, InvalidOperation):
        return None


def dump(data: CommentedMap) -> str:
    """`data` as YAML text with its comments, read back and compared with `data` first.

    The read-back is libyaml's first (what the representer writes is read alike by YAML 1.1
    and 1.2 readers); only when that differs does ruamel's reader, gencli's own, decide."""
    stream = io.StringIO()
    _DUMPER.dump(data, stream)
    text = stream.getvalue()
    meant = _typed(data)
    if _typed(_read_quickly(text)) == meant:
        return text
    try:
        read = _READER.load(text)
    except YAMLError as error:
        raise WritingError(f"生成的 YAML 无法读回：{error}") from error
    if _typed(read) != meant:
        where = _first_difference(read, data)
        raise WritingError(f"生成的 YAML 读回后与要写入的内容不一致：{where}")
    return text


_DUMPER = _dumper()
_READER = _reader()
