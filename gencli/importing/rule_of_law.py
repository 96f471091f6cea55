"""A flow read as a 法治政府建设年度报告 (`rule-of-law-annual`): title, agency, year, its parts, 落款.

The parts are the form's (`kinds.rule_of_law_annual.form.PARTS`, 督察工作规定第二十五条), found in
order at their printed headings: a heading is the part whose title it says once the numbering and
the years are set aside (“一、2023年推进法治政府建设的主要举措和成效”), or, failing that, the part
whose title it closely resembles (noted as assumed). Within a part, headings are written as
Markdown at the level the kind's schema declares for `#` (（一）→ `#`, 1. → `##`, （1）→ `###`).
Part 五 printed as its default sentence is left out, as the author would have. A required part
the page lacks is marked missing; the rest is still read.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from gencli.importing import parts as partsmod
from gencli.importing import text as texts
from gencli.importing.flow import Flow, Grid, Paragraph
from gencli.importing.gov_info_annual import NotAReport, date_and_signature, unbold
from gencli.importing.narrative import article_blocks, heading_top, table_note
from gencli.kinds.model import Part
from gencli.kinds.rule_of_law_annual import form as rla
from gencli.kinds.rule_of_law_annual.schema import schema

KIND = rla.KIND
_SUBJECT = rla.NAME.removesuffix("年度报告")  # 法治政府建设: what every such title names
_TITLES = (  # 某局2023年法治政府建设年度报告 / 某局关于2023年度法治政府建设情况的报告 / 2023年某局…
    re.compile(
        rf"^(?P<agency>.{{2,60}}?)(?:关于)?(?P<year>(?:19|20)\d\d)\s*年度?(?:的)?.*?{_SUBJECT}"
        r".*?(?:报告|总结)$"
    ),
    re.compile(
        rf"^(?P<year>(?:19|20)\d\d)\s*年度?(?P<agency>.{{2,60}}?){_SUBJECT}.*?(?:报告|总结)$"
    ),
)
_NUMBERED = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*\S")
_YEAR = re.compile(r"(?:19|20)\d\d\s*年度?")
RESEMBLES = 0.8  # a heading this like a part's title is that part, reworded
_SLACK = 10  # a part heading may be a little longer than the form's title, never a paragraph


@dataclass
class RuleOfLaw:
    """A 法治政府建设年度报告 as read from its source, and what was assumed or is missing."""

    title: str
    agency: str | None
    year: int
    date: str | None = None
    preface: str = ""
    parts: dict[str, str] = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


def _title(flow: Flow) -> tuple[str, str, int] | None:
    """The title, agency and year, from the first candidate naming 法治政府建设 and a year."""
    candidates = [
        *flow.titles,
        *(unbold(b.text) for b in flow.blocks[:5] if isinstance(b, Paragraph)),
    ]
    for candidate in candidates:
        plain = texts.squeeze(unbold(candidate).split("_")[0])
        for pattern in _TITLES:
            found = pattern.match(plain.replace(" ", ""))
            if found:
                return plain, found.group("agency"), int(found.group("year"))
    return None


def _words(title: str) -> str:
    """A heading's words without its numbering and years, made comparable."""
    key = texts.label_key(_YEAR.sub("", unbold(title)))
    return key[len(texts.numbering(key)) :]


def _part_at(paragraph: Paragraph, parts: tuple[Part, ...], after: int) -> tuple[int, bool] | None:
    """The index of the part (after `after`) whose heading `paragraph` is, and whether it says
    the form's words exactly; None for any other paragraph."""
    plain = unbold(paragraph.text)
    longest = max(len(p.title) for p in parts) + _SLACK
    if not _NUMBERED.match(plain) or len(plain) > longest or plain.endswith(("。", "；")):
        return None
    words = _words(plain)
    later = list(enumerate(parts))[after + 1 :]
    for index, part in later:
        if words == _words(rla.generic_title(part)):
            return index, True
    for index, part in later:
        matcher = difflib.SequenceMatcher(None, words, _words(rla.generic_title(part)))
        if matcher.ratio() >= RESEMBLES:
            return index, False
    return None


def read_rule_of_law(flow: Flow) -> RuleOfLaw:
    """The report a flow holds; `NotAReport` without its title or any of its parts."""
    titled = _title(flow)
    if titled is None:
        raise NotAReport(
            f"这不像是一份{rla.NAME}：没有找到“{rla.default_title('某机关', 2023)}”这样的标题"
        )
    title, agency, year = titled
    parts = rla.parts_for(year)
    report = RuleOfLaw(title, agency, year)
    by_part: dict[int, list[Paragraph]] = {-1: []}
    current = -1
    blocks, report.unplaced = article_blocks(
        flow, title, lambda paragraph: _part_at(paragraph, parts, -1) is not None
    )
    for block in blocks:
        where = parts[current].title if current >= 0 else "正文开头"
        if isinstance(block, Grid):
            report.unplaced.append(table_note(where, block))
            continue
        found = _part_at(block, parts, current)
        if found is None:
            by_part[current].append(block)
            continue
        current, exact = found
        by_part[current] = []
        if not exact:
            report.assumptions.append(f"“{unbold(block.text)}”按“{parts[current].title}”读入")
    if current < 0:
        raise NotAReport(
            f"这不像是一份{rla.NAME}：没有找到{rla.REGULATION}第二十五条规定的各部分"
            f"（如“{parts[0].title}”）；按工作领域编排的总结请用 --kind work-summary 导入"
        )
    report.date, signed = date_and_signature(by_part[current], agency)
    report.agency = agency or signed
    top = heading_top(schema)
    report.preface = partsmod.markdown(by_part[-1], top)
    for index, part in enumerate(parts):
        paragraphs = by_part.get(index)
        if paragraphs is None:
            if part.required:
                report.missing.append(f"{part.title}：原文中没有找到这一部分")
            continue
        if not part.required and [unbold(p.text) for p in paragraphs] == [rla.NO_OTHER_MATTERS]:
            continue  # the sentence gencli prints when the part is left out
        report.parts[part.key] = partsmod.markdown(paragraphs, top)
    if report.agency is None:
        report.missing.append("报告机关：标题和落款中都没有机关名称，须补填 agency")
    if not report.date:
        report.assumptions.append("原文末尾没有成文日期（落款），未写 date")
    return report
