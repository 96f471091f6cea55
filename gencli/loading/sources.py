"""Which reports a command was given, and where each one's outputs go.

A 政务公开办 hands gencli a folder of folders (one per county or department) and wants the built
documents in the same tree under one output folder, so a report found at DIR/某县/某局.yaml is
built into OUT/某县/某局.docx; a file named directly goes to OUT/某局.docx. Hidden folders and
files (.git, editor backups) are skipped, and the order is fixed (sorted), so runs compare.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gencli.base import oserrors

SUFFIXES = (".yaml", ".yml")


class SourceError(ValueError):
    """The inputs cannot be built as given (a usage error, in Chinese)."""


@dataclass(frozen=True)
class Source:
    """One report file, and the folder of its outputs below the output folder ("." if none)."""

    path: Path
    subfolder: Path = Path(".")

    def outdir(self, out: Path | None) -> Path | None:
        """Where its outputs go: mirrored under `out`, or beside the report without one."""
        return None if out is None else out / self.subfolder


def _hidden(part: str) -> bool:
    return part.startswith(".") and part not in (".", "..")


def _reports_in(folder: Path, suffixes: tuple[str, ...] = SUFFIXES) -> list[Source]:
    """The reports below `folder`; a folder that cannot be read or a report whose link leads
    nowhere is refused, naming each, rather than left out in silence (a missing county
    would go unnoticed). Linked folders are not entered, as before (no loops)."""
    found, problems = [], []

    def unreadable(error: OSError) -> None:
        problems.append(f"{error.filename}：{oserrors.chinese(error)}")

    for root, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not _hidden(name)]
        for name in files:
            path = Path(root) / name
            if _hidden(name) or path.suffix.lower() not in suffixes:
                continue
            if path.is_symlink() and not path.exists():
                problems.append(f"{path}：链接指向的文件不存在")
            elif path.is_file():
                found.append(Source(path, path.relative_to(folder).parent))
    if problems:
        raise SourceError(f"读取 {folder} 时有文件夹或文件无法读取：\n  " + "\n  ".join(problems))
    return sorted(found, key=lambda source: source.path.relative_to(folder).parts)


def collect(
    paths: Iterable[Path], suffixes: tuple[str, ...] = SUFFIXES
) -> tuple[list[Source], bool]:
    """Every report named or found below the named folders, in order; and whether any folder was
    named (a batch even if it holds one report). An empty folder is an error, not nothing.
    `suffixes` are the files looked for in folders (`import` looks for pages and documents)."""
    sources: list[Source] = []
    folders = False
    for path in paths:
        if path.is_dir():
            folders = True
            found = _reports_in(path, suffixes)
            if not found:
                kinds = " 或 ".join(suffixes)
                raise SourceError(f"{path} 中没有找到报告（{kinds} 文件，隐藏目录除外）")
            sources.extend(found)
        else:
            sources.append(Source(path))
    seen: set[Path] = set()
    unique = []
    for source in sources:  # a report named twice (a file and its folder) is built once
        if source.path.resolve() not in seen:
            seen.add(source.path.resolve())
            unique.append(source)
    return unique, folders


def refuse_collisions(sources: list[Source], out: Path | None) -> None:
    """Two reports whose outputs would land on the same path (a.yaml and a.yml, or the same
    name under two folders given at once) are refused before anything is written."""
    seen: dict[Path, Path] = {}
    for source in sources:
        folder = source.outdir(out) or source.path.parent
        target = folder / source.path.stem
        if target in seen:
            raise SourceError(
                f"{seen[target]} 和 {source.path} 的输出都会写到 {target}.*，请改名或分开生成"
            )
        seen[target] = source.path


def refuse_overwriting_inputs(sources: list[Source], out: Path | None, suffixes: list[str]) -> None:
    """An output that is, or links to, one of the reports (`gencli build 2024.html` when
    2024.html holds YAML) would replace the report with what was built from it: refused
    before anything is written."""
    inputs = {source.path.resolve(): source.path for source in sources}
    for source in sources:
        folder = source.outdir(out) or source.path.parent
        for suffix in suffixes:  # ".docx", ".fragment.html"…
            target = folder / f"{source.path.stem}{suffix}"
            if target.resolve() in inputs:
                raise SourceError(
                    f"{source.path} 的输出 {target} 就是输入的报告 {inputs[target.resolve()]}，"
                    "生成会覆盖它：请给报告改用 .yaml 扩展名，或用 -o 写到别处"
                )


def refuse_leaving_output(sources: list[Source], out: Path | None) -> None:
    """With `-o OUT`, every output stays inside OUT: a subfolder of OUT that is a link to
    somewhere else (planted, or left from an old layout) would have the build write there."""
    if out is None:
        return
    root = out.resolve()
    for source in sources:
        folder = source.outdir(out)
        assert folder is not None
        if not folder.resolve().is_relative_to(root):
            raise SourceError(
                f"{source.path} 的输出目录 {folder} 经符号链接指向 -o 目录之外的 "
                f"{folder.resolve()}：gencli 只写入 {out} 之内，请删除或替换这个链接"
            )
