"""The reports the preview may show: gencli reports under the served folder, nothing else.

A request names a report by its path relative to the folder, and is answered only if that path
is one of the reports listed here: a name with `..`, an absolute path, a symlink (or a file
reached through a symlinked folder) that leads outside the folder, a hidden file, or any other
file of the folder is simply not a report of the preview. The listing is made afresh for each
request, so reports added or removed while serving come and go.
"""

from __future__ import annotations

import os
from pathlib import Path

from gencli.loading.selection import is_report
from gencli.loading.sources import SUFFIXES


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (OSError, ValueError):
        return False
    return True


def _visible(name: str) -> bool:
    return not name.startswith(".")


class Reports:
    """The reports of one folder (or one report file), by their relative names."""

    def __init__(self, target: Path) -> None:
        target = target.resolve()
        self.single = target if target.is_file() else None
        self.root = target.parent if self.single else target

    def _candidates(self) -> list[Path]:
        if self.single is not None:
            return [self.single]
        found = []
        for folder, folders, files in os.walk(self.root):  # symlinked folders are not entered
            folders[:] = sorted(f for f in folders if _visible(f))
            found += [
                Path(folder, name)
                for name in sorted(files)
                if _visible(name) and Path(name).suffix.lower() in SUFFIXES
            ]
        return sorted(found, key=lambda path: path.relative_to(self.root).parts)  # as build does

    def listing(self) -> dict[str, Path]:
        """{relative name (with /): path} of every report, in order."""
        reports = {}
        for path in self._candidates():
            if not _inside(path, self.root):
                continue
            try:
                if not path.is_file() or not is_report(path):
                    continue
            except OSError:
                continue
            reports[path.relative_to(self.root).as_posix()] = path
        return reports

    def find(self, name: str) -> Path | None:
        """The report called `name`, or None for anything that is not one of the listing."""
        return self.listing().get(name)

    def name_of(self, path: Path) -> str | None:
        """The relative name of a changed file, if it is (or may now be) a report here."""
        try:
            relative = Path(os.path.abspath(path)).relative_to(self.root)
        except ValueError:
            return None
        if self.single is not None and Path(os.path.abspath(path)) != self.single:
            return None
        return relative.as_posix()
