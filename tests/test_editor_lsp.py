"""The editor schema as a real editor sees it: yaml-language-server (the engine of VS Code's YAML
extension and of most other editors' YAML support), driven over stdio like an editor does.

Proves that the modeline `init` writes resolves (relative to a repository copy written by
`gencli schema --write`, and as a file:// URI of the installed schema), that completion inside
`applications:` offers the rows, that hover shows the Chinese titles, and which errors an editor
can show while typing: structural ones (negative counts, "12件", unknown keys) — while the
arithmetic (`x-` keywords) is beyond plain JSON Schema, so only `gencli validate` finds it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import EXAMPLES
from .gitrepo import GENCLI
from .lsp_client import LanguageServer, ensure_server

RELATIVE = "# yaml-language-server: $schema=../schema/gov-info-annual.schema.json"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reports folder as the README sets one up: schema/ written by gencli, a report for
    2021 rolled over from the real 2020 report."""
    root = tmp_path_factory.mktemp("lsp")
    for command in (
        ["schema", "--write", "schema"],
        ["init", "--from", str(EXAMPLES / "fujian-amr-2020.yaml"), "-o", "reports/2021.yaml"],
    ):
        done = subprocess.run(
            [*GENCLI, *command], cwd=root, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="module")
def server(workspace: Path):
    launcher = ensure_server()
    if isinstance(launcher, str):
        pytest.skip(launcher)
    server = LanguageServer(launcher, workspace)
    yield server
    server.close()


def at(text: str, key: str) -> dict:
    """The LSP position just inside the first `key` written outside a comment."""
    for number, line in enumerate(text.splitlines()):
        column = line.split("#", 1)[0].find(key)
        if column >= 0:
            return {"line": number, "character": column + 1}
    raise AssertionError(f"没有写出 {key}")


def hover(server: LanguageServer, uri: str, text: str, key: str) -> str:
    answer = server.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": at(text, key)}
    )
    return answer["contents"]["value"] if answer else ""


def test_init_modeline_resolves_to_the_repository_copy(
    server: LanguageServer, workspace: Path
) -> None:
    report = workspace / "reports" / "2021.yaml"
    text = report.read_text(encoding="utf-8")
    assert text.splitlines()[0] == RELATIVE
    uri = server.open(report)
    assert server.diagnostics_for(uri) == []
    assert "#### 三、收到和处理政府信息公开申请情况" in hover(server, uri, text, "applications:")
    shown = hover(server, uri, text, "carried_forward:")
    assert shown.startswith("#### 四、结转下年度继续办理")
    assert "按列顺序填写：自然人、商业企业" in shown
    assert "schema/gov-info-annual.schema.json" in shown
    assert hover(server, uri, text, "overdue_correction:").startswith(
        "#### 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    )
    assert hover(server, uri, text, "in_force").startswith("#### 现行有效件数")


def test_completion_inside_applications_offers_the_rows(
    server: LanguageServer, workspace: Path
) -> None:
    text = f"{RELATIVE}\nkind: gov-info-annual\nagency: 测试局\nyear: 2021\napplications:\n  \n"
    uri = server.open(workspace / "reports" / "typing.yaml", text)
    answer = server.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 2}},
    )
    items = answer["items"] if isinstance(answer, dict) else answer
    labels = {item["label"] for item in items}
    assert {"new", "carried_over", "results", "carried_forward"} <= labels
    assert "proactive" not in labels  # the rows of this table, not the report's top-level keys


def test_the_installed_schema_by_file_uri(server: LanguageServer, tmp_path: Path) -> None:
    done = subprocess.run(
        [*GENCLI, "init", "--year", "2020", "--agency", "测试局"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.startswith("# yaml-language-server: $schema=file://")
    report = tmp_path / "2020.yaml"
    report.write_text(done.stdout, encoding="utf-8")
    uri = server.open(report)
    assert server.diagnostics_for(uri) == []
    assert hover(server, uri, done.stdout, "licensing:").startswith("#### 行政许可")


def test_the_real_examples_have_no_editor_diagnostics(server: LanguageServer) -> None:
    for example in sorted(EXAMPLES.glob("*.yaml")):
        assert server.diagnostics_for(server.open(example)) == [], example.name


def _broken(workspace: Path, name: str, old: str, new: str) -> tuple[Path, str]:
    text = (workspace / "reports" / "2021.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = workspace / "reports" / f"{name}.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, old, new, editor_says, gencli_says",
    [
        (
            "negative",
            "licensing: {decisions: 0}",
            "licensing: {decisions: -3}",
            "Value is below the minimum of 0.",
            "不能为负数，这里是 -3",
        ),
        (
            "with-unit",
            "licensing: {decisions: 0}",
            "licensing: {decisions: 12件}",
            'Incorrect type. Expected "integer".',
            "应为整数，这里是文本“12件”",
        ),
        (
            "unknown-key",
            "  licensing: {decisions: 0}",
            "  licencing: {decisions: 0}",
            "Property licencing is not allowed.",
            "未知的键“licencing”",
        ),
    ],
)
def test_schema_errors_show_in_the_editor(
    server: LanguageServer,
    workspace: Path,
    name: str,
    old: str,
    new: str,
    editor_says: str,
    gencli_says: str,
) -> None:
    path, text = _broken(workspace, name, old, new)
    diagnostics = server.diagnostics_for(server.open(path))
    assert [d["message"] for d in diagnostics] == [editor_says]
    assert diagnostics[0]["range"]["start"]["line"] == at(text, new.strip()[:9])["line"]
    done = subprocess.run(
        [*GENCLI, "validate", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and gencli_says in done.stdout


def test_arithmetic_is_beyond_the_editor(server: LanguageServer, workspace: Path) -> None:
    """A table that does not add up is valid JSON Schema: the editor is silent, validate is not."""
    path, _ = _broken(
        workspace,
        "unbalanced",
        "  new: [0, 0, 0, 0, 0, 0]",
        "  new: [5, 0, 0, 0, 0, 0]",
    )
    assert server.diagnostics_for(server.open(path)) == []
    done = subprocess.run(
        [*GENCLI, "validate", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "勾稽关系不成立" in done.stdout


def test_schema_write_says_what_it_wrote(tmp_path: Path) -> None:
    done = subprocess.run(
        [*GENCLI, "schema", "--write", "schema"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "已写入 schema/gov-info-annual.schema.json" in done.stdout.splitlines()
    shipped = subprocess.run(
        [*GENCLI, "schema", "gov-info-annual"], capture_output=True, text=True, check=False
    ).stdout
    assert (tmp_path / "schema" / "gov-info-annual.schema.json").read_text(
        encoding="utf-8"
    ) == shipped
    neither = subprocess.run([*GENCLI, "schema"], capture_output=True, text=True, check=False)
    assert neither.returncode == 2 and "或用 --write 目录 写出全部种类的 schema" in neither.stderr
