"""Last year's reports for a region's check: `gencli validate 2024年/ --previous 2023年/`.

A 政务公开办 checks every report of its region against the same agency's report of the year
before (上年结转 = 上年结转下年度继续办理, and the rest of the kind's cross-year rules), not one
pair at a time. Each report is paired with the report in the other folder of the same kind,
the same agency (as written, spaces trimmed) and the year before. Nothing is guessed: a report
with no such report, or with two of them, is checked alone and named in the closing lines;
a file of the other folder that cannot be read as far as its structure is named too. Last
year's reports are read as far as their structure only, so their own arithmetic errors (a
published report may carry some) do not stop the comparison, as with `--previous 上年.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Identity = tuple[str, str, int]  # kind, agency, year
SHOWN = 20  # names listed in a closing line; the rest are counted


@dataclass
class Pairing:
    """Which report is checked against which of last year's, and what could not be paired."""

    previous: dict[Path, dict] = field(default_factory=dict)
    unmatched: list[Path] = field(default_factory=list)
    doubled: dict[Identity, list[Path]] = field(default_factory=dict)
    unreadable: list[Path] = field(default_factory=list)

    def closing_lines(self) -> list[str]:
        """The lines that close the run's summary, in Chinese (none when all is paired)."""
        lines = [f"跨年度核对：{len(self.previous)} 份报告与上年报告逐项核对。"]
        if self.unmatched:
            lines.append(
                f"{len(self.unmatched)} 份报告没有找到同一机关、同一种类的上年报告，未做跨年度核对："
                + _names(self.unmatched)
            )
        for (_, agency, year), paths in sorted(self.doubled.items()):
            lines.append(
                f"上年报告中“{agency}”{year} 年的报告有 {len(paths)} 份，无法确定用哪一份，"
                f"未做跨年度核对：{_names(paths)}"
            )
        if self.unreadable:
            lines.append(
                f"上年报告中 {len(self.unreadable)} 份无法读取（请先用 gencli validate 检查其结构），"
                f"未用于核对：{_names(self.unreadable)}"
            )
        return lines


def _names(paths: list[Path]) -> str:
    shown = "、".join(str(p) for p in paths[:SHOWN])
    return shown + (f" 等 {len(paths)} 份" if len(paths) > SHOWN else "")


def identity(report: Any) -> Identity | None:
    """Kind, agency and year of a report (raw or normalized), if it states all three and its
    kind has cross-year rules (only those are paired)."""
    from gencli.kinds import KINDS

    if not isinstance(report, dict):
        return None
    kind, agency, year = report.get("kind"), report.get("agency"), report.get("year")
    if not isinstance(kind, str) or kind not in KINDS or KINDS[kind].cross_year is None:
        return None
    if not isinstance(agency, str) or not agency.strip():
        return None
    if not isinstance(year, int) or isinstance(year, bool):
        return None
    return kind, agency.strip(), year


def pair(reports: list[Path], last_years: list[Path]) -> Pairing:
    """Pair each of `reports` with its agency's report of the year before among `last_years`."""
    from gencli.checking.validation import peek, structure_only
    from gencli.loading.selection import is_report

    found: dict[Identity, list[tuple[Path, dict]]] = {}
    pairing = Pairing()
    for path in last_years:
        normalized = structure_only(path)
        if normalized is None:
            if is_report(path):  # not other YAML beside the reports (a CI or editor file)
                pairing.unreadable.append(path)
            continue
        key = identity(normalized)
        if key is not None:
            found.setdefault(key, []).append((path, normalized))
    for path in reports:
        this = identity(peek(path))
        if this is None:
            continue  # a kind without cross-year rules, or a report its check will refuse
        kind, agency, year = this
        candidates = found.get((kind, agency, year - 1), [])
        if len(candidates) == 1:
            pairing.previous[path] = candidates[0][1]
        elif candidates:
            pairing.doubled[(kind, agency, year - 1)] = [p for p, _ in candidates]
        else:
            pairing.unmatched.append(path)
    return pairing
