"""The zip of the whole release and SHA256SUMS."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from zjtx.fileio import sha256
from zjtx.release.common import zip_info

SUMS = "SHA256SUMS"
MARKER = ".zjtx-release"  # marks a folder the release wrote, so it may be replaced; never shipped
PENDING = ".pending"  # where the shared formats are written (release/__init__.py), each moved out once whole
ZIP64_LIMIT = zipfile.ZIP64_LIMIT
COPY_BYTES = 1 << 20


def release_files(out: Path) -> list[Path]:
    """The release's files in path order, without what is still being written (PENDING, never walked: the
    second process renames its folders out of it meanwhile)."""
    found = (p for entry in out.iterdir() if entry.name != PENDING
             for p in ([entry] if entry.is_file() else entry.rglob("*")))
    return sorted((p for p in found if p.is_file() and p.name not in (SUMS, MARKER)),
                  key=lambda p: p.relative_to(out).as_posix())


def zip_members(names: Iterable[str]) -> list[str]:
    """The zip's order: datapackage.json first, then by path."""
    return sorted(sorted(n for n in names if not n.endswith(".zip")), key=lambda n: n != "datapackage.json")


def listed(out: Path) -> list[str]:
    return [p.relative_to(out).as_posix() for p in release_files(out)]


def write_zip(path: Path, out: Path, when: dt.datetime, pending: Collection[str] = (),
              wait: Callable[[], None] = lambda: None) -> None:
    """Every file of the release at the zip's root (datapackage.json first), so `frictionless validate` opens
    the zip as the package it is. `pending` names the entries (files or folders at the release's root) still
    being written by the second process: the files before them are compressed meanwhile; at the first of them
    `wait` is called, and the zip goes on with every file then written, in the same order as ever."""
    names = zip_members([*listed(out), *pending])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        n = 0
        while n < len(names):
            if names[n] in pending:
                wait()
                pending, added = (), set(names[:n])
                names = names[:n] + [name for name in zip_members(listed(out)) if name not in added]
                continue
            add(zf, out, names[n], when)
            n += 1


def add(zf: zipfile.ZipFile, out: Path, name: str, when: dt.datetime) -> None:
    path = out / name
    # copied in pieces, never read whole (the database is gigabytes at national scale); zip64 only where a
    # member needs it, so the archive's bytes stay those of a plain zip otherwise
    with path.open("rb") as src, zf.open(zip_info(name, when), "w",
                                         force_zip64=path.stat().st_size > ZIP64_LIMIT) as dst:
        shutil.copyfileobj(src, dst, COPY_BYTES)


def sha256sums(out: Path) -> str:
    return "".join(f"{sha256(p)}  {p.relative_to(out).as_posix()}\n" for p in release_files(out))
