"""Segmentation: the segmenter's proposal and the curated provisions table agree, document by document."""

from __future__ import annotations

import csv

import pytest

from zjtx import paths, segment
from zjtx.numerals import chinese_to_int

DOCS = list(segment.load_bounds(paths.HERE))


@pytest.fixture(scope="module")
def curated():
    with (paths.HERE.data / "provisions.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def proposed():
    return segment.propose_all(paths.HERE)


@pytest.mark.parametrize("doc_id", DOCS)
def test_curated_provisions_match_the_segmenter(curated, proposed, doc_id):
    mine = [(r["provision_id"], r["parent_id"] or None, r["label"], r["heading"] or "", int(r["char_start"]),
             int(r["char_end"])) for r in curated if r["document_id"] == doc_id]
    theirs = [(p.provision_id, p.parent_id, p.label, p.heading, p.char_start, p.char_end)
              for p in proposed if p.document_id == doc_id]
    assert mine == theirs


@pytest.mark.parametrize(("doc_id", "count"), [
    ("changchun-2022", 52), ("baotou-2023", 36), ("haiyan-2023", 32), ("qingdao-2018", 20), ("hubei-2023", 12)])
def test_provision_counts(proposed, doc_id, count):
    """Counted by reading each document: every 一、/(一)/1. item and every —— lead paragraph."""
    assert sum(p.document_id == doc_id for p in proposed) == count


def test_changchun_numbered_items_with_a_space_and_dash_leads(proposed):
    by_id = {p.provision_id: p for p in proposed}
    item = by_id["changchun-2022/2.1.1"]
    assert item.label == "1." and item.heading == "建立种子企业培育库"
    assert by_id["changchun-2022/2.10.25"].heading == "提升政务服务效能"
    lead = by_id["changchun-2022/1.3.d1"]
    assert lead.label == "——" and lead.heading == "扩大规模总量" and lead.parent_id == "changchun-2022/1.3"


def test_qingdao_twelve_parenthesised_sections(proposed):
    labels = [p.label for p in proposed if p.parent_id == "qingdao-2018/3"]
    assert labels[-1] == "(十二)" and len(labels) == 12


def test_hubei_top_level_items_with_headings_ending_in_full_stop(proposed):
    items = [p for p in proposed if p.document_id == "hubei-2023"]
    assert [p.label for p in items][-2:] == ["十一、", "十二、"]
    assert items[11].heading == "强化宣传引导" and all(p.parent_id is None for p in items)


def test_web_remnants_lie_outside_every_provision(proposed):
    for doc_id, remnant in [("baotou-2023", "免责声明"), ("haiyan-2023", "浏览次数"), ("qingdao-2018", "返回")]:
        text = (paths.HERE.texts / f"{doc_id}.txt").read_text(encoding="utf-8")
        at = text.index(remnant)
        assert not any(p.char_start <= at < p.char_end for p in proposed if p.document_id == doc_id)


def test_chinese_numerals():
    assert [chinese_to_int(s) for s in ("一", "十", "十二", "二十", "二十三", "一百零一")] == [1, 10, 12, 20, 23, 101]


def test_missing_body_marker_is_a_clear_error():
    with pytest.raises(ValueError, match="marker not found"):
        segment.body_bounds("text", {"body_starts_after": "nowhere"})


def test_numbering_of_any_length():
    """A list of more than 99 items (and Chinese numerals past 十九) keeps one provision per item."""
    items = "".join(f"{n}.第{n}项措施。\n" for n in range(1, 121))
    text = f"一、总则\n{items}一百零一、附则\n"
    found = segment.segment("shili-2024", text, 0, len(text))
    assert [p.provision_id for p in found][-3:] == ["shili-2024/1.119", "shili-2024/1.120", "shili-2024/101"]
    assert len(found) == 122
