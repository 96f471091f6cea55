"""The `x-` keywords: arithmetic (勾稽关系) and warnings declared in the schema, evaluated by a
`Draft7Validator` extended with `jsonschema.validators.extend`.

They run only once the structure is sound (see `validation`), so every cell they read is a
figure. Each error names the cell the user should look at through its path; its message states
the rule with both sides and their values, built from the schema's titles.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jsonschema import Draft7Validator, ValidationError, validators

from gencli.base.numerals import show
from gencli.kinds import rows

WARNING_KEYWORDS = frozenset({"x-warn-if", "x-printed-length", "x-deadline"})


@dataclass(frozen=True)
class Run:
    """What keywords need beyond their instance: the root schema (for `$ref`s) and a printer
    that turns narrative into printed text with figures filled in."""

    schema: dict
    printed: Callable[[str], str] | None = None


current_run: ContextVar[Run] = ContextVar("current_run")


def _error(message: str, path: rows.Path) -> ValidationError:
    error = ValidationError(message)
    error.path.extend(path)
    return error


def _column_titles(schema: dict[str, Any]) -> dict[str, str]:
    mapping_form = next(s for s in schema["anyOf"] if s.get("type") == "object")
    return {key: sub.get("title", key) for key, sub in mapping_form["properties"].items()}


def x_row(validator: Any, spec: dict, instance: Any, schema: dict) -> Iterator[ValidationError]:
    """总计 = the sum of the other columns, when the total is written."""
    columns, total = spec["columns"], spec["total"]
    cells = rows.written_cells(instance, columns, total)
    sums = rows.row_sums(instance, columns, total)
    if sums is None or total not in cells:
        return
    expected = sum(sums[c] for c in columns)
    if cells[total] != expected:
        titles = _column_titles(schema)
        terms = " + ".join(show(sums[c]) for c in columns)
        yield _error(
            f"{titles[total]}应等于{'、'.join(titles[c] for c in columns)}之和："
            f"{terms} = {show(expected)}，这里填写的是 {show(cells[total])}",
            rows.cell_path(instance, total, columns, total),
        )


def x_sum(validator: Any, spec: dict, instance: Any, schema: dict) -> Iterator[ValidationError]:
    """The group's total row = the sum of every figure row in the group, column by column."""
    columns, total = spec["columns"], spec["total"]
    if not isinstance(instance, dict) or total not in instance:
        return
    written = rows.row_sums(instance[total], columns, total)
    expected = rows.group_sums(instance, columns, total)
    if written is None or expected is None:
        return
    total_schema = schema["properties"][total]
    titles = _column_titles(_resolve(validator, total_schema))
    for column in columns:  # the total column follows from x-row on each row
        if written[column] != expected[column]:
            yield _error(
                f"{total_schema['title']}应等于本部分各行之和：{titles[column]}列各行合计 "
                f"{show(expected[column])}（{_contributions(instance, column, columns, total)}），"
                f"这里填写的是 {show(written[column])}",
                (total, *rows.cell_path(instance[total], column, columns, total)),
            )


def _contributions(group: Any, column: str, columns: list[str], total: str) -> str:
    """The non-zero figures of a column with their YAML lines, so a wrong one can be found."""
    from gencli.checking.locate import position

    parts = []
    for path, row in rows.leaf_rows(group, columns, total):
        value = rows.row_sums(row, columns, total)[column]  # type: ignore[index]
        if value:
            parts.append(f"第{position(group, path)[0]}行 {show(value)}")
    return "、".join(parts) or "各行均为 0"


def x_balance(validator: Any, spec: dict, instance: Any, schema: dict) -> Iterator[ValidationError]:
    """Σ left rows = Σ right rows, column by column (第一项加第二项之和，等于第三项加第四项之和)."""
    columns, total = spec["columns"], spec["total"]
    left = [rows.sums_at(instance, tuple(p), columns, total) for p in spec["left"]]
    right = [rows.sums_at(instance, tuple(p), columns, total) for p in spec["right"]]
    if any(side is None for side in left + right):
        return
    first = tuple(spec["left"][0])
    titles = _column_titles(_resolve(validator, _child_schema(validator, schema, first)))
    for column in columns:  # the total column follows from x-row on each row
        lhs = [side[column] for side in left]  # type: ignore[index]
        rhs = [side[column] for side in right]  # type: ignore[index]
        if sum(lhs) != sum(rhs):
            at = first + rows.cell_path(rows.lookup(instance, first), column, columns, total)
            yield _error(
                f"勾稽关系不成立（{spec['rule']}）：{titles[column]}列 "
                f"{' + '.join(map(show, lhs))} = {show(sum(lhs))}，"
                f"而 {' + '.join(map(show, rhs))} = {show(sum(rhs))}",
                at,
            )


def x_max_digits(
    validator: Any, limit: int, instance: Any, schema: dict
) -> Iterator[ValidationError]:
    if rows.is_figure(instance):
        digits = len(Decimal(instance).as_tuple().digits)
        if digits > limit:
            yield _error(f"数字位数过多（{digits} 位），最多 {limit} 位", ())


