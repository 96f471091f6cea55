"""`gencli init --from LAST_YEAR.yaml`: next year's report, started from last year's.

This reads and checks last year's report and hands it to its kind's roll-over (for 政府信息公开
工作年度报告: `gencli.kinds.gov_info_annual.rollover`), which says what carries over.
"""

from __future__ import annotations

from pathlib import Path

from gencli.checking.validation import structure_only
from gencli.kinds import KINDS
from gencli.kinds.skeleton_common import Rolled, RolloverError

__all__ = ["Rolled", "RolloverError", "next_year", "read_last_year"]


def _rolling_kinds() -> list[str]:
    return [name for name, kind in KINDS.items() if kind.roll_over is not None]


def read_last_year(path: Path) -> dict:
    """Last year's report, normalized after the structure check (its own arithmetic may fail:
    published reports carry some errors, and they do not stop next year's report)."""
    previous = structure_only(path)
    if previous is None:
        raise RolloverError(f"无法读取上年报告 {path}：请先用 gencli validate 检查它的结构")
    if previous["kind"] not in _rolling_kinds():
        raise RolloverError(
            f"{path} 是 {previous['kind']} 报告；--from 目前只支持" + "、".join(_rolling_kinds())
        )
    return previous


def next_year(
    previous: dict, source: str, schema_ref: str, year: int | None = None, agency: str | None = None
) -> Rolled:
    """The report for the year after `previous` (normalized), written by the kind's skeleton."""
    if previous.get("year") is None:
        raise RolloverError(
            "上年报告没有写 year（报告年度），无法推算下一年度：请先在上年报告中写明 year"
        )
    following = previous["year"] + 1
    if year is not None and year != following:
        raise RolloverError(
            f"--from 生成上年报告的下一年度（{following}年）的报告；"
            f"这里 --year 是 {year}，可以省略 --year"
        )
    roll_over = KINDS[previous["kind"]].roll_over
    assert roll_over is not None  # read_last_year refused the others
    return roll_over(previous, source, schema_ref, agency or previous.get("agency") or None)
