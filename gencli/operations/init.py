"""`gencli init`: a new report's skeleton, of any kind, with its editor modeline."""

from __future__ import annotations

from gencli.base.paths import schema_file
from gencli.kinds import KINDS


def skeleton(kind: str, year: int | None, agency: str | None, schema_ref: str | None = None) -> str:
    """The skeleton of `kind`; `schema_ref` is what the editor modeline points at (the installed
    schema when not given)."""
    ref = schema_ref or schema_file(kind).as_uri()
    return KINDS[kind].skeleton(year, agency, ref)
