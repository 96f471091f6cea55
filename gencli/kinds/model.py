"""Building blocks for declaring an official form as data.

A form is declared once (see `gov_info_annual.py`); the JSON Schema, the Chinese error labels, the
normalizer, the skeleton written by `init`, the cross-year checks and the templates all read the
same declaration, so a row or a label is never typed twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

COUNT = "count"
SIGNED = "signed"
AMOUNT = "amount"
TEXT = "text"


@dataclass(frozen=True)
class Figure:
    """One column of a table: its YAML key, the printed column heading and what it holds.

    kind: COUNT (non-negative integer), SIGNED (integer, may be negative: 本年增/减),
    AMOUNT (non-negative exact decimal), TEXT (a choice from `choices`).
    """

    key: str
    label: str
    kind: str = COUNT
    description: str = ""
    choices: tuple[str, ...] = ()
    default: str | None = None

    @property
    def official(self) -> str:
        return self.description or self.label


@dataclass(frozen=True)
class Row:
    """A row of a table, or a group of rows when it has `children` (then it has no figures of
    its own: （三）不予公开 is only a label over 1.–8.).

    `legacy_leaf` names the child that a plain row written in place of the group stands for
    (the 2021 （六）其他处理 written in the 2019 one-row shape counts as 3.其他).
    """

    key: str
    label: str
    children: tuple[Row, ...] = ()
    description: str = ""
    legacy_leaf: str | None = None

    @property
    def is_group(self) -> bool:
        return bool(self.children)

    @property
    def official(self) -> str:
        return self.description or self.label

    def leaves(self) -> list[tuple[tuple[str, ...], Row]]:
        """The figure rows below this one, each with its key path relative to this row."""
        if not self.children:
            return [((), self)]
        return [
            ((child.key, *path), leaf) for child in self.children for path, leaf in child.leaves()
        ]


@dataclass(frozen=True)
class RowSum:
    """A row of figures whose last column, when written, is the sum of the others (each row of
    table 三: 总计 = the six applicants; each group of table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结).

    A row may be written without its total; it is then computed."""

    columns: tuple[Figure, ...]
    total: Figure

    @property
    def all(self) -> tuple[Figure, ...]:
        """Every printed column, the total last."""
        return (*self.columns, self.total)

    @property
    def keys(self) -> list[str]:
        """The keys of the summed columns (not the total)."""
        return [column.key for column in self.columns]

    def split(self) -> tuple[tuple[Figure, ...], Figure]:
        return self.columns, self.total


@dataclass(frozen=True)
class Balance:
    """Σ`left` = Σ`right`, column by column: the official 勾稽关系 of table 三 (第一项加第二项之和，
    等于第三项加第四项之和). Sides are paths of rows below the table."""

    left: tuple[tuple[str, ...], ...]
    right: tuple[tuple[str, ...], ...]
    rule: str


@dataclass(frozen=True)
class Block:
    """A block of table 二: a 第二十条 item heading, its columns and its rows."""

    label: str
    figures: tuple[Figure, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Part:
    """One fixed part of a report: its key, printed title and what it holds."""

    key: str
    title: str
    content: str  # "narrative" or "table"
    required: bool = True
    description: str = ""


@dataclass(frozen=True)
class CrossYearRule:
    """`this.<target>` should equal the signed sum of `terms` taken from this year's and last
    year's report. Paths are key tuples; "*" stands for every row that has the target figure."""

    severity: str
    target: tuple[str, ...]
    terms: tuple[tuple[str, tuple[str, ...], int], ...]
    label: str


@dataclass(frozen=True)
class Field:
    """A top-level key common to report kinds (agency, year, date…)."""

    key: str
    title: str
    description: str
    schema: dict = field(default_factory=dict)
    required: bool = False


@dataclass(frozen=True)
class Deadline:
    """By when a report must be published: each year's `month`/`day` after the year reported
    on, for the agencies `who` names, told apart by how their names end (`endings`: 人民政府 for
    a government's own report, 局、厅… for a department's); `basis` is the rule that says so."""

    month: int
    day: int
    who: str
    endings: tuple[str, ...]
    basis: str


@dataclass(frozen=True)
class NarrativeFigure:
    """A figure the narrative may type in words (“本年新收政府信息公开申请81件”): `pattern` is a
    regular expression whose first group is the number; it should equal the sum of the totals
    of the rows at `rows` (paths below the report); `label` names them in the warning."""

    pattern: str
    rows: tuple[tuple[str, ...], ...]
    label: str
