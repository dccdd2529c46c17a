"""Targets and amounts: each kind of phrasing the documents use, read as the data says, on real sentences."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from zjtx import paths
from zjtx.numerals import chinese_to_int, money_in, numbers_in, percents_in, to_yuan


def load(name):
    with (paths.HERE.data / f"{name}.csv").open(encoding="utf-8") as fh:
        return {r.get("target_id") or r["amount_id"]: r for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def targets():
    return load("targets")


@pytest.fixture(scope="module")
def amounts():
    return load("amounts")


def test_floor_wording_gives_at_least(targets):
    t = targets["changchun-2022/1.3.d2/t1"]
    assert "不少于5户" in t["quote"] and (t["value"], t["comparator"], t["target_year"]) == ("5", "gte", "2025")
    assert targets["baotou-2023/2/t1"]["comparator"] == "gte"  # 18家以上


def test_about_wording_gives_tilde(targets):
    assert targets["changchun-2022/1.3.d2/t3"]["comparator"] == "approx"  # 10户左右


def test_end_of_14th_five_year_plan_is_2025(targets):
    t = targets["hubei-2023/1/t3"]
    assert "“十四五”末" in t["quote"] and t["target_year"] == "2025" and t["tier"] == "little_giant"


def test_per_year_quota_has_no_year(targets):
    t = targets["haiyan-2023/2.3.9/t1"]
    assert "每年发布15项以上" in t["quote"] and t["period"] == "annual" and t["target_year"] == ""


def test_range_is_one_row_with_value_max(targets):
    t = targets["haiyan-2023/2.3.7/t1"]
    assert (t["value"], t["value_max"], t["period"]) == ("5", "10", "per_unit")


def test_chinese_numeral_target(targets):
    t = targets["hubei-2023/10/t1"]
    assert t["value_as_written"] == "一名" and t["value"] == "1" and t["period"] == "per_unit"


def test_several_amounts_for_several_recipients_are_several_rows(amounts):
    rows = [amounts[f"baotou-2023/3.1.2/a{i}"] for i in (1, 2, 3)]
    assert [r["min_cny"] for r in rows] == ["200000", "500000", "1000000"]
    assert len({r["quote"] for r in rows}) == 1
    assert [r["tier"] for r in rows] == ["innovative_sme", "specialised_sme_provincial", "little_giant"]


def test_ratio_with_cap_is_one_row(amounts):
    a = amounts["baotou-2023/3.2.5/a1"]
    assert (a["amount_type"], a["ratio_percent"], a["max_cny"]) == ("ratio", "30", "10000000")


def test_threshold_change_gives_both_numbers(amounts):
    old, new = amounts["hubei-2023/9/a2"], amounts["hubei-2023/9/a3"]
    assert (old["amount_type"], old["min_cny"], new["min_cny"]) == ("threshold", "20000000", "10000000")


def test_range_of_money(amounts):
    a = amounts["baotou-2023/3.5.14/a1"]
    assert (a["amount_type"], a["min_cny"], a["max_cny"]) == ("range", "1000000", "20000000")


def test_little_giant_rewards_compare_across_documents(amounts):
    """The question the dataset exists for: what does each place pay a new 小巨人 firm?"""
    paid = {a["document_id"]: int(a["min_cny"]) for a in amounts.values()
            if a["tier"] == "little_giant" and a["amount_type"] == "fixed"}
    assert paid == {"baotou-2023": 1_000_000, "hubei-2023": 500_000}


def test_money_round_trips_to_integer_yuan():
    assert to_yuan("20", "万元") == 200_000 and to_yuan("1.5", "亿元") == 150_000_000
    assert money_in("给予100—2000万元资金支持") == [1_000_000, 20_000_000]
    assert money_in("最高不超过100万元") == [1_000_000]
    assert percents_in("按10%比例给予最高500万元补贴") == [Decimal(10)]


def test_chinese_numerals_are_read():
    assert [chinese_to_int(s) for s in ("一", "十", "十五", "一百", "两千")] == [1, 10, 15, 100, 2000]
    assert chinese_to_int("一批") is None
    assert numbers_in("5-10个") == [5, 10]


def test_every_document_has_facts_where_its_text_has_figures(targets, amounts):
    docs = {r["document_id"] for r in targets.values()} | {r["document_id"] for r in amounts.values()}
    curated = {"changchun-2022", "baotou-2023", "haiyan-2023", "qingdao-2018", "hubei-2023"}
    documents = {r["document_id"] for r in csv.DictReader((paths.HERE.data / "documents.csv").open(encoding="utf-8"))}
    assert curated <= docs <= documents  # a document added later may have figures too
