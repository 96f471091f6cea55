"""`gencli diff` on the real example, its versions committed to a git repository made here."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import EXAMPLES
from .gitrepo import GENCLI, GitRepo, example, isolated  # noqa: F401 - isolated is a fixture

NEW_ROW = "[24,    5,       0,       0,       0,       0,   29]"
DISCLOSED_ROW = "[14,    1,       0,       0,       0,       0,   15]"
TOTAL_ROW = "[22,    5,       0,       0,       0,       0,   27]"
APPLICATIONS = "三、收到和处理政府信息公开申请情况"


@pytest.fixture
def repo(tmp_path: Path, isolated: dict) -> GitRepo:
    """A reports repository whose HEAD holds the published 2020 report as report.yaml."""
    repo = GitRepo(tmp_path / "reports", isolated)
    repo.write("report.yaml", example())
    repo.commit("2020年报告")
    return repo


def one_more_disclosed(repo: GitRepo) -> None:
    """One more application from a natural person, disclosed: every total moves, still balanced."""
    repo.edit("report.yaml", NEW_ROW, "[25,    5,       0,       0,       0,       0,   30]")
    repo.edit("report.yaml", DISCLOSED_ROW, "[15,    1,       0,       0,       0,       0,   16]")
    repo.edit("report.yaml", TOTAL_ROW, "[23,    5,       0,       0,       0,       0,   28]")


def test_changed_figures_with_their_labels_and_the_balance(repo: GitRepo) -> None:
    one_more_disclosed(repo)
    done = repo.gencli("diff", "HEAD:report.yaml", "report.yaml")
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "--- HEAD:report.yaml",
        "+++ report.yaml",
        "数字变动 6 处：",
        f"  {APPLICATIONS} › 一、本年新收政府信息公开申请数量 › 自然人：24 → 25",
        f"  {APPLICATIONS} › 一、本年新收政府信息公开申请数量 › 总计：29 → 30",
        f"  {APPLICATIONS} › 三、本年度办理结果 › （一）予以公开 › 自然人：14 → 15",
        f"  {APPLICATIONS} › 三、本年度办理结果 › （一）予以公开 › 总计：15 → 16",
        f"  {APPLICATIONS} › 三、本年度办理结果 › （七）总计 › 自然人：22 → 23",
        f"  {APPLICATIONS} › 三、本年度办理结果 › （七）总计 › 总计：27 → 28",
        "勾稽关系仍成立。",
    ]


def test_a_change_that_breaks_the_balance_names_the_failing_rule(repo: GitRepo) -> None:
    repo.edit("report.yaml", NEW_ROW, "[25,    5,       0,       0,       0,       0,   30]")
    done = repo.gencli("diff", "HEAD:report.yaml", "report.yaml")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[lines.index("勾稽关系不成立（1 处）：") + 1] == (
        "  report.yaml:73:28: 勾稽关系不成立（第一项加第二项之和，等于第三项加第四项之和）："
        "自然人列 25 + 0 = 25，而 22 + 2 = 24"
    )


def test_the_same_report_written_differently_is_equal(repo: GitRepo) -> None:
    """A list row as a mapping, a total left to be computed, comments gone: nothing changed."""
    repo.edit(
        "report.yaml",
        f"disclosed:            {DISCLOSED_ROW}",
        "disclosed: {natural_person: 14, commercial: 1}",
    )
    repo.edit("report.yaml", "# （七）总计", "")
    done = repo.gencli("diff", "HEAD:report.yaml", "report.yaml")
    assert done.returncode == 0, done.stdout
    assert done.stdout == ""
    assert "两个版本的内容相同。" in done.stderr


def test_narrative_changes_by_part_and_paragraph(repo: GitRepo) -> None:
    repo.edit("report.yaml", "共受理依申请公开29件", "共受理依申请公开30件")
    repo.edit(
        "report.yaml",
        "  福建省市场监督管理局无其他需要报告的事项。",
        "  福建省市场监督管理局无其他需要报告的事项。\n\n  本年度未收取信息处理费。",
    )
    text = repo.read("report.yaml")
    removed = next(line for line in text.splitlines() if line.startswith("  二是丰富政策咨询"))
    repo.edit("report.yaml", removed + "\n\n", "")
    done = repo.gencli("diff", "HEAD:report.yaml", "report.yaml")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    start = lines.index("文字变动 3 处：")
    assert lines[start + 1 :] == [
        "  一、总体情况 第2段改动：…年本机关共受理依申请公开[-29-]{+30+}件，其中网络申请20件，…",
        f"  五、存在的主要问题及改进情况 原第2段删除：{removed.strip()}",
        "  六、其他需要报告的事项 第2段新增：本年度未收取信息处理费。",
    ]
    assert "数字变动" not in done.stdout
    assert "勾稽关系仍成立。" in lines


def test_json_for_tools(repo: GitRepo) -> None:
    one_more_disclosed(repo)
    repo.edit("report.yaml", "共受理依申请公开29件", "共受理依申请公开30件")
    done = repo.gencli("diff", "--format", "json", "HEAD:report.yaml", "report.yaml")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["equal"] is False and data["balanced"] is True and data["balance"] == []
    assert data["figures"][0] == {
        "path": ["applications", "new", "natural_person"],
        "labels": f"{APPLICATIONS} › 一、本年新收政府信息公开申请数量 › 自然人",
        "old": 24,
        "new": 25,
    }
    assert data["narrative"] == [
        {
            "path": ["overview"],
            "title": "一、总体情况",
            "change": "changed",
            "old_paragraph": 2,
            "new_paragraph": 2,
            "old": data["narrative"][0]["old"],
            "new": data["narrative"][0]["new"],
        }
    ]
    assert "30件" in data["narrative"][0]["new"] and data["cross_year"] is None


def test_between_two_commits_and_amounts_kept_exact(repo: GitRepo) -> None:
    repo.edit("report.yaml", "amount: 13989.54", "amount: 13989.50")
    repo.commit("改采购金额")
    done = repo.gencli("diff", "HEAD~1:report.yaml", "HEAD:report.yaml")
    assert done.returncode == 1
    assert (
        "  二、主动公开政府信息情况 › 政府集中采购 › 采购总金额：13989.54 → 13989.50" in done.stdout
    )


def test_consecutive_years_get_the_cross_year_checks(repo: GitRepo) -> None:
    assert repo.gencli("init", "--from", "report.yaml", "-o", "2021.yaml").returncode == 0
    done = repo.gencli("diff", "report.yaml", "2021.yaml")
    assert done.returncode == 1
    assert "跨年度核对（2021 年对上年 2020 年）：全部通过。" in done.stdout
    assert "  报告年度：2020 → 2021" in done.stdout
    repo.edit(
        "2021.yaml",
        "carried_over: [2, 0, 0, 0, 0, 0]",
        "carried_over: [1, 0, 0, 0, 0, 0]",
    )
    repo.edit(
        "2021.yaml",
        "carried_forward: [2, 0, 0, 0, 0, 0]",
        "carried_forward: [1, 0, 0, 0, 0, 0]",
    )
    lines = repo.gencli("diff", "report.yaml", "2021.yaml").stdout.splitlines()
    found = lines.index("跨年度核对（2021 年对上年 2020 年）1 处：")
    assert lines[found + 1].startswith("  2021.yaml:")
    assert lines[found + 1].endswith(
        "本年“二、上年结转政府信息公开申请数量”应等于上年“四、结转下年度继续办理”："
        "自然人列：本年填写 1，按上年报告应为 2"
    )


@pytest.mark.parametrize(
    "old, message",
    [
        ("HEAD~3:report.yaml", "git 中没有 HEAD~3:report.yaml：请检查版本“HEAD~3”"),
        ("HEAD:2019.yaml", "git 中没有 HEAD:2019.yaml"),
        ("2019.yaml", "找不到文件 2019.yaml"),
    ],
)
def test_bad_versions_are_usage_errors(repo: GitRepo, old: str, message: str) -> None:
    done = repo.gencli("diff", old, "report.yaml")
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_outside_a_repository_is_a_usage_error(tmp_path: Path, isolated: dict) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "report.yaml").write_text(example(), encoding="utf-8")
    done = subprocess.run(
        [*GENCLI, "diff", "HEAD:report.yaml", "report.yaml"],
        cwd=folder,
        env={**isolated, "GIT_CEILING_DIRECTORIES": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "当前目录不在 git 仓库中，无法读取 HEAD:report.yaml" in done.stderr


def test_a_version_with_structural_errors_cannot_be_compared(repo: GitRepo) -> None:
    repo.edit("report.yaml", "  licensing:", "  licencing:")
    done = repo.gencli("diff", "HEAD:report.yaml", "report.yaml")
    assert done.returncode == 2
    assert "report.yaml:" in done.stderr and "未知的键“licencing”" in done.stderr
    assert "report.yaml 不是结构完整的报告，无法比较" in done.stderr


def test_other_kinds_are_compared_by_their_schema_titles(tmp_path: Path) -> None:
    """A 规划: chapters are a list, so a change says which chapter it is in."""
    plan = next((EXAMPLES / "plan").glob("*.yaml"))
    text = plan.read_text(encoding="utf-8")
    changed = tmp_path / "plan.yaml"
    changed.write_text(
        text.replace("  - title: 总体要求\n", "  - title: 总体要求和目标\n"), encoding="utf-8"
    )
    done = subprocess.run(
        [*GENCLI, "diff", str(plan), str(changed)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "  各章 › 章（第2项） › 章标题：总体要求 → 总体要求和目标" in done.stdout.splitlines()
