"""PDF (`--to pdf`): the .docx laid out by LibreOffice, as portals publish it beside the page.

The PDF must be the .docx as an office prints it, so gencli does not lay out pages itself: it
hands the .docx files to LibreOffice headless and reads back what it prints. Starting
LibreOffice costs seconds, so a whole batch is converted by one process (`convert` takes every
document at once). Each run gets a private user profile in a scratch folder: a desktop
LibreOffice that is open (it holds the user's profile lock) neither blocks the conversion nor
receives it, and nothing is left in the user's profile. The run has a time limit, after which
its whole process group is killed.

What LibreOffice prints with depends on the fonts installed. The 公文 faces (仿宋_GB2312,
方正小标宋简体…) are rarely installed on Linux, and fontconfig's own fallback is a sans or a
Japanese face; fonts.conf beside this module names a Simplified Chinese stand-in for each,
used only where the face itself is missing. `faces` asks fontconfig which face stands in for
each one the document names, so the user learns that 仿宋_GB2312 was printed as Noto Serif CJK
SC before publishing it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

STAND_INS = Path(__file__).with_name("fonts.conf")  # fontconfig: stand-ins for missing 公文 faces
SECONDS_PER_DOCUMENT = 10
SECONDS_AT_LEAST = 120
SOFFICE_NAMES = ("soffice", "libreoffice")


class PdfError(Exception):
    """LibreOffice is missing or failed, in Chinese."""


# Keep the pages LibreOffice inserts itself (IsSkipEmptyPages, which is on by default): the blank
# page before a 版记 that must start on an even page (writers.docx.official) belongs in a PDF
# printed on both sides. Documents without such a break have none, so nothing else changes.
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _limit(count: int) -> float:
    return max(SECONDS_AT_LEAST, SECONDS_PER_DOCUMENT * count)


def convert(documents: Sequence[bytes]) -> list[bytes]:
    """The PDF of each .docx, in order, from one LibreOffice run."""
    if not documents:
        return []
    program = soffice()
    if program is None:
        raise PdfError(
            "生成 PDF 需要 LibreOffice，但没有找到 soffice：请先安装 LibreOffice"
            "（Debian/Ubuntu：apt install libreoffice-writer-nogui），或去掉 --to 中的 pdf"
        )
    with tempfile.TemporaryDirectory(prefix="gencli-pdf-") as scratch:
        folder = Path(scratch)
        inputs = []
        for number, data in enumerate(documents, start=1):
            path = folder / "in" / f"{number:06d}.docx"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            inputs.append(path)
        out = folder / "out"
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(out),
            *map(str, inputs),
        ]
        _run(command, _limit(len(documents)), folder)
        results = []
        for path in inputs:
            pdf = out / f"{path.stem}.pdf"
            if not pdf.is_file() or pdf.stat().st_size == 0:
                raise PdfError(
                    f"LibreOffice 没有转换出第 {int(path.stem)} 份文档的 PDF（共 {len(inputs)} 份）"
                )
            results.append(pdf.read_bytes())
        return results


def fontconfig_environment() -> dict[str, str]:
    """The environment with gencli's stand-ins (unless the user points fontconfig elsewhere)."""
    environment = dict(os.environ)
    environment.setdefault("FONTCONFIG_FILE", str(STAND_INS))
    return environment


def _run(command: list[str], limit: float, home: Path) -> None:
    environment = {**fontconfig_environment(), "HOME": str(home), "SAL_USE_VCLPLUGIN": "svp"}
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=environment,
        start_new_session=True,  # its own process group: killed whole on a timeout
    )
    try:
        output, _ = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfError(f"LibreOffice 在 {limit:.0f} 秒内没有完成转换，已停止") from None
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    if process.returncode != 0:
        tail = output.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise PdfError(f"LibreOffice 转换失败（退出码 {process.returncode}）：{tail[0]}")


@dataclass(frozen=True)
class Face:
    """A face the document names, and the family fontconfig prints it with."""

    name: str
    printed_with: str

    @property
    def installed(self) -> bool:
        return self.printed_with == self.name


def faces(names: Sequence[str], alternatives: dict[str, str]) -> list[Face] | None:
    """Which family stands in for each face (the face itself, or its Windows name, counts as
    installed); None when fontconfig's fc-match is not there to ask."""
    program = shutil.which("fc-match")
    if program is None:
        return None
    found = []
    for name in names:
        families = _families(program, name)
        accepted = {name, alternatives.get(name, name)}
        printed = name if accepted & set(families) else (families[0] if families else "")
        found.append(Face(name, printed))
    return found


def _families(program: str, name: str) -> list[str]:
    try:
        done = subprocess.run(
            [program, "-f", "%{family}", f"{name}:lang=zh-cn" if not name.isascii() else name],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            env=fontconfig_environment(),
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [family.strip() for family in done.stdout.split(",") if family.strip()]


def face_notes(found: Sequence[Face]) -> list[str]:
    """One Chinese line per face that is not installed."""
    return [
        f"字体“{face.name}”未安装，PDF 中由“{face.printed_with or '默认字体'}”代替；"
        "正式发布的 PDF 请在装有该字体的电脑上生成"
        for face in found
        if not face.installed
    ]
