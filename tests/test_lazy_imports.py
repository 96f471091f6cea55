"""What `gencli --help` and `gencli validate` import: no Word writer, no templates, no Markdown.

Start-up time is import time, and a CI job or pre-commit hook running `validate` on every commit
pays it each time; python-docx, Jinja and markdown-it are only needed to build documents (Jinja
also for `{{ }}` figure references, markdown-it for the printed length of a 2021 overview)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import EXAMPLES, ROOT

HEAVY = ("docx", "jinja2", "markdown_it")
PROBE = """
import json, sys
from gencli.cli.commands import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print("MODULES " + json.dumps(sorted(m for m in {heavy} if m in sys.modules)), file=sys.stderr)
"""


def imported(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    return json.loads(line.split(" ", 1)[1])


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("validate", "--help"),
        ("validate", str(EXAMPLES / "fujian-amr-2020.yaml")),
        ("validate", "-j", "1", str(EXAMPLES)),
    ],
    ids=["help", "validate-help", "validate", "validate-folder"],
)
def test_help_and_validate_import_no_writer_template_or_markdown(args: tuple[str, ...]) -> None:
    assert imported(*args) == []


def test_build_does_import_them(tmp_path) -> None:
    args = ("build", str(EXAMPLES / "fujian-amr-2020.yaml"), "-o", str(tmp_path))
    assert imported(*args) == sorted(HEAVY)
