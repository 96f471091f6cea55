"""A non-editable install carries its schemas and templates and works outside the source tree."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("gencli-*.whl"))


def test_wheel_contains_schemas_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "gencli/_data/schema/gov-info-annual.schema.json" in names
    assert "gencli/_data/templates/gov-info-annual.xml.j2" in names
    assert "gencli/cli/commands.py" in names


def test_installed_wheel_builds_an_example_elsewhere(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run(
        [*pip, "install", "--no-deps", "--ignore-installed", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    source = work / "report.yaml"
    source.write_text((EXAMPLES / "fujian-amr-2020.yaml").read_text(encoding="utf-8"), "utf-8")
    where = subprocess.run(
        [str(python), "-c", "import gencli.base.paths as p; print(p.data_dir('schema'))"],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert "site-packages" in where and str(ROOT) not in where
    result = subprocess.run(
        [str(env_dir / "bin" / "gencli"), "build", "report.yaml"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (work / "report.docx").stat().st_size > 10_000
    html = (work / "report.html").read_text(encoding="utf-8")
    assert '<h2><span class="number">一、</span>总体情况</h2>' in html
