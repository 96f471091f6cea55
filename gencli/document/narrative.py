"""Narrative Markdown → document blocks, parsed once with markdown-it-py (CommonMark + GFM tables).

Authors never number headings: `#`, `##`, `###` … become the official hierarchy below the level
the template asks for (第一章 → 一、 → （一） → 1. → （1）), counted afresh in every narrative part.

Two conventions of printed 公文 have no Markdown of their own:
- a 段首标题 (run-in heading), "（一）深化改革。全面推行……": written as one heading line whose text
  goes on after its first "。"; the words up to that mark are the heading, the rest is body text
  of the same paragraph;
- a boxed 专栏: a fenced block whose info string is `专栏 标题`; its content is narrative again
  (its `#` headings print as 1., `##` as （1）), and the box is numbered 专栏1, 专栏2 … over the
  whole document (see `markup`).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from gencli.base.numerals import DEEPEST, NUMBERING
from gencli.document.model import Block, Box, Cell, Heading, ListItem, Paragraph, Run, Table

BOX = "专栏"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
BOX_TOP_LEVEL = 3
RUN_IN_END = "。"


@functools.cache
def _cjk() -> re.Pattern[str]:
    """Chinese characters and punctuation. Compiled on first use: its wide ranges take 2 ms,
    and only a paragraph written over several lines needs it."""
    return re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’—…·]")


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


_FOOTNOTE = re.compile(r"\[\^[^\]]*\]")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:")


def unsupported(markdown: str) -> list[tuple[int, str]]:
    """Markup that would silently change the printed text, with its 1-based line: footnotes (a
    公文 has none; their notes would vanish), link reference definitions (never printed), and
    tables or nesting beyond the declared limits (see markdown_limits)."""
    from gencli.document import markdown_limits

    found = markdown_limits.problems(markdown)
    for number, line in enumerate(markdown.split("\n"), 1):
        footnote = _FOOTNOTE.search(line)
        if footnote:
            found.append(
                (
                    number,
                    f"公文不用脚注：“{footnote.group(0)}”不会印成脚注，"
                    "请把注释写进正文（如用括号）",
                )
            )
        elif _DEFINITION.match(line):
            found.append(
                (
                    number,
                    "这一行是 Markdown 的链接定义，不会印出来；若是正文，请去掉行首的方括号写法",
                )
            )
    return found


def _join_break(before: str, after: str) -> str:
    """A line break inside a paragraph: nothing between Chinese characters, a space otherwise."""
    if not before or not after or _cjk().match(before[-1]) or _cjk().match(after[0]):
        return ""
    return " "


def inline_runs(token: Any) -> list[Run]:
    """An inline token's children as runs; bold is the only emphasis kept."""
    runs: list[Run] = []
    bold = 0
    pending_break = False
    for child in token.children or ():
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind in ("softbreak", "hardbreak"):
            pending_break = True
        elif kind in ("text", "code_inline", "image"):
            text = child.content
            if pending_break:
                before = runs[-1].text if runs else ""
                text = _join_break(before, text) + text
                pending_break = False
            if runs and runs[-1].bold == bool(bold):
                runs[-1] = Run(runs[-1].text + text, runs[-1].bold)
            elif text:
                runs.append(Run(text, bool(bold)))
    return runs


def split_run_in(runs: list[Run]) -> tuple[list[Run], list[Run]]:
    """A heading's runs cut after its first "。" when text follows it: (heading, run-in body)."""
    text = "".join(run.text for run in runs)
    end = text.find(RUN_IN_END) + 1
    if not end or not text[end:].strip():
        return runs, []
    head: list[Run] = []
    tail: list[Run] = []
    seen = 0
    for run in runs:
        cut = min(max(end - seen, 0), len(run.text))
        if run.text[:cut]:
            head.append(Run(run.text[:cut], run.bold))
        if run.text[cut:]:
            tail.append(Run(run.text[cut:], run.bold))
        seen += len(run.text)
    return head, tail


# Numbering an author typed although the generator numbers every heading: "（一）总体情况"
# under `##` would print "（一）（一）总体情况". Chinese or Arabic numerals, in the official forms.
_CHINESE_NUMERAL = "[一二三四五六七八九十百零〇]+"
TYPED_NUMBER = re.compile(
    rf"^\s*(?:第{_CHINESE_NUMERAL}章|{_CHINESE_NUMERAL}、|[（(]\s*{_CHINESE_NUMERAL}\s*[）)]"
    r"|\d+\s*[.．、](?!\d)|[（(]\s*\d+\s*[）)])\s*"
)


_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+")


def typed_number(text: str) -> str:
    """The numbering an author typed at the start of a heading's `text`, or ""."""
    found = TYPED_NUMBER.match(text)
    return found.group(0) if found and text[found.end() :].strip() else ""


