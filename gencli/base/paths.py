"""Where the schemas and templates are: inside the installed package, or beside it in a clone."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def data_dir(name: str) -> Path:
    """`schema` or `templates`: packaged under gencli/_data by the wheel, at the repository root
    in a source checkout or an editable install."""
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def schema_file(kind: str) -> Path:
    return data_dir("schema") / f"{kind}.schema.json"
