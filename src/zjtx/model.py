"""Read the single definition of the package: schemas/model.yaml and the codelists in schemas/codelists/.

Every resource has one name, used as is everywhere: its CSV's file stem, its SQLite table, its Parquet file,
its workbook sheet and its JSON file. Codelists are resources too, named by their file stem.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from zjtx.paths import Layout

# The columns every codelist has, and those some have: the one definition of a codelist's table schema.
CODELIST_FIELDS: tuple[dict, ...] = (
    {"name": "code", "type": "string", "title": "Code",
     "description": "The value a coded field holds: lowercase, no spaces, never read as a formula.",
     "constraints": {"required": True, "unique": True}},
    {"name": "title_zh", "type": "string", "title": "Title (Chinese)",
     "description": "What the code means, in a few Chinese words (the wording the texts use).",
     "constraints": {"required": True}},
    {"name": "title_en", "type": "string", "title": "Title (English)",
     "description": "What the code means, in a few English words.", "constraints": {"required": True}},
    {"name": "description", "type": "string", "title": "Description",
     "description": "When to use the code, with its boundaries against its neighbours.",
     "constraints": {"required": True}},
)
CODELIST_OPTIONAL_FIELDS: tuple[dict, ...] = (
    {"name": "stip_compass", "type": "string", "title": "STIP Compass instrument",
     "description": "The OECD STIP Compass policy-instrument label the code corresponds to; empty where none fits."},
    {"name": "paid_to_firm", "type": "boolean", "title": "Paid to a firm",
     "description": "true when an amount of this basis is money or a benefit paid to a firm (or to its team or "
                    "staff): an award, subsidy, share of a cost; false for thresholds, fund sizes, tax rules and "
                    "incentives to financial institutions. amounts.paid_to_firm in a release is this value.",
     "trueValues": ["true"], "falseValues": ["false"]},
)
CODELIST_HEADER = [f["name"] for f in CODELIST_FIELDS]
CODELIST_OPTIONAL = [f["name"] for f in CODELIST_OPTIONAL_FIELDS]  # columns a codelist may add after the four


class ConfigError(SystemExit):
    """A configuration file that cannot be read; the message names the file, line and column."""


def read_yaml(path: Path, rel: str) -> object:
    """Parse a YAML file; a syntax error becomes ConfigError with the parser's line, column and message."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"error: {rel} is missing") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"error: {rel} is not UTF-8 (byte {exc.start})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"error: {rel}: {where}{problem} (fix the YAML syntax there)") from exc


@dataclass(frozen=True)
class Codelist:
    name: str
    path: str  # relative to the package root
    header: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    readable: bool = True  # UTF-8 and CSV throughout (the validator reports what is not, naming the file)

    @property
    def codes(self) -> list[str]:
        # a codelist whose header lost its `code` column has no codes: the validator reports the header
        # (against `expected_header`), and nothing reading the codes trips over the missing key
        return [r.get("code") or "" for r in self.rows] if "code" in self.header else []

    @property
    def expected_header(self) -> list[str]:
        """The header this codelist must have: the four columns, then the optional ones it uses."""
        return CODELIST_HEADER + [c for c in CODELIST_OPTIONAL if c in self.header]


@dataclass(frozen=True)
class Model:
    patterns: dict[str, str]
    resources: dict[str, dict]  # data resources, in model order: name -> definition (path, fields, keys …)
    codelists: dict[str, Codelist]  # codelist resources, sorted by name
    release_fields: dict[str, list[dict]] = field(default_factory=dict)  # resource -> fields a release appends
    release_resources: dict[str, dict] = field(default_factory=dict)  # resources only a release has

    def released(self) -> dict[str, dict]:
        """The data resources as a release has them: each with its release fields appended, then the release's
        own resources (model order)."""
        out = {name: {**res, "fields": res["fields"] + self.release_fields.get(name, [])}
               for name, res in self.resources.items()}
        return {**out, **self.release_resources}

    def fields(self, resource: str) -> list[dict]:
        return self.resources[resource]["fields"]

    def field_names(self, resource: str) -> list[str]:
        return [f["name"] for f in self.fields(resource)]

    def field(self, resource: str, name: str) -> dict | None:
        return next((f for f in self.resources.get(resource, {}).get("fields", []) if f["name"] == name), None)

    def paths(self) -> dict[str, str]:
        """Every resource name (data, then codelists) and the path of its CSV."""
        return {**{n: r["path"] for n, r in self.resources.items()},
                **{n: c.path for n, c in self.codelists.items()}}


def read_codelist(layout: Layout, path: Path) -> Codelist:
    """A codelist as the model uses it. Read tolerantly: a file that is not UTF-8 or not CSV is reported by the
    validator (tables.py, naming the file) and read here as far as it goes, marked unreadable."""
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    try:
        text, readable = raw.decode("utf-8"), True
    except UnicodeDecodeError:
        text, readable = raw.decode("utf-8", errors="replace"), False
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header, rows = tuple(CODELIST_HEADER), []
    try:
        header = tuple(reader.fieldnames or CODELIST_HEADER)
        rows.extend(reader)
    except csv.Error:
        readable = False
    return Codelist(path.stem, layout.rel(path), header, tuple(rows), readable)


@cache
def load(root: Path) -> Model:
    """The model of the repository at `root` (each copy of the package is read with its own model)."""
    layout = Layout(root)
    raw = read_yaml(layout.model, layout.rel(layout.model))
    if not isinstance(raw, dict) or not isinstance(raw.get("resources"), dict):
        raise ConfigError(f"error: {layout.rel(layout.model)} must map 'resources' to the resource definitions")
    codelists = {p.stem: read_codelist(layout, p) for p in sorted(layout.codelists.glob("*.csv"))}
    clash = sorted(set(codelists) & set(raw["resources"]))
    if clash:
        raise ConfigError(f"error: codelist and resource share the name {clash}: every name must be unique")
    release = raw.get("release") or {}
    return Model(raw.get("patterns", {}), raw["resources"], codelists, release.get("fields") or {},
                 release.get("resources") or {})
