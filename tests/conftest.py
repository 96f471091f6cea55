"""Shared test helpers: paths of the examples and the case folders."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
