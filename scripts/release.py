"""Build a release of the package into dist/ (or the directory given as the only argument).

`python -m scripts.release [OUT]` writes, for version X.Y.Z of datapackage.json:
csv/ (the package as is), json/ (typed records + one nested file per document), <name>-X.Y.Z.xlsx,
<name>-X.Y.Z.sqlite, parquet/, <name>-X.Y.Z.zip of all of it, and SHA256SUMS.
Every artefact is byte-identical across builds: timestamps come from the package's `created`
date, never from the clock, and everything is written in a fixed order.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from scripts import background, paths
from scripts.build_schemas import dump as dump_json
from scripts.model import resources as model_resources
from scripts.records import typed_record, typed_value

Row = dict[str, str]
XLSX_MAX_WIDTH = 60
SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}  # the rest is TEXT


# ---------------------------------------------------------------- reading


def load_package(root: Path = paths.ROOT) -> dict:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_tables(package: dict, root: Path = paths.ROOT) -> dict[str, list[Row]]:
    """Every resource of the descriptor (data and codelists), rows in file order."""
    return {r["name"]: read_rows(root / r["path"]) for r in package["resources"]}


def created_datetime(package: dict) -> dt.datetime:
    """The package's fixed `created` moment (naive UTC), the only timestamp a release uses."""
    return dt.datetime.fromisoformat(package["created"].replace("Z", "+00:00")).replace(tzinfo=None)


def release_stem(package: dict) -> str:
    return f"{package['name']}-{package['version']}"


def citation(package: dict) -> str:
    year = package["created"][:4]
    return (f"zhuanjingtexin-policies contributors ({year}). {package['title']}. "
            f"Version {package['version']}. {package['homepage']}. Licence CC BY 4.0.")


def schema_fields(resource: dict) -> list[dict]:
    return resource["schema"]["fields"]


def typed_row(resource: dict, row: Row) -> list:
    """A row typed by the descriptor (dates stay ISO strings), in schema order."""
    return [typed_value(f["type"], row.get(f["name"], "")) for f in schema_fields(resource)]


def is_required(field: dict) -> bool:
    return bool(field.get("constraints", {}).get("required"))


def table_name(resource_name: str) -> str:
    # SQL identifiers without quoting: number-exclusions -> number_exclusions
    return resource_name.replace("-", "_")


# ---------------------------------------------------------------- JSON


def json_records(tables: dict[str, list[Row]]) -> dict[str, list[dict]]:
    """Each model resource as typed records (keys in schema order)."""
    return {name: [typed_record(name, row) for row in tables[name]] for name in model_resources()}


def nested_documents(records: dict[str, list[dict]]) -> dict[str, dict]:
    """document -> provisions, each with its targets, amounts, responsibilities and instruments."""
    by_provision: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for key in ("targets", "amounts"):
        for rec in records[key]:
            by_provision[rec["provision_id"]][key].append(rec)
    agency_names = {a["agency_id"]: a["name"] for a in records["agencies"]}
    for rec in records["responsibilities"]:
        by_provision[rec["provision_id"]]["responsibilities"].append(
            {**rec, "agency_name": agency_names.get(rec["agency_id"])})
    for rec in sorted(records["provision-instruments"], key=lambda r: (r["provision_id"], r["position"])):
        by_provision[rec["provision_id"]]["instruments"].append(rec["instrument"])
    out = {}
    for doc in records["documents"]:
        provisions = [
            {**p, **{k: by_provision[p["provision_id"]][k]
                     for k in ("targets", "amounts", "responsibilities", "instruments")}}
            for p in records["provisions"] if p["document_id"] == doc["document_id"]
        ]
        out[doc["document_id"]] = {**doc, "provisions": provisions}
    return out


def dump_records(records: list[dict]) -> str:
    """A JSON array with one record per line: readable, diff-friendly, and written by json's C encoder
    (indent= switches json to its pure-Python encoder, which dominated the release at 1,000 documents)."""
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    return f"[\n{lines}\n]\n" if records else "[]\n"


def write_json(out: Path, tables: dict[str, list[Row]]) -> None:
    records = json_records(tables)
    for name, recs in records.items():
        write_text(out / f"{name}.json", dump_records(recs))
    for doc_id, doc in nested_documents(records).items():
        write_text(out / "documents" / f"{doc_id}.json", dump_json(doc))


# ---------------------------------------------------------------- CSV package


