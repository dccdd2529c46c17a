"""Validate the data package: structure, frictionless, JSON Schema, and the project's own checks.

    python -m scripts.validate [--json] [--fix] [--root DIR] [--no-warnings]

Prints one report grouped by file, each problem with its row, field, value, message and fix; exits 1
if there is any error. --fix applies only unambiguous repairs (byte-order mark, CRLF) and says so.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from scripts import build_schemas, paths
from scripts.checks import OWN_CHECKS, Tables, check_documents, check_drafts, check_spans
from scripts.model import CODELIST_HEADER, load_codelists, load_model
from scripts.records import CellError, typed_record, typed_value
from scripts.report import Problem, Report
from scripts.tables import apply_fixes, read_table


def read_all(root: Path) -> tuple[Tables, list[Problem]]:
    tables: Tables = {}
    problems: list[Problem] = []
    for name, res in load_model()["resources"].items():
        table, found = read_table(root, name, res["path"], [f["name"] for f in res["fields"]])
        tables[name] = table
        problems += found
    for cl in load_codelists().values():
        rel = cl.path.relative_to(paths.ROOT).as_posix()
        header = list(cl.rows[0].keys()) if cl.rows else CODELIST_HEADER
        table, found = read_table(root, f"codelist-{cl.name}", rel, header)
        tables[table.name] = table
        problems += found
    return tables, problems


def read_texts(root: Path, tables: Tables) -> tuple[dict[str, str], list[Problem]]:
    texts, problems = {}, []
    docs = tables.get("documents")
    for row in (docs.rows if docs else []):
        path = root / row.get("text_path", "")
        if row.get("text_path") and path.is_file():
            try:
                texts[row["document_id"]] = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                problems.append(Problem("encoding", row["text_path"], "the normalised text is not UTF-8",
                                        "run `make normalise`", row=None))
    return texts, problems


def frictionless_problems(root: Path, tables: Tables) -> list[Problem]:
    """Run frictionless on the package and translate its errors into Problems."""
    from frictionless import validate as fl_validate

    by_name = {t.name: t.path for t in tables.values()}
    try:
        report = fl_validate(str(root / "datapackage.json"))
    except Exception as exc:  # frictionless raises on descriptors it cannot load; report, never crash
        return [Problem("frictionless", "datapackage.json", f"frictionless could not load the package: {exc}",
                        "run `make schemas` to regenerate datapackage.json")]
    problems = []
    for task in report.tasks:
        rel = by_name.get(task.name, task.name)
        for err in task.errors:
            row = getattr(err, "row_number", None)
            field = getattr(err, "field_name", None)
            cell = getattr(err, "cell", None)
            if err.type == "foreign-key":  # a key of one or more fields: name the first and its value
                field, cell = err.field_names[0], ", ".join(map(str, err.field_cells))
            hint = field_hint(rel, field, cell) if err.type in ("constraint-error", "type-error") else None
            problems.append(Problem(err.type, rel, err.message,
                                    hint or FRICTIONLESS_HINTS.get(err.type, err.description),
                                    row=row, field=field, value=None if cell is None else str(cell)))
    for err in report.errors:
        problems.append(Problem(err.type, "datapackage.json", err.message, "run `make schemas`"))
    return problems


FRICTIONLESS_HINTS = {
    "foreign-key": "the value must exist in the referenced resource (a typo, or a row missing there?)",
    "primary-key": "ids must be unique: give this row a new id (never reuse a published id)",
    "unique-error": "ids must be unique: give this row a new id",
    "constraint-error": "see the field's constraints on the data dictionary page (docs: Data dictionary)",
    "type-error": "write the value in the field's type: integers without commas, dates as YYYY-MM-DD, "
                  "booleans as true/false",
    "missing-cell": "fill the cell",
    "blank-row": "delete the empty row",
}


TYPE_HINTS = {
    "integer": "write a whole number without commas, units or 万, e.g. 200000",
    "number": "write a number without commas or units, e.g. 3000 or 2.5",
    "boolean": "write true or false, in lowercase",
    "date": "write the date as YYYY-MM-DD, e.g. 2024-01-31",
    "array": 'write a JSON array, e.g. ["市工信局"]',
}


def field_hint(rel: str, field: str | None, value: object) -> str | None:
    """The fix for a value its field does not accept, from the field's definition in the model."""
    spec = next((f for res in load_model()["resources"].values() if res["path"] == rel
                 for f in res["fields"] if f["name"] == field), None)
    if spec is None:
        return None
    if value in (None, ""):
        return f"fill the cell: {field} is required ({spec['description']})"
    if "\n" in str(value):
        return "the value runs over several lines: a double quote earlier in the row is probably not closed"
    if spec.get("codelist"):
        codes = load_codelists()[spec["codelist"]].codes
        return f"use one of the codes in schemas/codelists/{spec['codelist']}.csv: {', '.join(codes)}"
    if spec.get("pattern"):
        example = f", e.g. {spec['example']}" if spec.get("example") else ""
        return f"the value must match the pattern {spec['pattern']}{example}"
    try:
        typed_value(spec["type"], str(value))
    except CellError:
        return TYPE_HINTS.get(spec["type"])
    bounds = [f"at least {spec['minimum']}" if "minimum" in spec else "",
              f"at most {spec['maximum']}" if "maximum" in spec else ""]
    return f"the value must be {' and '.join(b for b in bounds if b)}" if any(bounds) else None


