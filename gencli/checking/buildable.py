"""What would make `build` fail on a report whose structure and arithmetic are sound, found by
`validate` first, at its line: `build` must never end in an internal error on a report that
`validate` passed.

- a `{{ }}` string literal whose escape prints a control character (`{{ "\\x07" }}`): Word and
  HTML cannot hold it, and python-docx refuses the document;
- a title longer than Word's document properties hold (python-docx refuses more than 255
  characters in `core.title`);
- more headings (or list items, which count on the same counters) at one level than the Chinese
  numbering names (一、…九十九、, （一）…（九十九）); a 规划's chapters are bounded in its schema
  (`maxItems`: 第九十九章).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gencli.base.numerals import DEEPEST, LARGEST, NUMBERING

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A line that may open a heading or a list item (a cheap upper bound on how many there are).
_NUMBERED_LINE = re.compile(r"^[ \t>]*(?:#|[-*+][ \t]|\d+[.)])", re.MULTILINE)
WORD_PROPERTY_LIMIT = 255  # python-docx's limit on a core property such as the title


def _can_name(level: int, count: int) -> bool:
    """Whether the numbering of `level` names the `count`th heading (Chinese numerals stop at
    `LARGEST`; Arabic ones do not)."""
    try:
        NUMBERING[level](count)
    except IndexError:
        return False
    return True


def control_characters(text: str, render) -> Iterator[tuple[int, str]]:
    """(line, message) for each line of `text` whose `{{ }}` references print a control
    character; `render` fills in one line's references (raising for a bad one, reported
    elsewhere)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if "{{" not in line:
            continue
        try:
            printed = render(line)
        except Exception:  # noqa: BLE001 - an unsound reference has a finding of its own
            continue
        match = NOT_XML.search(printed)
        if match:
            yield (
                number,
                (
                    f"数字引用印出了不可打印的控制字符 U+{ord(match.group()):04X}"
                    "（引号中的转义写法），Word 和网页都无法容纳：请删除这段引用中的转义"
                ),
            )


def title_too_long(title: str, written: bool = True) -> str | None:
    """Why a title cannot be a Word document's title property, or None; a title not `written`
    is the default one made from the agency's name."""
    if len(title) <= WORD_PROPERTY_LIMIT:
        return None
    what = "标题" if written else "由报告机关名称生成的标题"
    fix = "请缩短标题" if written else "请缩短报告机关名称，或用 title: 写一个较短的标题"
    return f"{what}过长（{len(title)} 个字）：Word 文件的“标题”属性最多 {WORD_PROPERTY_LIMIT} 个字，{fix}"


def _numbered(markdown: str) -> Iterator[tuple[int, int, int]]:
    """(line, level, count) of every heading and list item of a narrative whose `#` prints at
    level 1 (`top_level` is added by the caller), counted as the renderer counts them
    (`document.narrative.blocks`: a heading resets the counters below it, a list item counts
    one level below the heading it stands under)."""
    from gencli.document.narrative import parser

    counts: dict[int, int] = {}
    heading = -1  # relative to the top level: the last heading's level
    lists = 0
    for token in parser().parse(markdown):
        if token.type == "heading_open":
            level = heading = int(token.tag[1:]) - 1
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
            continue
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
            continue
        elif token.type == "list_item_open":
            level = heading + lists
        else:
            continue
        counts[level] = counts.get(level, 0) + 1
        for deeper in [key for key in counts if key > level]:
            counts[deeper] = 0
        line = token.map[0] + 1 if token.map else 1
        yield line, level, counts[level]


def numbering_overflow(markdown: str, top_level: int) -> Iterator[tuple[int, str]]:
    """(line, message) for the first heading or item past what its level's numbering names."""
    if len(_NUMBERED_LINE.findall(markdown)) <= LARGEST:
        return  # too few headings and items to run out (and validate needs no Markdown parser)
    for line, relative, count in _numbered(markdown):
        level = min(top_level + relative, DEEPEST)
        if not _can_name(level, count):
            last = NUMBERING[level](LARGEST)
            yield (
                line,
                (
                    f"同一级的标题或列表项超过 {LARGEST} 个：编号最多到“{last.strip()}”，"
                    "请合并部分内容，或分到下一级标题之下"
                ),
            )
            return
