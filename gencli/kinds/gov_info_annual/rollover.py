"""Next year's 政府信息公开工作年度报告, started from last year's (`gencli init --from`).

The figures that carry over are exactly those the cross-year rules constrain, so they are not
listed here a second time: the rules are solved for a fresh year (this year's own figures all 0)
and their expected values written in — 上年结转 = last year's 结转下年度继续办理, 上一年项目数量
= last year's 上一年项目数量 + 本年增/减, 对外公开总数量 and 现行有效件数 carried. The result
therefore passes `validate --previous LAST_YEAR.yaml`. Across the 2020 → 2021 change of format
only the rules both formats share apply, and the user is told what else changed.
"""

from __future__ import annotations

import yaml

from gencli.base.numerals import chinese_number
from gencli.kinds.gov_info_annual import crossyear
from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.gov_info_annual.normalize import normalize
from gencli.kinds.gov_info_annual.skeleton import skeleton
from gencli.kinds.model import TEXT, Row
from gencli.kinds.schema_common import LAST_YEAR
from gencli.kinds.skeleton_common import Rolled, RolloverError, Start, a_year_on


def _fresh(year: int, agency: str) -> dict:
    """A fresh report for `year` with every figure 0: the zeros skeleton, normalized."""
    if year > LAST_YEAR:
        raise RolloverError(f"无法生成 {year} 年的报告：年度超出支持的范围")
    return normalize(yaml.safe_load(skeleton(year, agency, "")))


def _carried(previous: dict, fresh: dict) -> tuple[dict, list]:
    """Figures the cross-year rules expect of a fresh year, and the rules that set them."""
    figures: dict = {}
    rules: list = []
    for expectation in crossyear.expectations(fresh, previous):
        if expectation.rule not in rules:
            rules.append(expectation.rule)
        if expectation.column is None:
            figures[expectation.target] = expectation.expected
        else:
            figures.setdefault(expectation.target, {})[expectation.column] = expectation.expected
    columns = gia.APPLICATION_ROW.keys
    for path, value in figures.items():
        if isinstance(value, dict):
            figures[path] = [value[column] for column in columns]
    return figures, rules


def _choices(previous: dict, fmt: gia.Format) -> dict:
    """Choices such as the 采购总金额 unit stay as they were, where the row still exists."""
    return {
        ("proactive", row.key, f.key): previous["proactive"][row.key][f.key]
        for block in fmt.proactive
        for row in block.rows
        for f in block.figures
        if f.kind == TEXT and f.key in previous["proactive"].get(row.key, {})
    }


def _row_changes(old: tuple[Row, ...], new: tuple[Row, ...]) -> list[str]:
    before = {row.key: row for row in old}
    found = []
    for row in new:
        was = before.get(row.key)
        if was is None:
            found.append(f"新增“{row.label}”")
        elif row.is_group and not was.is_group:
            found.append(
                f"{row.label}分为{chinese_number(len(row.children))}行："
                + "；".join(child.label for child in row.children)
            )
        elif row.is_group:
            found += _row_changes(was.children, row.children)
    return found


def _proactive_changes(old: gia.Format, new: gia.Format) -> list[str]:
    before = {row.key: (block, row) for block in old.proactive for row in block.rows}
    after = {row.key: (block, row) for block in new.proactive for row in block.rows}
    found = []
    for key, (block, row) in after.items():
        if key not in before:
            found.append(f"新增“{row.label}”")
            continue
        was_block, was_row = before[key]
        if was_row.label != row.label:
            found.append(f"“{was_row.label}”改称“{row.label}”")
        if [f.label for f in was_block.figures] != [f.label for f in block.figures]:
            found.append(f"“{row.label}”改填" + "、".join(f.label for f in block.figures))
    dropped = [row.label for key, (_, row) in before.items() if key not in after]
    if dropped:
        found.append("删去" + "、".join(f"“{label}”" for label in dropped))
    return found


def format_changes(old: gia.Format, new: gia.Format) -> list[str]:
    """What a report must do differently in `new`'s format, said from the form declarations."""
    changes = []
    table_two = _proactive_changes(old, new)
    if table_two:
        changes.append(f"表二改为{new.year}年格式：" + "；".join(table_two))
    changes += [f"表三{change}" for change in _row_changes(old.applications, new.applications)]
    if new.year >= 2021 > old.year:
        fees = "、".join(f.label for f in gia.PROCESSING_FEES)
        changes.append(f"请填写信息处理费（processing_fees：{fees}），{gia.PROCESSING_FEES_WHERE}")
        changes.append(f"“{gia.PARTS[0].title}”{gia.OVERVIEW_LIMIT_TEXT}")
    dropped = [rule.label for rule in new.cross_year if rule not in old.cross_year]
    if dropped:
        changes.append("以下数字无法由上年报告推算，已填 0，请按实际填写：" + "；".join(dropped))
    return changes


def _balance_pending(figures: dict) -> tuple[str, ...]:
    """Balance table 三 (`gia.BALANCE`) for a year that has handled nothing yet: what its left
    side carries in (上年结转) is still pending on the right side's last row (结转下年度继续办理).
    Returns that row's path."""
    table = ("applications",)
    zeros = [0] * len(gia.APPLICATION_ROW.columns)
    left = [figures.get((*table, *path), zeros) for path in gia.BALANCE.left]
    pending = (*table, *gia.BALANCE.right[-1])
    figures[pending] = [sum(cells) for cells in zip(*left)]
    return pending


def roll_over(previous: dict, source: str, schema_ref: str, agency: str) -> Rolled:
    """Next year's skeleton from `previous` (normalized), and what to tell the user."""
    year = previous["year"] + 1
    old, new = (
        gia.FORMATS_BY_YEAR[previous["format"]],
        gia.FORMATS_BY_YEAR[gia.default_format(year)],
    )
    figures, rules = _carried(previous, _fresh(year, agency))
    pending = _balance_pending(figures)
    figures.update(_choices(previous, new))
    pending_label = next(row.label for row in new.applications if row.key == pending[1])
    start = Start(
        figures=figures,
        narrative={
            key: previous.get(key) or "" for key in ("preface", "overview", "problems", "other")
        },
        notes={pending: "暂同上年结转，办结后改填办理结果"},
        origin=f"由上年报告 {source} 生成：按上年推算的数字已填好，其余为 0；"
        "“# 上年内容：”为上年的叙述，请改写后删除",
        date=a_year_on(previous.get("date")),
    )
    notes = [f"已按上年报告 {source}（{previous['year']}年）生成 {year} 年报告："]
    notes += [f"  填入：{rule.label}" for rule in rules]
    notes.append(f"  “{pending_label}”暂同上年结转，使表三平衡；办结后请改填办理结果")
    notes.append("  其余数字为 0；叙述部分保留为“# 上年内容：”注释，请改写")
    if previous["title"] != gia.default_title(previous["agency"], previous["year"]):
        notes.append(f"  上年自定义了标题“{previous['title']}”，本年未沿用；需要时请加 title:")
    if old is not new:
        notes.append(f"{year}年起改用{new.document}格式（上年为{old.document}格式）：")
        notes += [f"  {change}" for change in format_changes(old, new)]
    return Rolled(gia.KIND, skeleton(year, agency, schema_ref, start), notes)