def write_csv_package(out: Path, package: dict, root: Path = paths.ROOT) -> None:
    """The package as it is in the repository: descriptor, resources, sources and texts."""
    write_text(out / "datapackage.json", dump_json(package))
    for res in package["resources"]:
        copy_file(root / res["path"], out / res["path"])
    for folder in (paths.SOURCES, paths.TEXTS):
        rel = folder.relative_to(paths.ROOT)
        for src in sorted((root / rel).iterdir()):
            if src.is_file():
                copy_file(src, out / rel / src.name)


# ---------------------------------------------------------------- XLSX


# Not in the workbook: text-repairs grows with every document (thousands of rows for a text like Hubei's)
# and would pass Excel's 1,048,576-row limit at national scale; it is in every other format.
XLSX_SKIPS = {"text-repairs"}


def sheet_lines(package: dict) -> list[tuple[str, str]]:
    lines = [(r["name"], r.get("title", r["name"]) if r["name"] not in XLSX_SKIPS else
              "not in this workbook (too many rows for a spreadsheet): see the CSV, JSON, SQLite or Parquet files")
             for r in package["resources"]]
    return [("README", "this sheet"), *lines, ("codebook", "every field: type, required, description, codelist")]


def readme_rows(package: dict) -> list[list[str]]:
    rows = [["title", package["title"]], ["version", package["version"]],
            ["licence", "CC-BY-4.0"], ["citation", citation(package)], ["homepage", package["homepage"]],
            ["", ""], ["sheet", "contents"]]
    return rows + [list(line) for line in sheet_lines(package)]


def codebook_rows(package: dict) -> list[list]:
    model = model_resources()
    rows: list[list] = [["resource", "field", "type", "required", "description", "codelist"]]
    for res in package["resources"]:
        model_fields = {f["name"]: f for f in model.get(res["name"], {}).get("fields", [])}
        for f in schema_fields(res):
            rows.append([res["name"], f["name"], f["type"], "yes" if is_required(f) else "no",
                         " ".join(f.get("description", "").split()),
                         model_fields.get(f["name"], {}).get("codelist", "")])
    return rows


def cell_text(value) -> str | int | float:
    """What a cell holds: numbers stay numbers; booleans, arrays and null become text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def text_cell(ws, value):
    """A cell value for ws.append; text beginning with '=' is pinned as a string, never a formula.
    (openpyxl makes a formula only of a leading '='; + - @ stay text as they are.)"""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def fill_sheet(ws, rows: list[list]) -> None:
    """Header row frozen, columns as wide as their longest text (capped); rows streamed in order."""
    texts = [[cell_text(v) for v in row] for row in rows]
    widths: dict[int, int] = defaultdict(int)
    for row in texts:
        for c, value in enumerate(row, start=1):
            widths[c] = max(widths[c], len(str(value)))
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = min(XLSX_MAX_WIDTH, max(8, w + 2))
    ws.freeze_panes = "A2"
    for row in texts:
        ws.append([text_cell(ws, v) for v in row])


def write_xlsx(path: Path, package: dict, tables: dict[str, list[Row]]) -> None:
    # write-only mode streams rows to the file (with lxml installed): the in-memory mode cost minutes
    # at 1,000 documents
    wb = Workbook(write_only=True)
    fill_sheet(wb.create_sheet("README"), readme_rows(package))
    for res in package["resources"]:
        if res["name"] in XLSX_SKIPS:
            continue
        rows = [[f["name"] for f in schema_fields(res)]]
        rows += [typed_row(res, row) for row in tables[res["name"]]]
        fill_sheet(wb.create_sheet(res["name"][:31]), rows)
    fill_sheet(wb.create_sheet("codebook"), codebook_rows(package))
    created = created_datetime(package)
    wb.properties.creator = "zhuanjingtexin-policies contributors"
    wb.properties.created = created
    wb.properties.modified = created
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(fixed_xlsx(buf.getvalue(), created))


def fixed_xlsx(data: bytes, when: dt.datetime) -> bytes:
    """openpyxl stamps `modified` with the clock on save and zips with the current time: pin both."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + stamp.encode() + rb"\g<2>", content)
            dst.writestr(zip_info(info.filename, when), content)
    return out.getvalue()


# ---------------------------------------------------------------- SQLite


def create_table_sql(res: dict) -> str:
    schema = res["schema"]
    cols = [f'{f["name"]} {SQL_TYPES.get(f["type"], "TEXT")}{" NOT NULL" if is_required(f) else ""}'
            for f in schema_fields(res)]
    cols.append(f"PRIMARY KEY ({', '.join(schema['primaryKey'])})")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        cols.append(f"FOREIGN KEY ({', '.join(fk['fields'])}) REFERENCES "
                    f"{table_name(ref['resource'])} ({', '.join(ref['fields'])})")
    return f"CREATE TABLE {table_name(res['name'])} (\n  " + ",\n  ".join(cols) + "\n)"


