"""The committed schema is exactly what the forms generate, and is a sound draft-07 schema."""

from __future__ import annotations

import json

from jsonschema import Draft7Validator

from gencli.base.paths import schema_file
from gencli.kinds import KINDS as BUILDERS
from gencli.operations.schemas import schema_text


def test_committed_schema_equals_generated() -> None:
    for kind in BUILDERS:
        assert schema_file(kind).read_text(encoding="utf-8") == schema_text(kind), (
            f"schema/{kind}.schema.json is stale: regenerate it with "
            "python -m gencli.operations.schemas"
        )


def test_schema_is_draft7() -> None:
    for kind in BUILDERS:
        schema = json.loads(schema_file(kind).read_text(encoding="utf-8"))
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        Draft7Validator.check_schema(schema)


CONDITIONS = {"if", "not", "x-warn-if"}


def _properties(node, path=()):
    """Every documented property: conditions (if/not/x-warn-if) only test values."""
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            yield (*path, key), sub
        for key, value in node.items():
            if key in CONDITIONS:
                continue
            if key != "properties":
                yield from _properties(value, (*path, key))
            else:
                for name, sub in value.items():
                    yield from _properties(sub, (*path, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _properties(item, (*path, index))


def test_every_property_has_chinese_title_and_description() -> None:
    schema = json.loads(schema_file("gov-info-annual").read_text(encoding="utf-8"))
    properties = list(_properties(schema))
    assert len(properties) > 100
    for path, sub in properties:
        if "then" in path or "else" in path:
            continue  # format branches refine a property titled at the top level
        assert sub.get("title"), path
        assert sub.get("description"), path
        assert any("\u4e00" <= ch <= "\u9fff" for ch in sub["title"]), path
