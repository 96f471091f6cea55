"""The schema of 工作总结 and other free-form reports: a title and one narrative body."""

from __future__ import annotations

from typing import Any

from gencli.base.numerals import numbering_hint
from gencli.kinds.schema_common import (
    EARLIEST_YEAR,
    agency_property,
    date_property,
    date_rules,
    document,
    kind_property,
    narrative,
    official_document_property,
    title_property,
    year_property,
)
from gencli.kinds.work_summary import form as work_summary
from gencli.kinds.work_summary.skeleton import PLACEHOLDERS


def schema() -> dict[str, Any]:
    """A title and one narrative body; agency, year and date are optional."""
    properties = {
        "kind": kind_property(work_summary.KIND, "工作总结等自由结构的报告"),
        "title": title_property(
            "报告标题全文，如“福州市市场监督管理局2020年度法治政府建设工作总结”"
        ),
        "agency": agency_property("福州市市场监督管理局"),
        "year": year_property(EARLIEST_YEAR),
        "date": {
            **date_property(),
            "description": "成文日期，如 2021-01-29；填写时与报告机关一起"
            "印在正文之后（署名和日期）",
        },
        "body": narrative(
            "正文",
            f"报告全文：{numbering_hint()}；标题行在“。”后接着写正文即为段首标题",
        ),
        "document": official_document_property(),
    }
    return document(
        work_summary.KIND,
        "工作总结",
        "工作总结等自由结构的报告：标题加一段正文，标题层级由生成器编号（gencli 报告 YAML）",
        properties,
        ["title", "body"],
        **date_rules(after_year_end=False),
        **{"x-placeholders": list(PLACEHOLDERS), "x-heading-level": 1},  # `#` prints as 一、
    )
