"""The narrative of a report split at its part headings, written as gencli's Markdown.

Parts begin at their numbered headings (一、 … 六、, in order); within a part a heading that
stands alone is written without its number, as gencli numbers headings itself: （一）→ `#`,
1. → `##`, （1）→ `###`. A numbered line that runs on into its text (“（1）加强…。一是…”) is a
paragraph and keeps its number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from gencli.importing.flow import Paragraph

_CHINESE = "一二三四五六七八九十"
_PART = re.compile(r"^([一二三四五六])[、.．]\s*(.*)$")
# The printed numbering of headings, outermost first (base/numerals.NUMBERING below 第X章).
_STYLES = (
    re.compile(r"^[一二三四五六七八九十]+[、.．]\s*(.+)$"),
    re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*(.+)$"),
    re.compile(r"^\d+[.．、]\s*(.+)$"),
    re.compile(r"^[（(]\d+[）)]\s*(.+)$"),
)
GOV_PARTS = 1  # in a 年度报告's part, （一） is the first heading level: 一、 is the part itself
HEADING_LIMIT = 40  # a heading standing alone is short and does not end a sentence
_MARKDOWN_START = re.compile(r"^(\d+)([.)]\s)|^([#>*+-]\s)|^(=+|-+)$")


def unbold(text: str) -> str:
    """A paragraph's text without the bold that wraps all of it (pages bold their headings)."""
    if text.startswith("**") and text.endswith("**") and text.count("**") == 2:
        return text[2:-2].strip()
    return text


def part_number(paragraph: Paragraph) -> int | None:
    """1–6 for a part heading such as “一、总体情况”, else None."""
    plain = unbold(paragraph.text)
    found = _PART.match(plain)
    if not found or len(plain) > HEADING_LIMIT or plain.endswith(("。", "；")):
        return None
    return _CHINESE.index(found.group(1)) + 1


def _escaped(text: str) -> str:
    """Text that Markdown would read as a list, quote or heading, escaped to stay text."""
    found = _MARKDOWN_START.match(text)
    if not found:
        return text
    if found.group(1):
        return f"{found.group(1)}\\{text[len(found.group(1)) :]}"
    return "\\" + text


def _numbered(plain: str, top: int) -> tuple[str, str] | None:
    """The Markdown marks and the words of a numbered heading (`top` is the index in `_STYLES`
    of the numbering printed for `#`), or None if `plain` does not start with one."""
    normal = unicodedata.normalize("NFKC", plain)
    for depth, pattern in enumerate(_STYLES[top:], start=1):
        found = pattern.match(plain) or pattern.match(normal)
        if found:
            return "#" * depth, found.group(1).strip()
    return None


def markdown_line(paragraph: Paragraph, top: int = GOV_PARTS) -> str:
    """One paragraph as a Markdown block: a standalone numbered heading as `#`…, a 段首标题
    (`run_in`) as `#`… followed by its text, anything else as text."""
    plain = unbold(paragraph.text)
    if paragraph.run_in or paragraph.level:  # the source says it is a heading
        numbered = _numbered(plain, top)
        if numbered:
            return f"{numbered[0]} {numbered[1]}"
    short = len(plain) <= HEADING_LIMIT and not plain.endswith(("。", "；", "：", ":"))
    if short and "。" not in plain:
        numbered = _numbered(plain, top)
        if numbered:
            return f"{numbered[0]} {numbered[1]}"
    return _escaped(paragraph.text)


@dataclass
class Parts:
    """The narrative by part number (0 is the preface before 一、), and the headings seen."""

    text: dict[int, list[Paragraph]] = field(default_factory=dict)
    headings: dict[int, Paragraph] = field(default_factory=dict)


def markdown(paragraphs: list[Paragraph], top: int = GOV_PARTS) -> str:
    """Paragraphs as Markdown, one per line, a blank line between them."""
    lines = [markdown_line(p, top) for p in paragraphs]
    return "\n\n".join(lines) + "\n" if lines else ""
