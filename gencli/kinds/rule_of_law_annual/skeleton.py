"""`gencli init` for 法治政府建设年度报告: the five parts with their printed titles, left empty,
or (`init --from`) holding last year's outline, with last year's text as comments above."""

from __future__ import annotations

from gencli.base.yaml_writing import EMPTY, block
from gencli.kinds.rule_of_law_annual import form as rla
from gencli.kinds.skeleton_common import OFFICIAL_DOCUMENT, ZEROS, Start, head


def skeleton(year: int | None, agency: str | None, ref: str, start: Start = ZEROS) -> str:
    """The skeleton of a 法治政府建设年度报告 for `year`: the five parts with their printed titles
    (`init` has checked that it was told the year and agency the schema requires)."""
    if year is None or agency is None:
        raise ValueError("a rule-of-law-annual skeleton needs its year and agency")
    heading = f"{rla.default_title(agency, year)}（{rla.REGULATION}第二十五条）"
    document = head(ref, heading, rla.KIND, start.origin)
    document.put("agency", agency)
    document.put("year", year)
    document.comment(
        f"date: {start.date or f'{year + 1}-03-20'}        # 成文日期（可选，印在署名下方）",
        "各部分中 # 标题印为（一），## 为 1.，### 为（1）",
        "",
        *OFFICIAL_DOCUMENT,
    )
    for part in rla.parts_for(year):
        text = start.texts.get(part.key)
        if part.required:
            document.comment(part.title, *start.previous_text(part.key))
            document.put(part.key, block(text) if text else EMPTY)
            document.comment("")
        else:
            document.comment(
                f"{part.title}：省略时印“{rla.NO_OTHER_MATTERS}”",
                *start.previous_text(part.key),
                f'{part.key}: ""',
            )
    return document.text()
