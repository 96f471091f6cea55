"""Where a new report's editor modeline (`# yaml-language-server: $schema=…`) points.

A file:// URI of the installed package's schema works at once, but only on this machine and only
until gencli moves. A reports repository that keeps its own copy (`gencli schema --write schema`
at its root) works for every colleague and in CI, so `init -o FILE` prefers it: the nearest
`schema/<kind>.schema.json` in FILE's folder or any folder above it, up to the repository root,
referenced by a path relative to FILE (yaml-language-server resolves it from the file's folder).
"""

from __future__ import annotations

import os
from pathlib import Path

from gencli.base.paths import schema_file

SCHEMA_FOLDER = "schema"


def _nearest_copy(kind: str, folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        copy = candidate / SCHEMA_FOLDER / f"{kind}.schema.json"
        if copy.is_file():
            return copy
        if (candidate / ".git").exists():
            return None
    return None


def schema_ref(kind: str, output: Path | None) -> str:
    """The `$schema=` value for a report of `kind` about to be written to `output` (None: shown
    on screen, so no relative path can be known)."""
    if output is not None:
        folder = output.absolute().parent
        copy = _nearest_copy(kind, folder)
        if copy is not None:
            return Path(os.path.relpath(copy, folder)).as_posix()
    return schema_file(kind).resolve().as_uri()
