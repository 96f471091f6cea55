"""A flow read as a 工作总结 (`work-summary`): title, agency, year, one Markdown body, 落款.

A summary has no fixed parts: its headings are its own, numbered 一、 → `#`, （一）→ `##`,
1. → `###`, （1）→ `####` as the kind prints them; a 段首标题 that gencli printed (its words in the
level's face, then text) comes back as the heading line it was written as. The agency and year
are read from the title (“某局2020年度法治政府建设工作总结”) or the signature; what the page does
not say is left out and noted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gencli.importing import parts as partsmod
from gencli.importing.flow import Flow, Paragraph
from gencli.importing.gov_info_annual import NotAReport, date_and_signature, in_title, unbold

KIND = "work-summary"
_TITLE = re.compile(r"^(?P<agency>.*?)(?P<year>(?:19|20)\d\d)\s*年")
_SUMMARY = re.compile(r"(总结|报告)$")


@dataclass
class Summary:
    """A summary as read from its source, and what was assumed."""

    title: str
    body: str
    agency: str | None = None
    year: int | None = None
    date: str | None = None
    assumptions: list[str] = field(default_factory=list)


def read_summary(flow: Flow) -> Summary:
    """The summary a flow holds; `NotAReport` without a title naming a 总结 or 报告."""
    title = next(
        (unbold(t) for t in flow.titles if _SUMMARY.search(unbold(t).split("_")[0].strip())),
        None,
    )
    if title is None:
        raise NotAReport("这不像是一份工作总结：没有找到以“总结”或“报告”结尾的标题")
    title = title.split("_")[0].strip()
    paragraphs = [block for block in flow.blocks if isinstance(block, Paragraph)]
    while paragraphs and in_title(paragraphs[0], title):  # the title, often over two lines
        paragraphs.pop(0)
    found = _TITLE.match(title)
    agency = found.group("agency") or None if found else None
    year = int(found.group("year")) if found else None
    date, signed = date_and_signature(paragraphs, agency or "")
    summary = Summary(title, partsmod.markdown(paragraphs, top=0), agency or signed, year, date)
    if summary.agency is None:
        summary.assumptions.append("标题和落款中都没有机关名称，未写 agency")
    if not date:
        summary.assumptions.append("原文末尾没有成文日期（落款），未写 date")
    return summary
