"""`gencli init` for 规划: one chapter and an indicator table to copy from."""

from __future__ import annotations

from ruamel.yaml.comments import CommentedSeq

from gencli.base.yaml_writing import Block, block
from gencli.kinds.plan import form
from gencli.kinds.skeleton_common import BODY_PLACEHOLDER, head, optional

PREFACE_PLACEHOLDER = "（印在第一章之前的文字）"
SECTION_PLACEHOLDER = "第一节标题"
# What the skeleton writes for its author to replace: validation warns where any is left
# (the schema's `x-placeholders`). The chapter title 发展基础 is a real one, kept.
PLACEHOLDERS = (PREFACE_PLACEHOLDER, SECTION_PLACEHOLDER, BODY_PLACEHOLDER)


def _chapter(year: int | None) -> Block:
    """The first chapter, with the indicator table to copy from commented out after its body."""
    chapter = Block(indent=4)
    chapter.put("title", "发展基础")
    chapter.comment(
        "章正文：# 标题印为“一、”，## 为“（一）”，### 为“1.”；```专栏 标题 … ``` 为专栏"
    )
    chapter.put("body", block(f"# {SECTION_PLACEHOLDER}\n\n{BODY_PLACEHOLDER}\n"))
    columns = "、".join(f"{c.key}（{c.title}）" for c in form.INDICATOR_COLUMNS)
    chapter.comment(
        "主要指标表（可选，印在本章正文之后）；每行：" + columns,
        "indicators:",
        "  title: 主要指标",
        f"  base_year: {year - 5 if year else 2020}",
        f"  target_year: {year if year else 2025}",
        "  rows:",
        "    - {name: 指标名称, unit: 单位, base: 0, target: 0, type: 预期性}",
    )
    return chapter


def skeleton(year: int | None, agency: str | None, ref: str) -> str:
    """The skeleton of a 规划: one chapter and an indicator table to copy from (`year`, when
    given, is the plan's target year)."""
    document = head(ref, "规划（分章编写；第X章由生成器编号）", form.KIND)
    document.put("title", f"{agency or '某某'}规划")
    optional(document, "agency", agency, "某某局        # 编制机关（可选）")
    document.comment("date: 2025-01-20        # 成文日期（可选；填写时与编制机关一起印在正文之后）")
    document.put("preface", block(f"{PREFACE_PLACEHOLDER}\n"))
    document.put("chapters", CommentedSeq([_chapter(year).close()]))
    return document.text()
