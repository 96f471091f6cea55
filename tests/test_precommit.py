"""The `gencli-validate` pre-commit hook, run by the real pre-commit against reports repositories
made here: a broken report stops the commit with the Chinese message, a good one passes, and the
other YAML of the repository is left alone."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .gitrepo import GitRepo, example, isolated_environment

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
BROKEN_ROW = (
    "[24,    5,       0,       0,       0,       0,   29]",
    "[25,    5,       0,       0,       0,       0,   30]",
)
BROKEN_MESSAGE = (
    "broken.yaml:73:28: 勾稽关系不成立（第一项加第二项之和，等于第三项加第四项之和）："
    "自然人列 25 + 0 = 25，而 22 + 2 = 24"
)
OTHER_YAML = {
    ".github/workflows/ci.yaml": "name: ci\non: push\njobs: {}\n",
    "deploy.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: reports}\n",
}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Isolated git, and one pre-commit cache for the module: the hook's environment (gencli
    installed from the source below) is built once."""
    if shutil.which("git") is None:
        pytest.skip("没有安装 git")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("没有安装 pre-commit（pip install '.[test]' 会安装它）")
    home = tmp_path_factory.mktemp("home")
    return {**isolated_environment(home), "PRE_COMMIT_HOME": str(home / "pre-commit")}


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """gencli as it is in this work tree, committed to a repository of its own: pre-commit
    installs a hook from a commit, and the change under test may not be committed yet."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        env=env,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("gencli 的源代码不在 git 工作区中，无法作为 pre-commit 钩子仓库")
    source = tmp_path_factory.mktemp("gencli-hook")
    for name in filter(None, listed.stdout.decode("utf-8").split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    repo = GitRepo(source, env)
    return source, repo.commit("gencli")


@pytest.fixture
def reports(tmp_path: Path, env: dict[str, str]) -> GitRepo:
    repo = GitRepo(tmp_path / "reports", env)
    repo.write("2020.yaml", example())
    for name, text in OTHER_YAML.items():
        repo.write(name, text)
    return repo


def test_try_repo_fails_on_a_broken_report_and_passes_good_ones(
    reports: GitRepo, hook_repo: tuple[Path, str]
) -> None:
    source, rev = hook_repo
    reports.write("broken.yaml", example().replace(*BROKEN_ROW))
    reports.write("typo.yaml", example().replace("kind: gov-info-annual", "kind: gov-info-anual"))
    reports.git("add", "-A")

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        return reports.run(
            *PRE_COMMIT, "try-repo", str(source), "gencli-validate", "--ref", rev, "--files", *files
        )

    good = try_repo("2020.yaml", *OTHER_YAML)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = try_repo("2020.yaml", "broken.yaml", "typo.yaml", *OTHER_YAML)
    assert bad.returncode == 1
    assert BROKEN_MESSAGE in bad.stdout
    assert "typo.yaml:13:7: 未知的报告种类“gov-info-anual”" in bad.stdout
    assert "检查了 3 个文件：2 个文件未通过" in bad.stdout  # the CI and ConfigMap files skipped
    assert "deploy.yaml" not in bad.stdout.replace("--files", "")


def test_installed_hook_blocks_the_commit_until_the_report_is_fixed(
    reports: GitRepo, hook_repo: tuple[Path, str]
) -> None:
    source, rev = hook_repo
    reports.write(
        ".pre-commit-config.yaml",
        (f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: gencli-validate\n"),
    )
    installed = reports.run(*PRE_COMMIT, "install")
    assert installed.returncode == 0, installed.stderr
    reports.write("broken.yaml", example().replace(*BROKEN_ROW))
    reports.git("add", "-A")
    refused = reports.git("commit", "-m", "2020年报告", check=False)
    assert refused.returncode != 0
    assert BROKEN_MESSAGE in refused.stdout + refused.stderr
    assert (
        reports.git("rev-parse", "--verify", "HEAD", check=False).returncode != 0
    )  # nothing committed
    reports.write("broken.yaml", example())
    reports.git("add", "-A")
    accepted = reports.git("commit", "-m", "2020年报告", check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "gencli validate" in accepted.stdout + accepted.stderr


def test_only_reports_selects_what_the_hook_checks(tmp_path: Path) -> None:
    """Reports are found from their text, so a broken or GBK report is checked, not skipped."""
    from click.testing import CliRunner

    from gencli.cli.commands import main

    files = {
        "bom.yaml": "\ufeff" + example(),
        "gbk.yaml": example().encode("gb18030"),
        "modeline-only.yaml": "# yaml-language-server: $schema=schema/gov-info-annual.schema.json\n"
        "agency: 某局\n",
        "ci.yaml": OTHER_YAML[".github/workflows/ci.yaml"],
        "deploy.yaml": OTHER_YAML["deploy.yaml"],
    }
    for name, content in files.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["validate", "--only-reports", *(str(tmp_path / name) for name in files)]
    )
    assert result.exit_code == 1
    assert "gbk.yaml:2:1: 文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码" in result.stdout
    assert "modeline-only.yaml:1:1: 缺少必填项“kind”" in result.stdout
    assert "bom.yaml" not in result.stdout and "deploy.yaml" not in result.stdout
    assert "检查了 3 个文件：2 个文件未通过" in result.stderr
