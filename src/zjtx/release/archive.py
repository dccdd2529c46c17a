"""The zip of the whole release and SHA256SUMS."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from zjtx.fileio import sha256
from zjtx.release.common import zip_info

SUMS = "SHA256SUMS"
MARKER = ".zjtx-release"  # marks a folder the release wrote, so it may be replaced; never shipped


def release_files(out: Path) -> list[Path]:
    return sorted((p for p in out.rglob("*") if p.is_file() and p.name not in (SUMS, MARKER)),
                  key=lambda p: p.relative_to(out).as_posix())


def write_zip(path: Path, out: Path, when: dt.datetime) -> None:
    """Every file of the release at the zip's root (datapackage.json first), so `frictionless validate` opens
    the zip as the package it is."""
    files = sorted((p for p in release_files(out) if p.suffix != ".zip"), key=lambda p: p.name != "datapackage.json")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in files:
            zf.writestr(zip_info(p.relative_to(out).as_posix(), when), p.read_bytes())


def sha256sums(out: Path) -> str:
    return "".join(f"{sha256(p)}  {p.relative_to(out).as_posix()}\n" for p in release_files(out))
