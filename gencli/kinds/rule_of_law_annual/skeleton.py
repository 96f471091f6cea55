"""`gencli init` for 法治政府建设年度报告: the five parts with their printed titles, left empty."""

from __future__ import annotations

from gencli.kinds.rule_of_law_annual import form as rla
from gencli.kinds.skeleton_common import head


def skeleton(year: int, agency: str, ref: str) -> str:
    """The skeleton of a 法治政府建设年度报告 for `year`: the five parts with their printed titles."""
    lines = head(ref, f"{rla.default_title(agency, year)}（{rla.REGULATION}第二十五条）", rla.KIND)
    lines += [
        f"agency: {agency}",
        f"year: {year}",
        "# date: 2025-03-20        # 成文日期（可选，印在署名下方）",
        "# 各部分中 # 标题印为（一），## 为 1.，### 为（1）",
        "",
    ]
    for part in rla.parts_for(year):
        if part.required:
            lines += [f"# {part.title}", f'{part.key}: ""', ""]
        else:
            lines += [f"# {part.title}：省略时印“{rla.NO_OTHER_MATTERS}”", f'# {part.key}: ""']
    return "\n".join(lines) + "\n"
