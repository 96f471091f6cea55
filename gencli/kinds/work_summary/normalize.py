"""The normalized 工作总结: the common keys, the title and the body as written."""

from __future__ import annotations

from typing import Any

from gencli.kinds.normalizing import common, official_document, plain
from gencli.kinds.work_summary import form


def normalize(report: dict) -> dict[str, Any]:
    """Normalize a structurally valid 工作总结: the title and the body as written."""
    data = plain(report)
    out = common(data, form.KIND, data["title"])
    del out["preface"]  # the body begins with its own opening paragraphs
    return {**out, "body": data["body"], "document": official_document(data)}
