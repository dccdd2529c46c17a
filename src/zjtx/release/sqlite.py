"""SQLite: one table per resource (named as the resource) with primary keys, foreign keys and NOT NULL.

SQLite enforces foreign keys only on a connection that runs `PRAGMA foreign_keys = ON`; the keys are
declared so that such a connection (and Datasette's links) use them. The build checks them once at the end.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from zjtx.package import Package
from zjtx.release.common import is_required, row_values, schema_fields

SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}  # the rest is TEXT


def create_table_sql(res: dict) -> str:
    schema = res["schema"]
    cols = [f'"{f["name"]}" {SQL_TYPES.get(f["type"], "TEXT")}{" NOT NULL" if is_required(f) else ""}'
            for f in schema_fields(res)]
    cols.append(f"PRIMARY KEY ({', '.join(schema['primaryKey'])})")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        cols.append(f"FOREIGN KEY ({', '.join(fk['fields'])}) REFERENCES "
                    f"{ref['resource']} ({', '.join(ref['fields'])})")
    return f"CREATE TABLE {res['name']} (\n  " + ",\n  ".join(cols) + "\n)"


def sql_value(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def about(package: Package) -> list[tuple[str, str]]:
    """What the database says of itself (the `_about` table): what it is, and how to make SQLite keep its keys."""
    meta = package.descriptor
    return [("title", meta["title"]), ("version", meta["version"]), ("licence", "CC-BY-4.0"),
            ("homepage", meta["homepage"]), ("citation", package.citation),
            ("foreign_keys", "SQLite enforces the declared foreign keys only on a connection that first runs "
                             "PRAGMA foreign_keys = ON; run it before inserting or changing rows.")]


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
