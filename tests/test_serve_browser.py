"""The editing loop in a real browser: headless Chromium shows a report from `gencli serve`, the
test saves the YAML as an editor would, and the open page — never reloaded — shows the new
figure, its cell marked and its message listed; a broken save shows the error instead of the
old page, and the fix brings the document back."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .browser import Browser, chromium_or_skip
from .test_serve import DISCLOSED, DISCLOSED_WRONG, EXAMPLE, Server

pytestmark = pytest.mark.office
WAIT_SECONDS = 20
ROW_FIGURES = """
[...document.querySelectorAll('#document tr')]
  .filter(tr => [...tr.querySelectorAll('th')].some(th => th.textContent === %s))
  .map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent))[0]
"""


def _until(check: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"页面在 {WAIT_SECONDS} 秒内没有{what}")


def _save(path: Path, text: str) -> float:
    """Write as an editor does (a new file renamed over the old); the time of the save."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    saved = time.time()
    temporary.replace(path)
    return saved


@pytest.fixture
def browser():
    chromium_or_skip()
    opened = Browser(local=True)
    yield opened
    opened.close()


def test_saving_the_yaml_updates_the_open_page(browser: Browser, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    report = folder / "report.yaml"
    shutil.copy(EXAMPLE, report)
    good = report.read_text(encoding="utf-8")
    server = Server(folder, tmp_path / "cache")
    try:
        browser.open(server.url + "report?name=report.yaml")
        assert browser.evaluate("document.querySelector('h1').textContent") == (
            "福建省市场监督管理局2020年政府信息公开工作年度报告"
        )
        assert browser.evaluate(ROW_FIGURES % json.dumps("（一）予以公开")) == [
            "14",
            "1",
            "0",
            "0",
            "0",
            "0",
            "15",
        ]
        assert "未发现错误" in browser.evaluate("document.getElementById('findings').textContent")
        browser.evaluate("window.notReloaded = true")
        version = int(browser.evaluate("document.body.dataset.version"))

        saved = _save(report, good.replace(DISCLOSED, DISCLOSED_WRONG))
        _until(lambda: int(browser.evaluate("document.body.dataset.version")) > version, "更新")
        assert browser.evaluate("window.notReloaded") is True
        assert browser.evaluate(ROW_FIGURES % json.dumps("（一）予以公开")) == [
            "15",
            "1",
            "0",
            "0",
            "0",
            "0",
            "15",
        ]
        marked = browser.evaluate(
            "[...document.querySelectorAll('td.finding.error')].map(td => [td.textContent,"
            " td.title, getComputedStyle(td).outlineColor])"
        )
        assert [m[0] for m in marked] == ["15", "22"]
        assert "这里填写的是 15" in marked[0][1]
        assert marked[0][2] == "rgb(204, 0, 0)"  # the highlight is really drawn
        listed = browser.evaluate(
            "[...document.querySelectorAll('#findings li')].map(li => li.textContent)"
        )
        assert len(listed) == 2 and listed[0].startswith("report.yaml:76:76 总计应等于")
        assert browser.evaluate("document.getElementById('download').hidden") is True
        took = browser.evaluate("window.gencliUpdatedAt") / 1000 - saved
        assert took < 5, f"{took:.3f} s from save to page"
        browser.screenshot(tmp_path / "with-errors.png")

        version = int(browser.evaluate("document.body.dataset.version"))
        _save(report, good.replace("applications:", "applications: [", 1))
        _until(lambda: int(browser.evaluate("document.body.dataset.version")) > version, "更新")
        assert browser.evaluate("document.querySelector('h1')") is None  # not the stale page
        assert "这份报告还不能排版" in browser.evaluate(
            "document.getElementById('document').textContent"
        )
        assert browser.evaluate("document.querySelectorAll('#findings li').length") >= 1

        version = int(browser.evaluate("document.body.dataset.version"))
        _save(report, good)
        _until(lambda: int(browser.evaluate("document.body.dataset.version")) > version, "更新")
        assert browser.evaluate("document.querySelectorAll('td.finding').length") == 0
        assert browser.evaluate("document.getElementById('download').hidden") is False
        assert browser.evaluate("window.notReloaded") is True
        outside = [u for u in browser.requests() if not u.startswith(server.url)]
        assert outside == []
    finally:
        code, printed = server.stop()
    assert code == 0 and "Traceback" not in printed


def test_the_list_of_reports_follows_the_folder(browser: Browser, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.yaml")
    server = Server(folder, tmp_path / "cache")
    try:
        browser.open(server.url)
        names = "[...document.querySelectorAll('#reports a')].map(a => a.textContent)"
        assert browser.evaluate(names) == ["a.yaml"]
        shutil.copy(EXAMPLE, folder / "b.yaml")
        _until(lambda: browser.evaluate(names) == ["a.yaml", "b.yaml"], "列出新报告")
        (folder / "a.yaml").unlink()
        _until(lambda: browser.evaluate(names) == ["b.yaml"], "去掉删除的报告")
    finally:
        server.stop()
