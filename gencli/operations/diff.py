"""`gencli diff`: what changed between two versions of a report, in the report's own terms.

`git diff` on the YAML shows lines; a reviewer asks which printed figure changed (三、… › 一、本年
新收… › 自然人: 24 → 25), whether the tables still add up, and which paragraphs were reworded. So
both versions are compared in their normalized form — a row written as a list or as a mapping,
an omitted total or zero row, comments and spacing all mean the same — labelled with the
schema's titles, and the new version's arithmetic is run again. When the versions are
consecutive years of a kind with cross-year rules, those are checked too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gencli.checking import locate, validation
from gencli.checking.diagnostics import Diagnostic
from gencli.loading.revisions import Version
from gencli.operations import paragraphs

Path = tuple[Any, ...]


class Unreadable(Exception):
    """A version that is not a structurally sound report, so there is nothing to compare."""

    def __init__(self, name: str, diagnostics: list[Diagnostic], message: str) -> None:
        super().__init__(message)
        self.name, self.diagnostics = name, diagnostics


@dataclass(frozen=True)
class FigureChange:
    """One figure (or field, such as 报告年度) that differs; None on the side that lacks it."""

    path: Path
    labels: tuple[str, ...]
    old: Any
    new: Any


@dataclass(frozen=True)
class NarrativeChange:
    """One paragraph of a narrative part that was added, removed or reworded."""

    path: Path
    title: str
    paragraph: paragraphs.ParagraphChange


@dataclass
class Comparison:
    old: str
    new: str
    old_year: Any
    new_year: Any
    figures: list[FigureChange] = field(default_factory=list)
    narrative: list[NarrativeChange] = field(default_factory=list)
    balance: list[Diagnostic] = field(default_factory=list)
    cross_year: list[Diagnostic] | None = None

    @property
    def equal(self) -> bool:
        return not self.figures and not self.narrative

    @property
    def balanced(self) -> bool:
        return not self.balance


@dataclass(frozen=True)
class _Side:
    version: Version
    root: Any
    report: dict
    schema: dict

    def narratives(self) -> dict[Path, str]:
        return dict(validation.narratives(self.schema, self.schema, self.report))

    def labels(self, path: Path) -> tuple[str, ...]:
        """The schema's titles along `path`; an item of a list (a 规划's chapters) also says
        which one it is, as its title is the same for all."""
        shown: list[str] = []
        titled = 0
        for end in range(1, len(path) + 1):
            titles = locate.labels(self.schema, self.report, path[:end])
            step = path[end - 1]
            which = f"第{step + 1}项" if isinstance(step, int) else ""
            if len(titles) > titled:
                titled = len(titles)
                shown.append(titles[-1] + (f"（{which}）" if which else ""))
            elif which:
                shown.append(which)
        return tuple(shown) or (".".join(map(str, path)),)


def _read(version: Version) -> _Side:
    root, report, problems = validation.read_structure(version.text, version.name)
    if report is None:
        raise Unreadable(
            version.name,
            problems,
            f"{version.name} 不是结构完整的报告，无法比较；请先用 gencli validate 修正上面的错误",
        )
    return _Side(version, root, report, validation.load_schema(report["kind"]))


def _leaves(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _leaves(sub, (*path, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _leaves(sub, (*path, index))
    elif value is not None:
        yield path, value


def _figures(side: _Side) -> dict[Path, Any]:
    """Every printed value outside the narrative: the tables' cells and the fields (year,
    agency, title…). Keys the normalizer derives (date_text…) are not in the schema: left out."""
    written = {
        key: value
        for key, value in side.report.items()
        if key in side.schema["properties"] and key != "kind"
    }
    narrative = side.narratives()
    return {path: value for path, value in _leaves(written) if path not in narrative}


def _same(old: Any, new: Any) -> bool:
    """Equal as printed: 13989.5 and 13989.50 are the same number but not the same cell."""
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return type(old) is type(new) and str(old) == str(new)
    return type(old) is type(new) and old == new


def _union(first: dict, second: dict) -> list:
    return [*first, *(key for key in second if key not in first)]


def _figure_changes(old: _Side, new: _Side) -> list[FigureChange]:
    before, after = _figures(old), _figures(new)
    changes = []
    for path in _union(after, before):
        was, now = before.get(path), after.get(path)
        if not _same(was, now):
            side = new if path in after else old
            changes.append(FigureChange(path, side.labels(path), was, now))
    return changes


def _narrative_changes(old: _Side, new: _Side) -> list[NarrativeChange]:
    before, after = old.narratives(), new.narratives()
    changes = []
    for path in _union(after, before):
        side = new if path in after else old
        title = " › ".join(side.labels(path))
        for change in paragraphs.changes(before.get(path, ""), after.get(path, "")):
            changes.append(NarrativeChange(path, title, change))
    return changes


def compare(old_version: Version, new_version: Version) -> Comparison:
    """Compare two versions; raises Unreadable when either is not a sound report, or when they
    are reports of different kinds."""
    old, new = _read(old_version), _read(new_version)
    if old.report["kind"] != new.report["kind"]:
        raise Unreadable(
            new_version.name,
            [],
            f"两个版本不是同一种报告（{old.report['kind']} 与 {new.report['kind']}），无法比较",
        )
    result = Comparison(
        old_version.name, new_version.name, old.report.get("year"), new.report.get("year")
    )
    result.figures = _figure_changes(old, new)
    result.narrative = _narrative_changes(old, new)
    if result.equal:
        return result
    result.balance = [
        d for d in validation.arithmetic(new.root, new.report, new_version.name) if d.is_error
    ]
    if _consecutive(old.report, new.report):
        result.cross_year = validation.cross_year(
            new.root, new.report, old.report, new_version.name
        )
    return result


def _consecutive(old: dict, new: dict) -> bool:
    before, after = old.get("year"), new.get("year")
    return (
        validation.has_cross_year(new, old)
        and isinstance(before, int)
        and isinstance(after, int)
        and after == before + 1
    )
