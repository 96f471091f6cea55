"""The normalized report: what templates and figure references read."""

from __future__ import annotations

from decimal import Decimal

from gencli.checking.validation import check_file, check_text

from .conftest import EXAMPLES

MINIMAL = """kind: gov-info-annual
agency: 测试局
year: {year}
overview: 概况。
proactive: {proactive}
applications:
{applications}
appeals: {{}}
problems: 问题。
"""


def normalized(year=2020, proactive="{}", applications="  new: [0, 0, 0, 0, 0, 0]", extra=""):
    text = MINIMAL.format(year=year, proactive=proactive, applications=applications) + extra
    checked = check_text(text, "t.yaml")
    assert not checked.errors, [d.as_text() for d in checked.errors]
    return checked.normalized


def test_list_and_mapping_rows_mean_the_same() -> None:
    as_list = normalized(
        applications="  new: [3, 1, 0, 0, 0, 0]\n  results:\n    disclosed: [3, 1, 0, 0, 0, 0]"
    )
    as_map = normalized(
        applications="  new: {natural_person: 3, commercial: 1}\n  results:\n"
        "    disclosed: {commercial: 1, natural_person: 3, total: 4}"
    )
    assert as_list["applications"] == as_map["applications"]
    assert as_list["applications"]["new"] == {
        "natural_person": 3,
        "commercial": 1,
        "research": 0,
        "public_interest": 0,
        "legal_services": 0,
        "other_org": 0,
        "total": 4,
    }


def test_omitted_rows_groups_and_totals_are_filled_in() -> None:
    report = normalized(
        applications="  new: [2, 0, 0, 0, 0, 1]\n  results:\n"
        "    withheld:\n      inquiry: [2, 0, 0, 0, 0, 1]"
    )
    results = report["applications"]["results"]
    assert results["total"]["total"] == 3
    assert results["withheld"]["state_secret"]["total"] == 0
    assert results["unable"]["unclear"]["natural_person"] == 0
    assert report["applications"]["carried_forward"]["total"] == 0
    assert report["appeals"]["review"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "total": 0,
    }


def test_format_defaults_by_year_and_2021_other_has_three_rows() -> None:
    assert normalized(year=2020)["format"] == 2019
    report = normalized(year=2021, extra="processing_fees: {notices: 0, amount: 0}\n")
    assert report["format"] == 2021
    assert set(report["applications"]["results"]["other"]) == {
        "overdue_correction",
        "unpaid_fee",
        "other",
    }
    assert report["proactive"]["fees"] == {"amount": Decimal(0)}


def test_2021_plain_other_row_counts_as_3_other() -> None:
    report = normalized(
        year=2021,
        applications="  new: [0, 2, 0, 0, 0, 0]\n  results:\n    other: [0, 2, 0, 0, 0, 0]",
        extra="other: 未收取信息处理费。\n",
    )
    other = report["applications"]["results"]["other"]
    assert other["other"]["commercial"] == 2 and other["unpaid_fee"]["total"] == 0


def test_amounts_stay_exact_decimals_as_written() -> None:
    report = normalized(
        year=2022,
        proactive="{fees: {amount: 24252.311082}}",
        extra="processing_fees: {notices: 1, amount: 10.50}\n",
    )
    assert report["proactive"]["fees"]["amount"] == Decimal("24252.311082")
    assert str(report["processing_fees"]["amount"]) == "10.50"


def test_examples_normalize_with_the_published_figures() -> None:
    amr = check_file(EXAMPLES / "fujian-amr-2020.yaml").normalized
    assert amr["title"] == "福建省市场监督管理局2020年政府信息公开工作年度报告"
    assert amr["proactive"]["licensing"] == {"last_year_items": 19, "change": 0, "decisions": 4804}
    assert amr["proactive"]["procurement"] == {
        "projects": 42,
        "amount": Decimal("13989.54"),
        "unit": "万元",
    }
    assert amr["applications"]["results"]["withheld"]["state_secret"]["total"] == 0
    assert amr["applications"]["results"]["total"]["total"] == 27
    commerce = check_file(EXAMPLES / "fujian-commerce-2020.yaml").normalized
    assert commerce["proactive"]["licensing"]["change"] == -4
    assert commerce["applications"]["carried_over"]["natural_person"] == 1


def test_date_printed_in_chinese_without_padding() -> None:
    report = normalized(extra="date: 2021-01-09\n")
    assert report["date_text"] == "2021年1月9日"
