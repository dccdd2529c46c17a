"""Generate every derived form of the single definitions: datapackage.json (Data Package v2) and
schemas/json/*.schema.json from schemas/model.yaml and the codelists, CITATION.cff and .zenodo.json from
schemas/package.yaml, and the problem-code table of CONTRIBUTING.md from the problem catalogue (zjtx.problems).

`zjtx schemas` writes the files; `zjtx schemas --check` only compares and exits 1 on drift.
Output is deterministic (sorted codelists, fixed key order, LF, trailing newline).
"""

from __future__ import annotations

import json
from pathlib import Path

from zjtx import model as model_module
from zjtx.model import CODELIST_FIELDS, CODELIST_OPTIONAL_FIELDS, Codelist, Model, read_yaml
from zjtx.paths import Layout
from zjtx.problems import CATALOGUE, FAMILIES

JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
              "date": "string", "array": "array"}


def table_field(field: dict, codelists: dict[str, Codelist]) -> dict:
    out: dict = {"name": field["name"], "type": field["type"]}
    for key in ("title", "description", "example"):
        if key in field:
            out[key] = field[key]
    if field["type"] == "boolean":
        # only the JSON spellings: frictionless would otherwise accept Excel's TRUE/True/1 as well
        out["trueValues"], out["falseValues"] = ["true"], ["false"]
    if field["type"] == "date":
        out["format"] = "%Y-%m-%d"
    constraints: dict = {}
    for key in ("required", "unique", "pattern", "minimum", "maximum"):
        if key in field:
            constraints[key] = field[key]
    if "codelist" in field:
        constraints["enum"] = codelists[field["codelist"]].codes
    if constraints:
        out["constraints"] = constraints
    return out


DATAPACKAGE_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
TABLESCHEMA_V2 = "https://datapackage.org/profiles/2.0/tableschema.json"


def table_schema(resource: dict, codelists: dict[str, Codelist]) -> dict:
    schema: dict = {
        "$schema": TABLESCHEMA_V2,
        "fields": [table_field(f, codelists) for f in resource["fields"]],
        "missingValues": [""],
        "primaryKey": resource["primary_key"],
    }
    keys = [{"fields": fk["fields"], "reference": {"resource": fk["resource"], "fields": fk["reference"]}}
            for fk in resource.get("foreign_keys", [])]
    # every coded column also points at its codelist, so tools that follow keys (SQLite, Datasette) link codes
    # to their titles; the enum constraint above says the same for tools that do not
    keys += [{"fields": [f["name"]], "reference": {"resource": f["codelist"], "fields": ["code"]}}
             for f in resource["fields"] if "codelist" in f and f["type"] != "array"]
    if keys:
        schema["foreignKeys"] = keys
    return schema


def codelist_resource(cl: Codelist) -> dict:
    return {
        "name": cl.name,
        "path": cl.path,
        "title": f"Codelist: {cl.name}",
        "description": f"Allowed values of fields that use the {cl.name} codelist.",
        "type": "table",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "$schema": TABLESCHEMA_V2,
            "fields": [dict(f) for f in CODELIST_FIELDS]
            + [dict(f) for f in CODELIST_OPTIONAL_FIELDS if f["name"] in cl.header],
            "missingValues": [""],
            "primaryKey": ["code"],
        },
    }


def datapackage(model: Model, meta: dict, release: bool = False) -> dict:
    """The repository's descriptor, or (release=True) the release's, with the fields and resources a release
    derives (model.yaml `release:`)."""
    codelists = model.codelists
    package = {"$schema": DATAPACKAGE_V2, "id": meta["homepage"], **meta}
    resources = model.released() if release else model.resources
    package["resources"] = [
        {
            "name": name,
            "path": res["path"],
            "title": res["title"],
            "description": " ".join(res["description"].split()),
            "type": "table",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": table_schema(res, codelists),
        }
        for name, res in resources.items()
    ] + [codelist_resource(cl) for cl in codelists.values()]
    return package


# A date: four digits, month 01–12, day 01–31 (format: date checks the calendar where a validator does)
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
SCHEMA_2020 = "https://json-schema.org/draft/2020-12/schema"
# What JSON Schema cannot say (it compares no two values); `zjtx validate` checks these and more.
VALIDATOR_RULES = ("min_cny ≤ max_cny and a fixed amount has min_cny = max_cny; value ≤ value_max; "
                   "effective_from ≤ effective_to; char_start < char_end and text[char_start:char_end] == quote; "
                   "every foreign key resolves. Checked by `zjtx validate` (see the problem codes).")


