"""No code from data: a `--templates` folder and the cache folder are read, never trusted.

A template folder travels with shared report folders, and the cache folder holds compiled
templates that the next build runs; each test plants what an attacker (or a careless
colleague) would and checks that nothing of it runs, is read, or is written into a report.
"""

from __future__ import annotations

import marshal
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from jinja2.bccache import BytecodeCache, bc_magic

from gencli.base import cache
from gencli.base.paths import data_dir
from gencli.cli.commands import main

from .conftest import EXAMPLES

AMR = EXAMPLES / "fujian-amr-2020.yaml"
TEMPLATE = "gov-info-annual.xml.j2"
GENCLI = [sys.executable, "-m", "gencli"]


def build_with(templates: Path, out: Path):
    return CliRunner().invoke(
        main, ["build", str(AMR), "-o", str(out), "--templates", str(templates)]
    )


def folder_with(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return folder


def test_a_template_reaching_for_os_is_stopped_by_the_sandbox(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / TEMPLATE).write_text(
        "<document>\n{{ cycler.__init__.__globals__.os.popen('touch "
        + str(marker)
        + "').read() }}",
        encoding="utf-8",
    )
    result = build_with(folder, tmp_path / "out")
    assert result.exit_code == 1
    assert (
        f"{AMR}:1:1: 模板 {TEMPLATE} 第 2 行做了模板中不允许的事（access to attribute "
        "'__init__' of 'type' object is unsafe.）：模板在沙箱中运行，只能读取报告和表格定义，"
        "不能访问 Python 内部、调用不安全的方法或修改数据\n"
    ) in result.stdout
    assert not marker.exists()
    assert not (tmp_path / "out").exists()


def test_a_template_may_not_change_what_it_is_given(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / TEMPLATE).write_text(
        "{% do report.update(agency='改了') %}<document/>", encoding="utf-8"
    )
    result = build_with(folder, tmp_path / "out")
    assert result.exit_code == 1
    assert f"模板 {TEMPLATE} 第 1 行做了模板中不允许的事（access to attribute 'update'" in (
        result.stdout
    )


def test_a_link_in_the_template_folder_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("口令：SECRET-42", encoding="utf-8")
    folder = tmp_path / "templates"
    (folder / "parts").mkdir(parents=True)
    (folder / "parts" / "footer.j2").symlink_to(secret)
    (folder / TEMPLATE).write_text(
        '<document>\n<p>{% include "parts/footer.j2" %}</p>\n</document>', encoding="utf-8"
    )
    result = build_with(folder, tmp_path / "out")
    assert result.exit_code == 1
    link = folder / "parts" / "footer.j2"
    assert (
        f"{AMR}:1:1: 模板 parts/footer.j2 的路径中有符号链接（{link}），不会读取："
        "模板目录中只能放普通文件和文件夹\n"
    ) in result.stdout
    assert "SECRET" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_linked_folder_or_template_is_refused_too(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "footer.j2").write_text("SECRET", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "parts").symlink_to(elsewhere, target_is_directory=True)
    (folder / TEMPLATE).write_text('{% include "parts/footer.j2" %}', encoding="utf-8")
    result = build_with(folder, tmp_path / "out")
    assert f"模板 parts/footer.j2 的路径中有符号链接（{folder / 'parts'}）" in result.stdout

    (folder / TEMPLATE).unlink()
    (folder / TEMPLATE).symlink_to(data_dir("templates") / TEMPLATE)  # even to a good one
    result = build_with(folder, tmp_path / "out")
    assert result.exit_code == 1
    assert f"模板 {TEMPLATE} 的路径中有符号链接（{folder / TEMPLATE}）" in result.stdout


def test_an_include_outside_the_folder_is_not_found(tmp_path: Path) -> None:
    (tmp_path / "outside.j2").write_text("SECRET", encoding="utf-8")
    folder = folder_with(
        tmp_path, **{"gov-info-annual__xml__j2": '\n{% include "../outside.j2" %}'}
    )
    result = build_with(folder, tmp_path / "out")
    assert result.exit_code == 1
    assert (
        f"模板 {TEMPLATE} 第 2 行引用的模板 ../outside.j2 不存在（查找位置：{folder}、"
        f"{data_dir('templates')}）"
    ) in result.stdout
    assert "SECRET" not in result.output


def test_a_missing_include_names_the_template_that_includes_it(tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        **{
            "gov-info-annual__xml__j2": '<document>\n{% include "table.j2" %}\n</document>',
            "table__j2": 'one\ntwo\n{% include "cell.j2" %}',
        },
    )
    result = build_with(folder, tmp_path / "out")
    assert result.exit_code == 1
    assert f"{AMR}:1:1: 模板 table.j2 第 3 行引用的模板 cell.j2 不存在（查找位置：" in (
        result.stdout
    )


def test_a_template_including_itself_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        **{"gov-info-annual__xml__j2": '<document>\n\n{% include "gov-info-annual.xml.j2" %}'},
    )
    start = time.perf_counter()
    result = build_with(folder, tmp_path / "out")
    assert time.perf_counter() - start < 30
    assert result.exit_code == 1
    assert (
        f"{AMR}:1:1: 模板 {TEMPLATE} 第 3 行的 include、import 或宏调用形成了循环"
        "（模板直接或间接地包含了自身），请删去其中一处\n"
    ) in result.stdout
    assert "Traceback" not in result.output


def test_a_syntax_error_names_the_included_template(tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        **{"gov-info-annual__xml__j2": '{% include "part.j2" %}', "part__j2": "a\n{% if %}"},
    )
    result = build_with(folder, tmp_path / "out")
    assert result.exit_code == 1
    assert f"{AMR}:1:1: 模板 part.j2 第 2 行有语法错误：" in result.stdout


