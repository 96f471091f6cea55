"""法治政府建设年度报告: the five contents that 《法治政府建设与责任落实督察工作规定》 (2019) 第二十五条
requires of the annual report, published by 4月1日, each a narrative part in this fixed order.

The printed titles carry the year reported on ({year}) and the next ({next_year}); the schema
shows them without the year, since it is the same for every report.
"""

from __future__ import annotations

import dataclasses
import re

from gencli.kinds.model import Part

KIND = "rule-of-law-annual"
NAME = "法治政府建设年度报告"
FIRST_YEAR = 2019
REGULATION = "《法治政府建设与责任落实督察工作规定》"

PARTS = (
    Part(
        "measures",
        "一、{year}年推进法治政府建设的主要举措和成效",
        "narrative",
        description="上一年度（报告年度）推进法治政府建设的主要举措和成效。",
    ),
    Part(
        "shortcomings",
        "二、{year}年推进法治政府建设存在的不足和原因",
        "narrative",
        description="报告年度推进法治政府建设存在的不足和原因。",
    ),
    Part(
        "leadership",
        "三、{year}年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
        "narrative",
        description="报告年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况。",
    ),
    Part(
        "next_year",
        "四、{next_year}年推进法治政府建设的主要安排",
        "narrative",
        description="下一年度推进法治政府建设的主要安排。",
    ),
    Part(
        "other",
        "五、其他需要报告的情况",
        "narrative",
        required=False,
        description="其他需要报告的情况；省略或为空时印“本机关无其他需要报告的情况。”",
    ),
)

NO_OTHER_MATTERS = "本机关无其他需要报告的情况。"


def default_title(agency: str, year: int | str) -> str:
    """The title printed when the report gives none: 某某局2023年法治政府建设年度报告."""
    return f"{agency}{year}年{NAME}"


def generic_title(part: Part) -> str:
    """The title without its year, for the schema and error paths: 一、推进法治政府建设的主要举措和成效."""
    return re.sub(r"\{\w+\}年", "", part.title)


def parts_for(year: int) -> tuple[Part, ...]:
    """The parts with their printed titles for a report on `year`."""
    return tuple(
        dataclasses.replace(p, title=p.title.format(year=year, next_year=year + 1)) for p in PARTS
    )


def form_for(report: dict) -> tuple[Part, ...]:
    """What the template iterates: the five parts titled for the report's year."""
    return parts_for(report["year"])
