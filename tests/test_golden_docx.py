"""Every part of two built .docx files, compared with reviewed copies in tests/golden/.

The other tests assert what a part must hold (a style's faces, a merge); these notice everything
else that changes — an attribute dropped, a part reordered, a python-docx upgrade rewriting its
template — and show it as a readable diff. Parts are compared as canonical XML (C14N 1.0:
attributes and namespace declarations sorted, every namespace in scope declared) indented one
element a line, so the golden files are reviewable; byte-level serialization (quote style,
`<a/>` against `<a></a>`) is left to test_determinism.py and test_fast_paths.py.

The test never writes the golden files. After a deliberate change, regenerate them with
`GENCLI_REGENERATE_GOLDEN=1 python -m pytest tests/test_golden_docx.py` and review the diff
before committing it (tests/golden/README.md)."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gencli.cli.commands import main

from .conftest import EXAMPLES
from .xmlcanon import canonical_parts

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("GENCLI_REGENERATE_GOLDEN") == "1"
PARTS_LIST = "parts.txt"  # the package's part names in zip order
SHOWN_DIFF_LINES = 60
REPORTS = {
    "fujian-amr-2020": EXAMPLES / "fujian-amr-2020.yaml",
    "fuzhou-amr-14th-five-year-plan": EXAMPLES / "plan" / "fuzhou-amr-14th-five-year-plan.yaml",
}


def built_parts(report: Path, out: Path) -> dict[str, str]:
    """The report's .docx built by `gencli build`, as {part name: canonical text}, in zip order,
    with PARTS_LIST listing the names."""
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(out), "--to", "docx"])
    assert result.exit_code == 0, result.output
    parts = canonical_parts((out / f"{report.stem}.docx").read_bytes())
    return {PARTS_LIST: "".join(f"{name}\n" for name in parts), **parts}


def first_difference(golden: str, built: str, name: str) -> str:
    """A unified diff from the golden part to the built one, cut after its first lines."""
    diff = list(
        difflib.unified_diff(
            golden.splitlines(),
            built.splitlines(),
            f"tests/golden/{name}（已审阅）",
            f"{name}（本次生成）",
            lineterm="",
        )
    )
    shown = diff[:SHOWN_DIFF_LINES]
    if len(diff) > SHOWN_DIFF_LINES:
        shown.append(f"……（另有 {len(diff) - SHOWN_DIFF_LINES} 行差异未显示）")
    return "\n".join(shown)


def regenerate(folder: Path, parts: dict[str, str]) -> None:
    shutil.rmtree(folder, ignore_errors=True)  # parts no longer built go too
    for name, text in parts.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("example", sorted(REPORTS))
def test_every_part_matches_its_reviewed_golden_copy(example: str, tmp_path: Path) -> None:
    parts = built_parts(REPORTS[example], tmp_path)
    folder = GOLDEN / example
    if REGENERATE:
        regenerate(folder, parts)
        pytest.skip(f"已重新生成 {folder}：请先审阅 git diff，再提交")
    assert (folder / PARTS_LIST).is_file(), (
        f"缺少 {folder / PARTS_LIST}；请用 GENCLI_REGENERATE_GOLDEN=1 python -m pytest "
        "tests/test_golden_docx.py 生成，并审阅后提交"
    )
    golden_names = {
        path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
    }
    assert golden_names == set(parts), "生成的部件与 tests/golden 中的不一致"
    golden = {name: (folder / name).read_text(encoding="utf-8") for name in parts}
    differing = [name for name, text in parts.items() if text != golden[name]]
    if differing:
        pytest.fail(
            f"{example} 中与已审阅版本不同的部件：{'、'.join(differing)}\n"
            + "\n".join(
                first_difference(golden[name], parts[name], f"{example}/{name}")
                for name in differing
            ),
            pytrace=False,
        )
