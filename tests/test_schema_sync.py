"""One definition per field: the generated schemas match schemas/model.yaml and the codelists."""

from __future__ import annotations

import csv
import json

from scripts import build_schemas, paths
from scripts.model import CODELIST_HEADER, load_codelists, load_model


def test_generated_files_match_the_model():
    stale = build_schemas.drifted(build_schemas.build())
    assert not stale, f"out of date: {[p.name for p in stale]} — run `make schemas` and commit the result"


def test_every_csv_header_is_the_model_field_list():
    for name, res in load_model()["resources"].items():
        with (paths.ROOT / res["path"]).open(encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        assert header == [f["name"] for f in res["fields"]], name


def test_codelists_share_one_header_and_unique_codes():
    for cl in load_codelists().values():
        with cl.path.open(encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        assert header[:4] == CODELIST_HEADER, cl.name
        assert len(set(cl.codes)) == len(cl.codes), cl.name
        assert all(r["title_zh"] and r["title_en"] and r["description"] for r in cl.rows), cl.name


def test_every_codelist_field_names_an_existing_codelist_and_enum_is_filled():
    codelists = load_codelists()
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    schemas = {r["name"]: r["schema"] for r in package["resources"]}
    for name, res in load_model()["resources"].items():
        for f in res["fields"]:
            if "codelist" in f:
                generated = next(g for g in schemas[name]["fields"] if g["name"] == f["name"])
                assert generated["constraints"]["enum"] == codelists[f["codelist"]].codes


def test_json_schemas_require_every_field_and_allow_null_only_where_optional():
    for name, res in load_model()["resources"].items():
        schema = json.loads((paths.JSON_SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert schema["$schema"].endswith("2020-12/schema")
        assert schema["required"] == [f["name"] for f in res["fields"]]
        for f in res["fields"]:
            allows_null = "null" in schema["properties"][f["name"]]["type"]
            assert allows_null is not bool(f.get("required")), (name, f["name"])


def test_every_resource_declares_utf8_and_a_primary_key():
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    for res in package["resources"]:
        assert res["encoding"] == "utf-8" and res["schema"]["primaryKey"], res["name"]
