"""Writing output files so that a failure never leaves a half-written or clobbered file."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def write_bytes_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` in one step."""
    write_all_atomically({path: data}, mode)


def write_all_atomically(contents: dict[Path, bytes], mode: int | None = None) -> None:
    """Write every file to a temporary beside it first, and rename them into place only when
    all are written; if a rename fails (a folder where a file should go, disk full, an
    interrupt), the files already renamed are put back: the docx and html of one report are
    replaced together or not at all. `mode` is the files' permissions; by default an existing
    file's, else the usual ones."""
    for path in contents:
        if path.is_dir() and not path.is_symlink():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
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
        _replace_together(temporaries)
    except BaseException:
        for temporary in temporaries.values():
            Path(temporary).unlink(missing_ok=True)
        raise


def _replace_together(temporaries: dict[Path, str]) -> None:
    """Rename each temporary over its file, keeping the old file (as a hard link, or moved
    aside where links are not supported) until all are in place, to restore it on failure."""
    done: list[tuple[Path, str | None]] = []
    try:
        for path, temporary in temporaries.items():
            backup = None
            if os.path.lexists(path):
                backup = temporary + ".old"
                try:
                    os.link(path, backup, follow_symlinks=False)
                except OSError:
                    os.replace(path, backup)
            done.append((path, backup))
            os.replace(temporary, path)
    except BaseException:
        for path, backup in reversed(done):
            if backup is not None:
                os.replace(backup, path)
            elif os.path.lexists(path) and path.is_file():
                path.unlink()
        raise
    finally:
        for _, backup in done:
            if backup is not None:
                Path(backup).unlink(missing_ok=True)


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
