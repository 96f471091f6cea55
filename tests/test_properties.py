"""Property-based tests (hypothesis, fixed seed, bounded examples):

- any valid report survives validate → build, and the .docx read back holds every figure;
- any single-cell change of a valid report is valid exactly when every equation still holds
  (an independent oracle decides), and otherwise is rejected naming that cell's line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from gencli.checking.validation import check_text
from gencli.document.layout import look_up, tree_rows
from gencli.kinds.gov_info_annual import form as gia
from gencli.operations.build import build_file

COLUMNS = len(gia.APPLICANT_COLUMNS)
SETTINGS = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def with_total(values: list[int]) -> list[int]:
    return [*values, sum(values)]


@st.composite
def reports(draw) -> dict:
    """A valid report as data: random leaves, totals written everywhere, the balance kept."""
    year = draw(st.sampled_from([2019, 2020, 2021, 2024]))
    fmt = gia.FORMATS_BY_YEAR[gia.default_format(year)]
    small = st.integers(0, 40)
    leaves = {
        path: draw(st.lists(small, min_size=COLUMNS, max_size=COLUMNS))
        for row in fmt.applications
        if row.key == "results"
        for path, _ in row.leaves()
        if path[-1] != gia.TOTAL
    }
    results_total = [sum(v[i] for v in leaves.values()) for i in range(COLUMNS)]
    carried_forward = draw(st.lists(small, min_size=COLUMNS, max_size=COLUMNS))
    carried_over = [
        draw(st.integers(0, results_total[i] + carried_forward[i])) for i in range(COLUMNS)
    ]
    new = [results_total[i] + carried_forward[i] - carried_over[i] for i in range(COLUMNS)]
    appeals = {g.key: draw(st.lists(small, min_size=4, max_size=4)) for g in gia.APPEAL_GROUPS}
    proactive = {
        row.key: {
            f.key: draw(st.integers(-5, 50) if f.kind == "signed" else small)
            for f in block.figures
            if f.kind in ("count", "signed")
        }
        for block in fmt.proactive
        for row in block.rows
    }
    return {
        "year": year,
        "leaves": leaves,
        "results_total": results_total,
        "new": new,
        "carried_over": carried_over,
        "carried_forward": carried_forward,
        "appeals": appeals,
        "proactive": proactive,
    }


def yaml_text(report: dict) -> tuple[str, dict]:
    """The report as YAML (one row a line) and the line of every figure row."""
    lines = [
        "kind: gov-info-annual",
        "agency: 测试局",
        f"year: {report['year']}",
        "overview: 概况。",
        "problems: 问题。",
        "other: 本年度未收取信息处理费。",
        "proactive:",
    ]
    for key, figures in report["proactive"].items():
        lines.append(f"  {key}: {{{', '.join(f'{k}: {v}' for k, v in figures.items())}}}")
    rows: dict = {}

    def row(indent: int, path: tuple, values: list[int]) -> None:
        rows[path] = len(lines) + 1
        lines.append(f"{'  ' * indent}{path[-1]}: {with_total(values)}")

    lines.append("applications:")
    row(1, ("applications", "new"), report["new"])
    row(1, ("applications", "carried_over"), report["carried_over"])
    lines.append("  results:")
    groups_seen: set = set()
    for path, values in report["leaves"].items():
        if len(path) == 2 and path[0] not in groups_seen:
            groups_seen.add(path[0])
            lines.append(f"    {path[0]}:")
        row(2 + len(path) - 1, ("applications", "results", *path), values)
    row(2, ("applications", "results", "total"), report["results_total"])
    row(1, ("applications", "carried_forward"), report["carried_forward"])
    lines.append("appeals:")
    for key, values in report["appeals"].items():
        row(1, ("appeals", key), values)
    return "\n".join(lines) + "\n", rows


def oracle_holds(rows: dict[tuple, list[int]]) -> bool:
    """Every equation of the form, checked independently of gencli's keywords."""
    if any(v < 0 for values in rows.values() for v in values):
        return False
    if any(values[-1] != sum(values[:-1]) for values in rows.values()):
        return False
    results = [p for p in rows if p[:2] == ("applications", "results") and p[-1] != "total"]
    total = rows[("applications", "results", "total")]
    for i in range(COLUMNS):
        if total[i] != sum(rows[p][i] for p in results):
            return False
        left = rows[("applications", "new")][i] + rows[("applications", "carried_over")][i]
        if left != total[i] + rows[("applications", "carried_forward")][i]:
            return False
    return True


def written_rows(report: dict) -> dict[tuple, list[int]]:
    rows = {
        ("applications", "new"): report["new"],
        ("applications", "carried_over"): report["carried_over"],
        ("applications", "results", "total"): report["results_total"],
        ("applications", "carried_forward"): report["carried_forward"],
    }
    rows.update({("applications", "results", *p): v for p, v in report["leaves"].items()})
    rows.update({("appeals", k): v for k, v in report["appeals"].items()})
    return {path: with_total(values) for path, values in rows.items()}


@SETTINGS
@given(reports())
def test_any_valid_report_builds_and_the_docx_holds_every_figure(tmp_path: Path, report) -> None:
    text, _ = yaml_text(report)
    source = tmp_path / "r.yaml"
    source.write_text(text, encoding="utf-8")
    built = build_file(source, tmp_path, ["docx"])
    assert built.ok, [d.as_text() for d in built.checked.diagnostics]
    normalized = built.checked.normalized
    with zipfile.ZipFile(tmp_path / "r.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    tables = body.findall("w:body/w:tbl", NS)
    table_three = [
        ["".join(tc.xpath(".//w:t/text()", namespaces=NS)) for tc in tr.findall("w:tc", NS)]
        for tr in tables[1].findall("w:tr", NS)
    ]
    for printed, cells in zip(tree_rows(gia.form_for(normalized).applications, 3), table_three[3:]):
        values = look_up(normalized["applications"], printed.path)
        assert cells[-len(gia.APPLICATION_COLUMNS) :] == [
            str(values[c.key]) for c in gia.APPLICATION_COLUMNS
        ]
    four = [
        "".join(tc.xpath(".//w:t/text()", namespaces=NS))
        for tc in tables[2].findall("w:tr", NS)[-1].findall("w:tc", NS)
    ]
    assert four == [
        str(normalized["appeals"][g.key][c.key])
        for g in gia.APPEAL_GROUPS
        for c in gia.APPEAL_COLUMNS
    ]


@SETTINGS
@given(reports(), st.data())
def test_a_single_cell_change_is_valid_only_if_every_equation_holds(report, data) -> None:
    text, lines = yaml_text(report)
    rows = written_rows(report)
    path = data.draw(st.sampled_from(sorted(rows)), label="row")
    column = data.draw(st.integers(0, len(rows[path]) - 1), label="column")
    old = rows[path][column]
    new = data.draw(st.integers(-3, 60).filter(lambda v: v != old), label="new value")
    mutated = {p: list(v) for p, v in rows.items()}
    mutated[path][column] = new
    line = lines[path]
    source = text.split("\n")
    source[line - 1] = source[line - 1].split(":")[0] + f": {mutated[path]}"
    checked = check_text("\n".join(source), "m.yaml")
    if oracle_holds(mutated):
        assert not checked.errors
    else:
        assert checked.errors
        named = {d.line for d in checked.errors} | {
            line for d in checked.errors if f"第{line}行" in d.message
        }
        assert line in named, [d.as_text() for d in checked.errors]
