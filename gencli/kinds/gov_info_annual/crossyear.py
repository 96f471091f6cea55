"""Cross-year rules: this year's report against last year's (`validate --previous`, `diff`), and
what they expect of a fresh year (`init --from`).

The rules are data in the form (`Format.cross_year`); this module only evaluates them. Across a
change of format only the rules both formats declare alike (结转) apply.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gencli.base.numerals import show
from gencli.kinds import rows
from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.model import CrossYearRule


def _columns_of(target: tuple[str, ...]) -> list[str] | None:
    if target[0] == "applications":  # the total column follows from the others
        return [c.key for c in gia.APPLICANT_COLUMNS]
    return None


def _expand(rule: CrossYearRule, this: dict) -> Iterator[tuple[tuple[str, ...], dict[str, tuple]]]:
    """Concrete target paths with their concrete term paths ("*" replaced by each row)."""
    if "*" not in rule.target:
        yield rule.target, {}
        return
    star = rule.target.index("*")
    parent = rows.lookup(this, rule.target[:star]) or {}
    for key, row in parent.items():
        if isinstance(row, dict) and rule.target[star + 1] in row:
            yield tuple(key if s == "*" else s for s in rule.target), {"*": key}


def _term_path(path: tuple[str, ...], binding: dict) -> tuple[str, ...]:
    return tuple(binding.get(s, s) for s in path)


def _raw_path(root: Any, path: tuple[str, ...], column: str | None) -> tuple:
    """Where the figure is in the YAML as written (a list row is indexed by position)."""
    if column is None:
        return path
    columns = [c.key for c in gia.APPLICANT_COLUMNS]
    return path + rows.cell_path(rows.lookup(root, path), column, columns, gia.TOTAL)


@dataclass(frozen=True)
class Expectation:
    """What one cross-year rule expects of one figure of this year's report (`column` names the
    applicant column of a table 三 row, None for a single figure)."""

    rule: CrossYearRule
    target: tuple[str, ...]
    column: str | None
    expected: Any

    def actual(self, this: dict) -> Any:
        return _pick(rows.lookup(this, self.target), self.column)


def _pick(value: Any, column: str | None) -> Any:
    return value[column] if column else value


def expectations(this: dict, previous: dict) -> Iterator[Expectation]:
    """Every figure the rules constrain, with the value they expect. `check` compares it with
    what was written; `init --from` writes it into next year's report, which therefore passes."""
    if this.get("kind") != gia.KIND or previous.get("kind") != gia.KIND:
        return
    rules = gia.FORMATS_BY_YEAR[this["format"]].cross_year
    if previous.get("format") != this["format"]:
        other = gia.FORMATS_BY_YEAR[previous["format"]].cross_year
        rules = tuple(rule for rule in rules if rule in other)
    sources = {"this": this, "previous": previous}
    for rule in rules:
        for target, binding in _expand(rule, this):
            terms = [
                (sources[src], _term_path(path, binding), sign) for src, path, sign in rule.terms
            ]
            if any(rows.lookup(source, path) is None for source, path, _ in terms):
                continue
            by_column = _columns_of(target)
            columns: list[str | None] = list(by_column) if by_column else [None]
            for column in columns:
                expected = sum(
                    sign * _pick(rows.lookup(source, path), column) for source, path, sign in terms
                )
                yield Expectation(rule, target, column, expected)


def check(this: dict, previous: dict, root: Any) -> list[tuple[tuple, str, str]]:
    """(path in the YAML, message, severity) for every cross-year rule that fails."""
    found = []
    for expectation in expectations(this, previous):
        actual = expectation.actual(this)
        if actual != expectation.expected:
            column = expectation.column
            where = f"{_column_label(column)}列：" if column else ""
            message = (
                f"{expectation.rule.label}：{where}本年填写 {show(actual)}，"
                f"按上年报告应为 {show(expectation.expected)}"
            )
            found.append(
                (_raw_path(root, expectation.target, column), message, expectation.rule.severity)
            )
    return found


def _column_label(column: str | None) -> str:
    return next((c.label for c in gia.APPLICATION_COLUMNS if c.key == column), column or "")
