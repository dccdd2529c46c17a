"""The review worksheets (drafts/<id>/<table>.csv) and the accept step that moves reviewed rows into data/.

A worksheet holds the table's own columns (schemas/model.yaml) followed by the review columns:
  decision    empty until a person decides: accept (as proposed), correct (as edited in the sheet), drop
  rule        why the row was proposed (a rule id of settings/propose.yaml, or the classifier)
  confidence  how sure the proposer is, 0-1
Proposed rows carry the draft marker in `note` (and TODO in their English fields) so that a row copied into
data/ by hand is refused by the validator's drafts check; accept removes the marker from the note only.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from zjtx.checks.cells import DRAFT_MARKER
from zjtx.fileio import csv_text, write_text
from zjtx.propose import CLASSIFICATION_FIELDS, REVIEW, TABLES, read_csv
from zjtx.propose.figures import Proposed

MARKER = f"{DRAFT_MARKER} proposed, review: "
DECISIONS = {"accept", "correct", "drop", ""}


class AcceptError(Exception):
    """The worksheets cannot be accepted as they are; the message says what to fix."""


def columns(model_fields: dict[str, list[str]], table: str) -> list[str]:
    if table == "provisions":
        return CLASSIFICATION_FIELDS
    fields = list(model_fields[table])
    if table == "agencies" and "function" not in fields:  # the column the analysts' issue adds (0.4.0)
        fields.insert(fields.index("kind") + 1, "function")
    return fields


def sheet_rows(proposals: list[Proposed], table: str) -> list[dict]:
    rows = []
    for p in proposals:
        if p.table != table:
            continue
        row = dict(p.row)
        if "note" in row and table != "provisions":
            row["note"] = MARKER + (row.get("note") or "")
        rows.append(row | {"decision": row.get("decision", ""), "rule": p.rule, "confidence": f"{p.confidence:.2f}"})
    return rows


def write_worksheets(drafts: Path, doc_id: str, proposals: list[Proposed], model_fields: dict[str, list[str]]
                     ) -> dict[str, int]:
    """drafts/<id>/<table>.csv for every table; returns the number of rows per table."""
    counts = {}
    for table in TABLES:
        rows = sheet_rows(proposals, table)
        header = columns(model_fields, table) + REVIEW
        # a value for a column this package's model does not have (yet) is left out
        write_text(drafts / doc_id / f"{table}.csv", csv_text(header, [{f: r.get(f, "") for f in header}
                                                                       for r in rows]))
        counts[table] = len(rows)
    return counts


def clean(row: dict, fields: list[str]) -> dict:
    out = {f: row.get(f, "") or "" for f in fields}
    if out.get("note", "").startswith(MARKER):
        out["note"] = out["note"][len(MARKER):]
    return out


def order_key(table: str, provision_seq: dict[str, int]):
    def key(row: dict):
        seq = provision_seq.get(row.get("provision_id", ""), 0)
        if table in ("amounts", "targets"):
            return (seq, int(row.get("char_start") or 0), row.get(table[:-1] + "_id", ""))
        if table == "number_exclusions":
            return (int(row.get("char_start") or 0),)
        if table in ("responsibilities", "provision_instruments"):
            return (seq, int(row.get("position") or 0))
        return (0,)
    return key


def merge_rows(existing: list[dict], doc_id: str, new: list[dict], key) -> list[dict]:
    """The document's rows (old and new) sorted, in the place its rows held (or at the end)."""
    mine = [r for r in existing if r.get("document_id") == doc_id] + new
    at = next((i for i, r in enumerate(existing) if r.get("document_id") == doc_id), None)
    others = [r for r in existing if r.get("document_id") != doc_id]
    mine.sort(key=key)
    if at is None:
        return others + mine
    before = sum(1 for r in existing[:at] if r.get("document_id") != doc_id)
    return others[:before] + mine + others[before:]


def accept(root: Path, doc_id: str, model_fields: dict[str, list[str]]) -> dict[str, int]:
    """Move the rows marked accept/correct from drafts/<id>/ into data/; dropped rows leave the sheet,
    undecided rows stay in it. Returns the rows moved per table. Writes nothing when a decision is unknown."""
    if not re.fullmatch(r"[a-z0-9-]+", doc_id):  # never a path that leaves drafts/
        raise AcceptError(f"{doc_id!r} is not a document id; nothing was moved")
    folder = root / "drafts" / doc_id
    if not folder.is_dir():
        raise AcceptError(f"no worksheets in drafts/{doc_id}/: run `zjtx propose {doc_id}` first")
    sheets = {t: read_csv(folder / f"{t}.csv") for t in TABLES}
    for table, rows in sheets.items():
        for n, row in enumerate(rows, start=2):
            if (row.get("decision") or "").strip().lower() not in DECISIONS:
                raise AcceptError(f"drafts/{doc_id}/{table}.csv line {n}: decision {row.get('decision')!r} is not "
                                  "accept, correct, drop or empty; nothing was moved")
            if (row.get("document_id") or doc_id) != doc_id:
                raise AcceptError(f"drafts/{doc_id}/{table}.csv line {n}: the row is of document "
                                  f"{row.get('document_id')!r}; nothing was moved")
    data = root / "data"
    provisions = read_csv(data / "provisions.csv")
    seq = {p["provision_id"]: int(p["seq"]) if p["seq"].isdigit() else 0 for p in provisions}
    moved: dict[str, int] = {}
    writes: dict[Path, str] = {}
    for table, rows in sheets.items():
        taken = [r for r in rows if (r.get("decision") or "").strip().lower() in ("accept", "correct")]
        kept = [r for r in rows if not (r.get("decision") or "").strip()]
        moved[table] = len(taken)
        if not taken:
            continue
        path = data / f"{table}.csv"
        fields = model_fields[table]
        existing = read_csv(path)
        if table == "provisions":
            by_id = {r["provision_id"]: r for r in taken}
            merged = [r | {f: by_id[r["provision_id"]].get(f, r[f]) for f in ("kind", "policy_area",
                                                                                "classification_note")}
                      if r["provision_id"] in by_id else r for r in existing]
        elif table == "agencies":
            merged = existing + [clean(r, fields) for r in taken]
        else:
            merged = merge_rows(existing, doc_id, [clean(r, fields) for r in taken], order_key(table, seq))
        writes[path] = csv_text(fields, [{f: r.get(f, "") for f in fields} for r in merged])
        header = columns(model_fields, table) + REVIEW
        writes[folder / f"{table}.csv"] = csv_text(header, [{f: r.get(f, "") for f in header} for r in kept])
    for path, content in writes.items():
        write_text(path, content)
    return moved


def undecided(root: Path, doc_id: str) -> int:
    folder = root / "drafts" / doc_id
    total = 0
    for table in TABLES:
        path = folder / f"{table}.csv"
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as fh:
                total += sum(1 for r in csv.DictReader(fh) if not (r.get("decision") or "").strip())
    return total
