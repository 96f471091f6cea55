"""The layout the architecture promises: dependency arrows point one way, and every kind is
reached through the one registry (gencli/kinds/__init__.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from gencli.base.paths import data_dir
from gencli.cli.commands import KIND_CHOICES, main
from gencli.kinds import KINDS, Kind

PACKAGE = Path(__file__).resolve().parent.parent / "gencli"

# Lower ranks never import higher ones: cli → operations → pipeline stages → kinds → base.
RANKS = {
    "base": 0,
    "kinds": 1,
    "loading": 2,
    "document": 2,
    "checking": 3,
    "writers": 3,
    "operations": 4,
    "cli": 5,
}


def _layer(parts: tuple[str, ...]) -> str:
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [(node.lineno, name) for name in names if name.startswith("gencli.")]
    return found


def test_dependency_arrows_point_one_way() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        layer = _layer(parts)
        if layer not in RANKS:  # gencli/__init__.py (the version) and __main__.py
            continue
        for line, name in _imports(path):
            target = name.split(".")[1]
            if target in RANKS and target != layer and RANKS[target] >= RANKS[layer]:
                upward.append(f"{path.relative_to(PACKAGE)}:{line} imports {name}")
    assert upward == []


def test_no_relative_imports_or_paths_outside_the_repository() -> None:
    """Absolute imports show the layer at a glance; no file names ../shared or another
    checkout (the project must stand on its own)."""
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level], path
        assert "shared/" not in text, path


@pytest.mark.parametrize("name", list(KINDS))
def test_every_registered_kind_has_its_template_schema_and_form(name: str) -> None:
    kind = KINDS[name]
    assert isinstance(kind, Kind) and kind.name == name and kind.form.KIND == name
    assert (data_dir("templates") / f"{name}.xml.j2").is_file()
    assert (data_dir("schema") / f"{name}.schema.json").is_file()
    assert kind.schema()["properties"]["kind"]["const"] == name
    assert kind.title == kind.form.NAME and kind.schema()["title"] == kind.title


def test_the_command_line_offers_exactly_the_registered_kinds() -> None:
    assert (
        list(KIND_CHOICES)
        == list(KINDS)
        == [
            "gov-info-annual",
            "rule-of-law-annual",
            "work-summary",
            "plan",
        ]
    )
    result = CliRunner().invoke(main, ["init", "--kind", "annual"])
    assert result.exit_code == 2
    assert "gov-info-annual、rule-of-law-annual、work-summary、plan" in result.output


def test_every_kind_with_a_year_rolls_over_and_only_one_has_cross_year_rules() -> None:
    rolling = [name for name, kind in KINDS.items() if kind.roll_over is not None]
    checked = [name for name, kind in KINDS.items() if kind.cross_year is not None]
    assert rolling == ["gov-info-annual", "rule-of-law-annual", "work-summary"]  # a 规划 has none
    assert checked == ["gov-info-annual"]
