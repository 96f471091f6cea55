"""Text as published pages print it, made comparable: labels, numbers and numbering.

Pages differ in ways that do not change what a cell says: full- or half-width punctuation,
spaces and `&nbsp;` inside labels, a label broken over lines, `1、` for `1.`, curly or straight
quotes. `label_key` erases those differences, so a row is matched to the form by what it says.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

_SPACE = re.compile(r"[\s\u00a0\u3000]+")
# Characters of no width: word joiners (gencli's Word writer keeps “2024年” on one line with
# U+2060), zero-width spaces and BOMs pasted from Word. They are layout, not text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]+")
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』")
_NUMBERING = re.compile(
    r"^(?:(?P<paren>\([一二三四五六七八九十]+\))|(?P<chinese>[一二三四五六七八九十]+)、"
    r"|(?P<digit>\d+)[.、])"
)
BLANKS = frozenset({"", "/", "-", "—", "——", "–", "无", "\\"})
_NUMBER = re.compile(r"^(?P<number>[+-]?\d+(?:\.\d+)?)(?P<unit>万元|元|件|个|项|条)?$")


def squeeze(text: str) -> str:
    """Whitespace runs as one space, none at the ends, no zero-width characters (what a
    browser shows)."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


@functools.lru_cache(maxsize=8192)  # a page repeats its cells ("0", "总计") hundreds of times
def label_key(text: str) -> str:
    """A label reduced to what it says: half-width, no spaces, no quotes, `1.` numbering."""
    text = unicodedata.normalize("NFKC", text)
    text = _SPACE.sub("", _INVISIBLE.sub("", text)).translate(_QUOTES)
    text = re.sub(r"^(\d+)、", r"\1.", text)
    return text.rstrip("。:：;；")


def numbering(key: str) -> str:
    """The numbering a label key starts with (`(三)`, `三、`, `1.`), or ""."""
    found = _NUMBERING.match(key)
    return found.group(0) if found else ""


def is_blank(text: str) -> bool:
    """A cell printed empty or with a dash, which published tables use for 0."""
    return label_key(text) in BLANKS


@functools.lru_cache(maxsize=8192)
def number(text: str) -> tuple[int | Decimal, str] | None:
    """A printed figure and its unit ("9742万元" → (9742, "万元")), or None if it is not one."""
    key = label_key(text).replace(",", "")
    sign = {"增": "", "减": "-"}.get(key[:1])  # 本年增/减 printed in words: 增 1, 减 4
    if sign is not None and key[1:2].isdigit():
        key = sign + key[1:]
    found = _NUMBER.match(key)
    if not found:
        return None
    digits = found.group("number")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    figure: int | Decimal = int(value) if "." not in digits else value
    return figure, found.group("unit") or ""


def is_value(text: str) -> bool:
    """A cell that holds a figure or a blank: not a label."""
    return is_blank(text) or number(text) is not None
