"""JSON: every resource as an array of typed records, and one nested file per document."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from zjtx.fileio import write_text
from zjtx.package import Package
from zjtx.schemas import dump


def write_records(path: Path, records: Iterable[dict]) -> None:
    """A JSON array with one record per line: readable, diff-friendly, and written by json's C encoder
    (indent= switches json to its pure-Python encoder, which dominated the release at 1,000 documents); a
    record at a time, so a streamed table is never held whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        first = True
        for record in records:
            fh.write(("[\n" if first else ",\n") + json.dumps(record, ensure_ascii=False))
            first = False
        fh.write("[]\n" if first else "\n]\n")


def write_json(out: Path, package: Package) -> None:
    for res in package.descriptor["resources"]:
        write_records(out / f"{res['name']}.json", package.rows(res["name"]))
    for doc_id, doc in package.documents.items():
        write_text(out / "documents" / f"{doc_id}.json", dump(doc))
