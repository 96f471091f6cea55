"""`gencli init` skeletons of the narrative kinds: every part or key present with a Chinese comment,
narrative left empty, so the file validates as it is (empty required parts only warn)."""

from __future__ import annotations

from gencli.kinds.plan import form as plan
from gencli.kinds.rule_of_law_annual import form as rla
from gencli.kinds.work_summary import form as work_summary

MARKDOWN_HINT = "# 叙述部分用 Markdown 书写；标题不写编号，由生成器编号。"


def _head(ref: str, heading: str, kind: str) -> list[str]:
    return [f"# yaml-language-server: $schema={ref}", f"# {heading}", MARKDOWN_HINT,
            f"kind: {kind}"]


def _optional(key: str, value: str | int | None, note: str) -> str:
    """`key: value`, or the key commented out when `init` was not told its value."""
    return f"{key}: {value}" if value is not None else f"# {key}: {note}"


def rule_of_law_annual(year: int, agency: str, ref: str) -> str:
    """The skeleton of a 法治政府建设年度报告 for `year`: the five parts with their printed titles."""
    lines = _head(ref, f"{agency}{year}年法治政府建设年度报告（{rla.REGULATION}第二十五条）", rla.KIND)
    lines += [f"agency: {agency}", f"year: {year}",
              "# date: 2025-03-20        # 成文日期（可选，印在署名下方）",
              "# 各部分中 # 标题印为（一），## 为 1.，### 为（1）", ""]
    for part in rla.parts_for(year):
        if part.required:
            lines += [f"# {part.title}", f'{part.key}: ""', ""]
        else:
            lines += [f"# {part.title}：省略时印“{rla.NO_OTHER_MATTERS}”", f'# {part.key}: ""']
    return "\n".join(lines) + "\n"


def work_summary_skeleton(year: int | None, agency: str | None, ref: str) -> str:
    """The skeleton of a 工作总结: a title made of what `init` was told, an empty body."""
    title = f"{agency or ''}{f'{year}年' if year else ''}工作总结"
    lines = _head(ref, title, work_summary.KIND)
    lines += [
        f"title: {title}",
        _optional("agency", agency, "某某局        # 报告机关（可选）"),
        _optional("year", year, "2024          # 报告年度（可选）"),
        "# date: 2025-01-20        # 成文日期（可选；填写时与报告机关一起印在正文之后）",
        "# 正文：# 标题印为“一、”，## 为“（一）”，### 为“1.”，#### 为“（1）”；",
        "# 标题行在“。”之后接着写正文，即印为段首标题。",
        "body: |",
        "  （开头一段）",
        "",
        "  # 第一部分标题",
        "",
        "  正文。",
    ]
    return "\n".join(lines) + "\n"


def plan_skeleton(year: int | None, agency: str | None, ref: str) -> str:
    """The skeleton of a 规划: one chapter and an indicator table to copy from (`year`, when
    given, is the plan's target year)."""
    lines = _head(ref, "规划（分章编写；第X章由生成器编号）", plan.KIND)
    columns = "、".join(f"{c.key}（{c.title}）" for c in plan.INDICATOR_COLUMNS)
    lines += [
        f"title: {agency or '某某'}规划",
        _optional("agency", agency, "某某局        # 编制机关（可选）"),
        "# date: 2025-01-20        # 成文日期（可选；填写时与编制机关一起印在正文之后）",
        "preface: |",
        "  （印在第一章之前的文字）",
        "chapters:",
        "  - title: 发展基础",
        "    # 章正文：# 标题印为“一、”，## 为“（一）”，### 为“1.”；```专栏 标题 … ``` 为专栏",
        "    body: |",
        "      # 第一节标题",
        "",
        "      正文。",
        "    # 主要指标表（可选，印在本章正文之后）；每行：" + columns,
        "    # indicators:",
        "    #   title: 主要指标",
        f"    #   base_year: {year - 5 if year else 2020}",
        f"    #   target_year: {year if year else 2025}",
        "    #   rows:",
        "    #     - {name: 指标名称, unit: 单位, base: 0, target: 0, type: 预期性}",
    ]
    return "\n".join(lines) + "\n"


SKELETONS = {
    rla.KIND: rule_of_law_annual,
    work_summary.KIND: work_summary_skeleton,
    plan.KIND: plan_skeleton,
}
