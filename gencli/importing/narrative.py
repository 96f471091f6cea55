"""What the narrative kinds (rule-of-law-annual, plan) share when a flow is read into them.

Their parts are Markdown under headings the generator numbers, so the importer needs to know at
which level of the official numbering a part's `#` prints: the kind's schema declares it
(`x-heading-level`), the same declaration the generator and validate read. The article's first
lines repeat the title and, on portals, say when and where it was published; those are page,
not report. A table inside the narrative cannot be placed yet and is listed, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from gencli.importing.flow import Flow, Grid, Paragraph
from gencli.importing.gov_info_annual import in_title, unbold

# The portal's lines under a title (发布时间:2021-03-15 信息来源: … 字号:【), and its breadcrumb.
_PAGE_LINE = re.compile(r"^(?:发布(?:日期|时间)|来源|信息来源|字号|浏览次数|【字体|当前位置)[:：]?")


def heading_top(schema: Callable[[], dict[str, Any]]) -> int:
    """The index in the official numbering (0 一、, 1 （一）, …) of what `#` prints as, from
    the kind's schema (`x-heading-level` 1 is 一、, 2 is （一）)."""
    return int(schema().get("x-heading-level", 1)) - 1


def article_blocks(
    flow: Flow, title: str, starts: Callable[[Paragraph], bool]
) -> tuple[list[Paragraph | Grid], list[str]]:
    """The flow's blocks from the report's text on, and what came before it that is not page.

    The text starts after the title printed above it (often over two lines), if the title is
    printed before the first part heading (`starts`); what precedes the title there, other than
    the portal's 发布时间/来源 lines, is another document (a 印发通知, an index card) and is
    returned to be listed, not read."""
    blocks = list(flow.blocks)
    first = next(
        (i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and starts(b)), len(blocks)
    )
    titled = [i for i in range(first) if _is_title(blocks[i], title)]
    begin = titled[-1] + 1 if titled else 0
    skipped = [
        f"标题之前的文字未读入：{block.text[:60]}"
        for block in blocks[:begin]
        if isinstance(block, Paragraph)
        and not (_is_title(block, title) or _PAGE_LINE.match(unbold(block.text)))
    ]
    skipped += [table_note("标题之前", b) for b in blocks[:begin] if isinstance(b, Grid)]
    rest = blocks[begin:]
    while rest and isinstance(rest[0], Paragraph) and _PAGE_LINE.match(unbold(rest[0].text)):
        rest.pop(0)
    return rest, skipped


def _is_title(block: Paragraph | Grid, title: str) -> bool:
    return isinstance(block, Paragraph) and in_title(block, title)


def table_note(where: str, grid: Grid) -> str:
    """What is listed for a table found in a narrative part: not read, to be copied by hand."""
    return f"{where}中的表格（{len(grid.rows)} 行）未读入，请对照原文补录"
