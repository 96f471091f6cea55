"""Old Word (.doc) and WPS (.wps) files, converted to .docx by a headless LibreOffice first.

Neither format is worth reading by hand (binary OLE streams); LibreOffice converts both
faithfully, tables and merged cells included, when it is installed. Each conversion gets its own
LibreOffice profile in a scratch folder, so that two imports (or a running LibreOffice) never
lock each other out.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 180


class CannotConvert(ValueError):
    """LibreOffice is missing or could not convert the file (a message in Chinese)."""


def to_docx(path: Path) -> bytes:
    """The .docx LibreOffice makes of `path`."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise CannotConvert(
            f"导入 {path.suffix} 文件需要 LibreOffice（soffice）把它转换为 .docx，本机没有安装；"
            "请安装 LibreOffice，或在 WPS/Word 中另存为 .docx 后再导入"
        )
    with tempfile.TemporaryDirectory(prefix="gencli-import-") as scratch:
        folder = Path(scratch)
        source = folder / f"source{path.suffix.lower()}"
        shutil.copyfile(path, source)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise CannotConvert(f"LibreOffice 转换 {path} 超过 {TIMEOUT} 秒，已停止") from None
        converted = folder / "source.docx"
        if not converted.exists():
            raise CannotConvert(f"LibreOffice 未能把 {path} 转换为 .docx（文件可能已损坏）")
        return converted.read_bytes()
