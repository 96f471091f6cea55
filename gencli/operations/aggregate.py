"""`gencli aggregate`: a region's 政府信息公开工作年度报告 tables as the sum of its agencies'.

Every January a 政务公开办 collects its agencies' reports and publishes its own, whose tables
二, 三 and 四 are the cell-by-cell sums of theirs (本年增/减 included, signed; amounts exact).
The narrative is the region's own to write, so it is left empty, with a comment saying so. The
sum is written as `gencli init` writes a skeleton (the same generator, started from the sums),
and it is checked before it is written: it must validate, and read back equal to the sums.

Sums only mean something over reports of one year and one edition of the form, all valid: a
report with errors is refused (listed with its first error) unless the caller chooses to leave
it out (`skip_invalid`), and the summary then names what it left out. Two reports of one
agency (县水利局.yaml and 县水利局（修改版）.yaml, a revision saved beside the original) would
count its figures twice, so they are refused, both named, unless the caller allows it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from gencli.base import oserrors
from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.model import AMOUNT, TEXT

SHOWN = 10  # files named in a message before "等 N 份"


class AggregateError(ValueError):
    """The reports cannot be summed as given (in Chinese, naming the files)."""


@dataclass
class Read:
    """One source report: its normalized form, or why it cannot be summed."""

    path: str
    normalized: dict | None = None
    problem: str = ""


def read_job(path: Path) -> Read:
    """Check one source report (runs in a worker process)."""
    from gencli.checking.validation import check_file

    try:
        checked = check_file(path)
    except OSError as error:
        return Read(str(path), problem=f"{path}: 无法读取：{oserrors.chinese(error)}")
    if checked.normalized is None:
        first = next((d for d in checked.diagnostics if d.is_error), None)
        return Read(str(path), problem=first.as_text().split("\n")[0] if first else str(path))
    return Read(str(path), checked.normalized)


def _names(paths: Iterable[str]) -> str:
    paths = list(paths)
    shown = "、".join(paths[:SHOWN])
    return shown + (f" 等 {len(paths)} 份" if len(paths) > SHOWN else "")


def _one(reports: list[Read], what: str, value: Any, wanted: Any = None) -> Any:
    """The value all reports share (`wanted` if given); otherwise an error naming the reports
    that differ from the most common value (or from `wanted`)."""
    counts = Counter(value(r.normalized) for r in reports)
    expected = wanted if wanted is not None else counts.most_common(1)[0][0]
    odd = [r.path for r in reports if value(r.normalized) != expected]
    if odd:
        groups = "；".join(
            f"{key}：{_names(r.path for r in reports if value(r.normalized) == key)}"
            for key, _ in sorted(counts.items(), key=lambda item: -item[1])
        )
        said = "应为" if wanted is not None else "多数为"
        raise AggregateError(
            f"只能汇总同一{what}的报告：{said} {expected}，而 {_names(odd)} 不是（{groups}）"
        )
    return expected


@dataclass(frozen=True)
class Sums:
    """The region's figures: by path as `skeleton.Start` reads them."""

    year: int
    format: int
    figures: dict[tuple[str, ...], Any] = field(default_factory=dict)


def _figures(report: dict, fmt: gia.Format) -> dict[tuple[str, ...], Any]:
    """Every cell of a normalized report that a sum adds up, by path as `skeleton.Start`
    reads them: table 二's figures, table 三's rows (six counts), table 四's groups (four)."""
    found: dict[tuple[str, ...], Any] = {}
    for block in fmt.proactive:
        for row in block.rows:
            for figure in block.figures:
                if figure.kind != TEXT:
                    found[("proactive", row.key, figure.key)] = report["proactive"][row.key][
                        figure.key
                    ]
    columns = [c.key for c in gia.APPLICANT_COLUMNS]
    for row in fmt.applications:
        for steps, _leaf in row.leaves():
            cells = report["applications"][row.key]
            for step in steps:
                cells = cells[step]
            path = ("applications", row.key, *steps)
            found[path] = [cells[c] for c in columns]
    appeal_columns = [c.key for c in gia.APPEAL_COLUMNS[:-1]]
    for group in gia.APPEAL_GROUPS:
        found[("appeals", group.key)] = [report["appeals"][group.key][c] for c in appeal_columns]
    if fmt.year >= 2021:
        fees = report["processing_fees"] or {}
        for figure in gia.PROCESSING_FEES:
            zero = Decimal(0) if figure.kind == AMOUNT else 0
            found[("processing_fees", figure.key)] = fees.get(figure.key, zero)
    return found


def _units(reports: list[Read], fmt: gia.Format) -> dict[tuple[str, ...], str]:
    """Amounts that carry a unit of their own (政府集中采购) add up only in one unit."""
    units: dict[tuple[str, ...], str] = {}
    for block in fmt.proactive:
        for unit in (f for f in block.figures if f.kind == TEXT):
            for row in block.rows:
                try:
                    units[("proactive", row.key, unit.key)] = _one(
                        reports,
                        f"{row.label}金额单位",
                        lambda r, row=row, unit=unit: r["proactive"][row.key][unit.key],
                    )
                except AggregateError as error:
                    raise AggregateError(
                        f"{error}；请把{row.label}的金额换算为同一单位后再汇总"
                    ) from None
    return units


