"""Validate what a change touches: the package cut into one part per document, each part fingerprinted by
the SHA-256 of everything it is made of, and the problems each part had kept in a cache
(`.cache/validate.json`, inside the repository and git-ignored) for the next `make validate`.

Why it is sound. A part is its document's rows in every table that has a `document_id` column, in order,
its normalised text and its source. A kept problem remembers its row as the n-th row of its document in
its file, so it points at the right spreadsheet row when rows of other documents were added or removed
above it. Everything else — the code of the validator, schemas/ (model, codelists, descriptor), settings/,
and the tables without `document_id` (agencies, glossary) — makes one package fingerprint: if any of it
changed, every document is validated again. The document checks (checks.CHECKS, scope "document") read a
document's rows together with the package-wide tables only, so a part's problems depend on its fingerprint
alone, and the problems of the package-wide tables' own rows on the package fingerprint alone (they are
kept too); the package checks run on the whole package every time, and so do the package-wide invariants
that cross parts, checked here with indexes instead of rescans: a key (primary key) held by rows of two
documents, or a reference (foreign key) from one document's row to another document's row, sends the run
to a full validation, which reports them. A run that cannot place one of its problems in a part (no row,
file or id of a document) writes a cache that the next run does not use. Continuous integration validates
a fresh clone, which has no cache: a contribution is always validated whole there.

Why it is fast. The cache also keeps, per document table, its file's SHA-256 and, per document, where its
rows are in the file (runs of rows: first row, count, byte start and end), their fingerprint and the values
of the fields that keys and references between documents use. A file with the bytes the cache saw is not
read whole: the changed documents' rows are read where the cache says (and must have the fingerprint it
says), the unchanged documents' fingerprints and keys come from the cache, and a package check that reads
the table reads it then (WholeTables). Frictionless sees the changed documents' rows and the package-wide
rows they name.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from collections import defaultdict
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

import zjtx
from zjtx.checks.context import Context, Tables, Texts
from zjtx.model import Model
from zjtx.paths import Layout
from zjtx.problems import Problem
from zjtx.tables import Table, parse_table, read_rows_at

CACHE = ".cache/validate.json"
SUBSET = ".cache/validate-subset"  # the changed documents' rows as a package, for frictionless
FORMAT = 2  # of the cache file; another number is a cache this code does not read

PACKAGE = ""  # the part of the problems that belong to no document


def digest(*chunks: bytes) -> str:
    h = hashlib.sha256()
    for chunk in chunks:
        h.update(len(chunk).to_bytes(8, "big"))
        h.update(chunk)
    return h.hexdigest()


def file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"\0missing"


def document_tables(model: Model) -> list[str]:
    """The resources cut by document: those with a document_id column."""
    return [name for name, res in model.resources.items() if any(f["name"] == "document_id" for f in res["fields"])]


def code_fingerprint() -> str:
    """The validator's own code and the frictionless it runs: a new version may find other problems."""
    here = Path(zjtx.__file__).resolve().parent
    files = sorted(here.rglob("*.py"))
    return digest(metadata.version("frictionless").encode(),
                  *(p.relative_to(here).as_posix().encode() + b"\0" + p.read_bytes() for p in files))


