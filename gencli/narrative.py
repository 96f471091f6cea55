"""Narrative Markdown: parsed once with markdown-it-py (CommonMark plus GFM tables)."""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=1)
def parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def plain_text(markdown: str) -> str:
    """The text a reader sees: no markup, no headings' #, no emphasis marks."""
    parts = []
    for token in parser().parse(markdown):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
    return "".join(parts)
