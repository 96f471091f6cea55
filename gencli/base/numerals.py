"""How numbers are written in Chinese text: figures as printed, and Chinese numerals for numbering.

Shared by messages (a figure in an error says 24252.311082, never 2.4252311082E+4), the numbering
of headings (一、 （一）) and the notes of roll-over (分为三行), so each is written one way only.
"""

from __future__ import annotations

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
