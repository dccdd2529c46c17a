"""No test and no check depends on the order or the number of documents in data/.

A contribution appends a sixth document, and an edit may leave a document's rows at the end of every table.
The package stays valid under both, and what is derived from it (normalised texts and their repairs, the
segmenter's provisions) still agrees with it. The whole suite was also run on such a copy (tests/reordered.py
says how); this test keeps the package-level part of that in every run.
"""

from __future__ import annotations

import csv

import pytest

from tests.reordered import append_sixth, move_to_end
from tests.support import read_rows
from zjtx import normalize, segment
from zjtx.paths import Layout
from zjtx.validate import validate


def first_document(root) -> str:
    _, docs = read_rows(root / "data" / "documents.csv")
    return docs[0]["document_id"]


def assert_sound(root) -> None:
    report = validate(root)
    assert report.ok and report.warnings == [], report.to_text(show_warnings=True)
    layout = Layout(root)
    for rel, content in normalize.build(layout).items():  # `make normalise` would change nothing
        assert (root / rel).read_text(encoding="utf-8") == content, rel
    with (root / "data" / "provisions.csv").open(encoding="utf-8", newline="") as fh:
        curated = [(r["provision_id"], r["label"], int(r["char_start"]), int(r["char_end"]))
                   for r in csv.DictReader(fh)]
    proposed = [(p.provision_id, p.label, p.char_start, p.char_end) for p in segment.propose_all(layout)]
    assert sorted(curated) == sorted(proposed)


@pytest.mark.parametrize("change", ["first-document-moved-to-the-end", "sixth-document-appended", "both"])
def test_the_package_is_sound_whatever_the_order_and_number_of_documents(package_copy, change):
    moved = first_document(package_copy)
    if change != "sixth-document-appended":
        move_to_end(package_copy, moved)
        _, docs = read_rows(package_copy / "data" / "documents.csv")
        assert docs[-1]["document_id"] == moved
        _, targets = read_rows(package_copy / "data" / "targets.csv")
        assert targets[0]["document_id"] != moved  # its rows really moved
    if change != "first-document-moved-to-the-end":
        sixth = append_sixth(package_copy)
        _, docs = read_rows(package_copy / "data" / "documents.csv")
        assert docs[-1]["document_id"] == sixth
    assert_sound(package_copy)
