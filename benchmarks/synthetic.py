"""Synthetic 政府信息公开工作年度报告 for benchmarks: valid, varied, reproducible.

Each report has random figures whose arithmetic holds (row totals, the （七）总计, 第一项加第二项
之和等于第三项加第四项之和, appeal totals), narrative of varied length with headings, quoted
terms and figure references, in either edition of the form; and a Markdown twin with the same
text and tables, for tools that take Markdown. The same seed gives the same files.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from gencli.kinds.gov_info_annual import form as gia

PHRASES = (
    "全面贯彻落实《中华人民共和国政府信息公开条例》",
    "深化“放管服”改革",
    "推进“双随机、一公开”监管",
    "加强政策解读和社会关切回应",
    "规范依申请公开办理流程",
    "完善政府信息公开平台建设",
    "强化政务新媒体管理",
    "做好重点领域信息公开",
    "加强组织领导和监督考核",
    "推进基层政务公开标准化规范化",
    "及时发布权责清单动态调整情况",
    "提升政府网站信息发布质量",
    "开展政务公开专题培训",
    "扎实推进“互联网+政务服务”",
    "主动公开财政预决算信息",
    "畅通依申请公开渠道",
)
HEADINGS = ("主动公开情况", "依申请公开情况", "政府信息管理", "平台建设", "监督保障", "政策解读")
APPLICANTS = len(gia.APPLICANT_COLUMNS)


def _sentence(rng: random.Random) -> str:
    parts = rng.sample(PHRASES, rng.randint(2, 4))
    return "，".join(parts) + f"，全年累计{rng.randint(3, 900)}项。"


def _narrative(rng: random.Random, paragraphs: int, references: bool) -> str:
    lines = []
    for index in range(paragraphs):
        if index % 3 == 0 and paragraphs > 2:
            lines += [f"# {rng.choice(HEADINGS)}", ""]
        text = "".join(_sentence(rng) for _ in range(rng.randint(1, 5)))
        if references and index == 0:
            text += "全年共受理申请{{ applications.new.total }}件。"
        lines += [text, ""]
    return "\n".join(lines)


def _row(rng: random.Random, high: int) -> list[int]:
    return [rng.choice((0, 0, 0, rng.randint(0, high))) for _ in range(APPLICANTS)]


def _applications(fmt: gia.Format, rng: random.Random) -> dict:
    """Leaf rows of 三 with the balance kept: new = results + carried forward − carried over."""
    results: dict = {}
    total = [0] * APPLICANTS
    for row in fmt.applications:
        if row.key != "results":
            continue
        for path, _leaf in row.leaves():
            if path[-1] == gia.TOTAL:
                continue
            cells = _row(rng, 40)
            node = results
            for step in path[:-1]:
                node = node.setdefault(step, {})
            node[path[-1]] = cells
            total = [a + b for a, b in zip(total, cells)]
    forward = _row(rng, 5)
    over = [rng.randint(0, a + b) // 3 for a, b in zip(total, forward)]
    new = [a + b - c for a, b, c in zip(total, forward, over)]
    return {"new": new, "carried_over": over, "results": results, "carried_forward": forward}


def _flow(values: dict) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in values.items()) + "}"


def _proactive(fmt: gia.Format, rng: random.Random) -> dict:
    table = {}
    for block in fmt.proactive:
        for row in block.rows:
            cells = {}
            for figure in block.figures:
                if figure.kind == "text":
                    cells[figure.key] = rng.choice(figure.choices)
                elif figure.kind == "amount":
                    cells[figure.key] = Decimal(rng.randint(0, 9_999_999)) / 100
                elif figure.kind == "signed":
                    cells[figure.key] = rng.randint(-20, 20)
                else:
                    cells[figure.key] = rng.randint(0, 5000)
            table[row.key] = cells
    return table


def _yaml_rows(node: dict, depth: int) -> list[str]:
    lines = []
    for key, value in node.items():
        pad = "  " * depth
        if isinstance(value, dict):
            lines += [f"{pad}{key}:", *_yaml_rows(value, depth + 1)]
        else:
            lines.append(f"{pad}{key}: {value}")
    return lines


def _block(text: str) -> list[str]:
    return ["|"] if not text else ["|", *("  " + line if line else "" for line in text.split("\n"))]


def report(index: int, seed: int) -> tuple[str, str]:
    """The YAML of report `index` and its Markdown twin."""
    rng = random.Random(seed * 100_003 + index)
    year = rng.choice((2020, 2020, 2022))
    fmt = gia.FORMATS_BY_YEAR[gia.default_format(year)]
    agency = f"某某市第{index + 1}局"
    paragraphs = rng.choice((1, 2, 3, 5, 8, 12))
    if fmt.year >= 2021:
        paragraphs = min(paragraphs, 2)  # the 2021 form keeps 一、总体情况 within 1000 characters
    overview = _narrative(rng, paragraphs, references=rng.random() < 0.3)
    problems = _narrative(rng, rng.randint(1, 4), references=False)
    proactive = _proactive(fmt, rng)
    applications = _applications(fmt, rng)
    appeals = {
        group.key: [rng.choice((0, 0, rng.randint(0, 3))) for _ in range(4)]
        for group in gia.APPEAL_GROUPS
    }
    lines = [
        f"kind: {gia.KIND}",
        f"agency: {agency}",
        f"year: {year}",
        "overview: |",
        *("  " + line if line else "" for line in overview.split("\n")),
        "proactive:",
    ]
    lines += [f"  {key}: {_flow(cells)}" for key, cells in proactive.items()]
    lines.append("applications:")
    lines += _yaml_rows(applications, 1)
    lines.append("appeals:")
    lines += [f"  {key}: {cells}" for key, cells in appeals.items()]
    lines += ["problems: |", *("  " + line if line else "" for line in problems.split("\n"))]
    if fmt.year >= 2021:
        lines.append(f"processing_fees: {{notices: {rng.randint(0, 3)}, amount: 0}}")
    yaml_text = "\n".join(lines) + "\n"
    return yaml_text, _markdown(agency, year, overview, problems, proactive, applications, appeals)


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines + [""]


def _markdown(
    agency: str,
    year: int,
    overview: str,
    problems: str,
    proactive: dict,
    applications: dict,
    appeals: dict,
) -> str:
    """The same report as Markdown: parts as headings, tables as pipe tables."""

    def demote(text: str) -> str:
        return text.replace("\n# ", "\n### ").replace(
            "{{ applications.new.total }}", str(sum(applications["new"]))
        )

    lines = [
        f"# {agency}{year}年政府信息公开工作年度报告",
        "",
        "## 一、总体情况",
        "",
        demote("\n" + overview).strip(),
        "",
        "## 二、主动公开政府信息情况",
        "",
    ]
    lines += _table(["信息内容", "数量"], [[key, _flow(cells)] for key, cells in proactive.items()])
    lines += ["## 三、收到和处理政府信息公开申请情况", ""]
    flat = []

    def walk(node: dict, prefix: str) -> None:
        for key, value in node.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{key}.")
            else:
                flat.append([prefix + key, *value, sum(value)])

    walk(applications, "")
    lines += _table(["", *(c.label for c in gia.APPLICANT_COLUMNS), "总计"], flat)
    lines += ["## 四、政府信息公开行政复议、行政诉讼情况", ""]
    lines += _table(
        ["", *(c.label for c in gia.APPEAL_COLUMNS)],
        [[key, *cells, sum(cells)] for key, cells in appeals.items()],
    )
    lines += [
        "## 五、存在的主要问题及改进情况",
        "",
        demote("\n" + problems).strip(),
        "",
        "## 六、其他需要报告的事项",
        "",
        gia.NO_OTHER_MATTERS,
        "",
    ]
    return "\n".join(lines)


def write(folder: Path, count: int, seed: int) -> tuple[list[Path], list[Path]]:
    """`count` reports as folder/yaml/NNNN.yaml and their twins as folder/markdown/NNNN.md."""
    yaml_dir, markdown_dir = folder / "yaml", folder / "markdown"
    yaml_dir.mkdir(parents=True, exist_ok=True)
    markdown_dir.mkdir(parents=True, exist_ok=True)
    reports, twins = [], []
    for index in range(count):
        yaml_text, markdown = report(index, seed)
        reports.append(yaml_dir / f"{index:05d}.yaml")
        twins.append(markdown_dir / f"{index:05d}.md")
        reports[-1].write_text(yaml_text, encoding="utf-8")
        twins[-1].write_text(markdown, encoding="utf-8")
    return reports, twins
