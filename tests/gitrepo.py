"""Git repositories made inside a test, as a reports repository would be.

The machine's own git configuration (global hooks, hooksPath, signing) must not leak into a
test, and the test must not need one: `isolated` points git at no global or system config and
gives it an identity, for git itself and for every program the test starts (gencli, pre-commit).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES

IDENTITY = {
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}
GENCLI = [sys.executable, "-m", "gencli"]


def isolated_environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        **IDENTITY,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(home),
    }


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """This test's environment, also set in os.environ for code that runs git in-process."""
    if shutil.which("git") is None:
        pytest.skip("没有安装 git")
    home = tmp_path / "home"
    home.mkdir()
    env = isolated_environment(home)
    for key in (*IDENTITY, "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "HOME"):
        monkeypatch.setenv(key, env[key])
    return env


class GitRepo:
    """A work tree with its repository; `git` runs in it and fails the test on error."""

    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path, self.env = path, env
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            ["git", *args], cwd=self.path, env=self.env, capture_output=True, text=True, check=False
        )
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} 失败：{done.stderr}")
        return done

    def run(self, *command: str) -> subprocess.CompletedProcess:
        """A program run in the work tree, as a user would from its root."""
        return subprocess.run(
            list(command), cwd=self.path, env=self.env, capture_output=True, text=True, check=False
        )

    def gencli(self, *args: str) -> subprocess.CompletedProcess:
        return self.run(*GENCLI, *args)

    def write(self, name: str, text: str) -> Path:
        path = self.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def read(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace one exact, unique piece of a file (the test fails if it is not there once)."""
        text = self.read(name)
        assert text.count(old) == 1, f"{name} 中应恰有一处“{old}”"
        self.write(name, text.replace(old, new))

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").stdout.strip()


def example(name: str = "fujian-amr-2020.yaml") -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")
