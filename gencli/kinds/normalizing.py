"""What every kind's normalizer shares: plain values, figure defaults, the common keys.

A normalized report has every row present, totals filled in and defaults applied. Templates,
figure references, cross-year checks and `diff` all read that form, never the YAML as written,
so a row written as a list, as a mapping or not at all means the same thing. Normalizers assume
a report that passed the structure check.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from gencli.kinds.model import AMOUNT, TEXT, Figure


def title_keys(written: Any, default: str) -> dict[str, Any]:
    """`title` (the title as one string: file properties, the web page's name, diff) and
    `title_lines` (the lines the author broke it into, or [] to let the writer break it)."""
    if isinstance(written, list):
        return {"title": "".join(written), "title_lines": list(written)}
    return {"title": written or default, "title_lines": []}


def chinese_date(iso: str) -> str:
    """成文日期 as printed: Arabic digits, no zero padding (GB/T 9704-2012 7.3.5.4): 2021年1月29日."""
    day = datetime.date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def figure_value(figure: Figure, value: Any) -> Any:
    if value is None:
        if figure.kind == TEXT:
            return figure.default
        return Decimal(0) if figure.kind == AMOUNT else 0
    if figure.kind == AMOUNT:
        return Decimal(value)
    return value


def plain(value: Any) -> Any:
    """ruamel's commented containers and scalar subclasses as plain Python values."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    return value


def _agencies(written: Any, separator: str, ending: str) -> str:
    """One agency or a list of them as printed: joined by `separator`, then `ending`, which an
    author may or may not have written already; empty when there is none."""
    names = written if isinstance(written, list) else [written or ""]
    text = separator.join(name.strip() for name in names if name.strip())
    text = text.rstrip("：:，,。.")
    return f"{text}{ending}" if text else ""


def official_document(data: dict) -> dict[str, str] | None:
    """`document` (公文版头, 主送机关, 版记) as the template prints it, or None for a version to
    be published. Several 主送机关 are joined by 、, the last followed by the full-width colon
    (GB/T 9704-2012 7.3.2); 抄送机关 by ，, ending in 。 (7.4.2); the 印发日期 is printed
    “2021年1月29日印发” (7.4.3). An empty `colophon` prints no 版记."""
    written = data.get("document")
    if not written:
        return None
    printed_on = written.get("printed_on")
    return {
        "mark": written["mark"].strip(),
        "number": written["number"].strip(),
        "signer": (written.get("signer") or "").strip(),
        "recipients": _agencies(written.get("recipients"), "、", "："),
        "copies": _agencies(written.get("copies"), "，", "。"),
        "printed_by": (written.get("printed_by") or "").strip(),
        "printed_on": f"{chinese_date(printed_on)}印发" if printed_on else "",
        "seal": bool(written.get("seal")),
    }


def common(data: dict, kind: str, title: str) -> dict[str, Any]:
    """The keys every kind shares, defaults applied (date also in its printed form)."""
    return {
        "kind": kind,
        "agency": data.get("agency", ""),
        "year": data.get("year"),
        **title_keys(data.get("title"), title),
        "date": data.get("date"),
        "date_text": chinese_date(data["date"]) if data.get("date") else "",
        "preface": data.get("preface", ""),
    }