def json_schema_problems(tables: Tables, seen: set[tuple]) -> list[Problem]:
    problems = []
    for name in load_model()["resources"]:
        table = tables.get(name)
        if not table or not table.readable:
            continue
        schema = json.loads((paths.JSON_SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        validator = Draft202012Validator(schema, format_checker=FormatChecker())
        for row_no, row in table.numbered():
            for err in validator.iter_errors(typed_record(name, row)):
                field = err.path[0] if err.path else None
                if (table.path, row_no, field) in seen:
                    continue  # frictionless already reported this cell
                value = None if field is None else row.get(field)
                hint = field_hint(table.path, field, value) or f"see schemas/json/{name}.schema.json"
                problems.append(Problem("json-schema", table.path, err.message, hint, row=row_no, field=field,
                                        value=value))
    return problems


def validate(root: Path = paths.ROOT) -> Report:
    report = Report()
    stale = build_schemas.drifted(build_schemas.build()) if root == paths.ROOT else []
    for p in stale:
        report.add(Problem("schema-drift", p.relative_to(paths.ROOT).as_posix(),
                           "this generated file does not match schemas/model.yaml and the codelists",
                           "run `make schemas` and commit the result"))
    report.checked.append("files")
    tables, problems = read_all(root)
    report.extend(problems)
    texts, problems = read_texts(root, tables)
    report.extend(problems)
    readable = {k: t for k, t in tables.items() if t.readable}
    report.checked.append("drafts")
    drafts = check_drafts(readable)
    report.extend(drafts)
    if all(t.readable for t in tables.values()) and not stale:
        report.checked.append("frictionless")
        # A TODO left by `make new-document` is reported once, as a draft value, not also as a type error.
        in_drafts = {(p.file, p.row, p.field) for p in drafts}
        report.extend([p for p in frictionless_problems(root, tables) if (p.file, p.row, p.field) not in in_drafts])
    else:
        report.add(Problem("skipped", "datapackage.json", "frictionless validation was skipped because some "
                           "files cannot be read as their schema says (see the problems above)",
                           "fix those first; then run the validator again", severity="warning"))
    seen = {(p.file, p.row, p.field) for p in report.problems}
    report.checked.append("json-schema")
    report.extend(json_schema_problems(tables, seen))
    report.checked.append("documents")
    report.extend(check_documents(root, readable, texts))
    provision_doc = {r["provision_id"]: r["document_id"] for r in readable["provisions"].rows} \
        if "provisions" in readable else {}
    report.checked.append("spans")
    report.extend(check_spans(readable, texts, provision_doc))
    for name, check in OWN_CHECKS:
        report.checked.append(name)
        try:
            report.extend(check(readable, texts))
        except (KeyError, TypeError, ValueError) as exc:  # a check tripped over data it could not read
            report.add(Problem("check-failed", "datapackage.json", f"check '{name}' could not run: {exc!r}",
                               "fix the errors reported above and run again"))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--fix", action="store_true", help="remove BOMs and convert CRLF, then validate")
    parser.add_argument("--root", type=Path, default=paths.ROOT, help="package root (default: this repo)")
    parser.add_argument("--no-warnings", action="store_true", help="hide warnings in the text report")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.fix:
        tables, _ = read_all(root)
        for table in tables.values():
            for line in apply_fixes(root, table):
                print(f"fixed {line}", file=sys.stderr)
    report = validate(root)
    print(report.to_json() if args.json else report.to_text(show_warnings=not args.no_warnings))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
