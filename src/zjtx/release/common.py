"""What every release writer shares: the typed row of a resource in schema order, and file writing."""

from __future__ import annotations

import datetime as dt
import zipfile

from zjtx.package import Record


def schema_fields(resource: dict) -> list[dict]:
    return resource["schema"]["fields"]


def is_required(field: dict) -> bool:
    return bool(field.get("constraints", {}).get("required"))


def row_values(resource: dict, record: Record) -> list:
    """A typed record as a list in schema order."""
    return [record[f["name"]] for f in schema_fields(resource)]


COMPRESSED = (".parquet", ".xlsx", ".zip", ".gz")
# deflate's level for the rest: 3 compresses the release's text 2.2 times faster than zlib's default (6), for
# a zip 12 % larger (measured on the 1,000-document corpus: 4.9 s and 157 MB against 11.0 s and 140 MB)
ZIP_LEVEL = 3


def zip_info(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    """A zip entry with a fixed time and permissions, so archives are byte-identical across builds."""
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    # already compressed (Parquet pages, the workbook is itself a zip): deflating again costs time and gains nothing
    info.compress_type = zipfile.ZIP_STORED if name.endswith(COMPRESSED) else zipfile.ZIP_DEFLATED
    # the level's attribute is public from Python 3.13 (compress_level), private before
    setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", ZIP_LEVEL)
    info.external_attr = 0o644 << 16
    info.create_system = 3  # unix, so the permission bits mean the same everywhere
    return info
