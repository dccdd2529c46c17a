"""CSV: the package as it is in the repository (a Frictionless package on its own), with only the source and
normalised texts its documents reference."""

from __future__ import annotations

from pathlib import Path

from zjtx.fileio import write_bytes, write_text
from zjtx.package import Package
from zjtx.schemas import dump


def write_csv_package(out: Path, package: Package) -> None:
    layout = package.layout
    write_text(out / "datapackage.json", dump(package.descriptor))
    for res in package.descriptor["resources"]:
        write_bytes(out / res["path"], layout.inside(res["path"]).read_bytes())
    for doc in package.records["documents"]:
        for key in ("source_path", "text_path"):
            write_bytes(out / doc[key], layout.inside(doc[key]).read_bytes())
