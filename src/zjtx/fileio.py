"""Reading and writing files the one way the package writes them: UTF-8, LF line ends, CSV with a minimal
quoting."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path


def sha256(path: Path) -> str:
    with path.open("rb") as fh:  # in pieces: a release's database is gigabytes at national scale
        return hashlib.file_digest(fh, "sha256").hexdigest()


def csv_text(header: list[str], rows: Iterable[Mapping[str, object]], with_header: bool = True) -> str:
    """CSV as the package's files are written: the header (unless appending), LF line ends."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    if with_header:
        writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def write_text(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8", newline="\n")


def write_bytes(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def copy_file(source: Path, path: Path) -> None:
    """write_bytes(path, source's bytes), copied in pieces (never read whole)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, path)


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A CSV file's header and rows as text, the way a contributor's file is before any typing."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: Iterable[Mapping[str, object]]) -> None:
    write_text(path, csv_text(header, rows))
