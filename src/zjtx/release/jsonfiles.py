"""JSON: every resource as an array of typed records, and one nested file per document."""

from __future__ import annotations

import json
from pathlib import Path

from zjtx.fileio import write_text
from zjtx.package import Package
from zjtx.schemas import dump


def dump_records(records: list[dict]) -> str:
    """A JSON array with one record per line: readable, diff-friendly, and written by json's C encoder
    (indent= switches json to its pure-Python encoder, which dominated the release at 1,000 documents)."""
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    return f"[\n{lines}\n]\n" if records else "[]\n"


def write_json(out: Path, package: Package) -> None:
    for name, records in package.records.items():
        write_text(out / f"{name}.json", dump_records(records))
    for doc_id, doc in package.documents.items():
        write_text(out / "documents" / f"{doc_id}.json", dump(doc))
