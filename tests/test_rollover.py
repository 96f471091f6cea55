"""`gencli init --from LAST_YEAR.yaml`: next year's report from the real examples, in a git
repository as a reports office keeps them; the result validates and passes the cross-year checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .gitrepo import GitRepo, example, isolated  # noqa: F401 - isolated is a fixture


@pytest.fixture
def repo(tmp_path: Path, isolated: dict) -> GitRepo:
    repo = GitRepo(tmp_path / "reports", isolated)
    repo.write("2020.yaml", example())
    repo.write("commerce-2020.yaml", example("fujian-commerce-2020.yaml"))
    repo.commit("2020年报告")
    return repo


def findings(repo: GitRepo, report: str, previous: str) -> list[dict]:
    done = repo.gencli("validate", "--format", "json", report, "--previous", previous)
    assert done.returncode == 0, done.stdout
    return json.loads(done.stdout)


ONLY_EMPTY_PROBLEMS = [  # the two parts rewritten every year, left empty to be written
    "一、总体情况 为空：年度报告格式要求在此综述本年度政府信息公开工作",
    "五、存在的主要问题及改进情况 为空：此部分不得敷衍了事",
]


def test_into_the_2021_format_says_what_changed(repo: GitRepo) -> None:
    done = repo.gencli("init", "--from", "2020.yaml", "-o", "2021.yaml")
    assert done.returncode == 0, done.stderr
    told = done.stderr.splitlines()
    assert told[0] == "已按上年报告 2020.yaml（2020年）生成 2021 年报告："
    assert (
        "2021年起改用国办公开办函〔2021〕30号格式（上年为国办公开办函〔2019〕60号格式）：" in told
    )
    assert any(
        line.startswith(
            "  表二改为2021年格式：“规章”改填本年制发件数、本年废止件数、现行有效件数；"
            "“规范性文件”改称“行政规范性文件”；"
        )
        for line in told
    )
    assert (
        "  表三（六）其他处理分为三行：1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请；"
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请；3.其他"
    ) in told
    assert (
        "  请填写信息处理费（processing_fees：收费通知件数、收费金额（元）），"
        "印在“六、其他需要报告的事项”开头"
    ) in told
    text = repo.read("2021.yaml")
    assert "year: 2021\n" in text and "agency: 福建省市场监督管理局\n" in text
    assert (
        "  carried_over: [2, 0, 0, 0, 0, 0]            # 二、上年结转政府信息公开申请数量\n" in text
    )
    assert "  rules: {issued: 0, repealed: 0, in_force: 0}" in text
    assert "processing_fees: {notices: 0, amount: 0}" in text
    assert "overdue_correction:" in text
    assert "# 上年内容：全年我局主动公开政府信息1055条；" in text and '\noverview: ""\n' in text
    assert [f["message"] for f in findings(repo, "2021.yaml", "2020.yaml")] == ONLY_EMPTY_PROBLEMS


def test_within_the_2019_format_rolls_items_and_totals_forward(repo: GitRepo) -> None:
    repo.write("2019.yaml", example().replace("year: 2020\n", "year: 2019\n"))
    done = repo.gencli("init", "--from", "2019.yaml", "-o", "next.yaml")
    assert done.returncode == 0, done.stderr
    assert "改用" not in done.stderr
    assert "  填入：本年“上一年项目数量”应等于上年“上一年项目数量”加上年“本年增/减”" in done.stderr
    text = repo.read("next.yaml")
    assert "  other_services: {last_year_items: 131, change: 0, decisions: 0}" in text  # 130 增 1
    assert "  licensing: {last_year_items: 19, change: 0, decisions: 0}" in text
    assert "  normative_documents: {new_made: 0, new_published: 0, total_published: 10}" in text
    assert "  procurement: {projects: 0, amount: 0, unit: 万元}" in text
    assert [f["message"] for f in findings(repo, "next.yaml", "2019.yaml")] == ONLY_EMPTY_PROBLEMS


def test_within_the_2021_format_carries_what_is_in_force(repo: GitRepo) -> None:
    assert repo.gencli("init", "--from", "2020.yaml", "-o", "2021.yaml").returncode == 0
    repo.edit(
        "2021.yaml",
        "rules: {issued: 0, repealed: 0, in_force: 0}",
        "rules: {issued: 3, repealed: 1, in_force: 12}",
    )
    repo.edit("2021.yaml", 'problems: ""', "problems: 问题与改进。")
    repo.commit("2021年报告")
    done = repo.gencli("init", "--from", "2021.yaml", "-o", "2022.yaml")
    assert done.returncode == 0, done.stderr
    text = repo.read("2022.yaml")
    assert "  rules: {issued: 0, repealed: 0, in_force: 12}" in text
    assert "# 上年内容：问题与改进。" in text
    assert [f["message"] for f in findings(repo, "2022.yaml", "2021.yaml")] == ONLY_EMPTY_PROBLEMS
    assert repo.gencli("validate", "2022.yaml").returncode == 0


def test_the_other_example_keeps_its_preface_as_comments(repo: GitRepo) -> None:
    assert repo.gencli("init", "--from", "commerce-2020.yaml", "-o", "c.yaml").returncode == 0
    text = repo.read("c.yaml")
    assert "# 前言（preface，可选）：\n# 上年内容：" in text and '\n# preface: ""\n' in text
    assert [
        f["message"] for f in findings(repo, "c.yaml", "commerce-2020.yaml")
    ] == ONLY_EMPTY_PROBLEMS


def test_modeline_points_at_the_repository_copy_of_the_schema(repo: GitRepo) -> None:
    wrote = repo.gencli("schema", "--write", "schema")
    assert wrote.returncode == 0
    assert "已写入 schema/gov-info-annual.schema.json" in wrote.stdout
    assert repo.gencli("init", "--from", "2020.yaml", "-o", "reports/2021.yaml").returncode == 0
    first = repo.read("reports/2021.yaml").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/gov-info-annual.schema.json"


def test_modeline_without_a_repository_copy_is_the_installed_schema(repo: GitRepo) -> None:
    assert repo.gencli("init", "--from", "2020.yaml", "-o", "2021.yaml").returncode == 0
    first = repo.read("2021.yaml").splitlines()[0]
    prefix = "# yaml-language-server: $schema=file://"
    assert first.startswith(prefix)
    assert Path(first[len(prefix) :]).is_file()


def test_refusals_are_usage_errors(repo: GitRepo) -> None:
    repo.write("2021.yaml", "我的报告\n")
    done = repo.gencli("init", "--from", "2020.yaml", "-o", "2021.yaml")
    assert done.returncode == 2 and "已存在，不会覆盖" in done.stderr
    assert repo.read("2021.yaml") == "我的报告\n"
    done = repo.gencli("init", "--from", "2020.yaml", "--year", "2023")
    assert done.returncode == 2 and "--from 生成上年报告的下一年度（2021年）的报告" in done.stderr
    repo.write("broken.yaml", example().replace("  licensing:", "  licencing:"))
    done = repo.gencli("init", "--from", "broken.yaml")
    assert done.returncode == 2 and "请先用 gencli validate 检查它的结构" in done.stderr
    done = repo.gencli("init", "--from", "2020.yaml", "--kind", "work-summary")
    assert done.returncode == 2 and "与 --kind work-summary 不符" in done.stderr
    assert "Traceback" not in done.stderr


def test_to_the_screen_with_another_agency(repo: GitRepo) -> None:
    done = repo.gencli("init", "--from", "2020.yaml", "--agency", "福建省某某局")
    assert done.returncode == 0
    assert "agency: 福建省某某局\n" in done.stdout and "year: 2021\n" in done.stdout
