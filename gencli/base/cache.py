"""A folder for work that is the same on every run: compiled templates, the .docx package.

A single `gencli build` spent more time compiling its Jinja template and setting up the Word
package than building the report, and did so on every run. Both depend only on gencli's own
code and libraries, so they are kept here, each under a key made from everything they are made
from (every file of the installed gencli and the libraries it uses): change any of these and
the old entry is simply never read again. The folder is `$GENCLI_CACHE_DIR`, else
`$XDG_CACHE_HOME/gencli`, else `~/.cache/gencli`; when it cannot be written, or
GENCLI_CACHE_DIR is set empty, gencli works as before, building everything in memory.

A compiled template is code that the next build runs, so the cache is trusted as ssh trusts
its keys: the folder and every entry must belong to the user and be writable by no one else,
or the folder is not used and the entry is not read.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from gencli import __version__

_GENCLI = Path(__file__).resolve().parent.parent
_OWN_FILES = (".py", ".j2")  # the code, and the templates it compiles


@functools.cache
def folder() -> Path | None:
    """The cache folder, created if need be; None when there is none to use."""
    chosen = os.environ.get("GENCLI_CACHE_DIR")
    if chosen == "":
        return None
    if chosen is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        chosen = os.path.join(base, "gencli")
    path = Path(chosen)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = path.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode) or not trusted(found):
        return None
    return path if os.access(path, os.W_OK | os.X_OK) else None


def trusted(found: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (where there are users to ask about)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return found.st_uid == getuid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@functools.cache
def package_fingerprint() -> str:
    """Every source file and template of the installed gencli, by path, size and modification
    time: any edit, upgrade or reinstall changes it. Stat-ing some ninety files costs well under
    a millisecond; reading and hashing them would cost more than the rest of a warm start."""
    from gencli.base.paths import data_dir

    digest = hashlib.sha256(__version__.encode())
    for root in dict.fromkeys((_GENCLI, data_dir("templates"))):
        for path, size, mtime in _files(root):
            digest.update(f"{path}\0{size}\0{mtime}\n".encode())
    return digest.hexdigest()


def _files(root: Path) -> list[tuple[str, int, int]]:
    """(path, size, mtime_ns) of gencli's own files below `root`, in a fixed order."""
    found: list[tuple[str, int, int]] = []
    folders = [str(root)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                elif entry.name.endswith(_OWN_FILES):
                    info = entry.stat(follow_symlinks=False)
                    found.append((entry.path, info.st_size, info.st_mtime_ns))
    return sorted(found)


def key(libraries: Iterable[str], *extra: str) -> str | None:
    """A name for what the installed gencli, these libraries and `extra` produce; None when a
    library cannot be found (then nothing is cached).

    A library is named, not imported: a warm build reads the cached .docx package without
    python-docx and lxml, whose import costs more than the rest of its start. It is known by the
    file its import would load, with that file's size and modification time, which an upgrade
    or a reinstall changes (importlib.metadata would name versions, but importing it costs as
    much again)."""
    try:
        digest = hashlib.sha256(package_fingerprint().encode())
    except OSError:
        return None
    for library in libraries:
        place = _library_file(library)
        if place is None:
            return None
        digest.update(f"{library}:{place}".encode())
    for part in extra:
        digest.update(part.encode())
    return digest.hexdigest()[:24]


def _library_file(name: str) -> str | None:
    """Where the module `name` would be loaded from, its size and modification time; found
    without running the module (a dotted name runs only its parent packages)."""
    try:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        found = os.stat(origin) if origin else None
    except (ImportError, ValueError, OSError):
        return None
    return f"{origin}:{found.st_size}:{found.st_mtime_ns}" if found else None


def read(name: str | None) -> bytes | None:
    """An entry's bytes; None when there is none, or it is not a regular file of this user's
    that no one else may write (it was planted, or its folder is shared)."""
    where = folder()
    if where is None or name is None:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(where / name, flags)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        found = os.fstat(stream.fileno())
        if not stat.S_ISREG(found.st_mode) or not trusted(found):
            return None
        try:
            return stream.read()
        except OSError:
            return None


def write(name: str | None, data: bytes) -> None:
    """Store an entry whole or not at all; failing to store it is no error."""
    from gencli.base.output import write_bytes_atomically

    where = folder()
    if where is None or name is None:
        return
    try:
        write_bytes_atomically(where / name, data, mode=0o600)
    except OSError:
        pass
