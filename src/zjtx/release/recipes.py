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
    # numpy_nullable: integers stay integers (Int64) where a column has nulls, as the Table Schema types them
    Recipe("pandas", "python",
           'import pandas as pd\namounts = pd.read_parquet("parquet/amounts", dtype_backend="numpy_nullable")'),
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


@dataclass(frozen=True)
class Question:
    """A question analysts ask, answered by one SQL query (SQLite and DuckDB alike)."""
    question: str
    sql: str


QUESTIONS = (
    Question("What does each place pay a firm newly recognised as a 小巨人 (little giant)?",
             "SELECT d.region_name_en, a.amount_type, a.min_cny, a.max_cny, a.figure_as_written, d.legal_status "
             "FROM amounts a JOIN documents d USING (document_id) "
             "WHERE a.paid_to_firm AND a.basis = 'tier_recognition' AND a.tier = 'little_giant' "
             "ORDER BY a.max_cny DESC, d.region_name_en"),
    Question("Which kind of agency leads or shares most measures, across places?",
             "SELECT g.function, count(*) AS responsibilities, "
             "sum(CASE WHEN r.role = 'lead' THEN 1 ELSE 0 END) AS as_lead, "
             "count(DISTINCT r.document_id) AS documents "
             "FROM responsibilities r JOIN agencies g USING (agency_id) GROUP BY g.function ORDER BY 2 DESC, 1"),
    Question("Which provisions mention 数字化转型 (digital transformation)? (any word: own_text LIKE)",
             "SELECT provision_id, heading FROM provisions WHERE own_text LIKE '%数字化转型%' "
             "ORDER BY document_id, seq"),
)


def questions_markdown() -> str:
    return "\n\n".join(f"{q.question}\n\n```sql\n{q.sql}\n```" for q in QUESTIONS)
