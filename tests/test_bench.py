"""The benchmark's synthetic corpus must stay a valid package, or `make bench` measures nothing."""

from __future__ import annotations

import csv
from pathlib import Path

from bench.corpus import make_corpus
from zjtx import paths
from zjtx.validate import validate


def test_synthetic_corpus_is_valid_and_differs_from_its_source(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "corpus", 6)
    report = validate(root)
    assert report.ok, report.to_text()
    ids = [r["document_id"] for r in csv.DictReader((root / "data" / "documents.csv").open(encoding="utf-8"))]
    assert len(ids) == len(set(ids)) == 6
    # copy 5 is the second copy of changchun-2022: its own id, and its digits are not the original's
    first_source = (paths.HERE.sources / "changchun-2022.txt").read_text(encoding="utf-8")
    copy = (root / "data" / "sources" / f"{ids[5]}.txt").read_text(encoding="utf-8")
    assert ids[5].startswith("changchun-") and copy != first_source and len(copy) == len(first_source)