def _strip_typed_number(runs: list[Run]) -> list[Run]:
    """A heading's runs without the numbering typed at their start: the generator prints its own
    (validate warns at the line, so the author can delete it)."""
    if not runs:
        return runs
    typed = typed_number(runs[0].text)
    if not typed:
        return runs
    rest = runs[0].text[len(typed) :]
    return ([Run(rest, runs[0].bold)] if rest else []) + runs[1:]


def typed_numbering(markdown: str) -> list[tuple[int, str]]:
    """Headings whose numbering was typed by hand, with their 1-based line, for validate. A scan
    of the ATX heading lines (a 专栏's too) rather than a parse: validate runs on every save."""
    found = []
    for number, line in enumerate(markdown.split("\n"), 1):
        heading = _ATX_HEADING.match(line)
        typed = typed_number(line[heading.end() :]).strip() if heading else ""
        if typed:
            found.append(
                (
                    number,
                    f"标题前的编号“{typed}”不必手写：生成器按层级自动编号，"
                    f"这里已略去它以免印成两遍；请删去“{typed}”，只写标题文字",
                )
            )
    return found


class _Numbering:
    """Counters for the heading levels; a heading resets the counters below it. List items
    count on the same counters (a list under （一） prints 1. 2. …, and a `###` heading after it
    goes on from there), so one part never shows two different "1." sequences side by side.
    A list below the deepest heading level (under （1）) is numbered ① ② …, the customary level
    below （1）; past ⑳ it prints as （21）."""

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}

    def next(self, level: int) -> str:
        self.counts[level] = self.counts.get(level, 0) + 1
        for deeper in [key for key in self.counts if key > level]:
            self.counts[deeper] = 0
        count = self.counts[level]
        if level <= DEEPEST:
            return NUMBERING[level](count)
        return CIRCLED[count - 1] if count <= len(CIRCLED) else NUMBERING[DEEPEST](count)


def _table(tokens: list[Any], start: int) -> tuple[Table, int]:
    rows: list[list[Cell]] = []
    header_rows = 0
    index = start + 1
    in_head = False
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            rows.append([])
            header_rows += in_head
        elif token.type in ("th_open", "td_open"):
            style = token.attrGet("style") or ""
            align = style.split(":")[-1] if "text-align" in style else "center"
            inline = tokens[index + 1]
            header = token.type == "th_open"
            runs = inline_runs(inline)
            if header:  # a header row prints bold, as in printed tables, and repeats on each page
                runs = [Run(run.text, True) for run in runs]
            rows[-1].append(Cell(runs, header=header, align=align))
        index += 1
    columns = max(len(row) for row in rows)
    return Table(rows, [1.0] * columns, header_rows), index


def blocks(markdown: str, top_level: int) -> list[Block]:
    """The blocks of a narrative whose `#` headings sit at document level `top_level`."""
    tokens = parser().parse(markdown)
    numbering = _Numbering()
    found: list[Block] = []
    lists = 0  # lists open around the current token
    heading_level = top_level - 1  # the level of the last heading: lists number one below it
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = min(top_level + int(token.tag[1]) - 1, DEEPEST)
            heading_level = level
            runs, run_in = split_run_in(_strip_typed_number(inline_runs(tokens[index + 1])))
            if level == 0:  # a chapter title stands on its own line
                runs, run_in = runs + run_in, []
            found.append(Heading(level, numbering.next(level), runs, run_in))
            index += 2
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif kind == "list_item_open":
            # 公文 has no bullets: every item, ordered or not, is numbered one level below the
            # heading it stands under (under （一）: 1. 2. …; a list inside it: （1） （2） …).
            marker = numbering.next(max(heading_level, 0) + lists)
            found.append(ListItem(marker, [], depth=lists - 1))
        elif kind == "inline" and tokens[index - 1].type == "paragraph_open":
            runs = inline_runs(token)
            item = found[-1] if found else None
            if isinstance(item, ListItem) and not item.runs and token.level > 0 and lists:
                item.runs.extend(runs)
            elif runs:
                found.append(Paragraph(runs, "plain" if lists else "body"))
        elif kind == "fence" and token.info.split(maxsplit=1)[:1] == [BOX]:
            title = token.info.split(maxsplit=1)[1:] or [""]
            found.append(Box([Run(title[0].strip())], blocks(token.content, BOX_TOP_LEVEL)))
        elif kind in ("fence", "code_block"):
            found.append(Paragraph([Run(token.content.rstrip("\n"))], "plain"))
        elif kind == "table_open":
            table, index = _table(tokens, index)
            found.append(table)
        index += 1
    return found
