"""A flow read as a 政府信息公开工作年度报告: title, parts, tables, fees and 落款.

The title gives the agency and year; the part headings 一、…六、 split the narrative; the grids
are recognised by what they say (not where they stand) and read by `tables`; the last lines
of the article give the date (落款). What is missing is marked, never made up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gencli.importing import parts as partsmod
from gencli.importing import tables
from gencli.importing import text as texts
from gencli.importing.flow import Flow, Grid, Paragraph
from gencli.kinds.gov_info_annual import form as gia

_REPORT = r"政府信息公开(?:工作)?(?:年度)?(?:报告|年报)"
_TITLES = (  # 某局2023年度…报告, and 2019年某局…报告
    re.compile(r"(?P<agency>[^\s_|｜—-]{2,60}?)(?P<year>(?:19|20)\d\d)年(?:度)?(?:的)?" + _REPORT),
    re.compile(r"(?P<year>(?:19|20)\d\d)年(?:度)?(?P<agency>[^\s_|｜—-]{2,60}?)" + _REPORT),
)
_DATE = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$")
_FEES = re.compile(
    r"收费通知\s*(?P<notices>\d+)\s*件.*?信息处理费\s*(?P<amount>\d+(?:\.\d+)?)\s*元"
)
_PAGE_LINE = re.compile(r"^(?:发布(?:日期|时间)|来源|字号|浏览次数|【字体)[:：]?")
_TABLE_PARTS = {2: tables.PROACTIVE, 3: tables.APPLICATIONS, 4: tables.APPEALS}
NARRATIVE_KEYS = {0: "preface", 1: "overview", 5: "problems", 6: "other"}


class NotAReport(ValueError):
    """The source is not a 政府信息公开工作年度报告 (a message in Chinese saying why)."""


@dataclass
class Imported:
    """A report as read from its source, and what was assumed or could not be placed."""

    agency: str
    year: int
    format: int
    title: str
    date: str | None = None
    narrative: dict[str, str] = field(default_factory=dict)
    reading: tables.Reading = field(default_factory=tables.Reading)
    processing_fees: dict[str, Any] | None = None
    assumptions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def title_of(flow: Flow) -> tuple[str, str, int] | None:
    """The report's title, agency and year, from the first title candidate that names them.

    Word breaks a long title over two or three centred lines ("平潭综合实验区2019年" /
    "政府信息公开工作年度报告"), and a page pasted from Word keeps them as paragraphs: the
    leading paragraphs are tried one by one, then joined two and three at a time."""
    leading = [unbold(b.text) for b in flow.blocks[:5] if isinstance(b, Paragraph)]
    joined = [
        "".join(leading[start : start + size])
        for size in (2, 3)
        for start in range(len(leading) - size + 1)
    ]
    candidates = [*flow.titles, *leading, *joined]
    for candidate in candidates:
        for pattern in _TITLES:
            found = pattern.search(candidate.replace(" ", ""))
            if found:
                return found.group(0), found.group("agency"), int(found.group("year"))
    return None


def in_title(paragraph: Paragraph, title: str) -> bool:
    """A line of the title printed above the text (titles are often broken over two lines)."""
    key = texts.label_key(unbold(paragraph.text))
    return bool(key) and key in texts.label_key(title)


def unbold(text: str) -> str:
    return partsmod.unbold(text)


def date_and_signature(paragraphs: list[Paragraph], agency: str) -> tuple[str | None, str | None]:
    """The 落款 at the end (taken out of `paragraphs`): its date, and the signing agency."""
    for index in range(len(paragraphs) - 1, max(len(paragraphs) - 4, -1), -1):
        plain = unicodedata.normalize("NFKC", unbold(paragraphs[index].text)).replace(" ", "")
        found = _DATE.match(plain)
        if not found:
            continue
        y, m, d = (int(found.group(k)) for k in "ymd")
        tail = paragraphs[index + 1 :]
        del paragraphs[index:]
        signed = None
        if paragraphs and _is_signature(paragraphs[-1].text, agency):
            signed = unbold(paragraphs.pop().text)
        paragraphs.extend(p for p in tail if not _is_signature(p.text, agency))
        return f"{y:04d}-{m:02d}-{d:02d}", signed
    return None, None


def _date(paragraphs: list[Paragraph], agency: str) -> str | None:
    return date_and_signature(paragraphs, agency)[0]


def _is_signature(text: str, agency: str) -> bool:
    plain = texts.label_key(unbold(text))
    return plain == texts.label_key(agency) or (
        len(plain) <= 30
        and plain.endswith(("局", "厅", "委员会", "政府", "办公室", "管委会"))
        and "。" not in plain
    )


def _fees(paragraphs: list[Paragraph], fmt: gia.Format) -> dict[str, Any] | None:
    """信息处理费 as gencli prints it at the start of part 六 (taken out, as it is generated)."""
    if fmt.year < 2021 or not paragraphs:
        return None
    first = unbold(paragraphs[0].text)
    if first == gia.NO_FEES:
        paragraphs.pop(0)
        return {"notices": 0, "amount": 0}
    found = _FEES.search(first)
    if found and first == gia.FEES_SENTENCE.format(
        notices=found.group("notices"), amount=found.group("amount")
    ):
        paragraphs.pop(0)
        amount = Decimal(found.group("amount"))
        return {
            "notices": int(found.group("notices")),
            "amount": int(amount)
            if amount == amount.to_integral() and "." not in found.group("amount")
            else amount,
        }
    return None


def read_report(flow: Flow) -> Imported:
    """The report a flow holds; `NotAReport` if it holds none."""
    titled = title_of(flow)
    grids: dict[str, Grid] = {}
    unplaced: list[str] = []
    by_part: dict[int, list[Paragraph]] = {0: []}
    current = 0
    headings = 0
    for block in flow.blocks:
        if isinstance(block, Grid):
            which = tables.classify(block)
            if which is None or which in grids:
                unplaced.append(
                    f"第 {current} 部分中的表格（{len(block.rows)} 行）不是表二、表三、表四之一，未读入"
                )
            else:
                grids[which] = block
            continue
        number = partsmod.part_number(block)
        if number is not None and number > current:
            current, headings = number, headings + 1
            by_part.setdefault(current, [])
            continue
        if titled and current == 0 and not by_part[0] and in_title(block, titled[0]):
            continue
        if current == 0 and _PAGE_LINE.match(unbold(block.text)):
            continue  # the portal's 发布日期/来源 line under the title
        by_part.setdefault(current, []).append(block)
    if titled is None or (not grids and headings < 3):
        raise NotAReport(
            "这不像是一份政府信息公开工作年度报告："
            + (
                "没有找到“某机关2023年政府信息公开工作年度报告”这样的标题"
                if titled is None
                else "没有找到它的表格和“一、”至“六、”各部分"
            )
        )
    title, agency, year = titled
    detected = tables.detect_format(grids)
    fmt = gia.FORMATS_BY_YEAR[detected or gia.default_format(year)]
    imported = Imported(agency, year, fmt.year, title)
    if detected is None:
        imported.assumptions.append(
            f"表格格式按年度取 {fmt.document}（表格中没有可以判断格式的列）"
        )
    else:
        imported.assumptions.append(f"表格格式为 {fmt.document}（据表格的列判断）")
    reading = imported.reading
    readers = {
        tables.PROACTIVE: lambda g: tables.read_proactive(g, fmt, reading),
        tables.APPLICATIONS: lambda g: tables.read_applications(g, fmt, reading),
        tables.APPEALS: lambda g: tables.read_appeals(g, reading),
    }
    for which, grid in grids.items():
        readers[which](grid)
    for part, which in _TABLE_PARTS.items():
        if which not in reading.found:
            imported.missing.append(
                f"{gia.PARTS[part - 1].title}：原文中没有找到这张表，表中数字暂为 0，须按原文补录"
            )
    reading.unplaced[:0] = unplaced
    last = max(by_part)
    imported.date = _date(by_part[last], agency)
    imported.processing_fees = _fees(by_part.get(6, []), fmt)
    for part, key in NARRATIVE_KEYS.items():
        paragraphs = by_part.get(part, [])
        if key == "other" and [unbold(p.text) for p in paragraphs] == [gia.NO_OTHER_MATTERS]:
            continue
        if paragraphs or key != "preface":
            imported.narrative[key] = partsmod.markdown(paragraphs)
    for part in (2, 3, 4):
        for paragraph in by_part.get(part, []):
            reading.unplaced.append(f"{gia.PARTS[part - 1].title}中的文字：{paragraph.text[:60]}")
    for key in ("overview", "problems"):
        if not imported.narrative.get(key):
            title = next(p.title for p in gia.PARTS if p.key == key)
            imported.missing.append(f"{title}：原文中没有找到这一部分")
    if not imported.date:
        imported.assumptions.append("原文末尾没有成文日期（落款），未写 date")
    return imported
