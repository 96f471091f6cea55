"""Hostile and broken input, and outputs that must never be half-written.

Most single-file cases live in tests/cases/*/invalid with their exact expected output; these are
the ones that need a build, a large file, or a failure injected while writing.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import gencli.base.output
import gencli.document.templating
import gencli.operations.build
from gencli.cli.commands import main

from .conftest import CASES, EXAMPLES

AMR = EXAMPLES / "fujian-amr-2020.yaml"
MINIMAL = (CASES / "gov-info-annual" / "valid" / "minimal-2019.yaml").read_text(encoding="utf-8")


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:
        stream.write(MINIMAL.encode("utf-8"))
        stream.truncate(50 * 1024 * 1024)
    read = Path.read_bytes
    monkeypatch.setattr(
        Path, "read_bytes", lambda self: pytest.fail("read") if self == big else read(self)
    )
    result = invoke("validate", big)
    assert result.exit_code == 1
    assert (
        result.stdout
        == f"{big}:1:1: 文件过大（50.0 MB）：报告文件不应超过 10 MB，请确认选对了文件\n"
    )


def test_script_in_narrative_is_escaped_in_html_and_literal_in_docx(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(
        MINIMAL.replace(
            "overview: 本年度工作平稳。",
            'overview: |\n  <script>alert("x")</script> & <b>粗</b> <img src=x onerror=alert(1)>',
        ),
        encoding="utf-8",
    )
    assert invoke("build", source).exit_code == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;粗&lt;/b&gt;" in html
    with zipfile.ZipFile(tmp_path / "r.docx") as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;粗&lt;/b&gt;' in body


def test_jinja_reaching_for_python_internals_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    source = tmp_path / "r.yaml"
    source.write_text(
        MINIMAL.replace(
            "overview: 本年度工作平稳。",
            "overview: |\n  {{ cycler.__init__.__globals__.os.system('touch "
            + str(marker)
            + "') }}",
        ),
        encoding="utf-8",
    )
    result = invoke("build", source)
    assert result.exit_code == 1
    assert f"{source}:5:1: 数字引用中不允许调用函数" in result.stdout
    assert not marker.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.yaml"]


def test_a_missing_template_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    monkeypatch.setattr(gencli.document.templating, "data_dir", lambda name: empty)
    result = invoke("build", AMR, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{AMR}:1:1: 找不到模板 gov-info-annual.xml.j2（查找位置：{empty}）" in result.stdout
    assert not (tmp_path / "out").exists()


def test_an_unwritable_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = invoke("build", AMR, "-o", blocker / "out")
    assert result.exit_code == 1
    assert f"无法写入输出目录 {blocker / 'out'}" in result.stdout
    assert "Traceback" not in result.output


def test_a_failing_writer_leaves_previous_outputs_intact(tmp_path: Path, monkeypatch) -> None:
    assert invoke("build", AMR, "-o", tmp_path).exit_code == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(document):
        raise RuntimeError("writer failed")

    monkeypatch.setitem(gencli.operations.build.WRITERS, "html", broken)
    with pytest.raises(RuntimeError):
        gencli.operations.build.build_file(AMR, tmp_path, ["docx", "html"])
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_an_interrupted_write_leaves_no_partial_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"previous")
    calls = []

    def interrupted(path, mode):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(gencli.base.output.os, "chmod", interrupted)
    with pytest.raises(KeyboardInterrupt):
        gencli.base.output.write_all_atomically(
            {target: b"new docx", tmp_path / "report.html": b"new"}
        )
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


def test_new_outputs_are_readable_by_others(tmp_path: Path) -> None:
    assert invoke("build", AMR, "-o", tmp_path).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "fujian-amr-2020.docx").stat().st_mode & 0o777 == 0o666 & ~umask
