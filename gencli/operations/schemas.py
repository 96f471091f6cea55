"""The committed JSON Schemas (`schema/<kind>.schema.json`): their exact text, and writing them.

The files are committed so that editors (yaml-language-server) can use them; a test proves they
equal what the kinds generate, so the forms stay the only declaration. After changing a form, run
`python -m gencli.operations.schemas` to write them again.
"""

from __future__ import annotations

import json
from pathlib import Path

from gencli.base.output import write_text_atomically
from gencli.kinds import KINDS


def schema_text(kind: str) -> str:
    """The schema file's exact text (stable key order, UTF-8, trailing newline)."""
    return json.dumps(KINDS[kind].schema(), ensure_ascii=False, indent=2) + "\n"


def write_all(folder: Path) -> list[Path]:
    """Write every kind's schema into `folder`; returns the paths written."""
    written = []
    for kind in KINDS:
        path = Path(folder) / f"{kind}.schema.json"
        write_text_atomically(path, schema_text(kind))
        written.append(path)
    return written


if __name__ == "__main__":
    import sys

    from gencli.base.paths import data_dir

    for path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else data_dir("schema")):
        print(path)
