"""Reading a named file with a bound: only regular files, and never more than the limit.

`stat().st_size` is 0 for /dev/zero, a pipe (`validate <(cat big.yaml)`) or a FIFO, so a size
check before reading let them grow without bound; and opening a FIFO waits for a writer that
may never come. Here the file is opened without waiting (O_NONBLOCK), refused unless it is a
regular file, and read up to one byte past the limit, so a file that grows while it is read
is refused too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "文件夹"),
    (stat.S_ISFIFO, "管道"),
    (stat.S_ISCHR, "设备文件"),
    (stat.S_ISBLK, "设备文件"),
    (stat.S_ISSOCK, "套接字"),
)


class Refused(ValueError):
    """A file not read (not a regular file, or too large); the message is Chinese."""


class TooLarge(Refused):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"文件过大（{megabytes(size)}）：不应超过 {limit >> 20} MB")
        self.size = size


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes; Refused otherwise, and
    OSError when it cannot be opened or read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as stream:
        found = os.fstat(stream.fileno())
        if not stat.S_ISREG(found.st_mode):
            what = next((name for test, name in _KINDS if test(found.st_mode)), "特殊文件")
            raise Refused(f"这是{what}，不是普通文件：gencli 只读取保存在磁盘上的报告文件")
        if found.st_size > limit:
            raise TooLarge(found.st_size, limit)
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(len(data), limit)
    return data
