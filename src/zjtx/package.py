"""Read the package once and type every row once: the form the release writers and the site consume.

The rows are read by the same tolerant reader the validator uses (zjtx.tables); a package that does not
read cleanly is refused here with the command that explains why, so nothing is released or published from
data the validator would reject.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from zjtx import model as model_module
from zjtx.model import Model
from zjtx.paths import Layout
from zjtx.records import CellError, typed_record
from zjtx.tables import read_table

Record = dict  # a typed row: str, int, float, bool, list or None per field
# Tables read from their file row by row each time they are used, never held whole: text_repairs is generated,
# holds ~480 rows a document (two thirds of the package's rows) and is only ever read from start to end (the
# release's formats, the site's counts). Held in memory it made the release grow by ~0.35 GB per 1,000 documents.
STREAMED = frozenset({"text_repairs"})
Rows = Callable[[tuple[str, ...] | None], Iterator[Record]]  # the fields to read (None: all)


class PackageError(SystemExit):
    """The package cannot be read cleanly; the message says what to run."""


@dataclass(frozen=True)
class Package:
    layout: Layout
    model: Model
    descriptor: dict  # datapackage.json
    records: dict[str, list[Record]]  # every resource (data and codelists) but the STREAMED, typed, in file order
    texts: dict[str, str] = field(default_factory=dict)  # document_id -> normalised text
    streams: dict[str, Rows] = field(default_factory=dict)  # a STREAMED resource -> a new reading of its rows

    def rows(self, name: str, fields: tuple[str, ...] | None = None) -> Iterator[Record]:
        """The typed rows of any resource, in file order: a STREAMED one read from its file anew. With `fields`,
        each row holds those fields only, and a STREAMED table types no other (the site counts the repairs of
        each document by two of text_repairs' fields in about half the time of typing every cell)."""
        if name not in self.records:
            return self.streams[name](fields)
        if fields is None:
            return iter(self.records[name])
        return ({f: row[f] for f in fields} for row in self.records[name])

    @property
    def name(self) -> str:
        return self.descriptor["name"]

    @property
    def version(self) -> str:
        return self.descriptor["version"]

    @property
    def created(self) -> dt.datetime:
        """The package's fixed `created` moment (naive UTC): the only timestamp a release uses."""
        return dt.datetime.fromisoformat(self.descriptor["created"].replace("Z", "+00:00")).replace(tzinfo=None)

    @property
    def citation(self) -> str:
        meta = self.descriptor
        return (f"zhuanjingtexin-policies contributors ({self.created.year}). {meta['title']}. "
                f"Version {meta['version']}. {meta['homepage']}. Licence CC BY 4.0.")

    def resource(self, name: str) -> dict:
        return next(r for r in self.descriptor["resources"] if r["name"] == name)

    def codelist(self, name: str) -> dict[str, Record]:
        """code -> row of a codelist."""
        return {row["code"]: row for row in self.records[name]}

    @cached_property
    def documents(self) -> dict[str, dict]:
        """document_id -> the document with its provisions, each with its facts (see nested_documents)."""
        return nested_documents(self.records)


def nested_documents(records: dict[str, list[Record]]) -> dict[str, dict]:
    """document -> provisions, each with its English text, targets, amounts, responsibilities (with the agency's
    name and function) and instruments, in document order."""
    by_provision: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for key in ("targets", "amounts"):
        for rec in records[key]:
            by_provision[rec["provision_id"]][key].append(rec)
    agencies = {a["agency_id"]: a for a in records["agencies"]}
    for rec in records["responsibilities"]:
        agency = agencies.get(rec["agency_id"], {})
        by_provision[rec["provision_id"]]["responsibilities"].append(
            {**rec, "agency_name": agency.get("name"), "agency_function": agency.get("function")})
    text_en = {t["provision_id"]: t["text_en"] for t in records["provision_translations"]}
    for rec in sorted(records["provision_instruments"], key=lambda r: (r["provision_id"], r["position"])):
        by_provision[rec["provision_id"]]["instruments"].append(rec["instrument"])
    provisions_of: dict[str, list[dict]] = defaultdict(list)
    for p in records["provisions"]:
        facts = by_provision[p["provision_id"]]
        provisions_of[p["document_id"]].append(
            {**p, "text_en": text_en.get(p["provision_id"]),
             **{k: facts[k] for k in ("targets", "amounts", "responsibilities", "instruments")}})
    return {doc["document_id"]: {**doc, "provisions": provisions_of[doc["document_id"]]}
            for doc in records["documents"]}


def load(root: Path) -> Package:
    """Read and type the package at `root`; PackageError when any file does not read as its schema says."""
    layout = Layout(root)
    model = model_module.load(root)
    try:
        descriptor = json.loads(layout.datapackage.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackageError(f"error: {layout.rel(layout.datapackage)} cannot be read ({exc}): run `make schemas`") \
            from exc
    records: dict[str, list[Record]] = {}
    problems = []
    streams: dict[str, Rows] = {}
    for res in descriptor["resources"]:
        fields = res["schema"]["fields"]
        if res["name"] in STREAMED:
            streams[res["name"]] = streamed(layout, res)
            continue
        table, found = read_table(root, res["name"], res["path"], [f["name"] for f in fields])
        problems += [p for p in found if p.severity == "error"]
        records[res["name"]] = [typed_record(fields, row) for row in table.rows]
    if problems:
        first = problems[0]
        raise PackageError(f"error: the package does not read cleanly ({len(problems)} problem(s), the first: "
                           f"{first.location()}: {first.message}); run `make validate` for the report")
    pattern = re.compile(model.patterns.get("document_id", r"^[a-z0-9-]+$"))
    unsafe = [d["document_id"] for d in records["documents"] if not pattern.fullmatch(d["document_id"] or "")]
    if unsafe:  # ids become file names in the release and the site: never let one leave its folder
        raise PackageError(f"error: document id {unsafe[0]!r} does not match {pattern.pattern}; run `make validate`")
    try:
        for d in records["documents"]:
            layout.inside(d["source_path"])  # refuses a path or link that leaves the package
        texts = {d["document_id"]: layout.inside(d["text_path"]).read_text(encoding="utf-8")
                 for d in records["documents"]}
    except (OSError, ValueError) as exc:
        raise PackageError(f"error: a text of the package cannot be read ({exc}); run `make validate`") from exc
    return Package(layout, model, descriptor, records, texts, streams)


def streamed(layout: Layout, res: dict) -> Rows:
    """A STREAMED resource's rows, typed as they are read. Its header is checked now; a row that does not read
    as its schema says stops the reading with PackageError (the validator reads such files whole and says why)."""
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]

    def refused(why: str) -> PackageError:
        return PackageError(f"error: {res['path']} does not read cleanly ({why}); run `make validate` for the report")

    def header_of(reader: Iterator[list[str]]) -> None:
        if next(reader, None) != names:
            raise refused(f"its header is not {','.join(names)}")

    def rows(only: tuple[str, ...] | None = None) -> Iterator[Record]:
        wanted = fields if only is None else [fields[names.index(name)] for name in only]
        at = [names.index(f["name"]) for f in wanted]
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, strict=True)
            header_of(reader)
            record = 0
            try:
                for record, cells in enumerate(reader, start=1):
                    if len(cells) != len(names):
                        raise refused(f"record {record} has {len(cells)} cells")
                    yield typed_record(wanted, {f["name"]: cells[i] for f, i in zip(wanted, at, strict=True)},
                                       lenient=False)
            except CellError as exc:
                raise refused(f"record {record}: {str(exc)!r} is not of its field's type") from exc
            except (csv.Error, UnicodeDecodeError) as exc:
                raise refused(f"after record {record}: {exc}") from exc

    try:
        path = layout.inside(res["path"])
        with path.open(encoding="utf-8", newline="") as fh:
            header_of(csv.reader(fh))
    except (OSError, ValueError, csv.Error) as exc:  # UnicodeDecodeError and UnsafePath are ValueErrors
        raise refused(str(exc)) from exc
    return rows
