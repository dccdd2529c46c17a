"""Agencies and responsibilities: clauses split as written, each unit linked to one canonical body."""

from __future__ import annotations

import csv
import json

import pytest

from zjtx import paths


@pytest.fixture(scope="module")
def agencies():
    with (paths.HERE.data / "agencies.csv").open(encoding="utf-8") as fh:
        return {r["agency_id"]: r for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def responsibilities():
    with (paths.HERE.data / "responsibilities.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def units(responsibilities, provision_id):
    return [r["name_as_written"] for r in responsibilities if r["provision_id"] == provision_id]


def test_collective_unit_with_internal_commas_is_one_unit(responsibilities, agencies):
    hubei = [r for r in responsibilities if r["name_as_written"] == "各市、州、县人民政府"]
    assert hubei and all(agencies[r["agency_id"]]["collective"] == "true" for r in hubei)


def test_qualifiers_stay_with_their_unit(responsibilities):
    assert "县财政局(金融办)" in units(responsibilities, "haiyan-2023/2.6.16")
    assert "县委组织部〔人才办〕" in units(responsibilities, "haiyan-2023/2.2.5")
    assert "市突出发展民营经济领导小组〔市促进中小企业发展工作领导小组〕相关成员单位" in units(
        responsibilities, "changchun-2022/3.4")


def test_ji_joins_lists(responsibilities):
    assert units(responsibilities, "baotou-2023/3.1.2") == [
        "市工信局", "市财政局", "各旗县区人民政府", "稀土高新区管委会"]


def test_same_short_name_in_two_cities_is_two_agencies(responsibilities):
    ids = {r["agency_id"] for r in responsibilities if r["name_as_written"] == "市工信局"}
    assert ids == {"changchun/industry-it-bureau", "baotou/industry-it-bureau"}


def test_canonical_names(agencies):
    assert agencies["changchun/industry-it-bureau"]["name"] == "长春市工业和信息化局"
    assert "市工信局" in json.loads(agencies["changchun/industry-it-bureau"]["aliases"])


def test_lead_units_are_marked(responsibilities):
    leads = {(r["provision_id"], r["name_as_written"]) for r in responsibilities if r["role"] == "lead"}
    assert ("baotou-2023/4.1", "市工信局") in leads
    assert any(p == "changchun-2022/3.1" for p, _ in leads)
