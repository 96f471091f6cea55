"""A real report with one wrong figure always fails, and names that figure's line.

Every figure of tables 三 and 四 of every example is changed by one, one at a time: each mutant
must be rejected with an error on the mutated line. (Table 二 has no arithmetic to break.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gencli.checking.validation import check_text
from gencli.loading.reader import load_text

from .conftest import EXAMPLES


def _figure_positions(node, found):
    """(line, column) 0-based of every integer in list rows below `node`."""
    if isinstance(node, dict):
        for value in node.values():
            _figure_positions(value, found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, int):
                found.append(tuple(node.lc.data[index][:2]))
    return found


def _mutants(path: Path):
    text = path.read_text(encoding="utf-8")
    root = load_text(text)
    positions = _figure_positions(root["applications"], []) + _figure_positions(root["appeals"], [])
    lines = text.split("\n")
    for line, column in positions:
        digits = len(lines[line][column:]) - len(lines[line][column:].lstrip("0123456789"))
        old = int(lines[line][column : column + digits])
        mutated = lines.copy()
        mutated[line] = lines[line][:column] + str(old + 1) + lines[line][column + digits :]
        yield line + 1, "\n".join(mutated)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_single_figure_mutation_fails_on_its_line(path: Path) -> None:
    count = 0
    for line, text in _mutants(path):
        checked = check_text(text, path.name)
        assert checked.errors, f"mutating line {line} went unnoticed"
        named = {d.line for d in checked.errors} | {
            line for d in checked.errors if f"第{line}行" in d.message
        }
        assert line in named, (line, [d.as_text() for d in checked.errors])
        count += 1
    assert count > 150  # every cell of tables 三 and 四