def add_up(reports: list[Read], year: int | None = None) -> Sums:
    """The sums of valid, normalized reports of one kind, year and edition of the form."""
    _one(reports, "种类", lambda r: r["kind"], gia.KIND)
    year = _one(reports, "年度", lambda r: r["year"], year)
    fmt = gia.FORMATS_BY_YEAR[_one(reports, "格式", lambda r: r["format"])]
    figures: dict[tuple[str, ...], Any] = {}
    for read in reports:
        assert read.normalized is not None  # only valid reports are summed
        for path, value in _figures(read.normalized, fmt).items():
            if isinstance(value, list):
                figures[path] = [a + b for a, b in zip(figures.get(path, [0] * len(value)), value)]
            else:
                figures[path] = figures.get(path, 0) + value
    return Sums(year, fmt.year, {**figures, **_units(reports, fmt)})


def summary_text(
    sums: Sums, agency: str, sources: list[str], schema_ref: str, left_out: Sequence[str] = ()
) -> str:
    """The region's report as YAML, in the words of `gencli init`: its skeleton started from
    the sums, with the reports summed (and those left out) listed in comments at the end."""
    from gencli.kinds.gov_info_annual.skeleton import document
    from gencli.kinds.skeleton_common import Start

    fmt = gia.FORMATS_BY_YEAR[sums.format]
    remark = (
        f"本报告的表格由 {len(sources)} 份报告汇总而来（gencli aggregate）；"
        "各机关的叙述不汇总，请撰写本地区的{part}"
    )
    start = Start(
        figures=sums.figures,
        origin=f"表二、表三、表四为 {len(sources)} 份{sums.year}年报告（{fmt.document}格式）"
        "逐格相加之和，来源列在文末",
        remarks={
            "overview": remark.format(part="总体情况"),
            "problems": remark.format(part="存在的主要问题及改进情况"),
        },
        format=sums.format if sums.format != gia.default_format(sums.year) else None,
    )
    report = document(sums.year, agency, schema_ref, start)
    report.comment("", f"汇总的报告（{len(sources)} 份）：", *(f"  {path}" for path in sources))
    if left_out:
        report.comment(
            f"未汇总的报告（有错误，{len(left_out)} 份）：",
            *(f"  {problem}" for problem in left_out),
        )
    return report.text()


@dataclass(frozen=True)
class Aggregated:
    """The region's report text, the reports summed and those left out (with their errors)."""

    text: str
    summed: list[str]
    left_out: list[str]
    reports: list[Read] = field(default_factory=list)  # those summed, for the 汇总表
    format: int = 0


def aggregate(
    paths: list[Path],
    agency: str,
    schema_ref: str,
    year: int | None = None,
    skip_invalid: bool = False,
    jobs: int = 1,
    same_agency: bool = False,
) -> Aggregated:
    """Check the reports (in parallel, with a progress bar on a terminal), sum them, and prove
    the sum before returning it. `same_agency` allows two reports naming one agency."""
    from gencli.operations.batch import run

    reads: list[Read] = run(read_job, paths, jobs, "检查", lambda read: None)[0]
    bad = [read for read in reads if read.normalized is None]
    if bad and not skip_invalid:
        raise AggregateError(
            "以下报告有错误，不能汇总（改正后重试，或加 --skip-invalid 只汇总其余的报告）：\n"
            + "\n".join(f"  {read.problem}" for read in bad)
        )
    good = [read for read in reads if read.normalized is not None]
    if not good:
        raise AggregateError("没有可以汇总的报告：每一份都有错误")
    if not same_agency:
        _refuse_same_agency(good)
    sums = add_up(good, year)
    summed = [read.path for read in good]
    text = summary_text(sums, agency, summed, schema_ref, [read.problem for read in bad])
    _prove(text, sums)
    return Aggregated(text, summed, [read.problem for read in bad], good, sums.format)


def _refuse_same_agency(reports: list[Read]) -> None:
    """Each agency once: the files that name the same `agency`, grouped, are an error."""
    by_agency: dict[str, list[str]] = {}
    for read in reports:
        assert read.normalized is not None
        by_agency.setdefault(read.normalized["agency"], []).append(read.path)
    twice = {agency: found for agency, found in by_agency.items() if len(found) > 1}
    if twice:
        raise AggregateError(
            "以下机关各有不止一份报告，汇总会把它们的数字重复相加（请只留一份；"
            "确属同名的不同机关时加 --allow-same-agency）：\n"
            + "\n".join(f"  {agency}：{'、'.join(found)}" for agency, found in twice.items())
        )


def _prove(text: str, sums: Sums) -> None:
    """The written sum validates and reads back as the sums: anything else is gencli's bug."""
    from gencli.checking.validation import check_text

    checked = check_text(text, "汇总结果")
    if checked.normalized is None:
        errors = "; ".join(d.as_text() for d in checked.errors)
        raise RuntimeError(f"汇总结果未通过检查：{errors}")
    fmt = gia.FORMATS_BY_YEAR[sums.format]
    expected = {path: value for path, value in sums.figures.items() if path[-1] != "unit"}
    if _figures(checked.normalized, fmt) != expected:
        raise RuntimeError("汇总结果读回后与逐格相加之和不一致")
