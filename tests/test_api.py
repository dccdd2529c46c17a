"""The static JSON API (api/v1/) and the dataset's description for catalogues, on the built site: every endpoint
that index.json and openapi.json name exists and validates against its schema (the release's JSON Schemas,
served at their $id), and the home pages carry schema.org Dataset JSON-LD listing the downloads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

API = "api/v1"


@pytest.fixture(scope="module")
def openapi(site: Path) -> dict:
    return json.loads((site / API / "openapi.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registry(site: Path, openapi: dict):
    from referencing import Registry, Resource

    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in (site / "schemas" / "json").glob("*.json")]
    return Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in schemas])


def files_of(site: Path, template: str) -> list[Path]:
    """The files an endpoint template stands for: each parameter is one path segment."""
    pattern = re.escape(template)
    pattern = re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", pattern)
    root = site / API
    return [p for p in root.rglob("*.json") if re.fullmatch(pattern, p.relative_to(root).as_posix())]


def test_index_lists_every_endpoint_version_and_licence(site: Path, openapi: dict, site_data) -> None:
    index = json.loads((site / API / "index.json").read_text(encoding="utf-8"))
    assert index["version"] == site_data.package["version"] and index["licence"]["name"] == "CC-BY-4.0"
    assert {"/" + e["path"] for e in index["endpoints"]} == set(openapi["paths"])
    for rel in index["documents"] + index["tiers"] + [index["openapi"]]:
        assert (site / API / rel).is_file(), rel
    assert len(index["documents"]) == len(site_data.documents)


def test_every_endpoint_exists_and_validates_against_its_schema(site: Path, openapi: dict, registry,
                                                                site_data) -> None:
    from jsonschema import Draft202012Validator, FormatChecker

    assert openapi["openapi"].startswith("3.1") and openapi["servers"][0]["url"].startswith(
        site_data.package["homepage"])
    counts = {}
    for template, item in openapi["paths"].items():
        schema = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        ref = schema["$ref"]
        if ref.startswith("#/components/schemas/"):  # its $refs are relative to openapi.json's address
            schema = {**openapi["components"]["schemas"][ref.rsplit("/", 1)[1]],
                      "$id": openapi["servers"][0]["url"] + "/openapi.json"}
        else:  # relative to openapi.json, as an offline validator resolves it; the file keeps its $id
            file, _, pointer = ref.partition("#")
            schema = json.loads((site / API / file).resolve().read_text(encoding="utf-8"))
            schema = {"$ref": schema["$id"] + ("#" + pointer if pointer else "")}
        files = files_of(site, template.lstrip("/"))
        assert files, template
        counts[template] = len(files)
        validator = Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
        for path in files:
            errors = [e.message for e in validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))]
            assert errors == [], (path.relative_to(site).as_posix(), errors[:3])
    provisions = sum(len(d["provisions"]) for d in site_data.documents.values())
    assert counts["/provisions/{document_id}/{numbering}.json"] == provisions
    assert counts["/agencies/{place}/{agency}.json"] == len(site_data.records["agencies"])
    assert counts["/documents/{document_id}.json"] == len(site_data.documents)


def test_an_agency_file_lists_its_responsibilities_with_their_provisions(site: Path, site_data) -> None:
    held = [r for r in site_data.records["responsibilities"] if r["agency_id"] == "baotou/finance-bureau"]
    data = json.loads((site / API / "agencies" / "baotou" / "finance-bureau.json").read_text(encoding="utf-8"))
    assert len(data["responsibilities"]) == len(held) > 0
    first = data["responsibilities"][0]["provision"]
    assert (site / API / first["url"]).is_file() and first["heading"]


def test_home_pages_describe_the_dataset_for_catalogues(site: Path, site_data) -> None:
    for page in ("index.html", "en/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert found, page
        data = json.loads(found.group(1))
        assert data["@type"] == "Dataset" and data["version"] == site_data.package["version"]
        assert data["license"].startswith("https://creativecommons.org/licenses/by/4.0")
        formats = {d["encodingFormat"] for d in data["distribution"]}
        assert {"application/zip", "application/vnd.sqlite3", "text/csv", "application/vnd.apache.parquet",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} <= formats
        for d in data["distribution"]:
            rel = d["contentUrl"].removeprefix(site_data.package["homepage"])
            if rel.endswith("/"):  # a folder of one file per table
                assert (site / rel).is_dir() and any((site / rel).iterdir()), rel
            else:
                assert (site / rel).stat().st_size == int(d["contentSize"].split()[0]), rel
        documents = site_data.records["documents"]
        years = [y for doc in documents for y in (doc["plan_start_year"], doc["plan_end_year"]) if y]
        start, end = (int(y) for y in data["temporalCoverage"].split("/"))
        assert start <= min(years) and end >= max(years)
        places = {p["identifier"]["value"]: p for p in data["spatialCoverage"]}
        assert set(places) == {doc["region_code"] for doc in documents}
        assert all(p["@type"] == "Place" and p["identifier"]["propertyID"] == "GB/T 2260" for p in places.values())


def test_sitemap_uses_the_real_address(site: Path, site_data) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(loc.startswith(site_data.package["homepage"]) for loc in locations)


def test_offline_validators_accept_the_api_and_the_release_json(site: Path, tmp_path: Path) -> None:
    """openapi-spec-validator reads openapi.json and every schema it references from a copy of the site, with no
    network (the references are relative); check-jsonschema validates a JSON file of the release against its
    schema from the schemas folder beside it (--base-uri: the schemas' own folder, not their web address)."""
    import subprocess
    import sys

    bin_dir = Path(sys.executable).parent
    offline = {"PATH": str(bin_dir), "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
               "NO_PROXY": ""}
    spec = subprocess.run([str(bin_dir / "openapi-spec-validator"), str(site / API / "openapi.json")],
                          capture_output=True, text=True, env=offline, check=False)
    assert spec.returncode == 0 and "OK" in spec.stdout, spec.stdout[-800:] + spec.stderr[-800:]
    schemas = site / "schemas" / "json"
    for name, instance in (("agencies.list", site / API / "agencies.json"),
                           ("documents.list", site / API / "documents.json"),
                           ("document", next((site / API / "documents").glob("*.json")))):
        run = subprocess.run([str(bin_dir / "check-jsonschema"), "--base-uri", schemas.resolve().as_uri() + "/",
                              "--schemafile", str(schemas / f"{name}.schema.json"), str(instance)],
                             capture_output=True, text=True, env=offline, check=False)
        assert run.returncode == 0, (name, run.stdout[-800:], run.stderr[-800:])
