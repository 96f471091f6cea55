"""One version of a report, named on the command line as a file or as `REV:PATH` in git.

Reports live in git, so "last year's" or "before my edit" is often a commit, not a file: `diff`
reads `HEAD~1:2024.yaml` straight from the repository of the current directory, with the same
spelling as `git show` (PATH from the repository root, or `./PATH` from the current directory).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from gencli.base import oserrors
from gencli.loading import bounded
from gencli.loading.reader import MAX_BYTES, LoadError, decode


class RevisionError(Exception):
    """A version that cannot be read: a usage error, with its Chinese message."""


@dataclass(frozen=True)
class Version:
    """A report's text and the name its findings are reported under (the argument as given)."""

    name: str
    text: str


def read_version(spec: str, cwd: Path | None = None) -> Version:
    """The report named by `spec`: an existing file, else `REV:PATH` read from git."""
    path = Path(cwd or ".") / spec
    if path.exists():
        try:
            return Version(spec, _text(bounded.read_regular_file(path, MAX_BYTES), spec))
        except bounded.Refused as error:
            raise RevisionError(f"{spec}：{error}") from None
        except OSError as error:
            raise RevisionError(f"无法读取 {spec}：{oserrors.chinese(error)}") from None
    if ":" not in spec:
        raise RevisionError(f"找不到文件 {spec}（git 中的版本写成 版本:路径，如 HEAD~1:{spec}）")
    return Version(spec, _text(_git_blob(spec, cwd), spec))


def _text(data: bytes, name: str) -> str:
    try:
        return decode(data)
    except LoadError as error:
        raise RevisionError(f"{name}：{error.message}") from None


def _git_blob(spec: str, cwd: Path | None) -> bytes:
    """The file `REV:PATH` as committed. `git cat-file blob` is `git show` for files only, so a
    folder (`HEAD:reports`) is refused instead of printed as a listing."""
    if shutil.which("git") is None:
        raise RevisionError(f"找不到 git 命令，无法读取 {spec}")
    size = _git("-s", spec, cwd)  # asked first, so a huge blob is never read
    if int(size) > MAX_BYTES:
        raise RevisionError(
            f"{spec}：文件过大（{bounded.megabytes(int(size))}）：报告文件不应超过 "
            f"{MAX_BYTES >> 20} MB"
        )
    return _git("blob", spec, cwd)


def _git(option: str, spec: str, cwd: Path | None) -> bytes:
    """`git cat-file OPTION SPEC`, the spec never read as an option (one that starts with
    `-`); its output, or RevisionError saying why not."""
    done = subprocess.run(
        ["git", "cat-file", option, "--end-of-options", spec],
        cwd=cwd,
        capture_output=True,
        check=False,
    )
    if done.returncode == 0:
        return done.stdout
    said = done.stderr.decode("utf-8", "replace").strip().splitlines()
    detail = f"（git：{said[0]}）" if said else ""
    if any("not a git repository" in line for line in said):
        raise RevisionError(f"当前目录不在 git 仓库中，无法读取 {spec}{detail}")
    rev, _, inner = spec.partition(":")
    raise RevisionError(
        f"git 中没有 {spec}：请检查版本“{rev}”（如 HEAD、HEAD~1、提交号）和路径“{inner}”"
        f"（从仓库根目录写起，或以 ./ 开头表示从当前目录写起）{detail}"
    )
