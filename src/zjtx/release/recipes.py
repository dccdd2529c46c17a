"""How to load the release, one line per tool: the single definition shown by the release's README, the site's
"load it" page and run by tests/test_release.py (every recipe but R and Excel, which the tests cannot run).
Paths are relative to the release's folder (dist/, or the unzipped archive); on the site the same files are
under downloads/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Recipe:
    tool: str
    language: str  # the code block's language: python, r, sh
    code: str  # {stem}: the release's file stem (zhuanjingtexin-policies)
    tested: bool = True


RECIPES = (
    Recipe("pandas", "python", 'import pandas as pd\namounts = pd.read_parquet("parquet/amounts")'),
    Recipe("polars", "python", 'import polars as pl\namounts = pl.read_parquet("parquet/amounts/*.parquet")'),
    Recipe("DuckDB", "python",
           'import duckdb\namounts = duckdb.sql("SELECT * FROM \'parquet/amounts/*.parquet\'").df()'),
    Recipe("frictionless", "python",
           'from frictionless import Package\n'
           'amounts = Package("datapackage.json").get_resource("amounts").read_rows()'),
    Recipe("sqlite3", "sh", 'sqlite3 {stem}.sqlite "SELECT document_id, count(*) FROM amounts GROUP BY 1"'),
    Recipe("Datasette", "sh", "datasette {stem}.sqlite --metadata metadata.json"),
    Recipe("R (readr)", "r",
           'documents <- readr::read_csv("data/documents.csv", col_types = readr::cols(region_code = "c"))',
           tested=False),
    Recipe("Excel / LibreOffice", "text", "open {stem}.xlsx (one sheet per table, real dates and booleans)",
           tested=False),
)


def rendered(stem: str) -> list[tuple[Recipe, str]]:
    return [(r, r.code.format(stem=stem)) for r in RECIPES]
