"""Generate datapackage.json and schemas/json/*.schema.json from schemas/model.yaml + codelists.

`python -m scripts.build_schemas` writes the files; `--check` only compares and exits 1 on drift.
Output is deterministic (sorted codelists, fixed key order, LF, trailing newline).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from scripts import paths
from scripts.model import Codelist, load_codelists, load_model

JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
              "date": "string", "array": "array"}
SCHEMA_BASE_URI = "https://example.invalid/zhuanjingtexin-policies/schemas/json/"


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


def table_schema(resource: dict, codelists: dict[str, Codelist]) -> dict:
    schema: dict = {
        "fields": [table_field(f, codelists) for f in resource["fields"]],
        "missingValues": [""],
        "primaryKey": resource["primary_key"],
    }
    if resource.get("foreign_keys"):
        schema["foreignKeys"] = [
            {"fields": fk["fields"],
             "reference": {"resource": fk["resource"], "fields": fk["reference"]}}
            for fk in resource["foreign_keys"]
        ]
    return schema


def codelist_resource(cl: Codelist) -> dict:
    rel = cl.path.relative_to(paths.ROOT).as_posix()
    return {
        "name": "codelist-" + cl.name.replace("_", "-"),
        "path": rel,
        "title": f"Codelist: {cl.name}",
        "description": f"Allowed values of fields that use the {cl.name} codelist.",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [
                {"name": "code", "type": "string", "constraints": {"required": True, "unique": True}},
                {"name": "title_zh", "type": "string", "constraints": {"required": True}},
                {"name": "title_en", "type": "string", "constraints": {"required": True}},
                {"name": "description", "type": "string", "constraints": {"required": True}},
            ] + ([{"name": "stip_compass", "type": "string"}] if "stip_compass" in cl.rows[0] else []),
            "missingValues": [""],
            "primaryKey": ["code"],
        },
    }


def datapackage(model: dict, meta: dict, codelists: dict[str, Codelist]) -> dict:
    package = dict(meta)
    package["profile"] = "tabular-data-package"
    package["resources"] = [
        {
            "name": name,
            "path": res["path"],
            "title": res["title"],
            "description": " ".join(res["description"].split()),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": table_schema(res, codelists),
        }
        for name, res in model["resources"].items()
    ] + [codelist_resource(cl) for cl in codelists.values()]
    return package


def json_schema(name: str, resource: dict, codelists: dict[str, Codelist]) -> dict:
    """JSON Schema (2020-12) of one record in its JSON form: every key present, null where empty."""
    props = {}
    for f in resource["fields"]:
        prop: dict = {"title": f.get("title", f["name"]), "description": f.get("description", "")}
        jtype = JSON_TYPES[f["type"]]
        prop["type"] = jtype if f.get("required") else [jtype, "null"]
        if f["type"] == "date":
            prop["format"] = "date"
            prop["pattern"] = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        if f["type"] == "array":
            prop["items"] = {"type": "string"}
        if "pattern" in f:
            prop["pattern"] = f["pattern"]
        for key in ("minimum", "maximum"):
            if key in f:
                prop[key] = f[key]
        if "codelist" in f:
            codes: list = codelists[f["codelist"]].codes
            prop["enum"] = codes if f.get("required") else [*codes, None]
        props[f["name"]] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URI}{name}.schema.json",
        "title": resource["title"],
        "description": " ".join(resource["description"].split()),
        "type": "object",
        "properties": props,
        "required": [f["name"] for f in resource["fields"]],
        "additionalProperties": False,
    }


def dump(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def build() -> dict[Path, str]:
    """Every generated file and its content."""
    model = load_model()
    codelists = load_codelists()
    meta = yaml.safe_load(paths.PACKAGE_META.read_text(encoding="utf-8"))
    files = {paths.DATAPACKAGE: dump(datapackage(model, meta, codelists))}
    for name, res in model["resources"].items():
        files[paths.JSON_SCHEMAS / f"{name}.schema.json"] = dump(json_schema(name, res, codelists))
    return files


def drifted(files: dict[Path, str]) -> list[Path]:
    stale = [p for p, content in files.items()
             if not p.exists() or p.read_text(encoding="utf-8") != content]
    expected = set(files)
    stale += [p for p in sorted(paths.JSON_SCHEMAS.glob("*.json")) if p not in expected]
    return stale


def main(argv: list[str]) -> int:
    files = build()
    if "--check" in argv:
        stale = drifted(files)
        for p in stale:
            print(f"out of date: {p.relative_to(paths.ROOT)} — run `make schemas` to regenerate it")
        return 1 if stale else 0
    paths.JSON_SCHEMAS.mkdir(parents=True, exist_ok=True)
    for p in sorted(paths.JSON_SCHEMAS.glob("*.json")):
        if p not in files:
            p.unlink()
    for p, content in files.items():
        p.write_text(content, encoding="utf-8", newline="\n")
        print(f"wrote {p.relative_to(paths.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
