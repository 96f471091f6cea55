"""`gencli init --from LAST_YEAR.yaml`: next year's report, started from last year's.

The figures that carry over are exactly those the cross-year rules constrain, so they are not
listed here a second time: the rules are solved for a fresh year (this year's own figures all 0)
and their expected values written in — 上年结转 = last year's 结转下年度继续办理, 上一年项目数量
= last year's 上一年项目数量 + 本年增/减, 对外公开总数量 and 现行有效件数 carried. The result
therefore passes `validate --previous LAST_YEAR.yaml`. Across the 2020 → 2021 change of format
only the rules both formats share apply, and the user is told what else changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gencli.checking.validation import read_structure, structure_only
from gencli.document.narrative import chinese_number
from gencli.kinds.gov_info_annual import crossyear, skeleton
from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.model import TEXT, Row


class RolloverError(Exception):
    """Last year's report cannot be rolled over (a usage error, in Chinese)."""


@dataclass(frozen=True)
class Rolled:
    """Next year's report text, and what the user should be told about it."""

    kind: str
    text: str
    notes: list[str]


def read_last_year(path: Path) -> dict:
    """Last year's report, normalized after the structure check (its own arithmetic may fail:
    published reports carry some errors, and they do not stop next year's report)."""
    previous = structure_only(path)
    if previous is None:
        raise RolloverError(f"无法读取上年报告 {path}：请先用 gencli validate 检查它的结构")
    if previous["kind"] not in ROLLOVERS:
        raise RolloverError(f"{path} 是 {previous['kind']} 报告；--from 目前只支持"
                            + "、".join(ROLLOVERS))
    return previous


def next_year(previous: dict, source: str, schema_ref: str, year: int | None = None,
              agency: str | None = None) -> Rolled:
    """The report for the year after `previous` (normalized), written by the kind's skeleton."""
    following = previous["year"] + 1
    if year is not None and year != following:
        raise RolloverError(f"--from 生成上年报告的下一年度（{following}年）的报告；"
                            f"这里 --year 是 {year}，可以省略 --year")
    return ROLLOVERS[previous["kind"]](previous, source, schema_ref, agency or previous["agency"])


# --- 政府信息公开工作年度报告 ----------------------------------------------------------------


def _fresh(year: int, agency: str) -> dict:
    """A fresh report for `year` with every figure 0: the zeros skeleton, normalized."""
    normalized = read_structure(skeleton.gov_info_annual(year, agency, ""), "skeleton")[1]
    if normalized is None:  # only a year the schema refuses (after 2100) gets here
        raise RolloverError(f"无法生成 {year} 年的报告：年度超出支持的范围")
    return normalized


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
    columns = [c.key for c in gia.APPLICANT_COLUMNS]
    for path, value in figures.items():
        if isinstance(value, dict):
            figures[path] = [value[column] for column in columns]
    return figures, rules


def _choices(previous: dict, fmt: gia.Format) -> dict:
    """Choices such as the 采购总金额 unit stay as they were, where the row still exists."""
    return {("proactive", row.key, f.key): previous["proactive"][row.key][f.key]
            for block in fmt.proactive for row in block.rows for f in block.figures
            if f.kind == TEXT and f.key in previous["proactive"].get(row.key, {})}


def _row_changes(old: tuple[Row, ...], new: tuple[Row, ...]) -> list[str]:
    before = {row.key: row for row in old}
    found = []
    for row in new:
        was = before.get(row.key)
        if was is None:
            found.append(f"新增“{row.label}”")
        elif row.is_group and not was.is_group:
            found.append(f"{row.label}分为{chinese_number(len(row.children))}行："
                         + "；".join(child.label for child in row.children))
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
        changes.append(f"请填写信息处理费（processing_fees：{fees}），印在“六、其他需要报告的事项”开头")
        changes.append(f"“一、总体情况”篇幅原则上不超过{gia.OVERVIEW_LIMIT}字")
    dropped = [rule.label for rule in new.cross_year if rule not in old.cross_year]
    if dropped:
        changes.append("以下数字无法由上年报告推算，已填 0，请按实际填写：" + "；".join(dropped))
    return changes


def gov_info_annual(previous: dict, source: str, schema_ref: str, agency: str) -> Rolled:
    year = previous["year"] + 1
    old, new = gia.FORMATS_BY_YEAR[previous["format"]], gia.FORMATS_BY_YEAR[gia.default_format(year)]
    figures, rules = _carried(previous, _fresh(year, agency))
    carried_over = ("applications", "carried_over")
    pending = ("applications", "carried_forward")
    # 第一项加第二项 = 第三项加第四项: until they are handled, last year's applications are still
    # pending, which keeps table 三 balanced with everything else at 0.
    figures[pending] = figures[carried_over]
    figures.update(_choices(previous, new))
    pending_label = next(row.label for row in new.applications if row.key == pending[1])
    start = skeleton.Start(
        figures=figures,
        narrative={key: previous.get(key) or "" for key in ("preface", "overview", "problems", "other")},
        notes={pending: "暂同上年结转，办结后改填办理结果"},
        origin=f"由上年报告 {source} 生成：按上年推算的数字已填好，其余为 0；"
               "“# 上年内容：”为上年的叙述，请改写后删除",
    )
    notes = [f"已按上年报告 {source}（{previous['year']}年）生成 {year} 年报告："]
    notes += [f"  填入：{rule.label}" for rule in rules]
    notes.append(f"  “{pending_label}”暂同上年结转，使表三平衡；办结后请改填办理结果")
    notes.append("  其余数字为 0；叙述部分保留为“# 上年内容：”注释，请改写")
    if previous["title"] != f"{previous['agency']}{previous['year']}年政府信息公开工作年度报告":
        notes.append(f"  上年自定义了标题“{previous['title']}”，本年未沿用；需要时请加 title:")
    if old is not new:
        notes.append(f"{year}年起改用{new.document}格式（上年为{old.document}格式）：")
        notes += [f"  {change}" for change in format_changes(old, new)]
    return Rolled(gia.KIND, skeleton.gov_info_annual(year, agency, schema_ref, start), notes)


ROLLOVERS = {gia.KIND: gov_info_annual}
