"""`gencli init` for 工作总结: a title made of what `init` was told, an empty body to write."""

from __future__ import annotations

from gencli.base.yaml_writing import block
from gencli.kinds.skeleton_common import head, optional
from gencli.kinds.work_summary import form


def skeleton(year: int | None, agency: str | None, ref: str) -> str:
    """The skeleton of a 工作总结: a title made of what `init` was told, an empty body."""
    title = f"{agency or ''}{f'{year}年' if year else ''}工作总结"
    document = head(ref, title, form.KIND)
    document.put("title", title)
    optional(document, "agency", agency, "某某局        # 报告机关（可选）")
    optional(document, "year", year, "2024          # 报告年度（可选）")
    document.comment(
        "date: 2025-01-20        # 成文日期（可选；填写时与报告机关一起印在正文之后）",
        "正文：# 标题印为“一、”，## 为“（一）”，### 为“1.”，#### 为“（1）”；",
        "标题行在“。”之后接着写正文，即印为段首标题。",
    )
    document.put("body", block("（开头一段）\n\n# 第一部分标题\n\n正文。\n"))
    return document.text()