def json_property(f: dict, codelists: dict[str, Codelist]) -> dict:
    prop: dict = {"title": f.get("title", f["name"]), "description": f.get("description", "")}
    jtype = JSON_TYPES[f["type"]]
    prop["type"] = jtype if f.get("required") else [jtype, "null"]
    if f["type"] == "date":
        prop["format"] = "date"
        prop["pattern"] = DATE_PATTERN
    if f["type"] == "array":
        prop["items"] = {"type": "string", "minLength": 1}
    if f["type"] == "string" and f.get("required") and "codelist" not in f:
        prop["minLength"] = 1  # a required text is never empty (a quote, a name, a title)
    if "pattern" in f:
        prop["pattern"] = f["pattern"]
    for key in ("minimum", "maximum"):
        if key in f:
            prop[key] = f[key]
    if "codelist" in f:
        codes: list = codelists[f["codelist"]].codes
        prop["enum"] = codes if f.get("required") else [*codes, None]
    return prop


def conditions(name: str) -> list[dict]:
    """if/then rules of a record, from the validator's own table of them (one definition)."""
    if name != "amounts":
        return []
    from zjtx.checks.figures import AMOUNT_TYPE_NEEDS

    out = []
    for kind, needs in AMOUNT_TYPE_NEEDS.items():
        then = {field: {"type": "number"} if need else {"type": "null"}
                for field, need in zip(("min_cny", "max_cny", "ratio_percent"), needs, strict=True) if need is not None}
        out.append({"if": {"properties": {"amount_type": {"const": kind}}}, "then": {"properties": then}})
    return out


def json_schema(name: str, resource: dict, codelists: dict[str, Codelist], base: str) -> dict:
    """JSON Schema (2020-12) of one record in its JSON form: every key present, null where empty."""
    schema = {
        "$schema": SCHEMA_2020,
        "$id": f"{base}schemas/json/{name}.schema.json",
        "title": resource["title"],
        "description": " ".join(resource["description"].split()),
        "$comment": VALIDATOR_RULES,
        "type": "object",
        "properties": {f["name"]: json_property(f, codelists) for f in resource["fields"]},
        "required": [f["name"] for f in resource["fields"]],
        "additionalProperties": False,
    }
    if conditions(name):
        schema["allOf"] = conditions(name)
    return schema


def list_schema(name: str, resource: dict, base: str) -> dict:
    """The schema of json/<name>.json: an array of the resource's records."""
    return {"$schema": SCHEMA_2020, "$id": f"{base}schemas/json/{name}.list.schema.json",
            "title": f"{resource['title']} (json/{name}.json)", "type": "array",
            "items": {"$ref": f"{name}.schema.json"}}


def codelist_list_schema(cl: Codelist, base: str) -> dict:
    """The schema of json/<codelist>.json."""
    props = {f["name"]: {"type": "string", "minLength": 1} for f in CODELIST_FIELDS}
    optional_types = {"string": ["string", "null"], "boolean": "boolean"}
    props.update({f["name"]: {"type": optional_types[f["type"]]} for f in CODELIST_OPTIONAL_FIELDS
                  if f["name"] in cl.header})
    return {"$schema": SCHEMA_2020, "$id": f"{base}schemas/json/{cl.name}.list.schema.json",
            "title": f"Codelist {cl.name} (json/{cl.name}.json)", "type": "array",
            "items": {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}}


def document_schema(model: Model, base: str) -> dict:
    """The schema of json/documents/<document_id>.json: the document, its provisions in document order, each
    with its targets, amounts, responsibilities (with the agency's name) and instrument codes."""
    resources = model.released()

    def record(name: str, extra: dict | None = None) -> dict:
        schema = json_schema(name, resources[name], model.codelists, base)
        props = {**schema["properties"], **(extra or {})}
        out = {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}
        if "allOf" in schema:
            out["allOf"] = schema["allOf"]
        return out

    instruments = model.codelists["instrument"].codes
    provision = record("provisions", {
        "text_en": {"type": ["string", "null"], "description": "The provision's English translation "
                    "(provision_translations.text_en); null while its translation is pending."},
        "targets": {"type": "array", "items": record("targets")},
        "amounts": {"type": "array", "items": record("amounts")},
        "responsibilities": {"type": "array", "items": record("responsibilities", {
            "agency_name": {"type": ["string", "null"], "description": "The agency's full name."},
            "agency_function": {"type": ["string", "null"], "enum": [*model.codelists["agency_function"].codes, None],
                                "description": "The agency's function (agencies.function)."}})},
        "instruments": {"type": "array", "items": {"enum": instruments}},
    })
    document = record("documents", {"provisions": {"type": "array", "items": {"$ref": "#/$defs/provision"}}})
    return {"$schema": SCHEMA_2020, "$id": f"{base}schemas/json/document.schema.json",
            "title": "A document with its provisions and facts (json/documents/<document_id>.json)",
            "$comment": VALIDATOR_RULES, **document, "$defs": {"provision": provision}}


PROBLEMS_START = "<!-- problem-codes: generated by `make schemas` from src/zjtx/problems.py; do not edit -->"
PROBLEMS_END = "<!-- end of problem-codes -->"


