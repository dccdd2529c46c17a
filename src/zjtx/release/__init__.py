"""Build a release of the package: `zjtx release [OUT]` (default dist/).

For version X.Y.Z of datapackage.json it writes, from the package as a release has it (release/derive.py):
a Frictionless package at its root (datapackage.json, data/, schemas/), json/ (typed records and one nested
file per document), parquet/, <name>.xlsx, <name>.sqlite with Datasette's metadata.json, README.md,
LICENSE.md, CITATION.cff and CHANGELOG.md, <name>-X.Y.Z.zip of all of it (datapackage.json at its root), and
SHA256SUMS. File names carry no version (links to them stay valid); the zip's name and the descriptor do.
Every artefact is byte-identical across builds: timestamps come from the package's `created` date,
never from the clock, and everything is written in a fixed order.

The release writes only into its own output folder: into a fresh temporary folder beside it, renamed into
place at the end (a failed release leaves the previous one intact); it replaces only a folder that holds its
marker file, and refuses any other non-empty folder.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from zjtx import background, heap
from zjtx.checks.cells import control_character, describe
from zjtx.package import Package, Record, Rows
from zjtx.release.archive import MARKER, PENDING, SUMS, sha256sums, write_zip
from zjtx.release.csvpackage import write_csv_package
from zjtx.release.derive import release_package
from zjtx.release.documentation import write_documentation
from zjtx.release.jsonfiles import write_json
from zjtx.release.parquet import write_parquet
from zjtx.release.sqlite import write_datasette_metadata, write_sqlite
from zjtx.release.xlsx import write_xlsx


class RefusedOutput(SystemExit):
    """The output folder is not one the release may write into."""


class ReleaseFailed(SystemExit):
    """A writer failed on the data (the validator would have said why); the previous release is untouched."""


def zip_name(package: Package) -> str:
    return f"{package.name}-{package.version}.zip"


def check_output(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise RefusedOutput(f"error: {out} is not a folder; refusing to write a release there")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise RefusedOutput(f"error: {out} is not empty and was not written by the release; refusing to replace "
                            "it (choose an empty or new folder)")


Writer = Callable[[Path, Package], None]


def shared_steps(stem: str) -> list[tuple[str, Writer]]:
    """The formats the two processes share, each one entry at the release's root, largest first (measured at
    1,000 and 10,000 documents: the database with its search index, the workbook, JSON, Parquet)."""
    return [(f"{stem}.sqlite", write_sqlite), (f"{stem}.xlsx", write_xlsx), ("json", write_json),
            ("parquet", write_parquet)]


def write_claimed(out: Path, package: Package, steps: list[tuple[str, Writer]], claims: background.Claims) -> list[str]:
    """Write the steps this process claims, one at a time until none is left, each into PENDING and moved into
    place once whole; the entries written."""
    written = []
    while (n := claims()) < len(steps):
        entry, writer = steps[n]
        writer(out / PENDING / entry, package)
        (out / PENDING / entry).rename(out / entry)
        written.append(entry)
    return written


def write_all(out: Path, package: Package) -> None:
    package = release_package(package)
    stem = package.name
    # Two cores: the formats are shared between this process and a second one, each taking the next format
    # nobody has taken (the database first: its search index makes it the largest step). This process then
    # writes the small files and the zip, which compresses what is written (in its fixed, sorted order) while the
    # other process finishes, and waits for it only when it reaches an entry still being written.
    (out / PENDING).mkdir()
    steps, claims = shared_steps(stem), background.Claims()
    other = background.start(write_claimed, out, package, steps, claims)
    try:
        mine = write_claimed(out, package, steps, claims)
        write_csv_package(out, package)
        write_datasette_metadata(out, package, stem)
        write_documentation(out, package, stem)
        pending = [entry for entry, _ in steps if entry not in mine]
        write_zip(out / zip_name(package), out, package.created, pending=pending, wait=other)
        other()  # its outcome, also where the zip did not wait for it (this process took every format)
        (out / PENDING).rmdir()
    except BaseException:
        # the second process writes into `out` too: stop it before the caller removes the folder
        other.cancel()
        raise
    (out / SUMS).write_text(sha256sums(out), encoding="utf-8", newline="\n")


def checked_rows(name: str, rows: Rows) -> Rows:
    """A streamed table's rows under the release's rule for control characters, checked as they are read."""
    def read(fields: tuple[str, ...] | None = None) -> Iterator[Record]:
        for i, record in enumerate(rows(fields)):
            refuse_control_characters(name, i, record)
            yield record
    return read


def refuse_control_characters(name: str, i: int, record: Record) -> None:
    for field, value in record.items():
        ch = control_character(value) if isinstance(value, str) else None
        if ch:
            raise ReleaseFailed(f"error: {name} record {i + 1}, field {field}, holds the control character "
                                f"{describe(ch)}; nothing was written; run `make validate` to see what in "
                                "the data is wrong")


def refuse_unreadable_text(package: Package) -> Package:
    """The validator's rule for control characters, kept by the release too: a package released without
    validation must not carry a character that pandas, Excel or a JSON reader trips over into every format.
    The tables in memory are checked now; the package returned checks its streamed tables as they are read."""
    for name, records in package.records.items():
        for i, record in enumerate(records):
            refuse_control_characters(name, i, record)
    return dataclasses.replace(package, streams={name: checked_rows(name, rows)
                                                 for name, rows in package.streams.items()})


def build_release(out: Path, package: Package) -> Path:
    """Write the whole release into `out`; returns the path of SHA256SUMS."""
    out = out.absolute()
    check_output(out)
    package = refuse_unreadable_text(package)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        (work / MARKER).write_text("written by `zjtx release`; the next release replaces this folder\n",
                                   encoding="utf-8")
        try:
            with heap.frozen():  # the package, read once and kept to the end (heap.py)
                write_all(work, package)
        except Exception as exc:  # a writer tripped over data: report it in one line, keep the old release
            raise ReleaseFailed(f"error: the release failed ({type(exc).__name__}: {exc}); the previous release in "
                                f"{out} is unchanged; run `make validate` to see what in the data is wrong") from exc
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
            out.rename(old / out.name)
            work.rename(out)
            shutil.rmtree(old)
        else:
            work.rename(out)
    finally:
        if work.exists():
            shutil.rmtree(work)
    return out / SUMS
