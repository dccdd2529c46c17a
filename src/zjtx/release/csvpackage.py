"""CSV: the release's root is a Frictionless data package (datapackage.json at the top of dist/ and of the zip):
the repository's CSVs as they are, the provisions with the columns a release derives, the texts as a table, the
source and normalised texts, and a Data Package v2 descriptor with the size and SHA-256 of every resource."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from zjtx.fileio import copy_file, csv_text, sha256, write_bytes, write_text
from zjtx.package import Package
from zjtx.schemas import dump

DESCRIPTOR = "datapackage.json"


def cell(value: object) -> str:
    """A typed value in the package's CSV spelling."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def release_only(package: Package, res: dict) -> bool:
    """A resource the repository does not have (only a release derives it, e.g. the texts table)."""
    return res["name"] not in package.model.resources and res["name"] not in package.model.codelists


def derived_columns(package: Package, res: dict) -> list[str]:
    """The columns a release adds to a resource of the repository (none: its file is copied as it is)."""
    if res["name"] not in package.model.resources:
        return []
    return [f["name"] for f in res["schema"]["fields"] if f["name"] not in package.model.field_names(res["name"])]


def resource_csv(package: Package, res: dict) -> bytes:
    """The file of a resource the release writes: the repository's cells with the derived columns appended; or,
    for a resource only a release has, its rows."""
    names = [f["name"] for f in res["schema"]["fields"]]
    records = package.records[res["name"]]
    if release_only(package, res):
        return csv_text(names, ({n: cell(r[n]) for n in names} for r in records)).encode("utf-8")
    extra = derived_columns(package, res)
    raw = package.layout.inside(res["path"]).read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    return csv_text(names, ({**row, **{n: cell(rec[n]) for n in extra}} for row, rec in zip(rows, records, strict=True))
                    ).encode("utf-8")


def write_csv_package(out: Path, package: Package) -> None:
    layout = package.layout
    descriptor = dict(package.descriptor)
    resources = []
    for res in descriptor["resources"]:
        path = out / res["path"]
        if not release_only(package, res) and not derived_columns(package, res):  # the repository's bytes
            copy_file(layout.inside(res["path"]), path)
        else:
            write_bytes(path, resource_csv(package, res))
        resources.append({**res, "bytes": path.stat().st_size, "hash": f"sha256:{sha256(path)}"})
    descriptor["resources"] = resources
    for doc in package.records["documents"]:
        for key in ("source_path", "text_path"):
            copy_file(layout.inside(doc[key]), out / doc[key])
    write_text(out / DESCRIPTOR, dump(descriptor))
