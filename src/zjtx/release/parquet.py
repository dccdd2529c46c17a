"""Parquet: one folder per resource (named as the resource) holding its rows in parts of at most PART_ROWS
rows (part-00000.parquet, …), typed columns (int64, float64, bool, date32, list<string>, string).

A folder per table is the layout every engine reads as one table without conversion: DuckDB
(`'parquet/amounts/*.parquet'`), pandas and pyarrow (`parquet/amounts`), polars, and Spark or Trino over
object storage (the folder is the table's location). Parts keep each file small enough to stream as the
corpus grows; every part has the same schema."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import chain, islice
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


PART_ROWS = 1_000_000
# rows typed and written at a time (a row group): what the writer holds, whatever the size of the table
BATCH_ROWS = 100_000


def part_name(part: int) -> str:
    return f"part-{part:05d}.parquet"


def batches(rows: Iterator[dict], size: int) -> Iterator[list[dict]]:
    while batch := list(islice(rows, size)):
        yield batch


def write_parquet(out: Path, package: Package) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    for res in package.descriptor["resources"]:
        fields = schema_fields(res)
        schema = pa.schema([pa.field(f["name"], arrow_type(f["type"]), nullable=not is_required(f))
                            for f in fields])
        folder = out / res["name"]
        folder.mkdir(parents=True, exist_ok=True)
        rows = package.rows(res["name"])
        part = 0
        while True:  # a part of at most PART_ROWS rows, written a row group at a time; an empty table one empty part
            writer = pq.ParquetWriter(folder / part_name(part), schema, compression="snappy")
            written = 0
            for batch in batches(islice(rows, PART_ROWS), BATCH_ROWS):
                columns = {f["name"]: [arrow_value(f["type"], r[f["name"]]) for r in batch] for f in fields}
                writer.write_table(pa.table(columns, schema=schema))
                written += len(batch)
            writer.close()
            following = next(rows, None) if written == PART_ROWS else None
            if following is None:
                break
            rows, part = chain([following], rows), part + 1
