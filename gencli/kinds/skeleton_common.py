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

# The 公文 block a report sent up to a superior agency adds (GB/T 9704-2012 版头, 主送, 版记),
# commented out: the version published on a portal has none.
OFFICIAL_DOCUMENT = (
    "作为公文报送上级机关时，去掉下面各行的“#”并填写；公开发布的版本不需要：",
    "document:",
    "  mark: 某某局文件              # 发文机关标志（红色、居中）",
    "  number: 某〔2025〕1号         # 发文字号：年份用六角括号〔〕，序号不加“第”、不编虚位",
    "  signer: 某某某                # 签发人（上行文：与发文字号同一行，居右空一字）",
    "  recipients: 某某市人民政府    # 主送机关（标题下空一行，居左顶格，末尾加全角冒号）",
    "  copies: [某某厅, 某某局]      # 抄送机关（版记；可省略）",
    "  printed_by: 某某局办公室      # 印发机关（版记，与印发日期一起填写）",
    "  printed_on: 2025-01-20        # 印发日期（印为“2025年1月20日印发”）",
    "  seal: true                    # 加盖印章：留出盖章位置（成文日期右空四字，署名居中其上）",
    "",
)


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
