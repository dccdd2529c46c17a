"""XLSX: a README sheet, one sheet per resource (named as the resource) with typed cells, and a codebook."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from zjtx.package import Package
from zjtx.release.common import is_required, schema_fields, zip_info

MAX_WIDTH = 60
MAX_ROWS = 1_048_575  # Excel's row limit, less the header
MAX_CELL = 32_767  # Excel's limit of characters in a cell


def fits(records: list[dict]) -> str:
    """Why a table does not fit a sheet, or the empty string when it does (nothing is ever cut)."""
    if len(records) > MAX_ROWS:
        return "more rows than Excel holds"
    if any(isinstance(v, str) and len(v) > MAX_CELL for r in records for v in r.values()):
        return f"a cell longer than Excel's {MAX_CELL:,} characters"
    return ""
BOLD = Font(bold=True)


def sheet_lines(package: Package) -> list[tuple[str, str]]:
    lines = []
    for r in package.descriptor["resources"]:
        why = fits(package.records[r["name"]])
        lines.append((r["name"], f"not in this workbook ({why}): see the CSV, JSON, SQLite or Parquet files" if why
                      else r.get("title", r["name"])))
    return [("README", "this sheet"), *lines, ("codebook", "every field: type, required, description")]


def readme_rows(package: Package) -> list[list]:
    meta = package.descriptor
    rows: list[list] = [["title", meta["title"]], ["version", meta["version"]], ["licence", "CC-BY-4.0"],
                        ["citation", package.citation], ["homepage", meta["homepage"]], ["", ""],
                        ["sheet", "contents"]]
    return rows + [list(line) for line in sheet_lines(package)]


def codebook_rows(package: Package) -> list[list]:
    rows: list[list] = [["resource", "field", "type", "required", "description"]]
    for res in package.descriptor["resources"]:
        for f in schema_fields(res):
            rows.append([res["name"], f["name"], f["type"], is_required(f), " ".join(f.get("description", "").split())])
    return rows


def cell_value(value: object) -> object:
    """What a cell holds: numbers, booleans and dates as themselves, arrays as JSON text, null as empty."""
    if value is None:
        return None
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def fill_sheet(ws, rows: list[list], date_columns: set[int] = frozenset()) -> None:
    """Bold frozen header with an autofilter, columns as wide as their longest text (capped), rows streamed."""
    values = [[cell_value(v) for v in row] for row in rows]
    for c in date_columns:
        for row in values[1:]:
            if row[c] is not None:
                row[c] = dt.date.fromisoformat(row[c])
    widths: dict[int, int] = defaultdict(int)
    for row in values:
        for c, value in enumerate(row, start=1):
            widths[c] = max(widths[c], len(str(value)) if value is not None else 0)
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, max(8, w + 2))
    ws.freeze_panes = "A2"
    if values and values[0]:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(values[0]))}{max(1, len(values))}"
    for i, row in enumerate(values):
        ws.append([styled(ws, v, bold=i == 0) for v in row])


def styled(ws, value: object, bold: bool = False):
    """A cell for ws.append: header cells bold; text beginning with '=' pinned as a string, never a formula."""
    if bold or (isinstance(value, str) and value.startswith("=")):
        cell = WriteOnlyCell(ws, value=value)
        if bold:
            cell.font = BOLD
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def write_xlsx(path: Path, package: Package) -> None:
    # write-only mode streams rows to the file (with lxml installed): the in-memory mode cost minutes at scale
    wb = Workbook(write_only=True)
    fill_sheet(wb.create_sheet("README"), readme_rows(package))
    for res in package.descriptor["resources"]:
        records = package.records[res["name"]]
        if fits(records):
            continue
        fields = schema_fields(res)
        rows = [[f["name"] for f in fields]] + [[r[f["name"]] for f in fields] for r in records]
        fill_sheet(wb.create_sheet(res["name"]), rows, {i for i, f in enumerate(fields) if f["type"] == "date"})
    fill_sheet(wb.create_sheet("codebook"), codebook_rows(package))
    created = package.created
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
