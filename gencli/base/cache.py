"""A folder for work that is the same on every run: compiled templates, the .docx package.

A single `gencli build` spent more time compiling its Jinja template and setting up the Word
package than building the report, and did so on every run. Both depend only on gencli's own
code and libraries, so they are kept here, each under a key made from everything they are made
from (the source of the modules involved and the versions of the libraries): change any of
these and the old entry is simply never read again. The folder is `$GENCLI_CACHE_DIR`, else
`$XDG_CACHE_HOME/gencli`, else `~/.cache/gencli`; when it cannot be written, or
GENCLI_CACHE_DIR is set empty, gencli works as before, building everything in memory.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from gencli import __version__


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
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK | os.X_OK) else None


def key(modules: Iterable[ModuleType], libraries: Iterable[ModuleType], *extra: str) -> str | None:
    """A name for what these modules' source, these libraries (their version and place) and
    `extra` produce; None when a module's source cannot be read (then nothing is cached).
    (importlib.metadata would name versions too, but importing it costs more than the rest of
    a build's start.)"""
    digest = hashlib.sha256(__version__.encode())
    for module in modules:
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except (OSError, TypeError):
            return None
    for library in libraries:
        digest.update(
            f"{library.__name__}={getattr(library, '__version__', '')}:{library.__file__}".encode()
        )
    for part in extra:
        digest.update(part.encode())
    return digest.hexdigest()[:24]


def read(name: str | None) -> bytes | None:
    where = folder()
    try:
        return (where / name).read_bytes() if where and name else None
    except OSError:
        return None


def write(name: str | None, data: bytes) -> None:
    """Store an entry whole or not at all; failing to store it is no error."""
    from gencli.base.output import write_bytes_atomically

    where = folder()
    if where is None or name is None:
        return
    try:
        write_bytes_atomically(where / name, data)
    except OSError:
        pass
