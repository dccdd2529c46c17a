"""The package as a release has it: the repository's package plus what model.yaml's `release:` section says a
release derives (each provision's own text and whether it has sub-items; the texts as a table), and a Data
Package v2 descriptor that names the publishing body and address of every source. Pure: no file is read or
written here (the bytes and hashes of the files are added by the CSV writer, which writes them)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from zjtx import schemas
from zjtx.outline import own_texts
from zjtx.package import Package, Record

REPOSITORY_KEYS = ("$schema", "id", "resources")


def sources(documents: list[Record]) -> list[dict]:
    """Data Package v2 sources: each document's publishing body and title, with its address where known."""
    out = []
    for d in documents:
        number = f" ({d['doc_number']})" if d["doc_number"] else ""
        source = {"title": f"{d['issuer']} · {d['title']}{number}"}
        if d["source_url"]:
            source["path"] = d["source_url"]
        out.append(source)
    return out


def release_descriptor(package: Package) -> dict:
    meta = {k: v for k, v in package.descriptor.items() if k not in REPOSITORY_KEYS}
    descriptor = schemas.datapackage(package.model, meta, release=True)
    descriptor["sources"] = sources(package.records["documents"])
    return descriptor


def status_at(doc: Record, day: dt.date) -> str:
    """A document's status on a day, from its own fields (the document_status codelist says what each means)."""
    if doc["legal_status"] == "draft_for_comment":
        return "draft"
    if doc["effective_to"] and str(doc["effective_to"]) < day.isoformat():
        return "expired"
    if doc["plan_end_year"] and doc["plan_end_year"] < day.year:
        return "ended"
    return "no_end_stated"


def derived_records(package: Package) -> dict[str, list[Record]]:
    """The rows of the release: provisions with their own text, and the texts table."""
    records = dict(package.records)
    provisions = package.records["provisions"]
    own = own_texts(provisions, with_label=True)
    parents = {p["parent_id"] for p in provisions if p["parent_id"]}
    records["provisions"] = [{**p, "has_children": p["provision_id"] in parents, "own_text": own[p["provision_id"]]}
                             for p in provisions]
    paid = {code: row["paid_to_firm"] for code, row in package.codelist("amount_basis").items()}  # typed: bool
    records["amounts"] = [{**a, "paid_to_firm": paid[a["basis"]]} for a in package.records["amounts"]]
    day = package.created.date()
    records["documents"] = [{**d, "status_at_release": status_at(d, day)} for d in package.records["documents"]]
    records["texts"] = [{"document_id": doc_id, "text": text,
                         "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
                        for doc_id, text in package.texts.items()]
    return records


def release_package(package: Package) -> Package:
    """The package every release writer reads: same layout and texts, the release's descriptor and rows."""
    return dataclasses.replace(package, descriptor=release_descriptor(package), records=derived_records(package))
