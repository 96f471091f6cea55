"""From a path inside a report to what a user needs: the YAML line and column, and the Chinese
labels of the schema (its `title`s) from the part down to the cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jsonschema import Draft7Validator

Path = Sequence[Any]

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
}


def position(root: Any, path: Path, key: bool = False) -> tuple[int, int]:
    """1-based line and column of the node at `path`, or of its nearest written ancestor.

    A scalar is placed at its value; a mapping or list at its key (its value starts on the next
    line); with `key=True` the last step's key itself (for an unknown key).
    """
    line, column, node = 0, 0, root
    for index, step in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, dict) and step in node:
            child = node[step]
            where = node.lc.data.get(step) if hasattr(node, "lc") else None
            if where:
                at_key = (key and last) or isinstance(child, (dict, list))
                line, column = (where[0], where[1]) if at_key else (where[2], where[3])
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            child = node[step]
            where = node.lc.data.get(step) if hasattr(node, "lc") else None
            if where:
                line, column = where[0], where[1]
        else:
            break
        node = child
    return line + 1, column + 1


def _resolve(root_schema: dict, schema: Any) -> dict:
    if not isinstance(schema, dict):
        return {}
    ref = schema.get("$ref")
    if ref and ref.startswith("#/definitions/"):
        return root_schema["definitions"][ref.rsplit("/", 1)[-1]]
    return schema


def _fits(schema: dict, instance: Any) -> bool:
    kind = schema.get("type")
    return kind not in _TYPES or _TYPES[kind](instance)


def applicable(
    root_schema: dict, schema: Any, instance: Any, memo: dict | None = None
) -> list[dict]:
    """The schema and every subschema that applies to this instance (through $ref, allOf,
    the anyOf branches of its type, and the branch of if/then/else it takes).

    An `if` validates the whole instance, so a file with many findings under one mapping
    would re-validate it once per finding: `memo` (kept by the caller while the instances
    live) answers each (schema, instance) pair once, keeping the findings linear."""
    if memo is not None:
        key = (id(schema), id(instance))
        if key not in memo:
            memo[key] = applicable(root_schema, schema, instance)
        return memo[key]
    found, stack = [], [schema]
    while stack:
        current = _resolve(root_schema, stack.pop())
        if not current:
            continue
        found.append(current)
        stack.extend(current.get("allOf", []))
        for branches in (current.get("anyOf", []), current.get("oneOf", [])):
            stack.extend(b for b in branches if _fits(_resolve(root_schema, b), instance))
        if "if" in current:
            taken = Draft7Validator(current["if"]).is_valid(instance)
            stack.append(current.get("then" if taken else "else", {}))
    return found


def child_schemas(
    root_schema: dict, schemas: list, instance: Any, step: Any, memo: dict | None = None
) -> list[dict]:
    """Every subschema that applies to one step (a key or a list index) below `schemas`."""
    found = []
    for schema in schemas:
        for candidate in applicable(root_schema, schema, instance, memo):
            properties = candidate.get("properties", {})
            items = candidate.get("items")
            if isinstance(step, str) and step in properties:
                found.append(properties[step])
            elif isinstance(step, int) and isinstance(items, list) and step < len(items):
                found.append(items[step])
            elif isinstance(step, int) and isinstance(items, dict):
                found.append(items)  # every item alike: a 规划's chapters, indicator rows
    return found


def labels(root_schema: dict, root: Any, path: Path, memo: dict | None = None) -> tuple[str, ...]:
    """The Chinese titles along `path` (steps without a title, or unknown, are left out);
    `memo` as for `applicable`."""
    titles, schemas, node = [], [root_schema], root
    for step in path:
        schemas = child_schemas(root_schema, schemas, node, step, memo)
        title = next((s["title"] for s in schemas if "title" in s), None)
        if title:
            titles.append(title)
        node = _step(node, step)
    return tuple(titles)


def _step(node: Any, step: Any) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and step < len(node):
        return node[step]
    return None
