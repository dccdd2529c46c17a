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
CONTAINS_QUERY = "provisions_containing"  # the canned query for what the full-text index cannot find
METADATA = "metadata.json"
# Datasette shows these columns as a row's label wherever another table links to it
LABELS = {"documents": "title", "provisions": "heading", "agencies": "name", "glossary": "term_zh"}
# SQLite's unicode61 tokeniser keeps a run of letters, digits and Chinese characters as one token, and Datasette
# sends `?_search=数字化转型` as that one token: the index holds every substring of each run that a reader may
# type as a word (two to NGRAM_MAX characters), so the token is found wherever LIKE '%数字化转型%' finds it.
_TOKEN_RUN = re.compile(r"[^\W_]+")
NGRAM_MIN, NGRAM_MAX = 2, 12
CACHE_KB = 256 * 1024
# the search index's terms held in memory before they are written as a segment: 13.2 -> 7.0 s of CPU for the
# index of 1,000 documents at 64 MB (6.5 s at 256 MB); the index is the same, merged into one segment at the end
FTS_HASH_BYTES = 128 * 1024 * 1024
# while the index is built: no merging of its segments as rows go in, one merge at the end (15 % less time for the
# same index, measured on 90,000 provisions), and terms gathered in memory up to FTS_HASH_BYTES before a segment is
# written (FTS5's default, 1 MB, wrote thousands of small segments that the merge then read again); the database
# ships with FTS5's own settings, for whoever adds rows to it
FTS_BUILDING = {"automerge": 0, "hashsize": FTS_HASH_BYTES}
FTS_DEFAULTS = {"automerge": 4, "hashsize": 1024 * 1024}


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
    """What the full-text index holds for a text: every substring of two to NGRAM_MAX characters of each run of
    token characters (as unicode61 splits them), lowercased as unicode61 folds them; a run of one character as
    itself. Longer words and single characters are the canned query's (metadata.json)."""
    terms: list[str] = []
    for run in _TOKEN_RUN.findall(text.lower()):
        if len(run) == 1:
            terms.append(run)
        for n in range(NGRAM_MIN, min(NGRAM_MAX, len(run)) + 1):
            terms += [run[i:i + n] for i in range(len(run) - n + 1)]
    return " ".join(terms)


def write_search_index(con: sqlite3.Connection) -> None:
    """The provisions' full-text index: external content (content="provisions", the form Datasette detects by
    itself, with or without metadata.json), holding the n-grams of each provision's own_text and the words of its
    English heading. Its content is read from provisions; `rebuild` would index plain text and lose the n-grams."""
    con.execute(f'CREATE VIRTUAL TABLE {FTS} USING fts5(own_text, heading_en, content="provisions", '
                "tokenize = 'unicode61', columnsize = 0)")
    rows = con.execute("SELECT rowid, own_text, COALESCE(heading_en, '') FROM provisions").fetchall()
    configure_search_index(con, FTS_BUILDING)
    con.executemany(f"INSERT INTO {FTS} (rowid, own_text, heading_en) VALUES (?, ?, ?)",
                    ((rowid, search_terms(own), heading) for rowid, own, heading in rows))
    con.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")
    configure_search_index(con, FTS_DEFAULTS)


def configure_search_index(con: sqlite3.Connection, settings: dict[str, int]) -> None:
    """FTS5's configuration options (stored in the index's config table)."""
    for setting, value in settings.items():
        con.execute(f"INSERT INTO {FTS} ({FTS}, rank) VALUES (?, ?)", (setting, value))


def about(package: Package) -> list[tuple[str, str]]:
    """What the database says of itself (the `_about` table): what it is, and how to make SQLite keep its keys."""
    meta = package.descriptor
    return [("title", meta["title"]), ("version", meta["version"]), ("licence", "CC-BY-4.0"),
            ("homepage", meta["homepage"]), ("citation", package.citation),
            ("foreign_keys", "SQLite enforces the declared foreign keys only on a connection that first runs "
                             "PRAGMA foreign_keys = ON; run it before inserting or changing rows."),
            ("full_text", f"{FTS} indexes each provision's own_text (every Chinese word of {NGRAM_MIN} to {NGRAM_MAX} "
                          "characters is found, the same provisions as own_text LIKE '%word%') and its English "
                          "heading. A single character, a longer word or a phrase with punctuation: the canned "
                          f"query {CONTAINS_QUERY} (own_text LIKE). Do not run the index's 'rebuild' command: "
                          "it would index the plain text and lose the n-grams.")]


def write_sqlite(path: Path, package: Package) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "build.sqlite"
        con = sqlite3.connect(work)
        try:
            # a scratch file, copied compact at the end: no rollback journal, no waiting for the disk, and a page
            # cache that holds the search index's b-trees while they grow (the default 2 MB made the 10,000-document
            # build read and write the same pages again and again)
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            con.execute(f"PRAGMA cache_size = -{CACHE_KB}")
            # rows go in file order, so a provision may precede its parent: check keys once at the end
            con.execute("PRAGMA foreign_keys = OFF")
            for res in package.descriptor["resources"]:
                con.execute(create_table_sql(res))
                marks = ", ".join("?" for _ in schema_fields(res))
                con.executemany(f"INSERT INTO {res['name']} VALUES ({marks})",
                                ([sql_value(v) for v in row_values(res, r)] for r in package.rows(res["name"])))
                for sql in index_sql(res):
                    con.execute(sql)
            write_search_index(con)
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


def write_datasette_metadata(out: Path, package: Package, database: str) -> None:
    """metadata.json beside the database (written apart from it: it needs the descriptor only)."""
    (out / METADATA).write_text(dump(datasette_metadata(package, database)), encoding="utf-8")


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
            "databases": {database: {"tables": tables, "queries": {CONTAINS_QUERY: contains_query()}}}}


def contains_query() -> dict:
    """Datasette's canned query for any text, one character or many, punctuation included: the provisions whose
    own_text contains it (instr: no LIKE wildcards, so % and _ are themselves)."""
    return {"title": "Provisions containing a text",
            "description": "Every provision whose own_text contains the text exactly: for a single character "
                           f"(税, 贷), a word longer than {NGRAM_MAX} characters or one with punctuation, "
                           "which the full-text search (?_search=) does not find.",
            "sql": "select provision_id, document_id, heading, own_text from provisions "
                   "where :text <> '' and instr(own_text, :text) > 0 order by document_id, seq"}
