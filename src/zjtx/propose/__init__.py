"""Propose every fact of a document from its normalised text and provisions, for a person to review.

    zjtx propose ID         drafts/ID/<table>.csv worksheets (package columns + decision, rule, confidence)
    zjtx accept ID          move the rows marked accept/correct into data/ (then `make validate`)
    zjtx propose-eval       leave-one-out over the curated documents (bench/out/propose.json)
    zjtx propose-model      settings/propose-model.json from the curated provisions

Proposals never go into data/: every proposed row carries the draft marker in its note (and TODO in its
English fields), which the validator refuses, until `accept` takes the rows a person marked.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from zjtx.propose import classify
from zjtx.propose.figures import NumberClass, Proposed, propose_figures
from zjtx.propose.responsibilities import propose_responsibilities
from zjtx.propose.rules import Rules

TABLES = ["provisions", "amounts", "targets", "number_exclusions", "agencies", "responsibilities",
          "provision_instruments"]
REVIEW = ["decision", "rule", "confidence"]
CLASSIFICATION_FIELDS = ["provision_id", "document_id", "label", "heading", "kind", "policy_area",
                         "classification_note"]


def read_csv(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:  # a worksheet saved by a spreadsheet may carry a BOM
        return list(csv.DictReader(fh))


class Texts(Mapping[str, str]):
    """The normalised texts of the documents, read when first asked for (proposing one document of thousands
    reads one text unless the classifier must be trained)."""

    def __init__(self, folder: Path, doc_ids: list[str]) -> None:
        self.folder, self.cache = folder, {}
        self.ids = [d for d in doc_ids if re.fullmatch(r"[a-z0-9-]+", d) and (folder / f"{d}.txt").is_file()]

    def __getitem__(self, doc_id: str) -> str:
        if doc_id not in self.ids:
            raise KeyError(doc_id)
        if doc_id not in self.cache:
            self.cache[doc_id] = (self.folder / f"{doc_id}.txt").read_text(encoding="utf-8")
        return self.cache[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Package:
    """The tables the proposer reads, as plain rows."""

    documents: list[dict]
    provisions: list[dict]
    instruments: list[dict]
    agencies: list[dict]
    responsibilities: list[dict]
    texts: Mapping[str, str]


def load_package(root: Path) -> Package:
    data = root / "data"
    provisions = []
    for p in read_csv(data / "provisions.csv"):
        if not (str(p.get("char_start", "")).isdigit() and str(p.get("char_end", "")).isdigit()):
            continue  # a row with a broken span proposes nothing; the validator reports it
        p["char_start"], p["char_end"] = int(p["char_start"]), int(p["char_end"])
        p["level"] = int(p["level"]) if str(p.get("level", "")).isdigit() else 1
        provisions.append(p)
    agencies = read_csv(data / "agencies.csv")
    for a in agencies:
        try:
            a["aliases"] = json.loads(a.get("aliases") or "[]")
        except json.JSONDecodeError:
            a["aliases"] = []
    documents = read_csv(data / "documents.csv")
    texts = Texts(data / "texts", [d["document_id"] for d in documents])
    return Package(documents, provisions, read_csv(data / "provision_instruments.csv"), agencies,
                   read_csv(data / "responsibilities.csv"), texts)


def regions_of(documents: list[dict]) -> dict[str, str]:
    return {d["region_code"]: d["region_name"] for d in documents if d.get("region_code") and d.get("region_name")}


def propose_classification(doc_id: str, text: str, provisions: list[dict], model: dict) -> list[Proposed]:
    parents = {p.get("parent_id") for p in provisions}
    out = []
    for p in provisions:
        got = classify.classify(model, p, classify.own_text(p, provisions, text), p["provision_id"] in parents)
        out.append(Proposed("provisions", {"provision_id": p["provision_id"], "document_id": doc_id,
                                           "label": p["label"], "heading": p.get("heading", ""), "kind": got["kind"],
                                           "policy_area": got["policy_area"], "classification_note": ""},
                            "classify-naive-bayes", min(got["kind_confidence"], got["area_confidence"] or 1.0)))
        for position, (code, conf) in enumerate(got["instruments"], start=1):
            out.append(Proposed("provision_instruments", {"provision_id": p["provision_id"], "document_id": doc_id,
                                                          "instrument": code, "position": position},
                                "classify-naive-bayes", conf))
    return out


def propose_document(pkg: Package, doc_id: str, rules: Rules, model: dict
                     ) -> tuple[list[Proposed], list[NumberClass]]:
    """Every proposal for one document, from its text, its provisions and the registry (never its own facts)."""
    text = pkg.texts[doc_id]
    document = next(d for d in pkg.documents if d["document_id"] == doc_id)
    provisions = [p for p in pkg.provisions if p["document_id"] == doc_id]
    figures, classes = propose_figures(doc_id, text, provisions, rules)
    resp = propose_responsibilities(document, text, provisions, pkg.agencies, regions_of(pkg.documents), rules)
    return propose_classification(doc_id, text, provisions, model) + figures + resp, classes
