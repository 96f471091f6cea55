"""Real-client helpers: LibreOffice turns a .docx into PDF, poppler reads the PDF back.

Each conversion gets its own LibreOffice profile, so parallel or leftover soffice processes cannot
lock each other out, and the fontconfig file beside this module, which maps the 公文 face names
(not on Linux) to installed CJK faces instead of DejaVu tofu or a Japanese face.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

FONTS_CONF = Path(__file__).with_name("fonts.conf")
TIMEOUT = 180


def soffice_or_skip() -> str:
    """The soffice executable, or skip the calling test when LibreOffice is not installed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) 未安装，跳过真实客户端测试")
    poppler_or_skip()
    return soffice


def poppler_or_skip() -> None:
    """Skip the calling test when poppler, which reads PDFs back, is not installed."""
    for tool in ("pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            pytest.skip(f"poppler ({tool}) 未安装，跳过真实客户端测试")


def docx_to_pdf(path: Path) -> Path:
    """Convert `path` to a PDF beside it with a headless LibreOffice, and return the PDF."""
    return docx_to_pdfs([path])[0]


def docx_to_pdfs(paths: list[Path]) -> list[Path]:
    """Convert each of `paths` to a PDF beside it in one LibreOffice run (its start costs more
    than a conversion), and return the PDFs in the same order. All paths share one folder."""
    soffice = soffice_or_skip()
    folders = {path.parent for path in paths}
    assert len(folders) == 1, "docx_to_pdfs converts the files of one folder"
    with tempfile.TemporaryDirectory(prefix="gencli-lo-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folders.pop()),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT * max(1, len(paths) // 4),
            env={**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)},
        )
    pdfs = [path.with_suffix(".pdf") for path in paths]
    missing = [pdf for pdf in pdfs if not pdf.exists()]
    assert not missing, f"LibreOffice 未生成 {missing}"
    return pdfs


def pdf_text(pdf: Path) -> str:
    """The PDF's text with its layout kept (pages separated by form feeds)."""
    return _run("pdftotext", "-layout", str(pdf), "-")


def pdf_info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields, e.g. {"Pages": "2", "Page size": "595.276 x 841.89 pts (A4)"}."""
    lines = _run("pdfinfo", str(pdf)).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def pdf_fonts(pdf: Path) -> str:
    """pdffonts' table: which faces LibreOffice actually embedded."""
    return _run("pdffonts", str(pdf))


@dataclass(frozen=True)
class Word:
    """A word pdftotext found, with its box in points from the page's top-left corner."""

    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


_PAGE = re.compile(r"<page ")
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def pdf_words(pdf: Path) -> list[Word]:
    """Every word with its page (1-based) and box, from `pdftotext -bbox`."""
    words: list[Word] = []
    for page, chunk in enumerate(_PAGE.split(_run("pdftotext", "-bbox", str(pdf), "-"))[1:], 1):
        for match in _WORD.finditer(chunk):
            x_min, y_min, x_max, y_max = (float(edge) for edge in match.groups()[:4])
            words.append(Word(page, x_min, y_min, x_max, y_max, html.unescape(match.group(5))))
    return words


def _run(*command: str) -> str:
    return subprocess.run(
        command, check=True, capture_output=True, text=True, timeout=TIMEOUT
    ).stdout
