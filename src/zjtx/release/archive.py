"""The zip of the whole release and SHA256SUMS."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from zjtx.fileio import sha256
from zjtx.release.common import zip_info

SUMS = "SHA256SUMS"
MARKER = ".zjtx-release"  # marks a folder the release wrote, so it may be replaced; never shipped
PENDING = ".pending"  # where the second process writes the workbook, moved into place once complete


def release_files(out: Path) -> list[Path]:
    return sorted((p for p in out.rglob("*") if p.is_file() and p.name not in (SUMS, MARKER)),
                  key=lambda p: p.relative_to(out).as_posix())


def zip_members(names: Iterable[str]) -> list[str]:
    """The zip's order: datapackage.json first, then by path."""
    return sorted(sorted(n for n in names if not n.endswith(".zip")), key=lambda n: n != "datapackage.json")


def write_zip(path: Path, out: Path, when: dt.datetime, pending: str = "",
              wait: Callable[[], None] = lambda: None) -> None:
    """Every file of the release at the zip's root (datapackage.json first), so `frictionless validate` opens
    the zip as the package it is. `pending` names a file still being written elsewhere (the workbook, by the
    second process): the files before it are compressed meanwhile, and `wait` is called before it is added."""
    names = [p.relative_to(out).as_posix() for p in release_files(out)]
    if pending:
        names = [n for n in names if not n.startswith(PENDING + "/")] + [pending]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in zip_members(names):
            if name == pending:
                wait()
            zf.writestr(zip_info(name, when), (out / name).read_bytes())


def sha256sums(out: Path) -> str:
    return "".join(f"{sha256(p)}  {p.relative_to(out).as_posix()}\n" for p in release_files(out))
