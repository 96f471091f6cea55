"""Narrative changes paragraph by paragraph, for `diff`.

A part of a report is pages of Markdown whose paragraphs each sit on one long line (the way the
examples are kept, so git shows one changed line per changed paragraph). A reviewer asks which
paragraphs were added, removed or reworded, and in a reworded one which words changed; difflib
answers both: over the list of paragraphs, then over the characters of a reworded one (Chinese
has no spaces between words, so characters are the words).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
SIMILAR = 0.5  # paragraphs at least this alike are one paragraph reworded, not two different ones
CONTEXT = 12  # characters shown around a changed span


@dataclass(frozen=True)
class ParagraphChange:
    """One paragraph added, removed or changed; numbers count from 1 in the old/new text."""

    change: str
    old_number: int | None
    new_number: int | None
    old: str | None
    new: str | None


def split(markdown: str) -> list[str]:
    """The paragraphs (Markdown blocks between blank lines, headings included) of a text."""
    return [block.strip() for block in re.split(r"\n[ \t]*\n", markdown or "") if block.strip()]


def _similar(old: str, new: str) -> bool:
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() >= SIMILAR


def changes(old_text: str, new_text: str) -> list[ParagraphChange]:
    """What happened to each paragraph, in reading order. Within a replaced stretch, a paragraph
    pairs with the next one in the new text that resembles it; the rest are added or removed."""
    old, new = split(old_text), split(new_text)
    found: list[ParagraphChange] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i, i_end, j, j_end in matcher.get_opcodes():
        while tag != "equal" and (i < i_end or j < j_end):
            if i < i_end and j < j_end and _similar(old[i], new[j]):
                found.append(ParagraphChange(CHANGED, i + 1, j + 1, old[i], new[j]))
                i, j = i + 1, j + 1
            elif i < i_end and not any(_similar(old[i], later) for later in new[j:j_end]):
                found.append(ParagraphChange(REMOVED, i + 1, None, old[i], None))
                i += 1
            else:
                found.append(ParagraphChange(ADDED, None, j + 1, None, new[j]))
                j += 1
    return found


def inline(old: str, new: str) -> str:
    """The changed spans of a reworded paragraph in `git diff --word-diff` style, with a little
    context around each: …共受理依申请公开[-29-]{+30+}件，其中网络申请…"""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    hunks = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not hunks:
        return new
    pieces: list[str] = []
    shown = 0  # how much of `old` has been shown
    for index, (_, i, i_end, j, j_end) in enumerate(hunks):
        if index == 0:
            start = max(0, i - CONTEXT)
            pieces.append("…" if start else "")
        elif i - shown > 2 * CONTEXT:
            pieces.append(old[shown : shown + CONTEXT] + "…")
            start = i - CONTEXT
        else:
            start = shown
        pieces.append(old[start:i])
        if i_end > i:
            pieces.append(f"[-{old[i:i_end]}-]")
        if j_end > j:
            pieces.append(f"{{+{new[j:j_end]}+}}")
        shown = i_end
    end = min(len(old), shown + CONTEXT)
    pieces.append(old[shown:end] + ("…" if end < len(old) else ""))
    return "".join(pieces)
