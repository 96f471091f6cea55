"""What every kind's `gencli init` skeleton shares: where a skeleton starts from (zeros, or last
year's report) and the head of the file. Skeletons are built as data with comments
(`gencli.base.yaml_writing.Block`) and emitted by ruamel.yaml, never assembled as text."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gencli.base.yaml_writing import Block

PREVIOUS_TEXT = "上年内容："


@dataclass(frozen=True)
class Start:
    """What a skeleton starts from instead of zeros (`init --from` last year's report).

    `figures` maps a figure's path to its value (a table 三 row's path to its six counts, a
    table 四 group's to its four); `narrative` holds last year's text by part key, written as
    `# 上年内容：` comment lines above the empty part so it is rewritten, not republished; `notes`
    are added to the comment of the row at their path; `origin` is a header line saying where
    the figures came from; `remarks` are comment lines above a narrative part (what its author
    should write there); `format` is an edition other than the year's default (then written);
    `date` is the 成文日期 suggested in the commented `# date:` line (last year's a year on);
    `texts` are written into narrative parts instead of leaving them empty (last year's outline).
    """

    figures: Mapping[tuple[str, ...], Any] = field(default_factory=dict)
    narrative: Mapping[str, str] = field(default_factory=dict)
    notes: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    origin: str = ""
    remarks: Mapping[str, str] = field(default_factory=dict)
    format: int | None = None
    date: str = ""
    texts: Mapping[str, str] = field(default_factory=dict)

    def note(self, path: tuple[str, ...]) -> str:
        return f"（{self.notes[path]}）" if path in self.notes else ""

    def previous_text(self, key: str) -> list[str]:
        """Last year's text of part `key`, as comment lines (without their `# `), blank lines
        between paragraphs kept: removing each line's `# 上年内容：` gives the text back."""
        text = (self.narrative.get(key) or "").strip("\n")
        return [PREVIOUS_TEXT + line.rstrip() for line in text.splitlines()] if text else []


ZEROS = Start()


MARKDOWN_HINT = "叙述部分用 Markdown 书写；标题不写编号，由生成器编号。"

BODY_PLACEHOLDER = "正文。"  # the paragraph a skeleton leaves under each heading, to be written


def modeline(ref: str) -> str:
    """The editor modeline (a comment line, without its `# `): which schema checks the file."""
    return f"yaml-language-server: $schema={ref}"


def head(ref: str, heading: str, kind: str, origin: str = "") -> Block:
    """A new document: the modeline, `heading`, where it came from (`init --from`) and the
    Markdown hint as comments, then `kind`."""
    document = Block()
    document.header(modeline(ref), heading, *([origin] if origin else []), MARKDOWN_HINT)
    document.put("kind", kind)
    return document


def optional(document: Block, key: str, value: str | int | None, note: str) -> None:
    """`key: value`, or the key commented out (`# key: note`) when `init` was not told it."""
    if value is not None:
        document.put(key, value)
    else:
        document.comment(f"{key}: {note}")


def a_year_on(date: str | None) -> str:
    """Last year's 成文日期 moved to this year, keeping its month and day (2024-01-20 →
    2025-01-20; 2月29日 → 2月28日 in a common year); "" when there was none."""
    if not date:
        return ""
    day = datetime.date.fromisoformat(date)
    try:
        return day.replace(year=day.year + 1).isoformat()
    except ValueError:
        return day.replace(year=day.year + 1, day=28).isoformat()


def outline(text: str) -> str:
    """Last year's narrative kept as an outline: its headings, each over a placeholder
    paragraph (validation warns until it is written), after one for the opening paragraphs if
    there were any; a run-in heading (`# 标题。正文`) keeps its heading only."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt().parse(text)
    opening = bool(tokens) and tokens[0].type != "heading_open"  # paragraphs before a heading
    kept = [f"{BODY_PLACEHOLDER}\n"] if opening else []
    for token, inline in itertools.pairwise(tokens):
        if token.type == "heading_open":
            words = inline.content.strip().split("。", 1)[0]
            kept.append(f"{'#' * int(token.tag[1:])} {words}\n\n{BODY_PLACEHOLDER}\n")
    return "\n".join(kept) or f"{BODY_PLACEHOLDER}\n"


class RolloverError(Exception):
    """Last year's report cannot be rolled over (a usage error, in Chinese)."""


@dataclass(frozen=True)
class Rolled:
    """Next year's report text, and what the user should be told about it."""

    kind: str
    text: str
    notes: list[str]
