"""A fast first reading of a report: libyaml (PyYAML's C parser) events, built into plain values.

`loading.load_text` reads a report with ruamel.yaml's round-trip loader, in pure Python: it keeps
the line and column of every key and value, so errors can point at them, and it is most of the
time a check takes (13 ms for the Fujian example; this reader takes 0.4 ms). `validation` reads
every report here first and leaves to `loading` only what this reader declines.

Every mapping and list it builds carries the positions of its entries (`lc.data`, in the shape
ruamel's loader keeps them: a key's line and column and its value's; an item's line and
column), and text written as a `|` or `>` block is of ruamel's block string types, so a report
with findings is checked once, here, and each finding still points at its line and column.

The two readers must agree on every report this one accepts, so it accepts only the plain
shape reports are written in, and declines (returns DECLINED) anything else: anchors, aliases,
tags, directives, duplicate or non-scalar keys, values written as nothing (`key:`), several
documents, tabs and unusual line breaks, text over several lines without `|`, numbers written
in any but the plain decimal forms, and whatever libyaml itself refuses. The implicit types are
resolved with ruamel's own YAML 1.2 table, and values are built as `loading.ReportConstructor`
builds them (decimals from their text, dates as text).
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from gencli.base import limits

DECLINED: Any = object()

_TAG = "tag:yaml.org,2002:"
# Characters the two readers do not treat alike: tabs, C0/C1 controls, NEL/LS/PS line breaks,
# surrogates, the BOM, U+FFFE/FFFF. Named as what is refused, not as what is taken: a class of
# the wide ranges taken took 6 ms of every start to compile.
_NOT_PLAIN = re.compile(
    r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
# Block scalar headers ruamel refuses and libyaml takes: a comment glued to the indicator
# ("|#"), and a first line of spaces only, shorter than the text's indentation; the header may
# follow its key on the line below.
_BLOCK_QUIRKS = re.compile(
    r"(?:^[ ]*|[:?-][ ]+)[|>][-+0-9]*(?:#|[ ]*(?:#[^\n]*)?\r?\n[ ]+\r?\n)", re.MULTILINE
)
# Text written as a plain scalar over several lines (narrative without `|`): the round-trip
# loader's positions are needed to tell it, so such a report is left to it. Either a value on
# the key's line continued on a deeper line, or text (not a key, list or flow) below a bare key.
_PLAIN_MULTILINE = re.compile(
    r"^( *)(- +)?[A-Za-z_][\w-]*:(?:[ ]+[^|>\s#'\"{\[&*!][^\n]*\n(?:[ ]*\n)*\1(?(2)  )[ ]+\S"
    r"|[ ]*(?:#[^\n]*)?\n(?:[ ]*(?:#[^\n]*)?\n)*\1(?(2)  )[ ]+(?!-[ ]|-$|[#\[{'\"|>]"
    r"|[A-Za-z_][\w-]*:(?:[ ]|$))\S)",
    re.MULTILINE,
)
_DECIMAL_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
MAX_DEPTH = 16  # a report nests five deep; deeper is left to the loader that words the refusal
MAX_NODES = limits.MAX_NODES


class Positions:
    """Where the entries of one mapping or list are written (0-based), as ruamel's `lc` keeps
    them: `data[key] = [key line, key column, value line, value column]` for a mapping,
    `data[index] = [line, column]` for a list (`checking.locate` reads either)."""

    __slots__ = ("data",)

    def __init__(self, data: dict) -> None:
        self.data = data


class PlacedDict(dict):
    """A mapping with the positions of its entries (`lc`)."""

    __slots__ = ("lc",)
    lc: Positions


class PlacedList(list):
    """A list with the positions of its items (`lc`)."""

    __slots__ = ("lc",)
    lc: Positions


class _Decline(Exception):
    """The report is not in the plain shape: leave it to the round-trip loader."""


def _resolvers() -> dict[str | None, list[tuple[str, Any]]]:
    """ruamel's YAML 1.2 implicit resolvers by first character, as its VersionedResolver uses."""
    from ruamel.yaml.resolver import implicit_resolvers

    table: dict[str | None, list[tuple[str, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            starts: list[str | None] = [*first] if first else [None]
            for ch in starts:
                table.setdefault(ch, []).append((tag.replace(_TAG, ""), regexp.match))
    return table


_yaml: Any = None
_parser: Any = None
_table: dict[str | None, list[tuple[str, Any]]] | None = None


def _prepare() -> bool:
    """Import libyaml's parser on first use; False when PyYAML was built without it."""
    global _yaml, _parser, _table
    if _table is None:
        from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

        _BLOCKS.update({"|": LiteralScalarString, ">": FoldedScalarString})
        try:
            import yaml
            from yaml._yaml import CParser
        except ImportError:
            _yaml = False
        else:
            _yaml, _parser = yaml, CParser
        _table = _resolvers()
    return bool(_yaml)


def _resolve(value: str) -> Any:
    if _DECIMAL_INT.fullmatch(value):
        return int(value)  # what ruamel's table says of plain digits, found without asking it
    resolvers = _table.get(value[:1] if value else "", [])  # type: ignore[union-attr]
    tag = next((tag for tag, match in resolvers if match(value)), "str")
    if tag == "str":
        return value
    if tag == "null":
        return None
    if tag == "bool":
        return value.lower() == "true"
    if tag == "float":
        if not _PLAIN_DECIMAL.fullmatch(value):
            raise _Decline  # 1_000.5, 1e3, .5: refused, in words, by the round-trip loader
        try:
            number = Decimal(value.replace("_", ""))
        except InvalidOperation:
            return value
        return number if number.is_finite() else value
    if tag == "timestamp":
        return value
    raise _Decline  # merge keys, other integer notations, 1.1 leftovers


_resolved = functools.lru_cache(maxsize=1024)(_resolve)  # short values recur: 0, 1, dates


def _plain_scalar(value: str) -> Any:
    return _resolved(value) if len(value) <= 32 else _resolve(value)


_BLOCKS: dict[str, Any] = {}  # `|` and `>` text: ruamel's LiteralScalarString, FoldedScalarString


def _scalar(event: Any) -> Any:
    if event.anchor is not None or event.tag is not None:
        raise _Decline
    style = event.style
    if not style:
        return _plain_scalar(event.value) if event.implicit[0] else event.value
    block = _BLOCKS.get(style)
    return block(event.value) if block is not None else event.value


def _is_empty(event: Any) -> bool:
    """A value written as nothing at all (`key:` alone, `- ` alone): ruamel places it after
    the colon when a comment follows, else where the next token starts; libyaml always after
    the colon. Such a report is left to ruamel, whose positions the messages are worded by."""
    return (
        type(event) is _yaml.events.ScalarEvent
        and not event.value
        and not event.style
        and event.implicit[0]
    )


class _Builder:
    """Values from the events of one document; anything but plain nodes declines."""

    def __init__(self, parser: Any) -> None:
        self.next = parser.get_event
        self.events = _yaml.events
        self.depth = 0
        self.nodes = 0

    def node(self, event: Any) -> Any:
        events = self.events
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Decline  # the round-trip loader stops at the same node and says where
        if isinstance(event, events.ScalarEvent):
            return _scalar(event)
        if (
            not isinstance(event, events.CollectionStartEvent)
            or event.anchor is not None
            or event.tag is not None
            or self.depth >= MAX_DEPTH
        ):
            raise _Decline  # aliases, anchors, tags, deep nesting
        self.depth += 1
        found = self.mapping() if isinstance(event, events.MappingStartEvent) else self.sequence()
        self.depth -= 1
        return found

    def mapping(self) -> dict:
        found = PlacedDict()
        where: dict = {}
        found.lc = Positions(where)
        while True:
            event = self.next()
            if isinstance(event, self.events.MappingEndEvent):
                return found
            if not isinstance(event, self.events.ScalarEvent):
                raise _Decline
            key = _scalar(event)
            if type(key) not in (str, int) or key in found:
                raise _Decline  # bool, None, numbers with a fraction, block text as keys
            value = self.next()
            if _is_empty(value):
                raise _Decline
            at, value_at = event.start_mark, value.start_mark
            where[key] = [at.line, at.column, value_at.line, value_at.column]
            found[key] = self.node(value)

    def sequence(self) -> list:
        found = PlacedList()
        where: dict = {}
        found.lc = Positions(where)
        while True:
            event = self.next()
            if isinstance(event, self.events.SequenceEndEvent):
                return found
            if _is_empty(event):
                raise _Decline
            at = event.start_mark
            where[len(found)] = [at.line, at.column]
            found.append(self.node(event))

    def document(self) -> Any:
        events = self.events
        if not isinstance(self.next(), events.StreamStartEvent):
            raise _Decline
        start = self.next()
        if not isinstance(start, events.DocumentStartEvent) or start.version or start.tags:
            raise _Decline
        root = self.node(self.next())
        end = self.next()
        if (
            not isinstance(end, events.DocumentEndEvent)
            or end.explicit
            or not isinstance(self.next(), events.StreamEndEvent)
        ):
            raise _Decline
        return root


def load(text: str) -> Any:
    """The report as plain values (mappings and lists with their positions, str, int, Decimal,
    bool, None), or DECLINED."""
    if (
        _NOT_PLAIN.search(text)
        or _BLOCK_QUIRKS.search(text)
        or _PLAIN_MULTILINE.search(text)
        or not _prepare()
    ):
        return DECLINED
    parser = _parser(text)
    try:
        return _Builder(parser).document()
    except (_Decline, _yaml.YAMLError):
        return DECLINED  # libyaml's own refusals are worded by the round-trip loader
    finally:
        parser.dispose()
