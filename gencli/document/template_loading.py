"""Where templates come from: their folders, read without following links, and their compiled
form, kept only where no one else could have planted it.

A `--templates` folder travels with shared report folders, so it is data, not code: a symbolic
link in it (to ~/.ssh/id_rsa, /etc/passwd) would let `{% include %}` print any file into a
report, and a compiled template found in the cache is run as Python. The loader reads only
regular files reached without a link below the folders it was given; the bytecode cache reads
only entries that `gencli.base.cache` trusts, and checks that an entry was compiled from this
very template before Jinja unpickles a byte of it. Imported only when a template is rendered.
"""

from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Callable

import jinja2
from jinja2.bccache import Bucket, bc_magic
from jinja2.loaders import split_template_path

from gencli.base import cache, oserrors

MAX_TEMPLATE_BYTES = 1024 * 1024  # the packaged templates are a few KB


class RefusedTemplate(jinja2.TemplateError):
    """A template file that is not read: a link, not a regular file, or too large."""


class FolderLoader(jinja2.BaseLoader):
    """Templates from these folders in order, the first that has the name; `..`, absolute
    names (refused by Jinja's split_template_path), links and special files are refused."""

    def __init__(self, folders: list[str]) -> None:
        self.searchpath = folders

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath if pieces else []:
            path = _plain_path(folder, pieces, template)
            if path is not None:
                return _read(path, template)
        raise jinja2.TemplateNotFound(template)


def _plain_path(folder: str, pieces: list[str], template: str) -> str | None:
    """The file `pieces` below `folder` when every step to it is a real folder or file; None
    when it is not there; RefusedTemplate when a step is a link or the end not a file."""
    path = folder
    for piece in pieces:
        path = os.path.join(path, piece)
        try:
            found = os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        if stat.S_ISLNK(found.st_mode):
            raise RefusedTemplate(
                f"模板 {template} 的路径中有符号链接（{path}），不会读取："
                "模板目录中只能放普通文件和文件夹"
            )
    if not stat.S_ISREG(found.st_mode):
        raise RefusedTemplate(f"模板 {template}（{path}）不是普通文件，不会读取")
    return path


def _read(path: str, template: str) -> tuple[str, str, Callable[[], bool]]:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as stream:
            changed = os.fstat(stream.fileno()).st_mtime_ns
            data = stream.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as error:
        raise RefusedTemplate(
            f"无法读取模板 {template}（{path}）：{oserrors.chinese(error)}"
        ) from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise RefusedTemplate(
            f"模板 {template}（{path}）过大：模板不应超过 {MAX_TEMPLATE_BYTES // 1024} KB"
        )
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RefusedTemplate(f"模板 {template}（{path}）不是 UTF-8 编码") from None

    def unchanged() -> bool:
        try:
            return os.stat(path, follow_symlinks=False).st_mtime_ns == changed
        except OSError:
            return False

    return source, path, unchanged


class TrustedBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates as entries of gencli's cache folder, named by `prefix` (the cache key
    of the environment) and Jinja's key for the template."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def _name(self, bucket: Bucket) -> str:
        return f"{self.prefix}-{bucket.key}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        data = cache.read(self._name(bucket))
        header = bc_magic + pickle.dumps(bucket.checksum, 2)
        if data is not None and data.startswith(header):  # compiled from this very source
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        cache.write(self._name(bucket), bucket.bytecode_to_string())
