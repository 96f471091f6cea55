"""`gencli init` for 工作总结: a title made of what `init` was told, an empty body to write."""

from __future__ import annotations

from gencli.base.yaml_writing import block
from gencli.kinds.skeleton_common import (
    BODY_PLACEHOLDER,
    OFFICIAL_DOCUMENT,
    ZEROS,
    Start,
    head,
    optional,
)
from gencli.kinds.work_summary import form

OPENING_PLACEHOLDER = "（开头一段）"
HEADING_PLACEHOLDER = "第一部分标题"
# What the skeleton writes for its author to replace: validation warns where any is left
# (the schema's `x-placeholders`).
PLACEHOLDERS = (OPENING_PLACEHOLDER, HEADING_PLACEHOLDER, BODY_PLACEHOLDER)


def skeleton(
    year: int | None, agency: str | None, ref: str, start: Start = ZEROS, title: str = ""
) -> str:
    """The skeleton of a 工作总结: a title made of what `init` was told (or `title`), and a body
    of placeholders, or (`init --from`) last year's outline with last year's text above it."""
    title = title or f"{agency or ''}{f'{year}年' if year else ''}工作总结"
    document = head(ref, title, form.KIND, start.origin)
    document.put("title", title)
    optional(document, "agency", agency, "某某局        # 报告机关（可选）")
    optional(document, "year", year, "2024          # 报告年度（可选）")
    document.comment(
        f"date: {start.date or f'{year + 1 if year else 2025}-01-20'}        "
        "# 成文日期（可选；填写时与报告机关一起印在正文之后）",
        "",
        *OFFICIAL_DOCUMENT,
        "正文：# 标题印为“一、”，## 为“（一）”，### 为“1.”，#### 为“（1）”；",
        "标题行在“。”之后接着写正文，即印为段首标题。",
        *start.previous_text("body"),
    )
    body = f"{OPENING_PLACEHOLDER}\n\n# {HEADING_PLACEHOLDER}\n\n{BODY_PLACEHOLDER}\n"
    document.put("body", block(start.texts.get("body") or body))
    return document.text()
