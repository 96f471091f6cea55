"""Mistakes a Chinese keyboard and copy-paste make that still parse as YAML, found on the tree
before the schema and worded with their fix.

Each would otherwise surface as noise: `{decisions: 5,826}` as an unknown key “826”, `[1,018, 4]`
as a row one figure too long, `[18，4，0]` as a row of one text, full-width spaces before a key
as a key no one wrote. A finding names the mistake at its place; `covered` lists the paths whose
schema errors it explains, so they are not reported again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gencli.checking.messages import Finding

_FULL_WIDTH_COMMAS = re.compile(r"[ ]*-?[0-9]+(?:[ ]*[，、][ ]*-?[0-9]+)+[ ]*[，、]?[ ]*")
_FULL_WIDTH_COLON = re.compile(r"([A-Za-z_][\w-]*)[ ]*：")
_IDEOGRAPHIC_SPACE = "\u3000"


@dataclass
class Mistakes:
    findings: list[Finding] = field(default_factory=list)
    covered: list[tuple] = field(default_factory=list)

    def add(self, path: tuple, message: str, covers: tuple, at_key: bool = False) -> None:
        self.findings.append(Finding(path, message, at_key))
        self.covered.append(covers)

    def covers(self, path: tuple) -> bool:
        return any(tuple(path[: len(c)]) == c for c in self.covered)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _digits(value: Any) -> str:
    """An integer as typed: ruamel keeps the width of one written with leading zeros (018)."""
    return str(value).zfill(getattr(value, "_width", None) or 0)


def _mapping(found: Mistakes, node: dict, path: tuple) -> None:
    keys = list(node)
    for index, key in enumerate(keys):
        previous = keys[index - 1] if index else None
        if isinstance(key, str) and key.startswith(_IDEOGRAPHIC_SPACE):
            covers = (*path, previous) if previous is not None and node[previous] is None else ()
            found.add(
                (*path, key),
                f"“{key.strip()}”前用了全角空格“　”缩进：YAML 只认半角空格，请改为半角空格",
                covers if covers else (*path, key),
                at_key=True,
            )
            if covers:
                found.covered.append((*path, key))
        elif (
            _is_count(key)
            and 0 <= key <= 999
            and node[key] is None
            and previous is not None
            and _is_count(node[previous])
        ):
            typed = f"{node[previous]},{int(key):03d}"
            found.add(
                (*path, previous),
                f"“{typed}”用了千位分隔符：逗号把它分成了两项。请写成 {typed.replace(',', '')}",
                (*path, key),
            )
            found.covered.append((*path, previous))


def _sequence(found: Mistakes, node: list, path: tuple) -> None:
    for index, item in enumerate(node):
        previous = node[index - 1] if index else None
        if _is_count(item) and len(_digits(item)) > len(str(item)) and _is_count(previous):
            typed = f"{previous},{_digits(item)}"
            found.add(
                (*path, index - 1),
                f"“{typed}”用了千位分隔符：逗号把它分成了两个数。请写成 {typed.replace(',', '')}",
                path,
            )
            return


def _text(found: Mistakes, value: str, path: tuple, parent: tuple) -> None:
    if _FULL_WIDTH_COMMAS.fullmatch(value):
        found.add(
            path, "数字之间用了全角逗号“，”或顿号“、”：请改为半角逗号“,”（如 [18, 4, 0]）", parent
        )
    elif colon := _FULL_WIDTH_COLON.match(value):
        found.add(
            path,
            f"“{colon[1]}”后用了全角冒号“：”：请改为半角冒号加空格（{colon[1]}: ……）",
            path,
        )


def _walk(node: Any, path: tuple) -> Iterator[tuple[Any, tuple]]:
    yield node, path
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        yield from _walk(child, (*path, key))


def find(root: Any, narratives: set[tuple]) -> Mistakes:
    """The keyboard mistakes of a report; narrative texts are free to hold any punctuation."""
    found = Mistakes()
    for node, path in _walk(root, ()):
        if isinstance(node, dict):
            _mapping(found, node, path)
        elif isinstance(node, list):
            _sequence(found, node, path)
        elif isinstance(node, str) and path and path not in narratives:
            _text(found, node, path, path[:-1] if isinstance(path[-1], int) else path)
    return found


def _unpiped_message(key: str, spans: bool) -> str:
    if spans:
        return (
            f"“{key}”的文字写成了多行，但冒号后没有“|”：各行会被合并成一段，行间还会多出空格。"
            f"请写成“{key}: |”，再把文字逐行缩进写在下面"
        )
    return (
        f"“{key}”下以“#”开头的行被当作注释丢掉了：多行文字（包括 # 标题）请在冒号后加“|”，"
        f"写成“{key}: |”"
    )


def unpiped(root: Any, paths: list[tuple], text: str) -> list[Finding]:
    """Narrative written as a plain YAML scalar over several lines: YAML folds its lines into one
    paragraph joined by spaces, and a `# 标题` line above it is a comment. Needs the positions of
    the round-trip loader; a tree without them has nothing to say."""
    lines = text.split("\n")
    found = []
    for path in paths:
        parent: Any = root
        for step in path[:-1]:
            parent = parent[step]
        value = parent[path[-1]]
        where = parent.lc.data.get(path[-1]) if hasattr(parent, "lc") else None
        if type(value) is not str or not value or not where or len(where) < 4:
            continue  # block scalars are LiteralScalarString / FoldedScalarString
        key_line, _, value_line, value_column = where
        source = lines[value_line][value_column:] if value_line < len(lines) else ""
        if source[:1] in ("'", '"'):
            continue
        spans = source.split(" #")[0].strip() != value
        commented = any(lines[n].lstrip().startswith("#") for n in range(key_line + 1, value_line))
        if spans or commented:
            found.append(Finding(path, _unpiped_message(str(path[-1]), spans), at_key=True))
    return found
