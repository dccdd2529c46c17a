"""Parquet: one file per resource (named as the resource), typed columns (int64, float64, bool, date32,
list<string>, string)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zjtx.package import Package
from zjtx.release.common import is_required, schema_fields


def arrow_type(field_type: str):
    import pyarrow as pa

    return {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
            "date": pa.date32(), "array": pa.list_(pa.string())}.get(field_type, pa.string())


def arrow_value(field_type: str, value: object) -> object:
    if value is None:
        return None
    if field_type == "date":
        return dt.date.fromisoformat(str(value))
    if field_type == "number":
        return float(value)  # type: ignore[arg-type]
    return value


def write_parquet(out: Path, package: Package) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    for res in package.descriptor["resources"]:
        fields = schema_fields(res)
        schema = pa.schema([pa.field(f["name"], arrow_type(f["type"]), nullable=not is_required(f))
                            for f in fields])
        records = package.records[res["name"]]
        columns = {f["name"]: [arrow_value(f["type"], r[f["name"]]) for r in records] for f in fields}
        pq.write_table(pa.table(columns, schema=schema), out / f"{res['name']}.parquet", compression="snappy")
