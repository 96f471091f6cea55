"""Which YAML files are gencli reports (`validate --only-reports`, used by the pre-commit hook).

A reports repository also holds other YAML — CI configuration, the pre-commit configuration
itself, Kubernetes manifests with a `kind:` of their own — and a hook that ran on every `*.yaml`
must leave those alone, yet must never skip a report because it is broken. So the test is read
from the text, not the parsed YAML (a report with a syntax error or in GBK is still a report):
a top-level `kind:` naming a gencli kind, or one close to it (a misspelt kind is an error to
report, not a file to skip), or an editor modeline pointing at a gencli schema.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from gencli.kinds import NAMES as KINDS
from gencli.loading import bounded
from gencli.loading.reader import MAX_BYTES

_KIND = re.compile(r"""^kind:[ \t]*["']?([A-Za-z0-9_.-]+)""", re.MULTILINE)
_MODELINE = re.compile(
    r"^#\s*yaml-language-server:\s*\$schema=\S*?([a-z0-9-]+)\.schema\.json", re.MULTILINE
)
CLOSE = 0.8  # how alike a `kind:` must be to a gencli kind to count as a misspelling of it


def is_report(path: Path) -> bool:
    """Whether `path` is meant to be a gencli report. What is not read (a pipe, a file too
    large, a file that cannot be opened) counts as one, so that validate says why: one
    unreadable file among several is that file's failure, not a usage error for all."""
    try:
        data = bounded.read_regular_file(path, MAX_BYTES)
    except (bounded.Refused, OSError):
        return True
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    if any(match in KINDS for match in _MODELINE.findall(text)):
        return True
    return any(
        kind in KINDS or difflib.get_close_matches(kind, KINDS, n=1, cutoff=CLOSE)
        for kind in _KIND.findall(text)
    )