def problem_codes_markdown() -> str:
    """Every problem code, grouped by family: what it means, how to fix it, and an example message."""
    lines = []
    for family, title in FAMILIES.items():
        types = [t for t in CATALOGUE.values() if t.family == family]
        if not types:
            continue
        lines += [f"#### {title}", "", "| code | severity | when | fix | example |", "|---|---|---|---|---|"]
        for t in types:
            cells = [f"`{t.code}`", t.severity, t.description, t.fix, t.example]
            lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def with_problem_codes(markdown: str) -> str:
    """CONTRIBUTING.md with its generated block (between the markers) rewritten from the catalogue."""
    if PROBLEMS_START not in markdown or PROBLEMS_END not in markdown:
        return markdown
    head, rest = markdown.split(PROBLEMS_START, 1)
    _, tail = rest.split(PROBLEMS_END, 1)
    return f"{head}{PROBLEMS_START}\n\n{problem_codes_markdown()}\n{PROBLEMS_END}{tail}"


AUTHOR = "zhuanjingtexin-policies contributors"  # an organisation: citation tools keep the name whole


def citation_cff(meta: dict) -> str:
    """CITATION.cff (CFF 1.2.0), with a preferred citation whose author is an entity (name:), which BibTeX
    and APA converters keep whole instead of reading a surname out of it."""
    import yaml

    date = meta["created"][:10]
    common = {"title": meta["title"], "version": meta["version"], "date-released": date,
              "license": meta["licenses"][0]["name"], "url": meta["homepage"], "repository-code": meta["repository"],
              "keywords": meta["keywords"]}
    cff = {"cff-version": "1.2.0", "message": "If you use this data, please cite it as below.", "type": "dataset",
           **common, "authors": [{"name": AUTHOR}],
           "preferred-citation": {"type": "data", "authors": [{"name": AUTHOR}], "year": int(date[:4]),
                                  "title": meta["title"], "version": meta["version"], "url": meta["homepage"],
                                  "repository-code": meta["repository"], "license": meta["licenses"][0]["name"]}}
    head = "# Generated by `make schemas` from schemas/package.yaml; do not edit.\n"
    return head + yaml.safe_dump(cff, allow_unicode=True, sort_keys=False, width=120)


def zenodo(meta: dict) -> dict:
    """.zenodo.json: what Zenodo shows when the repository's releases are archived there."""
    return {"title": meta["title"], "version": meta["version"], "upload_type": "dataset",
            "publication_date": meta["created"][:10], "description": meta["description"],
            "creators": [{"name": AUTHOR}], "license": meta["licenses"][0]["name"].lower(),
            "keywords": meta["keywords"], "access_right": "open",
            "related_identifiers": [{"identifier": meta["homepage"], "relation": "isDocumentedBy",
                                     "resource_type": "dataset"},
                                    {"identifier": meta["repository"], "relation": "isSupplementedBy",
                                     "resource_type": "software"}]}


def dump(obj: object) -> str:
    """Indented JSON with the characters themselves (the form of every descriptor and nested file)."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def build(layout: Layout) -> dict[Path, str]:
    """Every generated file and its content."""
    model = model_module.load(layout.root)
    meta = read_yaml(layout.package_meta, layout.rel(layout.package_meta))
    files = {layout.datapackage: dump(datapackage(model, meta))}
    base = meta["homepage"]
    for name, res in model.released().items():  # the JSON Schemas describe the release's JSON files
        files[layout.json_schemas / f"{name}.schema.json"] = dump(json_schema(name, res, model.codelists, base))
        files[layout.json_schemas / f"{name}.list.schema.json"] = dump(list_schema(name, res, base))
    files[layout.json_schemas / "document.schema.json"] = dump(document_schema(model, base))
    for cl in model.codelists.values():
        files[layout.json_schemas / f"{cl.name}.list.schema.json"] = dump(codelist_list_schema(cl, base))
    files[layout.root / "CITATION.cff"] = citation_cff(meta)
    files[layout.root / ".zenodo.json"] = dump(zenodo(meta))
    contributing = layout.root / "CONTRIBUTING.md"
    if contributing.is_file():
        files[contributing] = with_problem_codes(contributing.read_text(encoding="utf-8"))
    return files


def drifted(layout: Layout, files: dict[Path, str]) -> list[Path]:
    stale = [p for p, content in files.items()
             if not p.exists() or p.read_text(encoding="utf-8") != content]
    expected = set(files)
    stale += [p for p in sorted(layout.json_schemas.glob("*.json")) if p not in expected]
    return stale


def write(layout: Layout) -> list[str]:
    """Rewrite every generated file; return the ones that changed."""
    files = build(layout)
    changed = [layout.rel(p) for p in drifted(layout, files)]
    layout.json_schemas.mkdir(parents=True, exist_ok=True)
    for p in sorted(layout.json_schemas.glob("*.json")):
        if p not in files:
            p.unlink()
    for p, content in files.items():
        p.write_text(content, encoding="utf-8", newline="\n")
    return changed