def x_warn_if(
    validator: Any, rules: list, instance: Any, schema: dict
) -> Iterator[ValidationError]:
    """A warning, phrased in the schema, whenever the instance matches the rule's schema."""
    for rule in rules:
        if validator.evolve(schema=rule["schema"]).is_valid(instance):
            values = dict(instance) if isinstance(instance, dict) else {}
            if "year" in values and isinstance(values["year"], int):
                from gencli.kinds.gov_info_annual.form import default_format

                values["default_format"] = default_format(values["year"])
            at = (rule["at"],) if rule.get("at") and isinstance(instance, dict) else ()
            yield _error(rule["message"].format_map(_Blank(values)), at)


def x_printed_length(
    validator: Any, spec: dict, instance: Any, schema: dict
) -> Iterator[ValidationError]:
    """A warning when narrative, as printed (figures filled in, no markup or spaces), is too long."""
    printed = current_run.get().printed
    if not isinstance(instance, str) or printed is None:
        return
    if len("".join(instance.split())) <= spec["max"] and "{{" not in instance:
        return  # markup and spaces only add to the written length: short enough already
    length = len("".join(printed(instance).split()))
    if length > spec["max"]:
        yield _error(spec["message"].format(length=length), ())


def _dated(instance: Any) -> tuple[datetime.date, int] | None:
    """A report's 成文日期 and year, when it states both (the structure check has read them)."""
    if not isinstance(instance, dict) or not isinstance(instance.get("date"), str):
        return None
    year = instance.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        return None
    try:
        return datetime.date.fromisoformat(instance["date"]), year
    except ValueError:
        return None


def x_date_in(validator: Any, spec: dict, instance: Any, schema: dict) -> Iterator[ValidationError]:
    """成文日期 against the year reported on: an annual report is written once its year has
    ended, in the year after it (`after_year_end`); any other report in its year or the next.
    Dates such as 0001-01-01 or 9999-12-31 are typing mistakes that would be printed as such."""
    dated = _dated(instance)
    if dated is None:
        return
    date, year = dated
    first = year + 1 if spec["after_year_end"] else year
    if first <= date.year <= year + 1:
        return
    example = f"如 {year + 1}-01-20"
    if date.year <= year and spec["after_year_end"]:
        why = f"早于报告年度结束：{year}年度的报告在年度结束后成文，应为 {year + 1} 年的日期"
    elif spec["after_year_end"]:
        why = f"不在报告年度的次年：{year}年度的报告应为 {year + 1} 年的日期"
    else:
        why = f"不在报告年度（{year}年）或其次年"
    yield _error(f"成文日期 {date.isoformat()} {why}（{example}）", ("date",))


def _deadline_for(agency: str, deadlines: list[dict]) -> tuple[dict, bool]:
    """The deadline the agency's name tells (the longest ending that fits wins: 人民政府办公室
    is a department), and whether the name told it; otherwise the latest deadline."""
    fits = [(len(end), d) for d in deadlines for end in d["endings"] if agency.endswith(end)]
    if fits:
        return max(fits, key=lambda fit: fit[0])[1], True
    return max(deadlines, key=lambda d: (d["month"], d["day"])), False


def x_deadline(
    validator: Any, deadlines: list, instance: Any, schema: dict
) -> Iterator[ValidationError]:
    """A warning when 成文日期 falls after the publication deadline that applies to the agency."""
    dated = _dated(instance)
    if dated is None or not isinstance(instance.get("agency"), str):
        return
    date, year = dated
    deadline, told = _deadline_for(instance["agency"], deadlines)
    limit = datetime.date(year + 1, deadline["month"], deadline["day"])
    if date.year != year + 1 or date <= limit:
        return  # a date outside the next year is an error of its own (x-date-in)
    guessed = "" if told else "；从机关名称看不出是部门还是本级政府，按较晚的期限核对"
    yield _error(
        f"成文日期 {date.isoformat()} 晚于公布期限：{deadline['basis']}规定{deadline['who']}"
        f"应在每年{deadline['month']}月{deadline['day']}日前公布上一年度的年度报告"
        f"（本报告应不晚于 {limit.isoformat()}）{guessed}",
        ("date",),
    )


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _resolve(validator: Any, schema: dict) -> dict:
    """Follow `allOf: [{$ref}]` wrappers to the definition they point at."""
    while "anyOf" not in schema and "allOf" in schema:
        ref = schema["allOf"][0].get("$ref")
        if ref is None:
            break
        schema = current_run.get().schema["definitions"][ref.rsplit("/", 1)[-1]]
    return schema


def _child_schema(validator: Any, schema: dict, path: tuple) -> dict:
    for step in path:
        schema = _resolve(validator, schema)["properties"][step]
    return schema


ReportValidator = validators.extend(
    Draft7Validator,
    {
        "x-row": x_row,
        "x-sum": x_sum,
        "x-balance": x_balance,
        "x-max-digits": x_max_digits,
        "x-warn-if": x_warn_if,
        "x-printed-length": x_printed_length,
        "x-date-in": x_date_in,
        "x-deadline": x_deadline,
    },
)
