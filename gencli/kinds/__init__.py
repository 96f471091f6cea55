"""The report kinds gencli knows, one subpackage each, listed once in `KINDS`.

A kind is its form (rows, columns, labels, arithmetic and official sentences, declared as data),
the schema built from it, its normalizer, its `init` skeleton and, where the form has cross-year
rules, its roll-over to next year; its template is `templates/<name>.xml.j2` and its committed
schema `schema/<name>.schema.json`. Everything that differs from kind to kind is reached through
a `Kind`: the command line's choices, validation, schema generation, init, roll-over and
rendering read this registry and nothing else. Adding a kind is a new subpackage with a `KIND`,
a template, and one line in `KINDS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gencli.kinds.skeleton_common import Rolled


@dataclass(frozen=True)
class Kind:
    """One report kind and what the pipeline needs of it.

    `form` is the module declaring the form, handed to the template as `forms`; `form_for` picks
    the edition a normalized report is written in (`form` in the template); `skeleton(year,
    agency, schema_ref)` is the text `gencli init` writes; `roll_over(previous, source,
    schema_ref, agency)` starts next year's report from last year's; `cross_year(this, previous,
    root)` lists the cross-year findings as (path, message, severity)."""

    name: str
    title: str
    form: ModuleType
    schema: Callable[[], dict[str, Any]]
    normalize: Callable[[Any], dict[str, Any]]
    skeleton: Callable[[int | None, str | None, str], str]
    roll_over: Callable[[dict, str, str, str | None], Rolled] | None = None
    cross_year: Callable[[dict, dict, Any], list[tuple[tuple, str, str]]] | None = None

    def form_for(self, report: dict) -> Any:
        return self.form.form_for(report)


def deferred(module: str, name: str) -> Callable[..., Any]:
    """The function `name` of `module`, imported when first called. The skeleton and roll-over
    code (and ruamel's writer behind it) only runs in `init`, the schema builder in `schema
    --write` (validation reads the committed schema file), the cross-year rules with `--previous`:
    `build` and `validate` start without importing any of them."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__module__, call.__name__, call.__qualname__ = module, name, name
    return call


def _registry() -> dict[str, Kind]:
    from gencli.kinds import gov_info_annual, plan, rule_of_law_annual, work_summary

    kinds = (gov_info_annual.KIND, rule_of_law_annual.KIND, work_summary.KIND, plan.KIND)
    return {kind.name: kind for kind in kinds}


KINDS: dict[str, Kind] = _registry()
NAMES = tuple(KINDS)
