"""A non-editable install carries its schemas and templates and works outside the source tree."""

from __future__ import annotations

import os
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


def dependency_folders() -> list[str]:
    """The running interpreter's site-packages folders, where gencli's dependencies are
    installed: a venv's own, or the base interpreter's and the user's outside one."""
    return [
        entry
        for entry in sys.path
        if Path(entry).name in ("site-packages", "dist-packages") and Path(entry).is_dir()
    ]


def test_installed_wheel_builds_an_example_elsewhere(wheel: Path, tmp_path: Path) -> None:
    """The wheel goes alone into a new venv that sees nothing of this interpreter's packages but
    the dependencies, through a .pth file naming the folders they are in (system site-packages
    would be the base interpreter's, which lacks them when the tests run in a venv; installing
    them anew would need the network). The venv's own site-packages comes first on sys.path, so
    its gencli is the one imported even where this interpreter has gencli installed too."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    own_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Installed before the dependencies are visible, so pip cannot find this interpreter's
    # gencli (if any) and call the requirement satisfied.
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    (Path(own_site) / "gencli-test-dependencies.pth").write_text(
        "".join(f"{folder}\n" for folder in dependency_folders()), encoding="utf-8"
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    source = work / "report.yaml"
    source.write_text((EXAMPLES / "fujian-amr-2020.yaml").read_text(encoding="utf-8"), "utf-8")
    clean = {name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import gencli, gencli.base.paths as p; print(gencli.__file__); print(p.data_dir('schema'))",
        ],
        cwd=work,
        env=clean,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    inside = [Path(path).resolve().is_relative_to(Path(own_site).resolve()) for path in where]
    assert inside == [True, True], where  # the venv's gencli and its own data
    result = subprocess.run(
        [str(env_dir / "bin" / "gencli"), "build", "report.yaml"],
        cwd=work,
        env=clean,
        capture_output=True,
        text=True,
        check=False,  # the exit code is asserted with the error output
    )
    assert result.returncode == 0, result.stderr
    assert (work / "report.docx").stat().st_size > 10_000
    html = (work / "report.html").read_text(encoding="utf-8")
    assert '<h2><span class="number">一、</span>总体情况</h2>' in html
