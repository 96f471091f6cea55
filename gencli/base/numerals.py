"""How numbers are written in Chinese text: figures as printed, and Chinese numerals for numbering.

Shared by messages (a figure in an error says 24252.311082, never 2.4252311082E+4), the numbering
of headings (一、 （一）) and the notes of roll-over (分为三行), so each is written one way only.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

_DIGITS = "零一二三四五六七八九"
LARGEST = 99


def show(value: Any) -> str:
    """A figure as printed: exact decimals, no exponent."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (numbering never goes further)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


# The official numbering of headings (GB/T 9704-2012 7.3.3: 一、 （一） 1. （1）), below the
# chapters of a 规划 (第一章). Authors never type it: `#`, `##` … are numbered by the generator.
NUMBERING: dict[int, Callable[[int], str]] = {
    0: lambda n: f"第{chinese_number(n)}章\u3000",
    1: lambda n: f"{chinese_number(n)}、",
    2: lambda n: f"（{chinese_number(n)}）",
    3: lambda n: f"{n}.",
    4: lambda n: f"（{n}）",
}
DEEPEST = max(NUMBERING)


def numbering_hint(top_level: int = 1) -> str:
    """How Markdown headings print, for schemas and skeletons: # 标题印为“一、”，## 为“（一）”…
    from `top_level` (the level a part's `#` prints at) down to the deepest level."""
    shown = [NUMBERING[level](1) for level in range(top_level, DEEPEST + 1)]
    marks = ["#" * depth for depth in range(1, len(shown) + 1)]
    return f"{marks[0]} 标题印为“{shown[0]}”，" + "，".join(
        f"{mark} 为“{number}”" for mark, number in zip(marks[1:], shown[1:])
    )