def sql_value(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_sqlite(path: Path, package: dict, tables: dict[str, list[Row]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "build.sqlite"
        con = sqlite3.connect(work)
        try:
            # rows go in file order, so a provision may precede its parent: check keys once at the end
            con.execute("PRAGMA foreign_keys = OFF")
            for res in package["resources"]:
                con.execute(create_table_sql(res))
                marks = ", ".join("?" for _ in schema_fields(res))
                con.executemany(f"INSERT INTO {table_name(res['name'])} VALUES ({marks})",
                                ([sql_value(v) for v in typed_row(res, row)] for row in tables[res["name"]]))
            con.commit()
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise ValueError(f"foreign keys broken in the SQLite build: {broken[:5]}")
            path.unlink(missing_ok=True)
            # VACUUM INTO writes a compact copy with no free pages or journal leftovers
            con.execute("VACUUM INTO ?", (str(path),))
        finally:
            con.close()


# ---------------------------------------------------------------- Parquet


def arrow_type(field_type: str):
    import pyarrow as pa

    return {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
            "date": pa.date32(), "array": pa.list_(pa.string())}.get(field_type, pa.string())


def arrow_value(field_type: str, raw: str):
    value = typed_value(field_type, raw)
    if value is None:
        return None
    if field_type == "date":
        return dt.date.fromisoformat(value)
    if field_type == "number":
        return float(value)
    return value


def write_parquet(out: Path, package: dict, tables: dict[str, list[Row]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    for res in package["resources"]:
        fields = schema_fields(res)
        schema = pa.schema([pa.field(f["name"], arrow_type(f["type"]), nullable=not is_required(f))
                            for f in fields])
        columns = {f["name"]: [arrow_value(f["type"], row[f["name"]]) for row in tables[res["name"]]]
                   for f in fields}
        table = pa.table(columns, schema=schema)
        pq.write_table(table, out / f"{res['name']}.parquet", compression="snappy")


# ---------------------------------------------------------------- zip and checksums


def zip_info(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # unix, so the permission bits mean the same everywhere
    return info


def release_files(out: Path) -> list[Path]:
    return sorted((p for p in out.rglob("*") if p.is_file() and p.name != "SHA256SUMS"),
                  key=lambda p: p.relative_to(out).as_posix())


def write_zip(path: Path, out: Path, stem: str, when: dt.datetime) -> None:
    files = [p for p in release_files(out) if p != path]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in files:
            zf.writestr(zip_info(f"{stem}/{p.relative_to(out).as_posix()}", when), p.read_bytes())


def sha256sums(out: Path) -> str:
    return "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out).as_posix()}\n"
                   for p in release_files(out))


# ---------------------------------------------------------------- files and entry point


def write_text(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8", newline="\n")


def copy_file(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(src.read_bytes())


def write_xlsx_and_sqlite(out: Path, stem: str, package: dict, tables: dict[str, list[Row]]) -> None:
    write_xlsx(out / f"{stem}.xlsx", package, tables)
    write_sqlite(out / f"{stem}.sqlite", package, tables)


def build_release(out: Path, root: Path = paths.ROOT) -> Path:
    """Write the whole release into `out` (emptied first); returns the path of SHA256SUMS."""
    package = load_package(root)
    tables = load_tables(package, root)
    stem = release_stem(package)
    if out.exists():
        # only ever empty a directory that holds a previous release, never an arbitrary folder
        if any(out.iterdir()) and not (out / "SHA256SUMS").exists():
            raise SystemExit(f"{out} is not empty and holds no release; refusing to overwrite it")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    # Two cores: the workbook and the database in a second process, the rest here (about half each).
    done = background.start(write_xlsx_and_sqlite, out, stem, package, tables)
    write_csv_package(out / "csv", package, root)
    write_json(out / "json", tables)
    write_parquet(out / "parquet", package, tables)
    done()
    write_zip(out / f"{stem}.zip", out, stem, created_datetime(package))
    sums = out / "SHA256SUMS"
    sums.write_text(sha256sums(out), encoding="utf-8", newline="\n")
    return sums


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else paths.ROOT / "dist"
    sums = build_release(out)
    files = sums.read_text(encoding="utf-8").splitlines()
    size = sum((out / line.split("  ", 1)[1]).stat().st_size for line in files)
    shown = out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out
    print(f"{shown}/ written: {len(files)} files, {size / 1_048_576:.1f} MB, checksums in SHA256SUMS")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
