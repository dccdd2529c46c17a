"""XLSX: a README sheet, one sheet per resource (named as the resource) with typed cells, and a codebook."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from xlsxwriter import Workbook

from zjtx.package import Package
from zjtx.release.common import is_required, schema_fields

MAX_WIDTH = 60
MAX_ROWS = 1_048_575  # Excel's row limit, less the header
MAX_CELL = 32_767  # Excel's limit of characters in a cell


# Tables the workbook leaves out by decision, with why: Excel users read facts, not every repair of every text
# (hundreds of thousands of rows at national scale). Every other format has them.
LEFT_OUT = {"text_repairs": "every change normalisation made to the received texts, kept for provenance"}


def fits(package: Package, name: str) -> str:
    """Why a table is not a sheet, or the empty string when it is (nothing is ever cut); one pass over its rows."""
    if name in LEFT_OUT:
        return LEFT_OUT[name]
    count, too_long = 0, False
    for record in package.rows(name):
        count += 1
        too_long = too_long or any(isinstance(v, str) and len(v) > MAX_CELL for v in record.values())
    if count > MAX_ROWS:
        return "more rows than Excel holds"
    if too_long:
        return f"a cell longer than Excel's {MAX_CELL:,} characters"
    return ""


def sheet_lines(package: Package) -> list[tuple[str, str]]:
    lines = []
    for r in package.descriptor["resources"]:
        why = fits(package, r["name"])
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


def open_workbook(path: Path) -> Workbook:
    """A workbook that streams rows to temporary files beside `path` (inside the release's own folder) and
    never reads a cell as a formula, a number or a link: text stays the text the package holds."""
    return Workbook(str(path), {"constant_memory": True, "tmpdir": str(path.parent), "strings_to_formulas": False,
                                "strings_to_numbers": False, "strings_to_urls": False})


def fill_sheet(wb: Workbook, name: str, rows: list[list], date_columns: set[int] = frozenset()) -> None:
    """Bold frozen header with an autofilter, columns as wide as their longest text (capped), rows streamed
    in order (the workbook keeps no row in memory)."""
    ws = wb.add_worksheet(name)
    values = [[cell_value(v) for v in row] for row in rows]
    widths: dict[int, int] = defaultdict(int)
    for row in values:
        for c, value in enumerate(row):
            widths[c] = max(widths[c], len(str(value)) if value is not None else 0)
    for c, w in widths.items():
        ws.set_column(c, c, min(MAX_WIDTH, max(8, w + 2)))
    ws.freeze_panes(1, 0)
    if values and values[0]:
        ws.autofilter(0, 0, max(0, len(values) - 1), len(values[0]) - 1)
    bold, date = wb.add_format({"bold": True}), wb.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            if value is None:
                continue
            if r == 0:
                ws.write_string(r, c, str(value), bold)
            elif c in date_columns:
                ws.write_datetime(r, c, dt.datetime.fromisoformat(str(value)), date)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value)
            elif isinstance(value, (int, float, Decimal)):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))


def write_xlsx(path: Path, package: Package) -> None:
    wb = open_workbook(path)
    created = package.created
    # the document's dates are the package's, never the clock's; XlsxWriter dates the zip's members 1980-01-01
    wb.set_properties({"title": package.descriptor["title"], "author": "zhuanjingtexin-policies contributors",
                       "created": created.replace(tzinfo=None)})
    fill_sheet(wb, "README", readme_rows(package))
    for res in package.descriptor["resources"]:
        if fits(package, res["name"]):
            continue
        fields = schema_fields(res)
        rows = [[f["name"] for f in fields]] + [[r[f["name"]] for f in fields] for r in package.rows(res["name"])]
        fill_sheet(wb, res["name"], rows, {i for i, f in enumerate(fields) if f["type"] == "date"})
    fill_sheet(wb, "codebook", codebook_rows(package))
    wb.close()
