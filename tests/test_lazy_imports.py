"""What `gencli --help` and `gencli validate` import: no Word writer, no templates, no Markdown.

Start-up time is import time, and a CI job or pre-commit hook running `validate` on every commit
pays it each time; python-docx, Jinja and markdown-it are only needed to build documents (Jinja
also for `{{ }}` figure references, markdown-it for the printed length of a 2021 overview).
A build needs python-docx and lxml only to make the .docx package, once: a build that finds it
in the cache folder imports neither."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT

HEAVY = ("docx", "jinja2", "markdown_it")
SERVE_ONLY = ("aiohttp", "watchfiles")
PROBE = """
import json, sys
from gencli.cli.commands import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print("MODULES " + json.dumps(sorted(m for m in {heavy} if m in sys.modules)), file=sys.stderr)
"""


def imported(*args: str, watched: tuple[str, ...] = HEAVY, cache: Path | None = None) -> list[str]:
    """Which of the `watched` modules `gencli ARGS` imports, with `cache` as its cache folder."""
    env = dict(os.environ, GENCLI_CACHE_DIR=str(cache)) if cache else None
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=watched), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
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
    assert imported(*args, watched=(*HEAVY, *SERVE_ONLY)) == []


def test_build_imports_python_docx_only_to_make_the_package_it_caches(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ("build", str(EXAMPLES / "fujian-amr-2020.yaml"), "-o", str(tmp_path / "out"))
    watched = (*HEAVY, "lxml.etree")
    assert imported(*args, watched=watched, cache=cache) == sorted(watched)  # an empty cache
    assert imported(*args, watched=SERVE_ONLY, cache=cache) == []
    assert len(list(cache.glob("package-*.docx"))) == 1
    assert imported(*args, watched=watched, cache=cache) == ["jinja2", "markdown_it"]


NOT_FOR_BUILDING = (
    "gencli.base.yaml_writing",
    "gencli.kinds.gov_info_annual.rollover",
    "gencli.kinds.gov_info_annual.schema",
    "gencli.kinds.gov_info_annual.skeleton",
    "gencli.kinds.skeleton_common",
)


@pytest.mark.parametrize("command", ["validate", "build"])
def test_only_init_and_schema_import_the_skeleton_roll_over_and_schema_code(
    command: str, tmp_path: Path
) -> None:
    report = str(EXAMPLES / "fujian-amr-2020.yaml")
    args = (command, report, "-o", str(tmp_path)) if command == "build" else (command, report)
    assert imported(*args, watched=NOT_FOR_BUILDING, cache=tmp_path / "cache") == []
    start = ("init", "--kind", "gov-info-annual", "--year", "2024", "--agency", "某局")
    made = imported(*start, "-o", str(tmp_path / "new.yaml"), watched=NOT_FOR_BUILDING)
    assert "gencli.kinds.gov_info_annual.skeleton" in made
    assert "某局" in (tmp_path / "new.yaml").read_text(encoding="utf-8")
    written = imported("schema", "--write", str(tmp_path / "schema"), watched=NOT_FOR_BUILDING)
    assert "gencli.kinds.gov_info_annual.schema" in written
    assert (tmp_path / "schema" / "gov-info-annual.schema.json").is_file()
