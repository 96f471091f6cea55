"""Each example's HTML in a real browser (headless Chromium): no request leaves the page, the
tables render with the official number of cells, and printing gives A4 pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gencli.cli.commands import main

from .browser import Browser, chromium_or_skip
from .conftest import EXAMPLES
from .office import pdf_info, poppler_or_skip

EXAMPLE_FILES = sorted(EXAMPLES.glob("fujian-*.yaml"))
# Rendered cells of the 2019-format tables, counted from the official layout:
# 二: three blocks of 4 columns (heading + header + 2 rows) and two of 3 ((八), (九): 1 row);
# 三: header rows 2 + 3 + 5, 23 rows of 7 figures, 27 label cells (merged labels count once);
# 四: header rows 2 + 2 + 15, one row of 15 figures.
CELLS_2019 = {
    "table-2": 3 * (1 + 4 + 2 * 4) + 2 * (1 + 3 + 3),
    "table-3": (2 + 3 + 5) + 23 * 7 + 27,
    "table-4": (2 + 2 + 15) + 15,
}


@pytest.fixture(scope="module")
def browser():
    chromium_or_skip()
    opened = Browser()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html")
    result = CliRunner().invoke(
        main, ["build", *map(str, EXAMPLE_FILES), "-o", str(out), "--to", "html"]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_html_in_chromium(
    browser: Browser, pages: Path, example: Path, tmp_path: Path
) -> None:
    page = pages / f"{example.stem}.html"
    url = page.resolve().as_uri()
    browser.open(url)
    assert browser.requests() == [url]  # the page itself, and nothing else
    cells = browser.evaluate(
        "[...document.querySelectorAll('table')].map(t => [...t.querySelectorAll('th,td')]"
        ".filter(c => c.getBoundingClientRect().width > 0).length)"
    )
    assert cells == [CELLS_2019["table-2"], CELLS_2019["table-3"], CELLS_2019["table-4"]]
    headings = browser.evaluate("[...document.querySelectorAll('h2')].map(h => h.textContent)")
    assert headings[0] == "一、总体情况" and headings[-1] == "六、其他需要报告的事项"
    assert browser.evaluate("getComputedStyle(document.querySelector('caption')).width") == "1px"
    shot = tmp_path / "shot.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    poppler_or_skip()  # the rest reads Chromium's PDF back
    printed = tmp_path / "printed.pdf"
    browser.pdf(printed)
    info = pdf_info(printed)
    assert "(A4)" in info["Page size"]
    assert int(info["Pages"]) >= 5
