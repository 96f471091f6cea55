"""The normalized 规划: chapters with their body and indicator table, every column present."""

from __future__ import annotations

from typing import Any

from gencli.kinds.normalizing import common, plain
from gencli.kinds.plan import form


def _indicators(written: dict | None) -> dict[str, Any] | None:
    """An indicator table as printed: header labels, and groups of rows (one unnamed group when
    written as plain rows), every column present."""
    if not written:
        return None
    keys = [column.key for column in form.INDICATOR_COLUMNS]
    groups = written.get("groups") or [{"category": "", "rows": written["rows"]}]
    return {
        "title": written["title"],
        "base_year": written.get("base_year"),
        "target_year": written.get("target_year"),
        "base_label": form.value_label("base", written.get("base_year")),
        "target_label": form.value_label("target", written.get("target_year")),
        "grouped": "groups" in written,
        "groups": [
            {
                "category": group["category"],
                "rows": [{key: row.get(key, "") for key in keys} for row in group["rows"]],
            }
            for group in groups
        ],
        "note": written.get("note", ""),
    }


def normalize(report: dict) -> dict[str, Any]:
    """Normalize a structurally valid 规划: chapters with their body and indicator table."""
    data = plain(report)
    out = common(data, form.KIND, data["title"])
    out["chapters"] = [
        {
            "title": chapter["title"],
            "body": chapter.get("body", ""),
            "indicators": _indicators(chapter.get("indicators")),
        }
        for chapter in data["chapters"]
    ]
    return out
