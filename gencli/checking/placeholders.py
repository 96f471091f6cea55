"""Placeholder text a skeleton wrote for its author to replace (（开头一段）, 正文。), left in.

A skeleton validates as it is, so nothing else would stop its placeholders from being printed
in the published report. Each kind's schema lists its skeleton's placeholders once
(`x-placeholders`, built from the constants beside the skeleton that writes them); a narrative
line that is one of them, alone or as a heading's text, is a warning at that line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def _shown(line: str) -> str:
    """A Markdown line's text without its heading marks: `# 第一部分标题` → 第一部分标题."""
    return line.strip().lstrip("#").strip()


def left_in(text: str, placeholders: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Each (1-based line of `text`, placeholder) where a line is only that placeholder."""
    wanted = set(placeholders)
    for number, line in enumerate(text.splitlines(), start=1):
        if _shown(line) in wanted:
            yield number, _shown(line)


def message(placeholder: str) -> str:
    return f"“{placeholder}”是 gencli init 骨架中的占位文字，请改写为本报告的内容后再发布"
