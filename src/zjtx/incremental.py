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
alone; the package checks run on the whole package every time, and so do the package-wide invariants that
cross parts, checked here with indexes instead of rescans: a key (primary key) held by rows of two
documents, or a reference (foreign key) from one document's row to another document's row, sends the run
to a full validation, which reports them. A run that cannot place one of its problems in a part (no row,
file or id of a document) writes a cache that the next run does not use. Continuous integration validates
a fresh clone, which has no cache: a contribution is always validated whole there.
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
from zjtx.tables import Table

CACHE = ".cache/validate.json"
SUBSET = ".cache/validate-subset"  # the changed documents' rows as a package, for frictionless
FORMAT = 1  # of the cache file; another number is a cache this code does not read

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


def package_fingerprint(layout: Layout, model: Model, tables: Tables) -> str:
    cut = set(document_tables(model))
    inputs = [code_fingerprint().encode()]
    for folder in (layout.root / "schemas", layout.root / "settings"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            inputs.append(path.relative_to(layout.root).as_posix().encode() + b"\0" + path.read_bytes())
    inputs.append(file_bytes(layout.datapackage))
    for name in sorted(tables):
        if name not in cut:
            inputs.append(name.encode() + b"\0" + file_bytes(layout.root / tables[name].path))
    return digest(*inputs)


def document_fingerprints(layout: Layout, model: Model, tables: Tables) -> dict[str, str]:
    """document_id -> SHA-256 of its rows in every document table (in file order), its text and its source."""
    chunks: dict[str, list[str]] = defaultdict(list)
    for name in document_tables(model):
        for row in tables[name].rows:  # a row's values are in its header's order (tables.read_table)
            chunks[row.get("document_id", "")].append(name + "\x1e" + "\x1f".join(row.values()))
    docs = {row["document_id"]: row for row in tables["documents"].rows}
    out = {}
    for doc_id, rows in chunks.items():
        row = docs.get(doc_id, {})
        files = [file_bytes(layout.root / row[key]) if row.get(key) else b"\0none"
                 for key in ("text_path", "source_path")]
        out[doc_id] = digest("\x1d".join(rows).encode(), *files)
    return out


def crosses_documents(model: Model, tables: Tables) -> bool:
    """Whether a key or a reference joins rows of two documents, or a row names no document of the package
    (all of which a full validation reports, and a validation by part could miss). One pass per table over
    dictionaries of keys; a key or reference that includes document_id cannot join two documents."""
    cut = set(document_tables(model))
    documents = {row["document_id"] for row in tables["documents"].rows}
    owner: dict[str, dict[tuple, str]] = {}
    for name in cut:
        rows = tables[name].rows
        if not {row.get("document_id", "") for row in rows} <= documents:
            return True
        key_fields = list(model.resources[name].get("primary_key") or [])
        if not key_fields or "document_id" in key_fields:
            continue
        seen: dict[tuple, str] = {}
        for row in rows:
            doc = row["document_id"]
            if seen.setdefault(tuple(row[f] for f in key_fields), doc) != doc:
                return True
        owner[name] = seen
    for name in cut:
        for fk in model.resources[name].get("foreign_keys", []):
            target = fk["resource"]
            if target not in cut or "document_id" in fk["fields"]:
                continue  # checked against the whole package-wide table, or within one document
            by_key = list(fk["reference"]) == list(model.resources[target].get("primary_key") or [])
            index = owner.get(target) if by_key else None
            if index is None:
                index = {tuple(r.get(f, "") for f in fk["reference"]): r.get("document_id", "")
                         for r in tables[target].rows}
            for row in tables[name].rows:
                key = tuple(row.get(f, "") for f in fk["fields"])
                if all(key) and index.get(key, row["document_id"]) != row["document_id"]:
                    return True
    return False


@dataclass
class Placer:
    """Which document a problem belongs to: by its row, its file, or the id it names. The row index of a
    file is built when a problem of that file asks for it."""
    tables: dict[str, Table]  # path -> table, for the document tables
    files: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    _rows: dict[str, dict[int, tuple[str, int]]] = field(default_factory=dict)
    _numbers: dict[str, dict[str, list[int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, model: Model, tables: Tables) -> Placer:
        placer = cls({tables[name].path: tables[name] for name in document_tables(model)})
        for row in tables["documents"].rows:
            placer.ids[row["document_id"]] = row["document_id"]
            for key in ("text_path", "source_path"):
                if row.get(key):
                    placer.files[row[key]] = row["document_id"]
        for row in tables["provisions"].rows:
            placer.ids[row["provision_id"]] = row.get("document_id", "")
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
        return None if p.file in self.tables or p.file in self.files else PACKAGE

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
class Plan:
    """What this run validates: the documents whose fingerprint is not in the cache (all of them when the
    cache cannot be used), and the problems the others had."""
    package: str
    fingerprints: dict[str, str]
    changed: set[str]
    kept: dict[str, list[Problem]]  # document -> its problems from the cache (unchanged documents)
    placer: Placer  # places this run's problems in documents when the cache is written (save)

    @property
    def partial(self) -> bool:
        return len(self.changed) < len(self.fingerprints)

    def cached_problems(self) -> list[Problem]:
        return [p for doc in sorted(self.kept) for p in self.kept[doc]]


def load_cache(layout: Layout) -> dict:
    try:
        data = json.loads((layout.root / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == FORMAT and data.get("usable") else {}


def plan(layout: Layout, model: Model, tables: Tables) -> Plan:
    package = package_fingerprint(layout, model, tables)
    fingerprints = document_fingerprints(layout, model, tables)
    placer = Placer.of(model, tables)
    cache = load_cache(layout)
    if cache.get("package") != package or crosses_documents(model, tables):
        return Plan(package, fingerprints, set(fingerprints), {}, placer)
    entries = cache.get("documents")
    kept: dict[str, list[Problem]] = {}
    for doc, key in fingerprints.items():
        entry = entries.get(doc) if isinstance(entries, dict) else None
        if isinstance(entry, dict) and entry.get("fingerprint") == key:
            try:
                kept[doc] = [placer.absolute(p, doc) for p in entry.get("problems", [])]
            except (TypeError, KeyError, IndexError, AttributeError):  # not a cache this code wrote
                return Plan(package, fingerprints, set(fingerprints), {}, placer)
    return Plan(package, fingerprints, set(fingerprints) - set(kept), kept, placer)


def save(layout: Layout, run: Plan, found: list[Problem]) -> None:
    """Keep, per document, the problems of the document phases (drafts, frictionless, document checks) of
    this run and those kept from the cache."""
    placer = run.placer
    by_doc: dict[str, list[dict]] = {doc: [] for doc in run.fingerprints}
    usable = True
    for p in found:
        doc = placer.place(p)
        if doc is None or (doc != PACKAGE and doc not in by_doc):
            usable = False  # a problem that no part owns: the next run validates everything
        elif doc != PACKAGE:
            by_doc[doc].append(placer.relative(p))
    for doc, problems in run.kept.items():
        by_doc[doc] = [placer.relative(p) for p in problems]
    data = {"format": FORMAT, "usable": usable, "package": run.package,
            "documents": {doc: {"fingerprint": run.fingerprints[doc], "problems": by_doc[doc]}
                          for doc in sorted(run.fingerprints)}}
    path = layout.root / CACHE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def subset_context(ctx: Context, model: Model, changed: set[str]) -> Context:
    """The package as the document checks see it for the changed documents: their rows (with their own row
    numbers) and texts, and the package-wide tables whole."""
    cut = set(document_tables(model))
    tables: Tables = {}
    for name, table in ctx.tables.items():
        if name not in cut:
            tables[name] = table
            continue
        keep = [i for i, row in enumerate(table.rows) if row.get("document_id", "") in changed]
        tables[name] = replace(table, rows=[table.rows[i] for i in keep],
                               row_numbers=[table.row_numbers[i] for i in keep])
    texts: Texts = {doc: text for doc, text in ctx.texts.items() if doc in changed}
    return Context(ctx.layout, ctx.model, tables, texts)


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
        if name not in cut:
            shutil.copyfile(layout.root / table.path, target)
            continue
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(table.header)
            writer.writerows([row.get(h, "") for h in table.header] for row in table.rows)
    return Layout(root)


def renumber(found: list[Problem], tables: Tables) -> list[Problem]:
    """Frictionless' row numbers in the subset's files, as the rows' numbers in the repository's files."""
    numbers = {t.path: t.row_numbers for t in tables.values()}
    out = []
    for p in found:
        rows = numbers.get(p.file)
        if p.row is not None and rows is not None and 2 <= p.row < len(rows) + 2:
            p = replace(p, row=rows[p.row - 2])
        out.append(p)
    return out

