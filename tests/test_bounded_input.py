"""Bounded time and memory: each hostile input here is one small file (or no file at all), and
each took minutes, gigabytes or forever. Every case runs gencli in a child process with a
generous time limit and measures the child's peak memory, so a test guards the complexity of
the code, not the speed of the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import zipfile
from pathlib import Path

import pytest

from .conftest import CASES
from .gitrepo import GENCLI, GitRepo, isolated  # noqa: F401 - isolated is a fixture

MINIMAL = (CASES / "gov-info-annual" / "valid" / "minimal-2019.yaml").read_text(encoding="utf-8")
SECONDS = 60  # the cases below finish in well under a second each
MEGABYTES = 500


def gencli(*args: str, cwd: Path | None = None, **options) -> subprocess.CompletedProcess:
    """gencli in a child, killed after SECONDS; fails the test if its peak memory is too high."""
    done = subprocess.run(
        [*GENCLI, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        cwd=cwd,
        check=False,
        **options,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    assert peak < MEGABYTES, f"峰值内存 {peak} MB"
    return done


def with_overview(tmp_path: Path, overview: str) -> Path:
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL.replace("overview: 本年度工作平稳。", overview), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        (
            '{{ year|round(1000000000, "ceil") }}',
            "round 的位数应为 0 至 10 之间的整数，这里是 1000000000",
        ),
        ("{{ year|round(precision=99) }}", "round 的位数应为 0 至 10 之间的整数，这里是 99"),
        ('{{ year|round(1, "up") }}', "round 的方式只能是 common、ceil、floor，这里是“up”"),
        ("{{ year|default(lipsum) }}", "过滤器“default”的参数只能是写出的数字或文字"),
        ("{{ year|round(year) }}", "过滤器“round”的参数只能是写出的数字或文字"),
    ],
)
def test_figure_filters_take_only_small_constant_arguments(
    tmp_path: Path, reference: str, message: str
) -> None:
    report = with_overview(tmp_path, f"overview: 受理 {reference} 件")
    done = gencli("validate", report)
    assert done.returncode == 1
    assert done.stdout.startswith(f"{report}:4:11: {message}\n")


def test_a_sane_round_still_works(tmp_path: Path) -> None:
    report = with_overview(tmp_path, 'overview: 受理 {{ year|round(2, "floor") }} 件')
    assert gencli("validate", report).returncode == 0


@pytest.mark.parametrize("command", ["validate", "build"])
def test_dev_zero_is_refused_not_read(command: str) -> None:
    done = gencli(command, "/dev/zero")
    assert done.returncode == 1
    assert done.stdout.startswith(
        "/dev/zero:1:1: 这是设备文件，不是普通文件：gencli 只读取保存在磁盘上的报告文件\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_without_a_writer_is_refused_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "r.yaml"
    os.mkfifo(fifo)
    done = gencli("validate", fifo)
    assert done.returncode == 1
    assert done.stdout.startswith(f"{fifo}:1:1: 这是管道，不是普通文件")
    done = gencli("textconv", fifo)
    assert (done.returncode, done.stdout) == (
        0,
        f"[gencli textconv：{fifo}：这是管道，不是普通文件：gencli 只读取保存在磁盘上的报告文件]\n",
    )


def test_a_pipe_is_refused(tmp_path: Path) -> None:
    """`gencli validate <(cat big.yaml)`: the shell passes /dev/fd/N, a pipe."""
    read, write = os.pipe()
    try:
        done = gencli("validate", f"/dev/fd/{read}", pass_fds=(read,))
    finally:
        os.close(read)
        os.close(write)
    assert done.returncode == 1
    assert "这是管道，不是普通文件" in done.stdout


def test_previous_dev_zero_is_refused(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    done = gencli("validate", report, "--previous", "/dev/zero")
    assert done.returncode == 2
    assert "无法读取上年报告 /dev/zero" in done.stderr


def test_a_report_growing_past_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    """Read up to one byte past the limit: a file whose size was under it when looked at,
    and over it when read, is refused, not read whole."""
    from gencli.loading import bounded

    path = tmp_path / "r.yaml"
    path.write_bytes(b"x" * 100)
    with pytest.raises(bounded.TooLarge):
        bounded.read_regular_file(path, 99)
    assert bounded.read_regular_file(path, 100) == b"x" * 100


def test_diff_refuses_dev_zero_and_a_huge_blob_unread(tmp_path: Path, isolated: dict) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    done = gencli("diff", "/dev/zero", report)
    assert done.returncode == 2
    assert "/dev/zero：这是设备文件，不是普通文件" in done.stderr
    repo = GitRepo(tmp_path / "repo", isolated)
    with (repo.path / "big.yaml").open("wb") as stream:
        stream.write(MINIMAL.encode("utf-8"))
        stream.write(b"#" * (11 * 1024 * 1024))
    repo.git("add", "big.yaml")
    repo.git("commit", "-q", "-m", "big")
    done = gencli("diff", "HEAD:big.yaml", report, cwd=repo.path, env=isolated)
    assert done.returncode == 2
    assert "HEAD:big.yaml：文件过大（11.0 MB）：报告文件不应超过 10 MB" in done.stderr


def test_a_revision_that_looks_like_an_option_is_not_one(tmp_path: Path, isolated: dict) -> None:
    repo = GitRepo(tmp_path / "repo", isolated)
    repo.write("r.yaml", MINIMAL)
    done = gencli("diff", "--", "--batch:r.yaml", "r.yaml", cwd=repo.path, env=isolated)
    assert done.returncode == 2
    assert "git 中没有 --batch:r.yaml" in done.stderr


def bomb(path: Path, megabytes: int) -> Path:
    """A .docx of a few hundred KB whose document.xml inflates to `megabytes`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as stream:
            stream.write(
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            )
            chunk = b"0" * (1024 * 1024)
            for _ in range(megabytes):
                stream.write(chunk)
            stream.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def test_a_zip_bomb_is_one_line_and_exit_0(tmp_path: Path) -> None:
    docx = bomb(tmp_path / "bomb.docx", 300)
    assert docx.stat().st_size < 2 * 1024 * 1024
    done = gencli("textconv", docx)
    assert (done.returncode, done.stdout) == (
        0,
        f"[gencli textconv：{docx} 的正文解压后有 300.0 MB（压缩后 0.3 MB），"
        "不像 Word 文档，不予读取]\n",
    )


def test_a_damaged_docx_is_one_line_and_exit_0(tmp_path: Path) -> None:
    good = bomb(tmp_path / "good.docx", 1)
    data = bytearray(good.read_bytes())
    start = data.index(b"word/document.xml") + len("word/document.xml")
    data[start + 100 : start + 200] = b"\xff" * 100  # the deflated body, scrambled
    broken = tmp_path / "broken.docx"
    broken.write_bytes(bytes(data))
    done = gencli("textconv", broken)
    assert done.returncode == 0
    assert done.stdout.startswith(f"[gencli textconv：{broken} ")
    assert done.stdout.count("\n") == 1 and "Traceback" not in done.stderr
