"""Printing findings: `FILE:LINE:COL: message` lines for people, one JSON array for tools."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from gencli.checking.diagnostics import Diagnostic


def text_report(diagnostics: Iterable[Diagnostic], out: TextIO) -> None:
    for diagnostic in diagnostics:
        out.write(diagnostic.as_text() + "\n")


def json_report(diagnostics: Iterable[Diagnostic], out: TextIO) -> None:
    json.dump([d.as_json() for d in diagnostics], out, ensure_ascii=False, indent=2)
    out.write("\n")


def summary(files: int, failed: int, errors: int, warnings: int) -> str:
    if not failed:
        verdict = "全部通过" if not warnings else "全部通过（有警告）"
    else:
        verdict = f"{failed} 个文件未通过"
    return f"检查了 {files} 个文件：{verdict}；错误 {errors} 处，警告 {warnings} 处。"


REPORTERS = {"text": text_report, "json": json_report}
