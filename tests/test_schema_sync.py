"""One definition per thing: every generated form matches its single definition, and a thing has one name.

The model (schemas/model.yaml and the codelists) generates datapackage.json and the JSON Schemas; the problem
catalogue (src/zjtx/problems.py) generates CONTRIBUTING.md's table of problem codes. A resource's name is its
CSV's file stem, its SQLite table, its Parquet file, its workbook sheet and its JSON file."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from zjtx import model, paths, problems, schemas
from zjtx.model import CODELIST_HEADER

MODEL = model.load(paths.ROOT)
DESCRIPTOR = json.loads(paths.HERE.datapackage.read_text(encoding="utf-8"))


def test_generated_files_match_their_definitions():
    stale = schemas.drifted(paths.HERE, schemas.build(paths.HERE))
    assert not stale, f"out of date: {[p.name for p in stale]} — run `make schemas` and commit the result"


def test_every_csv_header_is_the_model_field_list():
    for name, res in MODEL.resources.items():
        with (paths.ROOT / res["path"]).open(encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        assert header == [f["name"] for f in res["fields"]], name


def test_one_name_per_resource_in_the_repository_and_the_descriptor():
    """resource name = file stem, for data resources and codelists alike, in snake_case."""
    for res in DESCRIPTOR["resources"]:
        assert Path(res["path"]).stem == res["name"], res["name"]
        assert re.fullmatch(r"[a-z][a-z0-9_]*", res["name"]), res["name"]
    names = [r["name"] for r in DESCRIPTOR["resources"]]
    assert len(names) == len(set(names))
    assert names == [*MODEL.resources, *MODEL.codelists]


def test_codelists_share_one_header_and_unique_codes():
    for cl in MODEL.codelists.values():
        assert list(cl.header[:4]) == CODELIST_HEADER, cl.name
        assert len(set(cl.codes)) == len(cl.codes), cl.name
        assert all(r["title_zh"] and r["title_en"] and r["description"] for r in cl.rows), cl.name


def test_every_codelist_field_names_an_existing_codelist_and_enum_is_filled():
    generated_schemas = {r["name"]: r["schema"] for r in DESCRIPTOR["resources"]}
    for name, res in MODEL.resources.items():
        for f in res["fields"]:
            if "codelist" in f:
                generated = next(g for g in generated_schemas[name]["fields"] if g["name"] == f["name"])
                assert generated["constraints"]["enum"] == MODEL.codelists[f["codelist"]].codes


def test_json_schemas_require_every_field_and_allow_null_only_where_optional():
    for name, res in MODEL.released().items():
        schema = json.loads((paths.HERE.json_schemas / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert schema["$schema"].endswith("2020-12/schema")
        assert schema["required"] == [f["name"] for f in res["fields"]]
        for f in res["fields"]:
            allows_null = "null" in schema["properties"][f["name"]]["type"]
            assert allows_null is not bool(f.get("required")), (name, f["name"])


def test_every_resource_declares_utf8_and_a_primary_key():
    for res in DESCRIPTOR["resources"]:
        assert res["encoding"] == "utf-8" and res["schema"]["primaryKey"], res["name"]


def test_every_problem_code_is_documented_in_the_contributing_guide():
    guide = (paths.ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert schemas.PROBLEMS_START in guide, "CONTRIBUTING.md lost its generated problem-code table"
    for code in problems.CATALOGUE:
        assert f"| `{code}` |" in guide, f"{code} is not documented: run `make schemas`"


def test_no_check_can_report_an_undeclared_problem_type():
    """Every check declares what it reports, from the catalogue (the validator turns anything else into
    check-failed, which the clean package never shows)."""
    from zjtx.checks import CHECKS

    for check in CHECKS:
        assert check.raises and all(t.code in problems.CATALOGUE for t in check.raises), check.name


def test_every_zjtx_subcommand_is_named_in_the_readme_and_the_module_help():
    """A newcomer finds every command: the README's list and cli.py's docstring name each subcommand."""
    import argparse

    from zjtx import cli

    top = cli.parser()
    commands = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction)).choices
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in commands if f"`{c}`" not in readme and f"`zjtx {c}`" not in readme]
    assert missing == []
    assert [c for c in commands if f"zjtx {c}" not in (cli.__doc__ or "")] == []
