"""Nothing overwritten that isn't ours: an output that is, or links to, an input is refused
before anything is written."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gencli.cli.commands import main

from .conftest import EXAMPLES

AMR = (EXAMPLES / "fujian-amr-2020.yaml").read_bytes()


def build(*args: object):
    return CliRunner().invoke(main, ["build", *map(str, args)])


def test_a_report_named_like_its_output_is_not_overwritten(tmp_path: Path) -> None:
    report = tmp_path / "2024.html"
    report.write_bytes(AMR)
    result = build(report)
    assert result.exit_code == 2
    assert (
        f"错误：{report} 的输出 {report} 就是输入的报告 {report}，生成会覆盖它："
        "请给报告改用 .yaml 扩展名，或用 -o 写到别处\n"
    ) in result.output
    assert report.read_bytes() == AMR
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024.html"]


def test_an_output_linking_to_an_input_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_bytes(AMR)
    second.write_bytes(AMR)
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.html").symlink_to(first)
    result = build(first, second, "-o", out)
    assert result.exit_code == 2
    assert f"{second} 的输出 {out / 'b.html'} 就是输入的报告 {first}" in result.output
    assert first.read_bytes() == AMR
    assert sorted(p.name for p in out.iterdir()) == ["b.html"]  # a.docx, a.html not written


def test_an_ordinary_build_beside_the_report_is_allowed(tmp_path: Path) -> None:
    report = tmp_path / "2024.yaml"
    report.write_bytes(AMR)
    assert build(report).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024.docx", "2024.html", "2024.yaml"]


def test_sigterm_stops_like_ctrl_c_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    reports = tmp_path / "reports"
    reports.mkdir()
    for number in range(40):
        (reports / f"r{number:02}.yaml").write_bytes(AMR)
    out = tmp_path / "out"
    child = subprocess.Popen(
        [sys.executable, "-m", "gencli", "build", str(reports), "-o", str(out), "-j", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(out.glob("*.docx")) and time.monotonic() < deadline:
        time.sleep(0.01)
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 1, stderr  # stopped by gencli, not killed by the signal
    assert stderr.decode("utf-8").endswith("已中止。\n")
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert len(list(out.glob("*.docx"))) < 40
