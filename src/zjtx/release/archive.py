"""The zip of the whole release and SHA256SUMS."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from zjtx.fileio import sha256
from zjtx.release.common import zip_info

SUMS = "SHA256SUMS"
MARKER = ".zjtx-release"  # marks a folder the release wrote, so it may be replaced; never shipped
PENDING = ".pending"  # where the second process writes its files, moved into place once complete
ZIP64_LIMIT = zipfile.ZIP64_LIMIT
COPY_BYTES = 1 << 20


def release_files(out: Path) -> list[Path]:
    return sorted((p for p in out.rglob("*") if p.is_file() and p.name not in (SUMS, MARKER)),
                  key=lambda p: p.relative_to(out).as_posix())


def zip_members(names: Iterable[str]) -> list[str]:
    """The zip's order: datapackage.json first, then by path."""
    return sorted(sorted(n for n in names if not n.endswith(".zip")), key=lambda n: n != "datapackage.json")


def write_zip(path: Path, out: Path, when: dt.datetime, pending: str = "",
              wait: Callable[[], None] = lambda: None) -> None:
    """Every file of the release at the zip's root (datapackage.json first), so `frictionless validate` opens
    the zip as the package it is. `pending` names a file still being written elsewhere (the database, by the
    second process): the files before it are compressed meanwhile, and `wait` is called before it is added."""
    names = [p.relative_to(out).as_posix() for p in release_files(out)]
    if pending:
        names = [n for n in names if not n.startswith(PENDING + "/")] + [pending]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in zip_members(names):
            if name == pending:
                wait()
            add(zf, out, name, when)


def add(zf: zipfile.ZipFile, out: Path, name: str, when: dt.datetime) -> None:
    path = out / name
    # copied in pieces, never read whole (the database is gigabytes at national scale); zip64 only where a
    # member needs it, so the archive's bytes stay those of a plain zip otherwise
    with path.open("rb") as src, zf.open(zip_info(name, when), "w",
                                         force_zip64=path.stat().st_size > ZIP64_LIMIT) as dst:
        shutil.copyfileobj(src, dst, COPY_BYTES)


def sha256sums(out: Path) -> str:
    return "".join(f"{sha256(p)}  {p.relative_to(out).as_posix()}\n" for p in release_files(out))
