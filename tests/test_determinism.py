"""The same report gives the same bytes whoever builds it: separate `python -m gencli build`
processes with different hash seeds, time zones, working folders and cache states (an empty
cache folder, one warmed by that first build, none at all) write identical .docx and .html.

A build compared with itself in one process would share every memo and the hash seed, and
prove nothing about the next run on another machine; these are fresh interpreters."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT

REPORTS = (
    EXAMPLES / "fujian-amr-2020.yaml",  # gov-info-annual: the statutory tables
    EXAMPLES / "plan" / "fuzhou-amr-14th-five-year-plan.yaml",  # plan: narrative, boxes
)
OUTPUTS = sorted(f"{report.stem}{suffix}" for report in REPORTS for suffix in (".docx", ".html"))


def build_in_new_interpreter(work: Path, cache: str, seed: str, tz: str, *options: str) -> Path:
    """Build REPORTS in a fresh interpreter run from `work`, with the given GENCLI_CACHE_DIR,
    PYTHONHASHSEED and TZ; the folder the outputs went to."""
    work.mkdir(parents=True)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "PYTHONHASHSEED": seed,
        "TZ": tz,
        "GENCLI_CACHE_DIR": cache,
    }
    result = subprocess.run(
        [sys.executable, "-m", "gencli", "build", *map(str, REPORTS), "-o", "out", *options],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,  # the exit code is asserted with the error output
    )
    assert result.returncode == 0, result.stderr
    out = work / "out"
    assert sorted(path.name for path in out.iterdir()) == OUTPUTS
    return out


def cache_entries(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file in the cache folder with its inode and modification time: an entry written
    again (atomically, by a rename) gets a new inode."""
    return {
        str(path.relative_to(folder)): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("determinism")
    cache = root / "cache"
    cache.mkdir()
    first = build_in_new_interpreter(root / "a", str(cache), "0", "UTC")
    warmed = cache_entries(cache)
    assert any(name.startswith("package-") for name in warmed), warmed  # the .docx package
    assert any(name.startswith("jinja-") for name in warmed), warmed  # compiled templates
    second = build_in_new_interpreter(
        root / "b" / "deeper", str(cache), "4242", "Asia/Shanghai", "-j", "1"
    )
    assert cache_entries(cache) == warmed  # the second build read the cache, wrote nothing
    third = build_in_new_interpreter(root / "c", "", "random", "America/Los_Angeles")
    assert cache_entries(cache) == warmed
    return {"empty cache": first, "warm cache": second, "no cache": third}


@pytest.mark.parametrize("name", OUTPUTS)
def test_separate_processes_write_identical_bytes(builds: dict[str, Path], name: str) -> None:
    written = {state: (out / name).read_bytes() for state, out in builds.items()}
    reference = written["empty cache"]
    assert len(reference) > 5_000
    for state, data in written.items():
        assert data == reference, f"{name}：{state} 时生成的文件与首次生成的不同"
