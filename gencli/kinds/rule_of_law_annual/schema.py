"""The schema of 法治政府建设年度报告: five fixed narrative parts, each described for editors, with a
warning when a required part is left blank."""

from __future__ import annotations

from typing import Any

from gencli.kinds.rule_of_law_annual import form as rla
from gencli.kinds.schema_common import (
    PREFACE,
    agency_property,
    date_property,
    date_rules,
    document,
    kind_property,
    narrative,
    official_document_property,
    title_property,
    warn_if_empty,
    year_property,
)
from gencli.kinds.skeleton_common import BODY_PLACEHOLDER


def schema() -> dict[str, Any]:
    """Five fixed narrative parts (督察工作规定第二十五条); 五 may be left out."""
    properties: dict[str, Any] = {
        "kind": kind_property(rla.KIND, rla.NAME),
        "agency": agency_property("福州市市场监督管理局"),
        "year": year_property(
            rla.FIRST_YEAR,
            f"年度报告的五部分内容由{rla.REGULATION}（2019年）规定，此前年度的报告不适用本格式",
        ),
        "title": title_property("省略时为“" + rla.default_title("{报告机关}", "{年度}") + "”"),
        "date": date_property(),
        "preface": narrative("前言", PREFACE),
    }
    for part in rla.PARTS:
        title = rla.generic_title(part)
        shown = part.title.replace("{year}", "{年度}").replace("{next_year}", "{下一年度}")
        properties[part.key] = narrative(title, f"{part.description}印出的标题为“{shown}”")
        if part.required:
            properties[part.key].update(
                warn_if_empty(f"{title} 为空：{rla.REGULATION}第二十五条要求报告此项内容")
            )
    properties["document"] = official_document_property()
    return document(
        rla.KIND,
        rla.NAME,
        f"按{rla.REGULATION}第二十五条规定的五部分内容编写的法治政府建设年度报告（gencli 报告 YAML）",
        properties,
        ["agency", "year", *[p.key for p in rla.PARTS if p.required]],
        **{"x-parts": [p.key for p in rla.PARTS]},
        **date_rules(after_year_end=True),
        **{"x-placeholders": [BODY_PLACEHOLDER]},  # under each heading of a rolled-over outline
        **{"x-heading-level": 2},  # a part's `#` prints as （一）
    )