def package_fingerprint(layout: Layout, model: Model) -> str:
    cut = set(document_tables(model))
    inputs = [code_fingerprint().encode()]
    for folder in (layout.root / "schemas", layout.root / "settings"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            inputs.append(path.relative_to(layout.root).as_posix().encode() + b"\0" + path.read_bytes())
    inputs.append(file_bytes(layout.datapackage))
    for name in sorted(model.resources):
        if name not in cut:
            inputs.append(name.encode() + b"\0" + file_bytes(layout.root / model.resources[name]["path"]))
    return digest(*inputs)


def key_fields(model: Model) -> dict[str, list[str]]:
    """Per document table, the fields whose values say whether a key or a reference joins two documents:
    keys and references that do not include document_id, between document tables."""
    cut = set(document_tables(model))
    out: dict[str, set[str]] = {name: set() for name in cut}
    for name in cut:
        res = model.resources[name]
        key = list(res.get("primary_key") or [])
        if key and "document_id" not in key:
            out[name] |= set(key)
        for fk in res.get("foreign_keys", []):
            if fk["resource"] in cut and "document_id" not in fk["fields"]:
                out[name] |= set(fk["fields"])
                out[fk["resource"]] |= set(fk["reference"])
    return {name: sorted(fields) for name, fields in out.items()}


Entry = dict  # a document's rows in one file, as the cache keeps them: fingerprint, runs, columns


def file_entries(table: Table, fields: list[str]) -> dict[str, Entry]:
    """document_id -> its rows in the table: their fingerprint (SHA-256 of the values, in file order), where
    they are (runs of consecutive rows: first spreadsheet row, number of rows, byte start, byte end) and the
    values of `fields` (for the cross-document keys)."""
    indexes: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(table.rows):
        indexes[row.get("document_id", "")].append(i)
    out = {}
    for doc, idx in indexes.items():
        rows = [table.rows[i] for i in idx]
        runs: list[list[int]] | None = []
        first = idx[0]
        for a, b in zip(idx, [*idx[1:], None], strict=True):
            if b is None or b != a + 1 or table.row_numbers[b] != table.row_numbers[a] + 1:
                span = table.span(first, a)
                if span is None or runs is None:
                    runs = None  # the bytes are not the text as read: the file is read whole next time
                else:
                    runs.append([table.row_numbers[first], a - first + 1, *span])
                first = b
        out[doc] = {"fingerprint": rows_fingerprint(rows),
                    "runs": runs, "columns": {f: [r.get(f, "") for r in rows] for f in fields}}
    return out


def rows_fingerprint(rows: list[dict[str, str]]) -> str:
    """SHA-256 of rows' values, in order (a row's values are in its header's order: tables.read_table)."""
    return digest("\x1e".join("\x1f".join(r.values()) for r in rows).encode())


def crosses_documents(model: Model, documents: set[str], entries: dict[str, dict[str, Entry]],
                      touched: set[str] | None = None) -> bool:
    """Whether a key or a reference joins rows of two documents, or a row names no document of the package
    (all of which a full validation reports, and a validation by part could miss). One pass per table over
    dictionaries of keys (the entries' columns); a key or reference that includes document_id cannot join
    two documents. With `touched` (the tables whose files changed since a run that found no such join),
    only the keys and references of those tables are looked at: the others join what they joined then."""
    def looked_at(*names: str) -> bool:
        return touched is None or any(name in touched for name in names)

    def keys(name: str, fields: list[str]) -> list[tuple[str, tuple]]:
        return [(doc, key) for doc, entry in entries[name].items()
                for key in zip(*(entry["columns"][f] for f in fields), strict=True)]

    owner: dict[str, dict[tuple, str]] = {}
    for name in entries:
        if not set(entries[name]) <= documents:
            return True
        primary = list(model.resources[name].get("primary_key") or [])
        if not primary or "document_id" in primary or not looked_at(name):
            continue
        seen: dict[tuple, str] = {}
        for doc, key in keys(name, primary):
            if seen.setdefault(key, doc) != doc:
                return True
        owner[name] = seen
    for name in entries:
        for fk in model.resources[name].get("foreign_keys", []):
            target = fk["resource"]
            if target not in entries or "document_id" in fk["fields"] or not looked_at(name, target):
                continue  # checked against the whole package-wide table, or within one document
            by_key = list(fk["reference"]) == list(model.resources[target].get("primary_key") or [])
            index = owner.get(target) if by_key else None
            if index is None:
                index = {key: doc for doc, key in keys(target, list(fk["reference"]))}
            for doc, key in keys(name, list(fk["fields"])):
                if all(key) and index.get(key, doc) != doc:
                    return True
    return False


@dataclass
class Placer:
    """Which document a problem belongs to: by its row, its file, or the id it names. The row index of a
    file is built when a problem of that file asks for it; the rows of a file this run did not read are
    known from the cache's runs."""
    tables: dict[str, Table]  # path -> table, for the document tables read whole
    runs: dict[str, dict[str, list[list[int]]]] = field(default_factory=dict)  # path -> doc -> runs, if not read
    files: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    _rows: dict[str, dict[int, tuple[str, int]]] = field(default_factory=dict)
    _numbers: dict[str, dict[str, list[int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, model: Model, tables: Tables, entries: dict[str, dict[str, Entry]], unread: set[str]) -> Placer:
        paths = {name: model.resources[name]["path"] for name in entries}
        placer = cls({paths[name]: tables[name] for name in entries if name not in unread},
                     {paths[name]: {doc: e["runs"] for doc, e in entries[name].items()} for name in unread})
        for row in tables["documents"].rows:
            placer.ids[row["document_id"]] = row["document_id"]
            for key in ("text_path", "source_path"):
                if row.get(key):
                    placer.files[row[key]] = row["document_id"]
        for doc, entry in entries.get("provisions", {}).items():
            placer.ids.update(dict.fromkeys(entry["columns"].get("provision_id", []), doc))
        return placer

    def rows(self, path: str) -> dict[int, tuple[str, int]]:
        """Spreadsheet row -> (document, n-th row of that document in the file)."""
        if path not in self._rows:
            index: dict[int, tuple[str, int]] = {}
            numbers: dict[str, list[int]] = defaultdict(list)
            for number, row in self.tables[path].numbered():
                doc = row.get("document_id", "")
                index[number] = (doc, len(numbers[doc]))
                numbers[doc].append(number)
            self._rows[path], self._numbers[path] = index, numbers
        return self._rows[path]

    def numbers(self, path: str, doc: str) -> list[int]:
        """The spreadsheet rows of a document in a file, in order."""
        if path in self.runs:
            return [n for first, count, *_ in self.runs[path][doc] for n in range(first, first + count)]
        self.rows(path)
        return self._numbers[path][doc]

    def place(self, p: Problem) -> str | None:
        """The problem's document; PACKAGE for a problem of the package-wide tables; None if it is in a
        document's file but names no row, file or id that says which document."""
        if p.row is not None and p.file in self.tables and p.row in self.rows(p.file):
            return self.rows(p.file)[p.row][0]
        if p.file in self.files:
            return self.files[p.file]
        if p.value in self.ids:
            return self.ids[p.value]
        return None if p.file in self.tables or p.file in self.runs or p.file in self.files else PACKAGE

    def relative(self, p: Problem) -> dict:
        """The problem as the cache keeps it: a row of a document's table as the n-th row of that document."""
        out = p.as_dict()
        if p.row is not None and p.file in self.tables and p.row in self.rows(p.file):
            out["row"], out["nth"] = None, self.rows(p.file)[p.row][1]
        return out

    def absolute(self, entry: dict, doc: str) -> Problem:
        """A kept problem with the spreadsheet row its document's n-th row has now."""
        entry = dict(entry)
        nth = entry.pop("nth", None)
        problem = Problem(**entry)
        if nth is not None:
            problem = replace(problem, row=self.numbers(problem.file, doc)[nth])
        return problem


@dataclass
class Prior:
    """What the last validation left (the cache), when it can be used: the package fingerprint is the same.
    A document table whose file has the same bytes (SHA-256) as then is not read whole again: the rows
    this run needs of it are read where the cache says they are."""
    cache: dict
    package: str
    unread: dict[str, bytes]  # document table -> its file's bytes, as the cache saw them

    def entries(self, model: Model, name: str) -> dict[str, Entry]:
        return self.cache["files"][model.resources[name]["path"]]["documents"]

    def read_whole(self, model: Model) -> Tables:
        """The unread tables, read whole."""
        return {name: read_whole(model, name, raw) for name, raw in self.unread.items()}


def read_whole(model: Model, name: str, raw: bytes) -> Table:
    """A document table the run had not read, from the bytes it hashed (they were clean: the cache was written
    by a run without reading problems, and the bytes are the same)."""
    res = model.resources[name]
    return parse_table(name, res["path"], raw, [f["name"] for f in res["fields"]])[0]


def load_cache(layout: Layout) -> dict:
    try:
        data = json.loads((layout.root / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == FORMAT and data.get("usable") else {}


def prior(layout: Layout, model: Model) -> Prior:
    """The cache, if this run may use it, and the document tables it need not read whole."""
    cache = load_cache(layout)
    package = package_fingerprint(layout, model)
    if cache.get("package") != package or not isinstance(cache.get("files"), dict) \
            or not isinstance(cache.get("documents"), dict):
        return Prior({}, package, {})
    unread = {}
    for name in document_tables(model):
        path = model.resources[name]["path"]
        kept = cache["files"].get(path)
        if name == "documents" or not isinstance(kept, dict) or not isinstance(kept.get("documents"), dict):
            continue  # the documents table is always read: every part starts from it
        raw = file_bytes(layout.root / path)
        fields = key_fields(model)[name]
        if kept.get("sha256") == hashlib.sha256(raw).hexdigest() and \
                all(well_formed(e, fields) for e in kept["documents"].values()):
            unread[name] = raw
    return Prior(cache, package, unread)


def well_formed(entry: object, fields: list[str]) -> bool:
    """Whether a cached entry is one this code wrote (file_entries): a file is read whole rather than
    trusting runs or key values of another shape (a damaged or edited cache)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
        return False
    runs, columns = entry.get("runs"), entry.get("columns")
    if not isinstance(runs, list) or not runs or not all(
            isinstance(run, list) and len(run) == 4 and all(type(n) is int and n >= 0 for n in run) for run in runs):
        return False
    count = sum(run[1] for run in runs)
    return isinstance(columns, dict) and all(
        isinstance(columns.get(f), list) and len(columns[f]) == count and all(isinstance(v, str) for v in columns[f])
        for f in fields)


@dataclass
class Plan:
    """What this run validates: the documents whose fingerprint is not in the cache (all of them when the
    cache cannot be used), their rows (`subset`), and the problems the others had."""
    package: str
    fingerprints: dict[str, str]
    changed: set[str]
    kept: dict[str, list[Problem]]  # document -> its problems from the cache (unchanged documents)
    placer: Placer  # places this run's problems in documents when the cache is written (save)
    files: dict[str, dict]  # path -> the file's SHA-256 and its documents' entries, for the cache
    subset: Tables  # the changed documents' rows (with their own row numbers) and the package-wide tables
    crossing: bool  # a key or reference joins two documents (a full run reports it)
    shared: list[Problem] = field(default_factory=list)  # the package-wide tables' problems, from the cache

    @property
    def partial(self) -> bool:
        return len(self.changed) < len(self.fingerprints)

    def cached_problems(self) -> list[Problem]:
        return [p for doc in sorted(self.kept) for p in self.kept[doc]]


def plan(layout: Layout, model: Model, tables: Tables, before: Prior) -> Plan:
    """Decide what this run validates. `tables` holds every table except those `before` left unread; if the
    run must validate everything, the unread ones are read whole into `tables`."""
    cut = document_tables(model)
    fields = key_fields(model)
    entries = {name: before.entries(model, name) if name in before.unread else file_entries(tables[name], fields[name])
               for name in cut}
    docs = {row["document_id"]: row for row in tables["documents"].rows}
    fingerprints = {}
    for doc in sorted({d for name in cut for d in entries[name]}):
        row = docs.get(doc, {})
        files = [file_bytes(layout.root / row[key]) if row.get(key) else b"\0none"
                 for key in ("text_path", "source_path")]
        parts = [entries[name][doc]["fingerprint"] if doc in entries[name] else "" for name in cut]
        fingerprints[doc] = digest("\x1d".join(parts).encode(), *files)
    kept: dict[str, list[Problem]] = {}
    shared: list[Problem] = []
    placer = Placer.of(model, tables, entries, set(before.unread))
    # which tables' files changed since the cache was written (all, if that run saw a join of two documents)
    touched = None if before.cache.get("crossing", True) else \
        {name for name in cut if name not in before.unread and
         tables[name].sha256 != before.cache["files"].get(model.resources[name]["path"], {}).get("sha256")}
    crossing = crosses_documents(model, set(docs), entries, touched)
    if before.cache and not crossing:
        cached = before.cache["documents"]
        try:
            shared = [Problem(**p) for p in before.cache.get("shared", [])]
            for doc, key in fingerprints.items():
                entry = cached.get(doc)
                if isinstance(entry, dict) and entry.get("fingerprint") == key:
                    kept[doc] = [placer.absolute(p, doc) for p in entry.get("problems", [])]
        except (TypeError, KeyError, IndexError, AttributeError, ValueError):  # not a cache this code wrote
            kept = {}
    changed = set(fingerprints) - set(kept)
    sha = {name: before.cache["files"][model.resources[name]["path"]]["sha256"] if name in before.unread
           else tables[name].sha256 for name in cut}
    subset = subset_tables(model, tables, before, entries, changed) if kept else None
    if subset is None:  # everything is validated: every table is read whole
        kept, changed, shared = {}, set(fingerprints), []
        if touched is not None:
            crossing = crosses_documents(model, set(docs), entries)
        tables.update(before.read_whole(model))
        before.unread.clear()
        placer = Placer.of(model, tables, entries, set())
        subset = tables
    files = {model.resources[name]["path"]: {"sha256": sha[name], "documents": entries[name]} for name in cut}
    return Plan(before.package, fingerprints, changed, kept, placer, files, subset, crossing, shared)


def subset_tables(model: Model, tables: Tables, before: Prior, entries: dict[str, dict[str, Entry]],
                  changed: set[str]) -> Tables | None:
    """The tables as the document checks see them for the changed documents: their rows (with their own row
    numbers; read where the cache says they are in the files not read whole) and the package-wide tables
    whole. None if the cache's runs do not read as rows of their file."""
    subset: Tables = {}
    for name, table in tables.items():
        if name not in entries:
            subset[name] = table
            continue
        keep = [i for i, row in enumerate(table.rows) if row.get("document_id", "") in changed]
        subset[name] = replace(table, rows=[table.rows[i] for i in keep],
                               row_numbers=[table.row_numbers[i] for i in keep])
    for name, raw in before.unread.items():
        res = model.resources[name]
        header = [f["name"] for f in res["fields"]]
        parts = []
        for doc in changed & set(entries[name]):
            part = Table(name=name, path=res["path"], header=header)
            # the rows read are the document's rows the cache fingerprinted, or the cache is not used
            if not read_rows_at(part, raw, entries[name][doc]["runs"]) or \
                    any(row["document_id"] != doc for row in part.rows) or \
                    rows_fingerprint(part.rows) != entries[name][doc]["fingerprint"]:
                return None
            parts.append(part)
        order = sorted((n, i, j) for i, part in enumerate(parts) for j, n in enumerate(part.row_numbers))
        subset[name] = Table(name=name, path=res["path"], header=header,
                             rows=[parts[i].rows[j] for _, i, j in order], row_numbers=[n for n, _, _ in order])
    return subset


def save(layout: Layout, run: Plan, found: list[Problem]) -> list[Problem]:
    """Keep the problems of the document phases (drafts, frictionless, document checks): per document
    those of this run and those kept from the cache, and those of the package-wide tables (which depend on
    the package fingerprint alone); per document table, its file's SHA-256 and where each document's rows
    are in it. Returns the phases' problems of the whole package: in a run by part, the package-wide ones
    are the cache's (frictionless saw only the rows of those tables that the changed documents name)."""
    placer = run.placer
    by_doc: dict[str, list[dict]] = {doc: [] for doc in run.fingerprints}
    usable = all(all(e["runs"] for e in f["documents"].values()) for f in run.files.values())
    shared, out = [], []
    for p in found:
        doc = placer.place(p)
        if doc is None or (doc != PACKAGE and doc not in by_doc):
            usable = False  # a problem that no part owns: the next run validates everything
        elif doc != PACKAGE:
            by_doc[doc].append(placer.relative(p))
        if doc != PACKAGE or not run.partial:
            out.append(p)
            if doc == PACKAGE:
                shared.append(p)
    if run.partial:
        shared = run.shared
        out += shared
    for doc, problems in run.kept.items():
        by_doc[doc] = [placer.relative(p) for p in problems]
    data = {"format": FORMAT, "usable": usable, "package": run.package, "crossing": run.crossing, "files": run.files,
            "shared": [p.as_dict() for p in shared],
            "documents": {doc: {"fingerprint": run.fingerprints[doc], "problems": by_doc[doc]}
                          for doc in sorted(run.fingerprints)}}
    path = layout.root / CACHE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return out + run.cached_problems()


def subset_context(ctx: Context, run: Plan) -> Context:
    """The package as the document checks see it for the changed documents: their rows and texts, and the
    package-wide tables whole."""
    tables = {name: table for name, table in run.subset.items() if table.readable}
    texts: Texts = {doc: text for doc, text in ctx.texts.items() if doc in run.changed}
    return Context(ctx.layout, ctx.model, tables, texts)


class WholeTables(dict):
    """Every table, for the package checks of a run by part: a document table the run did not read whole
    (its file is as the cache saw it) is read when a check asks for it, so a package check always sees
    every row."""

    def __init__(self, tables: Tables, model: Model, unread: dict[str, bytes]) -> None:
        super().__init__(tables)
        self._model, self._unread = model, dict(unread)

    def __missing__(self, name: str) -> Table:
        if name not in self._unread:
            raise KeyError(name)
        self[name] = read_whole(self._model, name, self._unread.pop(name))
        return self[name]

    def get(self, name: str, default: Table | None = None) -> Table | None:  # type: ignore[override]
        try:
            return self[name]
        except KeyError:
            return default

    def __contains__(self, name: object) -> bool:
        return super().__contains__(name) or name in self._unread

    def _read_all(self) -> None:
        for name in list(self._unread):
            self.__missing__(name)

    def __iter__(self):
        self._read_all()
        return super().__iter__()

    def __len__(self) -> int:
        self._read_all()
        return super().__len__()

    def keys(self):
        self._read_all()
        return super().keys()

    def values(self):
        self._read_all()
        return super().values()

    def items(self):
        self._read_all()
        return super().items()


def write_subset(layout: Layout, model: Model, tables: Tables, skip: set[str]) -> Layout:
    """The subset's tables as a package that frictionless can read (the repository's descriptor and
    schemas/, the package-wide tables as they are, each document table holding the subset's rows), under
    .cache/."""
    root = layout.root / SUBSET
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copyfile(layout.datapackage, root / layout.datapackage.name)
    shutil.copytree(layout.root / "schemas", root / "schemas")
    cut = set(document_tables(model))
    for name, table in tables.items():
        if name in skip or (root / table.path).exists():
            continue
        target = root / table.path
        target.parent.mkdir(parents=True, exist_ok=True)
        rows = table.rows if name in cut else named_rows(model, tables, name)
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(table.header)
            writer.writerows([row.get(h, "") for h in table.header] for row in rows)
    return Layout(root)


def named_rows(model: Model, tables: Tables, name: str) -> list[dict[str, str]]:
    """The rows of a package-wide table that the subset's document rows name by a foreign key: enough for
    frictionless to check those references as the whole table would (the table's own problems are the
    cache's, `save`)."""
    cut = set(document_tables(model))
    wanted: dict[tuple[str, ...], set[tuple]] = defaultdict(set)
    for source in cut & set(tables):
        for fk in model.resources[source].get("foreign_keys", []):
            if fk["resource"] == name:
                wanted[tuple(fk["reference"])] |= {tuple(r.get(f, "") for f in fk["fields"])
                                                   for r in tables[source].rows}
    return [row for row in tables[name].rows
            if any(tuple(row.get(f, "") for f in fields) in keys for fields, keys in wanted.items())]


def renumber(found: list[Problem], tables: Tables) -> list[Problem]:
    """Frictionless' row numbers in the subset's files, as the rows' numbers in the repository's files."""
    numbers = {t.path: t.row_numbers for t in tables.values()}
    out = []
    for p in found:
        rows = numbers.get(p.file)
        if p.row is not None and rows is not None and 2 <= p.row < len(rows) + 2:
            real = rows[p.row - 2]
            # frictionless names the row in its message too: the same number, or the full report would differ
            # whenever the changed document's rows are not the first of the file
            message = p.message.replace(f'row at position "{p.row}"', f'row at position "{real}"').replace(
                f'in row "{p.row}"', f'in row "{real}"')
            p = replace(p, row=real, message=message)
        out.append(p)
    return out

