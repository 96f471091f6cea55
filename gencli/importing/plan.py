"""A flow read as a 规划 (`plan`): title, preface, the chapters at their 第X章 headings, 落款.

A chapter begins at a heading numbered as the generator numbers chapters (`base.numerals`
level 0: “第一章　发展基础”); its title is written without the number, as the author writes it.
Within a chapter, headings are Markdown at the level the kind's schema declares for `#`
(一、→ `#`, （一）→ `##`, 1. → `###`). A chapter number skipped (第一章, 第三章) is marked missing;
the chapters found are still read. The agency is printed only in the 署名 (with the date): a page
without one leaves it out, and says so. Indicator tables and 专栏 are not read yet: a table is
listed at the end of the file, a 专栏's lines stay in the chapter's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gencli.base.numerals import NUMBERING, chinese_number
from gencli.importing import parts as partsmod
from gencli.importing import text as texts
from gencli.importing.flow import Flow, Grid, Paragraph
from gencli.importing.gov_info_annual import NotAReport, date_and_signature, unbold
from gencli.importing.narrative import article_blocks, heading_top, table_note
from gencli.kinds.plan import form
from gencli.kinds.plan.schema import schema

KIND = form.KIND
_TITLE = re.compile(rf"{form.NAME}(?:[（(][^）)]*[）)])?$")  # …规划, …规划（2021—2025年）
_BEFORE, _AFTER = NUMBERING[0](1).strip().split(chinese_number(1))  # 第, 章
_CHAPTER = re.compile(
    rf"^{_BEFORE}(?P<number>[一二三四五六七八九十]+){_AFTER}[\s\u3000]*(?P<title>\S.*)$"
)
_HEADING_LIMIT = 40  # a chapter heading stands alone and is short


@dataclass
class Chapter:
    """One chapter: its title without 第X章, and its body as Markdown."""

    title: str
    body: str = ""


@dataclass
class Plan:
    """A 规划 as read from its source, and what was assumed, is missing or was not placed."""

    title: str
    agency: str | None = None
    date: str | None = None
    preface: str = ""
    chapters: list[Chapter] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


def _title(flow: Flow) -> str | None:
    """The plan's title: a page title, or a line before the first chapter, naming a 规划 (a
    plan is often published under the 通知 that issues it, its own title below the 通知)."""
    lines: list[str] = []
    for block in flow.blocks:
        if isinstance(block, Paragraph):
            if _chapter_number(block) is not None:
                break
            lines.append(block.text)
    for candidate in [*flow.titles, *lines]:
        plain = texts.squeeze(unbold(candidate).split("_")[0])
        if _TITLE.search(plain) and len(plain) <= 2 * _HEADING_LIMIT:
            return plain
    return None


def _chapter_number(paragraph: Paragraph) -> tuple[int, str] | None:
    """The number and title of a chapter heading (“第三章　重点任务”), else None."""
    plain = unbold(paragraph.text)
    found = _CHAPTER.match(plain)
    if not found or len(plain) > _HEADING_LIMIT or plain.endswith(("。", "；")):
        return None
    numeral = found.group("number")
    numbers = {chinese_number(n): n for n in range(1, 100)}
    if numeral not in numbers:
        return None
    return numbers[numeral], found.group("title").strip()


def _signs(paragraph: Paragraph) -> bool:
    """A line above the date that can only be the 署名: short, not a sentence, not numbered."""
    plain = unbold(paragraph.text)
    return (
        len(plain) <= _HEADING_LIMIT
        and not any(mark in plain for mark in "。；，：")
        and not texts.numbering(texts.label_key(plain))
        and partsmod.markdown_line(paragraph) == paragraph.text
    )


def read_plan(flow: Flow) -> Plan:
    """The plan a flow holds; `NotAReport` without a title naming a 规划 or any chapter."""
    title = _title(flow)
    if title is None:
        raise NotAReport(f"这不像是一份{form.NAME}：没有找到以“{form.NAME}”结尾的标题")
    plan = Plan(title)
    preface: list[Paragraph] = []
    bodies: list[list[Paragraph]] = []
    numbers: list[int] = []
    blocks, plan.unplaced = article_blocks(
        flow, title, lambda paragraph: _chapter_number(paragraph) is not None
    )
    for block in blocks:
        where = f"第{chinese_number(numbers[-1])}章" if numbers else "第一章之前"
        if isinstance(block, Grid):
            plan.unplaced.append(table_note(where, block) + "（主要指标表尚不能导入）")
            continue
        heading = _chapter_number(block)
        if heading is not None and heading[0] > (numbers[-1] if numbers else 0):
            numbers.append(heading[0])
            plan.chapters.append(Chapter(heading[1]))
            bodies.append([])
            continue
        (bodies[-1] if bodies else preface).append(block)
    if not plan.chapters:
        raise NotAReport(
            f"这不像是一份分章编写的{form.NAME}：没有找到“{NUMBERING[0](1).strip()} ……”这样的章标题"
        )
    plan.date, plan.agency = date_and_signature(bodies[-1], "")
    if plan.date and plan.agency is None and bodies[-1] and _signs(bodies[-1][-1]):
        plan.agency = unbold(bodies[-1].pop().text)  # 署名 not ending in 局/厅…: 某局（某局）
    for expected in range(1, numbers[-1] + 1):
        if expected not in numbers:
            plan.missing.append(f"第{chinese_number(expected)}章：原文中没有找到这一章")
    top = heading_top(schema)
    plan.preface = partsmod.markdown(preface, top)
    for chapter, paragraphs in zip(plan.chapters, bodies):
        chapter.body = partsmod.markdown(paragraphs, top)
    if plan.agency is None:
        plan.assumptions.append("原文没有署名（编制机关），未写 agency")
    if not plan.date:
        plan.assumptions.append("原文末尾没有成文日期（落款），未写 date")
    return plan
