"""WordprocessingML elements as text: the body of a .docx built without lxml.

A report's body is thousands of small elements (one table cell is ten), and lxml spends several
microseconds on each — a proxy object, a namespace look-up, a tree move on every append — which
was most of the time a build took. While `building()` is on, `oxml.el` makes `Node`s instead:
plain Python objects that write themselves as exactly the bytes lxml writes for the same element
inside document.xml (prefixed names, attributes in the order given, lxml's escaping, `<w:x/>`
when empty) and remember them, so a node shared by many tables — a cached cell or row — is
written once. tests/test_fast_paths.py checks the text against what lxml
writes for the same elements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

_building: ContextVar[bool] = ContextVar("building_xml_text", default=False)

# What lxml refuses to put in text or attributes (XML 1.0 has no place for them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)
PREFIXES = ("w:", "xml:")  # all the body uses; document.xml's root declares w


@contextmanager
def building() -> Iterator[None]:
    """Within this block `oxml.el` returns `Node`s."""
    token = _building.set(True)
    try:
        yield
    finally:
        _building.reset(token)


def active() -> bool:
    return _building.get()


def _checked(value: str) -> str:
    if _NOT_XML.search(value):
        raise ValueError(
            "All strings must be XML compatible: Unicode or ASCII, "
            "no NULL bytes or control characters"
        )
    return value


class Node:
    """One element: prefixed tag, its attributes already written out, children and text; never
    changed once written."""

    __slots__ = ("_text", "_xml", "attributes", "children", "tag")

    def __init__(self, tag: str, attributes: str, children: Sequence[Node]) -> None:
        self.tag, self.attributes, self.children = tag, attributes, children
        self._text: str | None = None
        self._xml: str | None = None

    def __len__(self) -> int:
        return len(self.children)

    @property
    def text(self) -> str | None:
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text = _checked(value)

    def xml(self) -> str:
        """The element as lxml would serialize it inside document.xml."""
        if self._xml is None:
            inner = "".join([child.xml() for child in self.children])
            if self._text is not None:
                inner = self._text.translate(_TEXT_ESCAPES) + inner
            elif not inner:
                self._xml = f"<{self.tag}{self.attributes}/>"
                return self._xml
            self._xml = f"<{self.tag}{self.attributes}>{inner}</{self.tag}>"
        return self._xml


def frozen(node: Node) -> Node:
    """The node as its text alone, for keeping in a cache: its children's nodes and strings are
    let go, and a long-lived process holds one string per cached element."""
    written = Node(node.tag, "", ())
    written._xml = node.xml()
    return written


_TAGS: set[str] = set()


def _attribute(value: object) -> str:
    if type(value) is int:
        return str(value)
    return _checked(str(value)).translate(_ATTRIBUTE_ESCAPES)


def element(
    tag: str,
    attrs: Mapping[str, str | int | None] | None,
    children: Sequence[object],
    order: dict[str, int] | None,
) -> Node:
    """A node as `oxml.el` makes an element: None attributes and children skipped, children of
    an ordered container sorted into schema order."""
    if tag not in _TAGS:
        if not tag.startswith(PREFIXES):
            raise ValueError(f"{tag}: document.xml's root does not declare this prefix")
        _TAGS.add(tag)
    attributes = (
        "".join(
            [f' {name}="{_attribute(value)}"' for name, value in attrs.items() if value is not None]
        )
        if attrs
        else ""
    )
    present = []
    for child in children:
        if child is not None:
            if type(child) is not Node:
                raise TypeError(f"{tag} 的子元素 {child!r} 不是在 building() 中生成的")
            present.append(child)
    if order is not None and len(present) > 1:
        try:
            present.sort(key=lambda child: order[child.tag])
        except KeyError:
            wrong = next(child.tag for child in present if child.tag not in order)
            raise ValueError(f"{wrong} is not a child of {tag}") from None
    return Node(tag, attributes, present)
