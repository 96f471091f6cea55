"""The normalized 法治政府建设年度报告: the common keys and the five parts."""

from __future__ import annotations

from typing import Any

from gencli.kinds.normalizing import common, official_document, plain
from gencli.kinds.rule_of_law_annual import form as rla


def normalize(report: dict) -> dict[str, Any]:
    """Normalize a structurally valid 法治政府建设年度报告: every part present, 五 possibly empty."""
    data = plain(report)
    out = common(data, rla.KIND, rla.default_title(data["agency"], data["year"]))
    out.update({part.key: data.get(part.key) or "" for part in rla.PARTS})
    out["document"] = official_document(data)
    return out
