"""Faults, round two: outputs replaced together or not at all, nothing written outside `-o`,
folders walked without silent gaps, workers that die with their parent, and system errors in
Chinese."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gencli.base import output
from gencli.base.oserrors import chinese
from gencli.cli.commands import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "fujian-amr-2020.yaml").read_text(encoding="utf-8")


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def report(folder: Path, name: str = "r.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(EXAMPLE, encoding="utf-8")
    return path


# 4. The docx and html of one report: together or not at all.


def test_a_folder_where_the_html_goes_leaves_the_old_docx_untouched(tmp_path) -> None:
    source = report(tmp_path)
    out = tmp_path / "out"
    (out / "r.html").mkdir(parents=True)
    (out / "r.docx").write_bytes(b"last year's document")
    result = invoke("build", source, "-o", out)
    assert result.exit_code == 1
    assert f"无法写入 {out / 'r.html'}：这是一个文件夹，不是文件；原有的输出文件均未改动" in (
        result.output
    )
    assert (out / "r.docx").read_bytes() == b"last year's document"
    assert sorted(p.name for p in out.iterdir()) == ["r.docx", "r.html"]


def test_a_rename_failing_midway_puts_the_first_file_back(tmp_path, monkeypatch) -> None:
    first, second = tmp_path / "r.docx", tmp_path / "r.html"
    first.write_bytes(b"old docx")
    real_replace, calls = os.replace, []

    def failing_second(source, target):
        calls.append(Path(target).name)
        if Path(target) == second:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", failing_second)
    with pytest.raises(OSError):
        output.write_all_atomically({first: b"new docx", second: b"new html"})
    assert first.read_bytes() == b"old docx"
    assert not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]  # no temporaries left
    assert calls[:2] == ["r.docx", "r.html"]


def test_both_files_are_replaced_when_nothing_fails(tmp_path) -> None:
    first, second = tmp_path / "r.docx", tmp_path / "r.html"
    first.write_bytes(b"old")
    output.write_all_atomically({first: b"new docx", second: b"new html"})
    assert (first.read_bytes(), second.read_bytes()) == (b"new docx", b"new html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx", "r.html"]


# 5. Not out of `-o`; no silent gaps while walking; one unreadable file is one failure.


def test_a_linked_subfolder_of_the_output_folder_is_not_followed_out(tmp_path) -> None:
    report(tmp_path / "in" / "某县")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "某县").symlink_to(outside)
    result = invoke("build", tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert f"经符号链接指向 -o 目录之外的 {outside.resolve()}" in result.output
    assert list(outside.iterdir()) == []


def test_a_broken_link_met_while_walking_a_folder_is_named(tmp_path) -> None:
    report(tmp_path / "in")
    (tmp_path / "in" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = invoke("validate", tmp_path / "in")
    assert result.exit_code == 2
    assert f"{tmp_path / 'in' / 'gone.yaml'}：链接指向的文件不存在" in result.output


def test_an_unreadable_folder_met_while_walking_is_named(tmp_path, monkeypatch) -> None:
    """Run as root every folder is readable, so the walk's own error is raised for it."""
    report(tmp_path / "in" / "甲县")
    locked = tmp_path / "in" / "乙县"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke("validate", tmp_path / "in")
    assert result.exit_code == 2
    assert f"{locked}：没有权限：请检查文件或文件夹的权限，或换一个位置" in result.output


def test_one_unreadable_file_among_several_is_one_failure(tmp_path, monkeypatch) -> None:
    good, bad = report(tmp_path, "a.yaml"), report(tmp_path, "b.yaml")
    from gencli.loading import bounded

    real_read = bounded.read_regular_file

    def read(path, limit):
        if Path(path) == bad:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_read(path, limit)

    monkeypatch.setattr(bounded, "read_regular_file", read)
    result = invoke("validate", "--only-reports", "-j", "1", good, bad)
    assert result.exit_code == 1
    assert f"{bad}:1:1: 无法读取 {bad}：没有权限" in result.output
    assert "1 个文件未通过" in result.output


# 6. Workers die with their parent; -j is capped.

_ORPHAN_SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    from gencli.operations.parallel import ordered_map

    def job(folder):
        open(os.path.join(folder, str(os.getpid())), "w").close()
        time.sleep(600)

    list(ordered_map(job, [sys.argv[1]] * 2, 2))
    """
)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_pool_workers_exit_when_the_parent_is_killed(tmp_path) -> None:
    marks = tmp_path / "pids"
    marks.mkdir()
    parent = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN_SCRIPT, str(marks)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 60
        while len(list(marks.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.name) for p in marks.iterdir()]
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []


def test_jobs_beyond_the_cores_are_lowered_with_a_note(tmp_path, monkeypatch) -> None:
    from gencli.operations import parallel

    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    report(tmp_path, "a.yaml"), report(tmp_path, "b.yaml")
    result = invoke("validate", "-j", "64", tmp_path)
    assert result.exit_code == 0
    assert "-j 64 超过可用的 CPU 核数，按 2 个进程并行。" in result.output
    assert "2 个进程并行" in result.output.splitlines()[-1]


# 10. System errors in Chinese.


def test_a_full_disk_is_named_in_chinese_and_nothing_is_replaced(tmp_path, monkeypatch) -> None:
    source = report(tmp_path)
    (tmp_path / "r.docx").write_bytes(b"old")

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "replace", full)
    result = invoke("build", source)
    assert result.exit_code == 1
    assert f"无法写入输出目录 {tmp_path}：磁盘空间不足：请清理磁盘或换一个有空间的位置" in (
        result.output
    )
    assert "No space" not in result.output
    assert (tmp_path / "r.docx").read_bytes() == b"old"


def test_a_name_too_long_reaching_the_top_level_is_told_in_chinese(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gencli", "init", "--year", "2024", "--agency", "某局", "-o",
         str(tmp_path / ("长" * 200 + ".yaml"))],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "文件名或路径过长：请用短一些的文件名或文件夹" in done.stderr
    assert "内部错误" not in done.stderr and "File name too long" not in done.stderr


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.ENOSPC, "磁盘空间不足"),
        (errno.EACCES, "没有权限"),
        (errno.EROFS, "磁盘或文件夹是只读的"),
        (errno.ENAMETOOLONG, "文件名或路径过长"),
    ],
)
def test_system_errors_have_chinese_words(number: int, words: str) -> None:
    assert chinese(OSError(number, os.strerror(number))).startswith(words)


def test_an_unknown_system_error_keeps_the_system_s_words_after_a_chinese_lead() -> None:
    assert chinese(OSError(errno.EPROTO, "Protocol error")) == "系统错误：Protocol error"
