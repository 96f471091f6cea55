"""Tables checked against the wrong edition of a form: one message per table, not a cascade.

A kind whose form has several editions (政府信息公开工作年度报告: the 2019 and 2021 formats) declares
each as an `allOf` item `{"if": …, "then": {"properties": {table: …}}, "x-edition": {…}}`. A
report whose tables are written in another edition than the one its `year` or `format:` selects
would get one "未知的键" per cell, each pointing at the wrong edition's keys. When another edition
fits a table better, this module replaces that table's errors by one finding saying which
edition the table was checked against and what that edition expects there, and puts first, at
`format:` or `year`, why that edition was chosen.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema import Draft7Validator, ValidationError

from gencli.checking.messages import Finding, explain_all


def _editions(schema: dict) -> list[tuple[int, dict]]:
    return [(i, item) for i, item in enumerate(schema.get("allOf", [])) if "x-edition" in item]


def _chosen(schema: dict, root: Any) -> tuple[int, dict] | None:
    for index, item in _editions(schema):
        if Draft7Validator(item["if"]).is_valid(root):
            return index, item
    return None


def _table_errors(schema: dict, root: Any, item: dict, table: str) -> list[ValidationError]:
    """The errors of one table checked against one edition's declaration of it."""
    declared = {"definitions": schema.get("definitions", {}), **item["then"]["properties"][table]}
    return list(Draft7Validator(declared).iter_errors(root[table]))


def _unknown_keys(errors: list[ValidationError]) -> Iterator[ValidationError]:
    """Every unknown-keys error, also those inside the branches of a row's `anyOf`."""
    for error in errors:
        if error.validator == "additionalProperties":
            yield error
        elif error.validator in ("anyOf", "oneOf"):
            yield from _unknown_keys([e for e in error.context if e.validator != "type"])


def _expected(errors: list[ValidationError], table: str) -> str:
    """What the edition expects where the table has unknown keys: the columns of each row (rows
    alike grouped together), and the rows it has no place for."""
    columns: dict[tuple[str, ...], list[str]] = {}
    rows: list[str] = []
    for error in _unknown_keys(errors):
        allowed = tuple(error.schema.get("properties", {}))
        unknown = [str(k) for k in error.instance if k not in allowed]
        steps = list(error.absolute_path)
        place = ".".join(str(step) for step in steps[1:] if steps[:1] == [table])
        if not place:
            rows += [key for key in unknown if key not in rows]
        elif place not in columns.setdefault(allowed, []):
            columns[allowed].append(place)
    parts = [f"{'、'.join(places)} 的列为 {'、'.join(keys)}" for keys, places in columns.items()]
    if rows:
        parts.append(f"没有 {'、'.join(rows)} {'这一行' if len(rows) == 1 else '这些行'}")
    return "；".join(parts)


def _short(edition: dict) -> str:
    return f"{edition['format']}年格式"


def _why(root: dict, edition: dict, fitting: dict) -> tuple[tuple, str]:
    """Where and why an edition was chosen (the `format:` written, or the year), and how to
    choose the edition the tables fit instead."""
    name, other = edition["name"], _short(fitting)
    if "format" in root:
        return ("format",), (
            f"表格按{name}检查，因为这里写了 format: {root['format']}；"
            f"表格却是按{other}填写的：请改为 format: {fitting['format']}，或按{_short(edition)}改写表格"
        )
    return ("year",), (
        f"表格按{name}检查：未写 format 时，{edition['years']}的报告用此格式（这里 year: "
        f"{root.get('year')}）。表格却是按{other}填写的：请确认年度无误，并在 year 下加一行"
        f"“format: {fitting['format']}”，或按{_short(edition)}改写表格"
    )


def _undecided(
    errors: list[ValidationError], editions: list[dict]
) -> tuple[list[ValidationError], list[Finding]]:
    """No edition applies (the year is wrong and no format is written): the tables are left
    unchecked, and the year's error says so once."""
    year = [e for e in errors if list(e.absolute_path) == ["year"]]
    choices = "，".join(f"{e['years']}用{_short(e)}" for e in editions)
    note = f"。年度写对后才能确定表格的格式（{choices}），表格届时再检查"
    findings = [Finding(f.path, f.message + note, f.at_key) for f in explain_all(year)]
    return [e for e in errors if e not in year], findings


def explain(
    schema: dict, root: Any, errors: list[ValidationError]
) -> tuple[list[ValidationError], list[Finding]]:
    """The errors left to explain one by one, and the findings replacing the rest."""
    editions = _editions(schema)
    if not editions or not isinstance(root, dict):
        return errors, []
    chosen = _chosen(schema, root)
    if chosen is None:
        return _undecided(errors, [item["x-edition"] for _, item in editions])
    index, edition = chosen
    findings: list[Finding] = []
    fitting: dict | None = None
    for table in edition["then"]["properties"]:
        prefix = ["allOf", index, "then", "properties", table]
        mine = [e for e in errors if list(e.schema_path)[:5] == prefix]
        if not isinstance(root.get(table), dict) or not any(_unknown_keys(mine)):
            continue
        written = len(explain_all(mine))
        others = [
            (len(explain_all(_table_errors(schema, root, other, table))), other)
            for i, other in editions
            if i != index and table in other["then"]["properties"]
        ]
        fewest, best = min(others, key=lambda pair: pair[0], default=(written, None))
        if best is None or fewest >= written:
            continue
        errors = [e for e in errors if e not in mine]
        fitting = fitting or best["x-edition"]
        title = schema["properties"].get(table, {}).get("title", table)
        checked, written_in = _short(edition["x-edition"]), _short(best["x-edition"])
        findings.append(
            Finding(
                (table,),
                f"{title}：按{checked}检查，这里却是{written_in}的写法。"
                f"{checked}中，{_expected(mine, table)}",
                at_key=True,
            )
        )
    if fitting is not None:
        findings.insert(0, Finding(*_why(root, edition["x-edition"], fitting), at_key=True))
    return errors, findings
