"""Writing output files so that a failure never leaves a half-written or clobbered file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` in one step."""
    write_all_atomically({path: data}, mode)


def write_all_atomically(contents: dict[Path, bytes], mode: int | None = None) -> None:
    """Write every file to a temporary beside it first, and rename them into place only when
    all are written: a failure (disk full, interrupt) leaves every previous file as it was.
    `mode` is the files' permissions; by default an existing file's, else the usual ones."""
    temporaries: dict[Path, str] = {}
    try:
        for path, data in contents.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
            )
            temporaries[path] = temporary
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, _mode_for(path) if mode is None else mode)
        for path, temporary in temporaries.items():
            os.replace(temporary, path)
    except BaseException:
        for temporary in temporaries.values():
            Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less umask),
    not mkstemp's private 0600 — built reports are meant to be shared."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomically(path: Path, text: str) -> None:
    write_bytes_atomically(path, text.encode("utf-8"))
