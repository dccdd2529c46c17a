"""The site's static JSON API (api/v1/): the package as JSON files at addresses that stay, described by an
OpenAPI 3.1 document whose response schemas are the release's JSON Schemas (served at their $id, under
schemas/json/). Pure: (path, JSON text) pairs, made one at a time; the hooks write them into the build.

Static files on any web host answer cross-origin requests for GET (GitHub Pages sends
Access-Control-Allow-Origin: *), so a browser page elsewhere can read them."""

from __future__ import annotations

import json
from collections.abc import Iterator

from zjtx.site.data import SiteData

API = "api/v1"
SCHEMAS = "schemas/json"


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def numbering(provision_id: str) -> str:
    return provision_id.split("/", 1)[1]


def provision_summary(p: dict) -> dict:
    return {"provision_id": p["provision_id"], "document_id": p["document_id"], "label": p["label"],
            "heading": p["heading"], "heading_en": p["heading_en"],
            "url": f"provisions/{p['document_id']}/{numbering(p['provision_id'])}.json"}


def responsibilities_by_agency(data: SiteData) -> dict[str, list[dict]]:
    """agency_id -> each responsibility it holds, with a summary of its provision (grouped once, not per agency)."""
    out: dict[str, list[dict]] = {}
    for doc in data.documents.values():
        for p in doc["provisions"]:
            for r in p["responsibilities"]:
                row = {k: v for k, v in r.items() if k not in ("agency_name", "agency_function")}
                out.setdefault(r["agency_id"], []).append({**row, "provision": provision_summary(p)})
    return out


def tier_file(code: str, data: SiteData, amounts: list[dict], targets: list[dict]) -> dict:
    title_zh, title_en = data.title("enterprise_tier", code)
    return {"tier": code, "title_zh": title_zh, "title_en": title_en, "amounts": amounts, "targets": targets}


ENDPOINTS = (
    # path template, what it holds, response schema (a $ref into schemas/json or an inline one below)
    ("index.json", "This list: every endpoint, the version and the licence.", "#/components/schemas/Index"),
    ("documents.json", "Every document (one record each).", "documents.list.schema.json"),
    ("documents/{document_id}.json", "One document with its provisions, each with its targets, amounts, "
     "responsibilities and instruments.", "document.schema.json"),
    ("provisions/{document_id}/{numbering}.json", "One provision with its facts (numbering: the part of "
     "provision_id after the slash, e.g. 3.1.2).", "document.schema.json#/$defs/provision"),
    ("agencies.json", "Every agency (responsible unit).", "agencies.list.schema.json"),
    ("agencies/{place}/{agency}.json", "One agency and each responsibility it holds, with its provision. The two "
     "parts of agency_id (place/agency): agencies/baotou/finance-bureau.json is agency baotou/finance-bureau.",
     "#/components/schemas/Agency"),
    ("tiers/{tier}.json", "Everything concerning one enterprise tier across documents: its amounts and "
     "targets.", "#/components/schemas/Tier"),
)


def agency_files(data: SiteData) -> Iterator[tuple[str, str]]:
    """The agencies' files of api/v1/ (paths relative to the site's root): a third of the API's files, written
    by the Chinese build while the English one writes the rest (hooks.py)."""
    yield f"{API}/agencies.json", dumps(data.records["agencies"])
    held = responsibilities_by_agency(data)
    for agency in data.records["agencies"]:
        yield f"{API}/agencies/{agency['agency_id']}.json", dumps(
            {"agency": agency, "responsibilities": held.get(agency["agency_id"], [])})


def api_files(data: SiteData) -> Iterator[tuple[str, str]]:
    """Every other file of api/v1/: documents, provisions, tiers, the index and the OpenAPI description."""
    pkg = data.package
    documents = data.records["documents"]
    yield f"{API}/documents.json", dumps(documents)
    for doc_id, doc in data.documents.items():
        yield f"{API}/documents/{doc_id}.json", dumps(doc)
        for p in doc["provisions"]:
            yield f"{API}/provisions/{doc_id}/{numbering(p['provision_id'])}.json", dumps(p)
    by_tier: dict[str, tuple[list, list]] = {}
    for i, key in enumerate(("amounts", "targets")):
        for row in data.records[key]:
            if row["tier"]:
                by_tier.setdefault(row["tier"], ([], []))[i].append(row)
    tiers = sorted(by_tier)
    for code in tiers:
        yield f"{API}/tiers/{code}.json", dumps(tier_file(code, data, *by_tier[code]))
    yield f"{API}/index.json", dumps({
        "title": pkg["title"], "version": pkg["version"], "created": pkg["created"],
        "licence": pkg["licenses"][0], "homepage": pkg["homepage"], "citation": data.source.citation,
        "openapi": "openapi.json",
        "endpoints": [{"path": path, "description": what} for path, what, _ in ENDPOINTS],
        "documents": [f"documents/{d['document_id']}.json" for d in documents],
        "tiers": [f"tiers/{code}.json" for code in tiers]})
    yield f"{API}/openapi.json", dumps(openapi(data))


def openapi(data: SiteData) -> dict:
    """OpenAPI 3.1: one GET per endpoint; responses described by the release's JSON Schemas, referenced relative
    to this file (api/v1/openapi.json → ../../schemas/json/), so a validator resolves them offline from a copy of
    the site; each schema keeps its $id."""
    pkg = data.package
    schemas = "../" * API.count("/") + "../" + SCHEMAS + "/"

    def ref(target: str) -> dict:
        return {"$ref": target if target.startswith("#") else schemas + target}

    paths = {}
    for path, what, schema in ENDPOINTS:
        params = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                  for name in ("document_id", "numbering", "place", "agency", "tier") if f"{{{name}}}" in path]
        operation = {"summary": what, "operationId": path.removesuffix(".json").replace("/", "_").replace("{", "")
                     .replace("}", ""), "responses": {"200": {"description": what, "content": {
                         "application/json": {"schema": ref(schema)}}}, "404": {"description": "No such file."}}}
        if params:
            operation["parameters"] = params
        paths[f"/{path}"] = {"get": operation}
    return {
        "openapi": "3.1.0",
        "info": {"title": pkg["title"], "version": pkg["version"], "summary": "Static JSON files, read-only (GET).",
                 "license": {"name": pkg["licenses"][0]["title"], "identifier": pkg["licenses"][0]["name"]}},
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "servers": [{"url": f"{pkg['homepage']}{API}"}],
        "paths": paths,
        "components": {"schemas": {
            "Index": {"type": "object", "required": ["version", "licence", "endpoints"], "properties": {
                "version": {"type": "string"}, "licence": {"type": "object"},
                "endpoints": {"type": "array", "items": {"type": "object", "required": ["path", "description"]}}}},
            "Agency": {"type": "object", "required": ["agency", "responsibilities"], "properties": {
                "agency": ref("agencies.schema.json"),
                "responsibilities": {"type": "array", "items": {
                    "type": "object", "required": ["provision_id", "agency_id", "provision"],
                    "properties": {"provision_id": {"type": "string"}, "agency_id": {"type": "string"},
                                   "provision": {"type": "object", "required": ["provision_id", "url"]}}}}}},
            "Tier": {"type": "object", "required": ["tier", "amounts", "targets"], "properties": {
                "tier": {"type": "string"}, "title_zh": {"type": "string"}, "title_en": {"type": "string"},
                "amounts": {"type": "array", "items": ref("amounts.schema.json")},
                "targets": {"type": "array", "items": ref("targets.schema.json")}}},
        }},
    }