def test_the_packaged_templates_render_in_the_sandbox(tmp_path: Path) -> None:
    """The built-in template copied into a folder, as a user starts one, still builds."""
    folder = folder_with(tmp_path)
    (folder / TEMPLATE).write_bytes((data_dir("templates") / TEMPLATE).read_bytes())
    result = build_with(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "fujian-amr-2020.docx",
        "fujian-amr-2020.html",
    ]


# --- the cache folder ---------------------------------------------------------------------


def run_build(cache_dir: Path, out: Path, formats: str = "html") -> subprocess.CompletedProcess:
    """A fresh process, so that nothing compiled is kept in memory from another test."""
    return subprocess.run(
        [*GENCLI, "build", str(AMR), "-o", str(out), "--to", formats],
        env={**os.environ, "GENCLI_CACHE_DIR": str(cache_dir)},
        capture_output=True,
        text=True,
        check=False,
    )


def plant(cache_dir: Path, marker: Path) -> Path:
    """Overwrite the compiled packaged template with one that also creates `marker`: Jinja's
    own code for the template, with a line of Python in front, under the entry's own header."""
    from gencli.document.templating import environment

    filename = os.path.join(str(data_dir("templates")), TEMPLATE)
    source = Path(filename).read_text(encoding="utf-8")
    key = BytecodeCache().get_cache_key(TEMPLATE, filename)
    (entry,) = cache_dir.glob(f"jinja-*-{key}.jinja")
    python = environment().compile(source, TEMPLATE, filename, raw=True)
    code = compile(f"open({str(marker)!r}, 'w').close()\n{python}", filename, "exec")
    checksum = BytecodeCache().get_source_checksum(source)
    entry.write_bytes(bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(code))
    return entry


@pytest.fixture
def primed(tmp_path: Path) -> Path:
    """A cache folder after one build."""
    folder = tmp_path / "cache"
    assert run_build(folder, tmp_path / "first").returncode == 0
    return folder


def test_a_planted_entry_writable_by_others_is_never_run(primed: Path, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    entry = plant(primed, marker)
    os.chmod(entry, 0o600)
    done = run_build(primed, tmp_path / "trusted")
    assert done.returncode == 0 and marker.exists()  # our own entry is run: the plant works
    marker.unlink()
    plant(primed, marker)
    os.chmod(entry, 0o666)
    done = run_build(primed, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert (tmp_path / "out" / "fujian-amr-2020.html").read_bytes() == (
        tmp_path / "trusted" / "fujian-amr-2020.html"
    ).read_bytes()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_a_planted_entry_owned_by_someone_else_is_never_run(primed: Path, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    entry = plant(primed, marker)
    os.chmod(entry, 0o644)
    os.chown(entry, 65534, -1)
    assert run_build(primed, tmp_path / "out").returncode == 0
    assert not marker.exists()


def test_a_cache_folder_others_may_write_is_not_used(primed: Path, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    entry = plant(primed, marker)
    os.chmod(entry, 0o600)
    os.chmod(primed, 0o777)
    before = sorted(p.name for p in primed.iterdir())
    assert run_build(primed, tmp_path / "out").returncode == 0
    assert not marker.exists()
    assert sorted(p.name for p in primed.iterdir()) == before  # nothing written there either


def test_an_entry_for_other_source_is_not_unpickled(primed: Path, tmp_path: Path) -> None:
    """Jinja unpickles an entry's header: only a header this template would have is let in."""
    marker = tmp_path / "executed"
    entry = plant(primed, marker)

    class Touch:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    entry.write_bytes(bc_magic + pickle.dumps(Touch(), 2))
    os.chmod(entry, 0o600)
    assert run_build(primed, tmp_path / "out").returncode == 0
    assert not marker.exists()
    assert entry.read_bytes().startswith(
        bc_magic
        + pickle.dumps(
            BytecodeCache().get_source_checksum(
                (data_dir("templates") / TEMPLATE).read_text("utf-8")
            ),
            2,
        )
    )  # compiled anew and stored over the bad one


def test_entries_are_stored_private(primed: Path, tmp_path: Path) -> None:
    assert run_build(primed, tmp_path / "out", "docx").returncode == 0
    modes = {p.name.split("-")[0]: p.stat().st_mode & 0o777 for p in primed.iterdir()}
    assert modes == {"jinja": 0o600, "package": 0o600}


def test_the_cache_key_covers_every_file_of_the_package() -> None:
    """Not a hand-kept list: every gencli module and every template is in the fingerprint."""
    listed = {Path(path) for path, _, _ in cache._files(Path(cache.__file__).parent.parent)}
    listed |= {Path(path) for path, _, _ in cache._files(data_dir("templates"))}
    modules = {
        Path(module.__file__).resolve()
        for name, module in sys.modules.items()
        if name.startswith("gencli") and getattr(module, "__file__", None)
    }
    assert modules <= {path.resolve() for path in listed}
    templates = set(data_dir("templates").glob("*.j2"))
    assert templates and templates <= listed


def test_the_fingerprint_changes_with_any_file(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "t.j2").write_text("{{ x }}", encoding="utf-8")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "deep.py").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    first = cache._files(tmp_path)
    assert [Path(p).relative_to(tmp_path).as_posix() for p, _, _ in first] == [
        "a/b/deep.py",
        "t.j2",
    ]
    (tmp_path / "a" / "b" / "deep.py").write_text("x = 22\n", encoding="utf-8")
    assert cache._files(tmp_path) != first


def test_fingerprinting_the_package_is_cheap() -> None:
    root = Path(cache.__file__).parent.parent
    start = time.perf_counter()
    for _ in range(20):
        cache._files(root)
    assert (time.perf_counter() - start) / 20 < 0.02  # measured: well under 1 ms
