"""Normalisation: deterministic, idempotent, and the Hubei text repaired as documented."""

from __future__ import annotations

import csv
import hashlib
import re

import pytest

from zjtx import normalize, paths

DOCS = list(normalize.load_options(paths.HERE))
MOJIBAKE = set("摿Φ闹匦轮∑髽芗彤橛蛇偨")


@pytest.fixture(scope="module")
def built():
    return normalize.build(paths.HERE)


@pytest.mark.parametrize("doc_id", DOCS)
def test_committed_text_is_the_normalised_source(built, doc_id):
    committed = (paths.HERE.texts / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert committed == built[f"data/texts/{doc_id}.txt"], "run `make normalise`"


def test_committed_repairs_table_is_current(built):
    assert (paths.HERE.data / "text_repairs.csv").read_text(encoding="utf-8") == built["data/text_repairs.csv"]


@pytest.mark.parametrize("doc_id", DOCS)
def test_normalisation_is_idempotent(doc_id):
    options = normalize.load_options(paths.HERE)[doc_id] or {}
    once, _ = normalize.normalise((paths.HERE.sources / f"{doc_id}.txt").read_text(encoding="utf-8"), options)
    twice, repairs = normalize.normalise(once, options)
    assert twice == once
    assert repairs == []


def test_generic_steps():
    text, repairs = normalize.normalise("a\u00a0 \r\nb\rc\u3000\n", {})
    assert text == "a\nb\nc\n"
    assert {r.step for r in repairs} == {"line-ends", "space-variant", "trailing-space"}


def test_nfc_is_applied():
    text, repairs = normalize.normalise("e\u0301", {})
    assert text == "\u00e9" and repairs[0].step == "nfc"


def test_repairs_locate_source_and_result():
    raw = "甲(jiǎ)乙\n"
    text, repairs = normalize.normalise(raw, {"strip_pinyin": True})
    assert text == "甲乙\n"
    (r,) = repairs
    assert raw[r.source_start:r.source_end] == "(jiǎ)" and r.before == "(jiǎ)"
    assert (r.text_start, r.text_end) == (1, 1)


def test_pinyin_pattern_spares_list_markers_and_real_parentheses():
    assert normalize.PINYIN_RE.sub("", "第1(a)项,各縣(市、區(qū))") == "第1(a)项,各縣(市、區)"


class TestHubei:
    @pytest.fixture
    def text(self):
        return (paths.HERE.texts / "hubei-2023.txt").read_text(encoding="utf-8")

    @pytest.fixture
    def repairs(self):
        with (paths.HERE.data / "text_repairs.csv").open(encoding="utf-8") as fh:
            return [r for r in csv.DictReader(fh) if r["document_id"] == "hubei-2023"]

    def test_no_pinyin_question_marks_or_mojibake(self, text):
        assert not re.search(r"\([a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]+\)", text)
        assert "?" not in text
        assert not MOJIBAKE & set(text)
        assert re.findall(r"[A-Za-z]+", text) == ["APEC", "G"]

    def test_twelve_responsibility_clauses_and_fourteen_real_parentheses(self, text):
        assert text.count("(责任单位:") == 12
        assert text.count("(") == text.count(")") == 14
        assert "(含必要的数字化软件项目等)" in text and "各县(市、区)" in text

    def test_repairs_are_recorded(self, repairs):
        steps = [r["step"] for r in repairs]
        assert steps.count("pinyin-annotation") == 856
        assert steps.count("gbk-repair") == 10
        assert steps.count("post-conversion") == 2

    def test_repaired_readings(self, text):
        assert "发展潜力的中小企业" in text
        assert text.count("专精特新中小企业") >= 6 and "专利密集型产品" in text
        assert "不得以商业业绩为由进行限制" in text and "强化宣传引导。总结推广" in text
        assert "着力培育" in text and "著力" not in text and "显著" in text

    def test_every_repair_points_at_what_it_changed(self, repairs):
        raw = (paths.HERE.sources / "hubei-2023.txt").read_text(encoding="utf-8")
        text = (paths.HERE.texts / "hubei-2023.txt").read_text(encoding="utf-8")
        for r in repairs:
            if r["step"] in ("gbk-repair", "pinyin-annotation"):
                assert raw[int(r["source_char_start"]):int(r["source_char_end"])] == r["before"]
            if r["step"] == "post-conversion":
                assert text[int(r["text_char_start"]):int(r["text_char_end"])] == r["after"]


def test_sources_are_the_received_bytes():
    """The SHA-256 of each received file, as it reached the project (see documents.csv)."""
    expected = {
        "changchun-2022": "061d1938c5e98ca1af1eacce649df067a857c42450a9c02bb8af80cf9bd8c0c9",
        "baotou-2023": "61872572434680cb24846a8add4acb1e9a4b06e02e6777e6eec56de7830cea23",
        "haiyan-2023": "4bd29974b5b5beb1dda6e827cbf931605b19222128ee4e23baf3ea1a9f9572f2",
        "qingdao-2018": "0bbbd6ffeb44668692b42c5785f8f50fa3cd79da6d96c928aed548314619c482",
        "hubei-2023": "fbad8df9215c749a9388533ef71814613f35fdbc204100f9663bde6e720d9ff8",
    }
    for doc_id, digest in expected.items():
        assert hashlib.sha256((paths.HERE.sources / f"{doc_id}.txt").read_bytes()).hexdigest() == digest
