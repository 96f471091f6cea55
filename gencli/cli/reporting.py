"""Printing findings: `FILE:LINE:COL: message` lines for people, one JSON array for tools."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from gencli.base.limits import MAX_LISTED
from gencli.checking.diagnostics import Diagnostic


def text_report(diagnostics: Iterable[Diagnostic], out: TextIO) -> None:
    """Each file's first `MAX_LISTED` findings, then one line counting the rest: ten thousand
    unknown keys are one mistake repeated, and a screenful says so better than a flood."""
    listed: Counter[str] = Counter()
    unlisted: Counter[str] = Counter()
    for diagnostic in diagnostics:
        if listed[diagnostic.file] < MAX_LISTED:
            listed[diagnostic.file] += 1
            out.write(diagnostic.as_text() + "\n")
        else:
            unlisted[diagnostic.file] += 1
    for file, count in unlisted.items():
        out.write(
            f"{file}: 还有 {count} 处未列出（共 {listed[file] + count} 处）："
            "请先改正上面列出的问题，再重新检查\n"
        )


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
