"""`build --to pdf`: one LibreOffice run for a batch, a private profile, a time limit, the faces
that stood in, and all-or-nothing output when LibreOffice is missing or fails."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from gencli.writers import pdf

from .conftest import EXAMPLES
from .office import pdf_info, pdf_text, pdf_words, soffice_or_skip

NUMBER = r"\d+(?:\.\d+)?"
REPORTS = [EXAMPLES / "fujian-amr-2020.yaml", EXAMPLES / "pingtan-2023.yaml"]
# Six- and eight-digit figures in every table: they must print whole with gencli's own stand-ins.
STRESS = Path(__file__).resolve().parent / "stress" / "gov-info-annual-2021.yaml"


def _build(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gencli", "build", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def _fake_soffice(folder: Path, script: str) -> dict:
    """A PATH whose soffice is `script` (and nothing else of LibreOffice)."""
    folder.mkdir(parents=True, exist_ok=True)
    fake = folder / "soffice"
    fake.write_text(f"#!/bin/sh\n{script}\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    python = Path(sys.executable).parent
    return {"PATH": f"{folder}:{python}:/usr/bin:/bin"}


@pytest.mark.office
def test_a_batch_is_printed_by_one_libreoffice_with_every_figure(tmp_path: Path) -> None:
    soffice_or_skip()
    home = tmp_path / "home"
    home.mkdir()
    folder = tmp_path / "reports"
    folder.mkdir()
    for report in [*REPORTS, STRESS]:
        shutil.copy(report, folder)
    done = _build(
        str(folder), "-o", str(tmp_path / "out"), "--to", "docx,pdf", env={"HOME": str(home)}
    )
    assert done.returncode == 0, done.stderr
    assert "共 3 份报告：已生成 3 份" in done.stderr
    body = pdf.faces(["仿宋_GB2312"], {"仿宋_GB2312": "仿宋"})
    if body is not None and not body[0].installed:  # as on Debian: said once for the batch
        assert (
            done.stderr.count(
                f"警告：字体“仿宋_GB2312”未安装，PDF 中由“{body[0].printed_with}”代替"
            )
            == 1
        )
    text = pdf_text(tmp_path / "out" / "fujian-amr-2020.pdf")
    assert "福建省市场监督管理局" in text and "政府信息公开工作年度报告" in text
    for report in [
        *REPORTS,
        STRESS,
    ]:  # every figure of every table, whole, as often as in the .docx
        words = pdf_words(tmp_path / "out" / f"{report.stem}.pdf")
        printed = Counter(n for word in words for n in re.findall(NUMBER, word.text))
        wanted = Counter(_docx_figures(tmp_path / "out" / f"{report.stem}.docx"))
        assert sum(wanted.values()) > 100  # the three tables: well over a hundred cells
        assert {f: n for f, n in wanted.items() if printed[f] < n} == {}, report.stem
    assert int(pdf_info(tmp_path / "out" / "pingtan-2023.pdf")["Pages"]) >= 3
    assert not (home / ".config" / "libreoffice").exists()  # the user's profile untouched


def _docx_figures(docx: Path) -> list[str]:
    """The numbers in the .docx's table cells (13989.54 of 13989.54万元, 1 of 增 1)."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(docx) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    figures = []
    for cell in body.iter(f"{w}tc"):
        text = "".join(t.text or "" for t in cell.iter(f"{w}t")).strip()
        figures += re.findall(NUMBER, text)
    return figures


def test_without_libreoffice_nothing_is_written_and_it_says_so(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "fujian-amr-2020.docx").write_bytes(b"the old docx")
    env = {"PATH": f"{Path(sys.executable).parent}:/nonexistent"}
    done = _build(str(REPORTS[0]), "-o", str(out), "--to", "docx,pdf", env=env)
    assert done.returncode == 1
    assert "无法生成 PDF：生成 PDF 需要 LibreOffice，但没有找到 soffice" in done.stderr
    assert "Traceback" not in done.stderr
    assert (out / "fujian-amr-2020.docx").read_bytes() == b"the old docx"
    assert sorted(p.name for p in out.iterdir()) == ["fujian-amr-2020.docx"]


def test_a_failing_libreoffice_is_one_clear_message(tmp_path: Path) -> None:
    env = _fake_soffice(tmp_path / "bin", 'echo "Error: source file could not be loaded"; exit 77')
    done = _build(str(REPORTS[0]), "-o", str(tmp_path / "out"), "--to", "html,pdf", env=env)
    assert done.returncode == 1
    assert (
        "无法生成 PDF：LibreOffice 转换失败（退出码 77）：Error: source file could not be loaded"
        in done.stderr
    )
    assert not (tmp_path / "out" / "fujian-amr-2020.html").exists()


def test_a_hanging_libreoffice_is_stopped_at_the_time_limit(tmp_path: Path, monkeypatch) -> None:
    marker = tmp_path / "still-running"
    env = _fake_soffice(tmp_path / "bin", f"sleep 30; touch {marker}")
    monkeypatch.setenv("PATH", env["PATH"])
    monkeypatch.setattr(pdf, "SECONDS_AT_LEAST", 1)
    monkeypatch.setattr(pdf, "SECONDS_PER_DOCUMENT", 0)
    start = time.monotonic()
    with pytest.raises(pdf.PdfError, match="LibreOffice 在 1 秒内没有完成转换，已停止"):
        pdf.convert([b"not a docx"])
    assert time.monotonic() - start < 10
    time.sleep(0.5)
    assert not marker.exists()  # the whole process group was killed, sleep included


def test_faces_name_the_stand_in_of_a_missing_face() -> None:
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig (fc-match) 未安装")
    found = pdf.faces(["仿宋_GB2312", "NoSuchFace 12345"], {})
    assert found is not None
    missing = found[1]
    assert not missing.installed and missing.printed_with
    assert pdf.face_notes([missing]) == [
        f"字体“NoSuchFace 12345”未安装，PDF 中由“{missing.printed_with}”代替；"
        "正式发布的 PDF 请在装有该字体的电脑上生成"
    ]
