"""SQLite: one table per resource (named as the resource) with primary keys, foreign keys (to the codelists
too), NOT NULL, CHECKs on dates and booleans, an index on every foreign-key column, a full-text index of the
provisions that finds Chinese words of two to four characters, and a Datasette metadata.json beside it.

SQLite enforces foreign keys only on a connection that runs `PRAGMA foreign_keys = ON`; the keys are
declared so that such a connection (and Datasette's links) use them. The build checks them once at the end.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from pathlib import Path

from zjtx.package import Package
from zjtx.release.common import is_required, row_values, schema_fields
from zjtx.schemas import dump

SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}  # the rest is TEXT
FTS = "provisions_fts"
METADATA = "metadata.json"
# Datasette shows these columns as a row's label wherever another table links to it
LABELS = {"documents": "title", "provisions": "heading", "agencies": "name", "glossary": "term_zh"}
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[A-Za-z0-9]+")
NGRAM_MAX = 4


def column_sql(f: dict) -> str:
    name = f'"{f["name"]}"'
    sql = f'{name} {SQL_TYPES.get(f["type"], "TEXT")}{" NOT NULL" if is_required(f) else ""}'
    if f["type"] == "date":  # ISO dates as text; date() returns NULL for 2023-13-45
        sql += f" CHECK ({name} IS NULL OR date({name}) IS {name})"  # NULL = x is not false: IS
    if f["type"] == "boolean":
        sql += f" CHECK ({name} IS NULL OR {name} IN (0, 1))"
    return sql


def create_table_sql(res: dict) -> str:
    schema = res["schema"]
    cols = [column_sql(f) for f in schema_fields(res)]
    cols.append(f"PRIMARY KEY ({', '.join(schema['primaryKey'])})")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        cols.append(f"FOREIGN KEY ({', '.join(fk['fields'])}) REFERENCES "
                    f"{ref['resource']} ({', '.join(ref['fields'])})")
    return f"CREATE TABLE {res['name']} (\n  " + ",\n  ".join(cols) + "\n)"


def index_sql(res: dict) -> list[str]:
    """An index on each foreign key's columns (joins and Datasette's facets use them)."""
    out = []
    for fk in res["schema"].get("foreignKeys", []):
        cols = fk["fields"]
        if cols == res["schema"]["primaryKey"][:len(cols)]:
            continue  # the primary key's index serves it
        out.append(f"CREATE INDEX idx_{res['name']}_{'_'.join(cols)} ON {res['name']} ({', '.join(cols)})")
    return out


def sql_value(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def search_terms(text: str) -> str:
    """What the full-text index holds for a text: every run of Chinese characters as its substrings of two to
    four characters (SQLite's tokenisers do not segment Chinese, so 融资 is found inside 直接融资), and every
    Latin word or number as itself."""
    terms = []
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            terms.append(run)
        for n in range(2, NGRAM_MAX + 1):
            terms += [run[i:i + n] for i in range(len(run) - n + 1)]
    terms += [w.lower() for w in _WORD.findall(text)]
    return " ".join(terms)


def about(package: Package) -> list[tuple[str, str]]:
    """What the database says of itself (the `_about` table): what it is, and how to make SQLite keep its keys."""
    meta = package.descriptor
    return [("title", meta["title"]), ("version", meta["version"]), ("licence", "CC-BY-4.0"),
            ("homepage", meta["homepage"]), ("citation", package.citation),
            ("foreign_keys", "SQLite enforces the declared foreign keys only on a connection that first runs "
                             "PRAGMA foreign_keys = ON; run it before inserting or changing rows."),
            ("full_text", f"{FTS} indexes each provision's own_text and English heading; search Chinese words of "
                          f"up to {NGRAM_MAX} characters (separate longer ones with spaces: 数字化 转型).")]


def write_sqlite(path: Path, package: Package) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "build.sqlite"
        con = sqlite3.connect(work)
        try:
            # rows go in file order, so a provision may precede its parent: check keys once at the end
            con.execute("PRAGMA foreign_keys = OFF")
            for res in package.descriptor["resources"]:
                con.execute(create_table_sql(res))
                marks = ", ".join("?" for _ in schema_fields(res))
                con.executemany(f"INSERT INTO {res['name']} VALUES ({marks})",
                                ([sql_value(v) for v in row_values(res, r)] for r in package.records[res["name"]]))
                for sql in index_sql(res):
                    con.execute(sql)
            # a standalone index whose rowid is the provision's rowid (Datasette: fts_table, fts_pk rowid)
            con.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5(terms, tokenize = 'unicode61')")
            rows = con.execute("SELECT rowid, own_text || ' ' || COALESCE(heading_en, '') FROM provisions").fetchall()
            con.executemany(f"INSERT INTO {FTS} (rowid, terms) VALUES (?, ?)",
                            ((rowid, search_terms(text)) for rowid, text in rows))
            con.execute("CREATE TABLE _about (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            con.executemany("INSERT INTO _about VALUES (?, ?)", about(package))
            con.commit()
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise ValueError(f"foreign keys broken in the SQLite build: {broken[:5]}")
            path.unlink(missing_ok=True)
            # VACUUM INTO writes a compact copy with no free pages or journal leftovers
            con.execute("VACUUM INTO ?", (str(path),))
        finally:
            con.close()
    (path.parent / METADATA).write_text(dump(datasette_metadata(package, path.stem)), encoding="utf-8")


def datasette_metadata(package: Package, database: str) -> dict:
    """Datasette's metadata.json: title, licence, source, every table and column described, label columns,
    the full-text index of the provisions."""
    meta = package.descriptor
    tables: dict = {}
    for res in meta["resources"]:
        table: dict = {"description": res.get("description", res.get("title", "")),
                       "columns": {f["name"]: f.get("description") or f.get("title") or f["name"]
                                   for f in schema_fields(res)}}
        if res["name"] in LABELS:
            table["label_column"] = LABELS[res["name"]]
        elif any(f["name"] == "title_zh" for f in schema_fields(res)):
            table["label_column"] = "title_zh"  # the codelists
        if res["name"] == "provisions":
            table.update(fts_table=FTS, fts_pk="rowid", sort="seq")
        if res["name"] == "documents":
            table["sort_desc"] = "issued_date"
        tables[res["name"]] = table
    tables[FTS] = {"hidden": True}
    tables["_about"] = {"description": "What this database is, its version, licence and citation."}
    return {"title": meta["title"], "description": " ".join(meta["description"].split()),
            "license": "CC BY 4.0", "license_url": meta["licenses"][0]["path"],
            "source": "zhuanjingtexin-policies", "source_url": meta["homepage"],
            "about": "Repository", "about_url": meta["repository"],
            "databases": {database: {"tables": tables}}}
