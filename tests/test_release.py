"""The release as a user meets it: each artefact opened with the ordinary tool for its format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from zjtx import package, paths
from zjtx.records import typed_value
from zjtx.release import build_release, zip_name
from zjtx.release.derive import release_package

SOURCE = package.load(paths.ROOT)
RELEASE = release_package(SOURCE)  # the package as a release has it: derived fields and the texts table
PACKAGE = RELEASE.descriptor
STEM = SOURCE.name
ZIP = zip_name(SOURCE)
MODEL_RESOURCES = SOURCE.model.released()
RESOURCE_NAMES = [r["name"] for r in PACKAGE["resources"]]
SAMPLE_AMOUNT = "hubei-2023/9/a1"  # 省财政给予一次性50万元奖励


def repo_rows(name: str) -> list[dict[str, str]]:
    """The rows of a resource: the repository's CSV, or for a resource only the release has, its records."""
    if name not in SOURCE.model.resources and name not in SOURCE.model.codelists:
        return list(RELEASE.rows(name))
    with (paths.ROOT / SOURCE.resource(name)["path"]).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def field_names(name: str) -> list[str]:
    return [f["name"] for f in RELEASE.resource(name)["schema"]["fields"]]


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "dist"
    build_release(out, SOURCE)
    return out


# ---------------------------------------------------------------- CSV


def test_the_release_and_its_zip_are_valid_frictionless_packages(dist: Path, monkeypatch):
    from frictionless import validate

    report = validate(str(dist / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]
    monkeypatch.chdir(dist)  # as a user runs it: `frictionless validate <name>-<version>.zip`
    report = validate(ZIP)
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_descriptor_is_data_package_v2_with_sizes_hashes_and_sources(dist: Path):
    import hashlib

    descriptor = json.loads((dist / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert "profile" not in descriptor and all("profile" not in r for r in descriptor["resources"])
    assert descriptor["id"] == descriptor["homepage"] and descriptor["contributors"][0]["roles"]
    assert len(descriptor["sources"]) == len(SOURCE.records["documents"])
    assert any("包头市工业和信息化局" in s["title"] for s in descriptor["sources"])
    for res in descriptor["resources"]:
        data = (dist / res["path"]).read_bytes()
        assert res["bytes"] == len(data) and res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    coded = [(r["name"], f["name"]) for r in descriptor["resources"] for f in r["schema"]["fields"]
             if "enum" in f.get("constraints", {}) and f["type"] != "array"]
    keys = {(r["name"], k["fields"][0]) for r in descriptor["resources"] for k in r["schema"].get("foreignKeys", [])}
    assert coded and set(coded) <= keys  # every coded column points at its codelist


def test_every_data_table_carries_its_document(dist: Path):
    for res in PACKAGE["resources"]:
        if res["name"] in SOURCE.model.codelists or res["name"] in ("agencies", "glossary"):
            continue  # codelists and the shared agencies and glossary belong to no one document
        assert "document_id" in field_names(res["name"]), res["name"]


def test_csv_files_are_the_repository_cells_and_own_text_is_each_characters_one_home(dist: Path):
    for res in SOURCE.descriptor["resources"]:
        if res["name"] in SOURCE.model.release_fields:  # the repository's cells, then the derived columns
            with (dist / res["path"]).open(encoding="utf-8", newline="") as fh:
                released = list(csv.DictReader(fh))
            repo = repo_rows(res["name"])
            assert [{k: r[k] for k in repo[0]} for r in released] == repo
            continue
        assert (dist / res["path"]).read_bytes() == (paths.ROOT / res["path"]).read_bytes(), res["name"]
    for doc in SOURCE.records["documents"]:
        for key in ("source_path", "text_path"):
            assert (dist / doc[key]).read_bytes() == (paths.ROOT / doc[key]).read_bytes()
    # own_text: the parents' texts repeat their children's; the own texts do not (each character once)
    for doc_id, text in SOURCE.texts.items():
        rows = [r for r in RELEASE.records["provisions"] if r["document_id"] == doc_id]
        own = "".join(r["own_text"] for r in rows)
        assert len(own) <= min(len(text), sum(len(r["text"]) for r in rows))
        assert all(r["text"].startswith(r["own_text"]) for r in rows)
        assert all(r["own_text"] == r["text"] for r in rows if not r["has_children"])
    provisions = RELEASE.records["provisions"]
    assert sum(len(r["own_text"]) for r in provisions) < sum(len(r["text"]) for r in provisions)
    texts = {r["document_id"]: r["text"] for r in RELEASE.records["texts"]}
    assert texts == SOURCE.texts


def test_release_is_self_contained(dist: Path):
    for name in ("README.md", "LICENSE.md", "CITATION.cff", "CHANGELOG.md", "metadata.json"):
        assert (dist / name).is_file(), name
    readme = (dist / "README.md").read_text(encoding="utf-8")
    assert PACKAGE["version"] in readme and "CC BY 4.0" in readme and "Article 5" in readme
    assert "pd.read_parquet" in readme and "datasette" in readme
    assert "第五条" in (dist / "LICENSE.md").read_text(encoding="utf-8")
    schemas = sorted(p.name for p in (dist / "schemas" / "json").glob("*.json"))
    assert schemas == sorted(p.name for p in paths.HERE.json_schemas.glob("*.json"))
    with zipfile.ZipFile(dist / ZIP) as zf:
        names = zf.namelist()
    assert names[0] == "datapackage.json" and "README.md" in names and f"{STEM}.sqlite" in names
    assert not any(n.endswith(".zip") for n in names)


# ---------------------------------------------------------------- JSON


def test_json_records_match_their_schemas_and_the_csv(dist: Path):
    from jsonschema import Draft202012Validator

    for name in MODEL_RESOURCES:
        text = (dist / "json" / f"{name}.json").read_text(encoding="utf-8")
        assert text.endswith("]\n")
        records = json.loads(text)
        schema = json.loads((paths.HERE.json_schemas / f"{name}.schema.json").read_text(encoding="utf-8"))
        validator = Draft202012Validator(schema)
        assert len(records) == len(repo_rows(name)), name
        for rec in records:
            assert list(rec) == field_names(name)
            errors = list(validator.iter_errors(rec))
            assert not errors, (name, errors[0].message)


def test_json_keeps_chinese_as_text_and_types_values(dist: Path):
    text = (dist / "json" / "amounts.json").read_text(encoding="utf-8")
    assert "万元" in text and "\\u" not in text
    amount = next(a for a in json.loads(text) if a["amount_id"] == SAMPLE_AMOUNT)
    assert amount["max_cny"] == 500000 and amount["ratio_percent"] is None


def test_nested_document_files_hold_every_provision_and_fact(dist: Path):
    files = sorted((dist / "json" / "documents").glob("*.json"))
    assert [p.stem for p in files] == sorted(r["document_id"] for r in repo_rows("documents"))
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    provisions = [p for d in docs for p in d["provisions"]]
    assert len(provisions) == len(repo_rows("provisions"))
    for key, resource in [("targets", "targets"), ("amounts", "amounts"),
                          ("responsibilities", "responsibilities"), ("instruments", "provision_instruments")]:
        assert sum(len(p[key]) for p in provisions) == len(repo_rows(resource)), key
    hubei = json.loads((dist / "json" / "documents" / "hubei-2023.json").read_text(encoding="utf-8"))
    nine = next(p for p in hubei["provisions"] if p["provision_id"] == "hubei-2023/9")
    assert next(a for a in nine["amounts"] if a["amount_id"] == SAMPLE_AMOUNT)["max_cny"] == 500000
    assert all(r["agency_name"] for p in provisions for r in p["responsibilities"])


# ---------------------------------------------------------------- XLSX


def test_a_release_built_again_later_is_byte_identical(dist: Path, tmp_path: Path) -> None:
    """Same package, same bytes: no clock, no temporary name and no dictionary order reaches a file."""
    import time

    time.sleep(1.1)  # a timestamp taken from the clock would now differ by a second
    again = tmp_path / "again"
    build_release(again, package.load(paths.ROOT))
    files = sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    assert (again / "SHA256SUMS").read_bytes() == (dist / "SHA256SUMS").read_bytes()
    assert all((again / f).read_bytes() == (dist / f).read_bytes() for f in files)


@pytest.fixture(scope="session")
def workbook(dist: Path):
    from openpyxl import load_workbook

    return load_workbook(dist / f"{STEM}.xlsx")


def test_xlsx_has_readme_every_resource_and_codebook(workbook):
    names = workbook.sheetnames
    assert names[0] == "README" and names[-1] == "codebook"
    assert all(len(n) <= 31 for n in names)
    # every table but text_repairs, which the README sheet says is in the other formats
    assert names[1:-1] == [n for n in RESOURCE_NAMES if n != "text_repairs"]
    readme = {row[0]: row[1] for row in workbook["README"].iter_rows(values_only=True)}
    assert "not in this workbook" in readme["text_repairs"] and "CSV" in readme["text_repairs"]
    assert readme["version"] == PACKAGE["version"] and readme["licence"] == "CC-BY-4.0"
    for name in names:
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref, name
        assert all(cell.font.b for cell in next(sheet.iter_rows(max_row=1))), name


def test_xlsx_sheets_match_the_csv(workbook):
    for name in MODEL_RESOURCES:
        if name == "text_repairs":
            continue  # left out by decision (see the README sheet)
        rows = list(workbook[name].iter_rows(values_only=True))
        assert list(rows[0]) == field_names(name)
        assert len(rows) - 1 == len(repo_rows(name)), name
    header, *amounts = list(workbook["amounts"].iter_rows(values_only=True))
    sample = dict(zip(header, next(r for r in amounts if r[0] == SAMPLE_AMOUNT), strict=True))
    assert sample["max_cny"] == 500000
    header, *documents = list(workbook["documents"].iter_rows(values_only=True))
    hubei = dict(zip(header, next(r for r in documents if r[0] == "hubei-2023"), strict=True))
    assert hubei["issuer_inferred"] is True  # a real boolean
    baotou = dict(zip(header, next(r for r in documents if r[0] == "baotou-2023"), strict=True))
    assert isinstance(baotou["issued_date"], dt.datetime)  # a real date (openpyxl reads dates as datetimes)


def test_xlsx_has_no_formulas(workbook):
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


def test_xlsx_stores_formula_like_text_as_text(tmp_path: Path):
    from openpyxl import load_workbook

    from zjtx.release.xlsx import fill_sheet, open_workbook

    wb = open_workbook(tmp_path / "t.xlsx")
    fill_sheet(wb, "t", [["a"], ["=1+1"], ["+86"], ["-x"], ["@sum"], ["0123"], ["https://example.org/x"]])
    wb.close()
    cells = [c for (c,) in load_workbook(tmp_path / "t.xlsx").active.iter_rows(min_row=2)]
    assert [(c.value, c.data_type, c.hyperlink) for c in cells] == [
        ("=1+1", "s", None), ("+86", "s", None), ("-x", "s", None), ("@sum", "s", None), ("0123", "s", None),
        ("https://example.org/x", "s", None)]
    assert not any(p.name.endswith(".tmp") or p.name.startswith("tmp") for p in tmp_path.iterdir())


# ---------------------------------------------------------------- SQLite


@pytest.fixture
def db(dist: Path, tmp_path: Path):
    # a copy, so the insert test leaves the session's release untouched
    path = tmp_path / "release.sqlite"
    path.write_bytes((dist / f"{STEM}.sqlite").read_bytes())
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    yield con
    con.close()


def test_sqlite_is_intact_and_keys_hold(db):
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_tables_match_the_csv(db):
    for res in PACKAGE["resources"]:
        count = db.execute(f"SELECT count(*) FROM {res['name']}").fetchone()[0]
        assert count == len(repo_rows(res["name"])), res["name"]
    assert db.execute("SELECT max_cny FROM amounts WHERE amount_id = ?", (SAMPLE_AMOUNT,)).fetchone() == (500000,)


def test_sqlite_says_how_to_enforce_its_keys(db):
    about = dict(db.execute("SELECT key, value FROM _about").fetchall())
    assert "PRAGMA foreign_keys = ON" in about["foreign_keys"] and about["version"] == PACKAGE["version"]


def test_sqlite_accepts_a_valid_row_and_rejects_a_dangling_key(db):
    unused = db.execute("SELECT code FROM instrument WHERE code NOT IN "
                        "(SELECT instrument FROM provision_instruments WHERE provision_id = 'hubei-2023/9') "
                        "ORDER BY code LIMIT 1").fetchone()[0]
    db.execute("INSERT INTO provision_instruments (provision_id, document_id, instrument, position) "
               "VALUES (?, ?, ?, ?)", ("hubei-2023/9", "hubei-2023", unused, 99))
    db.commit()
    assert db.execute("SELECT count(*) FROM provision_instruments WHERE position = 99").fetchone() == (1,)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO provision_instruments (provision_id, document_id, instrument, position) "
                   "VALUES (?, ?, ?, ?)", ("no-such/provision", "hubei-2023", "x", 1))
    with pytest.raises(sqlite3.IntegrityError):  # a code its codelist does not have
        db.execute("UPDATE amounts SET basis = 'no_such_basis' WHERE amount_id = ?", (SAMPLE_AMOUNT,))
    with pytest.raises(sqlite3.IntegrityError):  # month 13
        db.execute("UPDATE documents SET issued_date = '2023-13-45' WHERE document_id = 'hubei-2023'")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO amounts (amount_id) VALUES ('x')")  # NOT NULL columns


# ---------------------------------------------------------------- Parquet


def test_parquet_tables_are_typed_and_match_the_csv(dist: Path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name in RESOURCE_NAMES:
        table = pq.read_table(dist / "parquet" / name)
        assert table.num_rows == len(repo_rows(name)) and table.column_names == field_names(name)
    amounts = pq.read_table(dist / "parquet" / "amounts").to_pylist()
    assert next(a for a in amounts if a["amount_id"] == SAMPLE_AMOUNT)["max_cny"] == 500000
    documents = pq.read_table(dist / "parquet" / "documents")
    assert documents.schema.field("issued_date").type == pa.date32()
    assert documents.schema.field("issuer_inferred").type == pa.bool_()
    agencies = pq.read_table(dist / "parquet" / "agencies")
    assert agencies.schema.field("aliases").type == pa.list_(pa.string())


# ---------------------------------------------------------------- zip, checksums, reproducibility


def test_sha256sums_cover_every_file(dist: Path):
    import hashlib

    lines = (dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = [line.split("  ", 1)[1] for line in lines]
    assert listed == sorted(listed)
    on_disk = sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*")
                     if p.is_file() and p.name not in ("SHA256SUMS", ".zjtx-release"))
    assert listed == on_disk
    for line in lines:
        digest, rel = line.split("  ", 1)
        assert hashlib.sha256((dist / rel).read_bytes()).hexdigest() == digest


def test_zip_holds_the_release_in_a_fixed_order_and_time(dist: Path):
    with zipfile.ZipFile(dist / ZIP) as zf:
        names = zf.namelist()
        assert names[0] == "datapackage.json" and names[1:] == sorted(names[1:])
        # every file, the database too (written by the second process while the zip is compressed)
        assert set(names) == {p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file()
                              and p.name not in (ZIP, "SHA256SUMS", ".zjtx-release")}
        assert zf.read(f"{STEM}.xlsx") == (dist / f"{STEM}.xlsx").read_bytes()
        assert {i.date_time for i in zf.infolist()} == {SOURCE.created.timetuple()[:6]}
        # what is already compressed is stored, the rest deflated
        methods = {i.filename: i.compress_type for i in zf.infolist()}
        assert {methods[n] for n in names if n.endswith((".parquet", ".xlsx"))} == {zipfile.ZIP_STORED}
        assert {methods[n] for n in names if n.endswith((".csv", ".json", ".sqlite"))} == {zipfile.ZIP_DEFLATED}


def test_the_zip_is_the_same_whichever_process_wrote_a_format(dist: Path, tmp_path: Path) -> None:
    """The two processes share the formats (each takes the next one nobody has taken), so which one wrote the
    database or json/ varies from run to run; the zip, written while the other process still works, must not."""
    import shutil

    from zjtx.release.archive import PENDING, write_zip

    out = tmp_path / "dist"
    shutil.copytree(dist, out, ignore=shutil.ignore_patterns(ZIP, "SHA256SUMS"))
    late = [f"{STEM}.sqlite", "json"]  # a file and a folder, still being written when the zip starts
    (out / PENDING).mkdir()
    for entry in late:
        (out / entry).rename(out / PENDING / entry)

    def written() -> None:
        for entry in late:
            (out / PENDING / entry).rename(out / entry)

    write_zip(tmp_path / "again.zip", out, SOURCE.created, pending=late, wait=written)
    assert (tmp_path / "again.zip").read_bytes() == (dist / ZIP).read_bytes()


def test_a_release_whose_second_process_takes_nothing_is_the_same(dist: Path, tmp_path: Path, monkeypatch) -> None:
    """Which process takes which format depends on which starts first; where this one takes them all, the zip
    never waits for the other, and the release must still end it and leave nothing of the shared work behind."""
    import zjtx.release
    from zjtx.release.archive import PENDING

    ended = []

    def idle(fn, *args):  # a second process that starts too late to take anything
        def outcome() -> list[str]:
            ended.append(True)
            return []
        outcome.cancel = lambda: None  # type: ignore[attr-defined]
        return outcome

    monkeypatch.setattr(zjtx.release.background, "start", idle)
    build_release(tmp_path / "dist", SOURCE)
    assert ended and not (tmp_path / "dist" / PENDING).exists()
    assert (tmp_path / "dist" / ZIP).read_bytes() == (dist / ZIP).read_bytes()


def test_two_processes_take_each_step_once() -> None:
    from zjtx import background

    claims = background.Claims()
    other = background.start(lambda: [claims() for _ in range(300)])
    mine = [claims() for _ in range(300)]
    assert sorted(mine + other()) == list(range(600))


@pytest.mark.parametrize("writer", ["write_xlsx", "write_sqlite"])
def test_a_writer_that_fails_leaves_the_previous_release_and_no_work(dist: Path, tmp_path: Path, monkeypatch,
                                                                    writer: str) -> None:
    """The formats are shared between two processes (which takes which varies): a failure on either side ends
    the release with one line, stops the other side, and leaves the previous release and nothing else."""
    import shutil

    import zjtx.release

    out = tmp_path / "dist"
    shutil.copytree(dist, out)

    def broken(*args: object) -> None:
        raise ValueError("a cell Excel cannot hold")

    monkeypatch.setattr(zjtx.release, writer, broken)
    with pytest.raises(SystemExit, match=r"the release failed \(ValueError: a cell Excel cannot hold\); the "
                                         r"previous release .* is unchanged"):
        build_release(out, SOURCE)
    assert (out / "SHA256SUMS").read_bytes() == (dist / "SHA256SUMS").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_two_builds_are_byte_identical(dist: Path, tmp_path: Path):
    again = build_release(tmp_path / "dist", SOURCE)
    assert again.read_bytes() == (dist / "SHA256SUMS").read_bytes()


# ---------------------------------------------------------------- citation


def test_citation_matches_the_package():
    cff = yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["license"] == "CC-BY-4.0"
    assert cff["version"] == PACKAGE["version"] and cff["title"] == PACKAGE["title"]
    assert str(cff["date-released"]) == PACKAGE["created"][:10]
    assert cff["authors"] == [{"name": "zhuanjingtexin-policies contributors"}]
    preferred = cff["preferred-citation"]  # an entity author: BibTeX keeps the name whole
    assert preferred["authors"] == cff["authors"] and preferred["version"] == PACKAGE["version"]
    assert preferred["url"] == PACKAGE["homepage"] and preferred["repository-code"] == PACKAGE["repository"]
    zenodo = json.loads((paths.ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["version"] == PACKAGE["version"] and zenodo["license"] == "cc-by-4.0"


# ---------------------------------------------------------------- JSON Schemas: jsonschema and ajv agree

AJV = paths.ROOT / "node_modules" / ".bin" / "ajv"


def schema_registry(dist: Path):
    from referencing import Registry, Resource

    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (dist / "schemas" / "json").glob("*.json")}
    return schemas, Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in schemas.values()])


def json_errors(schema: dict, registry, value: object) -> list[str]:
    from jsonschema import Draft202012Validator, FormatChecker

    return [e.message for e in Draft202012Validator(schema, registry=registry,
                                                    format_checker=FormatChecker()).iter_errors(value)]


def ajv(dist: Path, schema: str, data: list[Path]) -> subprocess.CompletedProcess:
    if not AJV.is_file():
        pytest.fail(f"{AJV} missing: `make test` installs it from package-lock.json (npm ci)")
    refs = [a for p in sorted((dist / "schemas" / "json").glob("*.schema.json")) if p.name != schema
            for a in ("-r", str(p))]
    return subprocess.run([str(AJV), "validate", "--spec=draft2020", "-c", "ajv-formats", "-s",
                           str(dist / "schemas" / "json" / schema), *refs, *[a for d in data for a in ("-d", str(d))]],
                          capture_output=True, text=True, cwd=paths.ROOT, check=False)


def test_every_json_file_is_valid_for_jsonschema_and_ajv(dist: Path):
    schemas, registry = schema_registry(dist)
    files = sorted((dist / "json").glob("*.json"))
    assert len(files) == len(RESOURCE_NAMES)
    for path in files:
        schema = f"{path.stem}.list.schema.json"
        assert json_errors(schemas[schema], registry, json.loads(path.read_text(encoding="utf-8"))) == [], path.name
        run = ajv(dist, schema, [path])
        assert run.returncode == 0, (path.name, run.stdout[-500:], run.stderr[-500:])
    documents = sorted((dist / "json" / "documents").glob("*.json"))
    for path in documents:
        document = json.loads(path.read_text(encoding="utf-8"))
        assert json_errors(schemas["document.schema.json"], registry, document) == [], path.name
    run = ajv(dist, "document.schema.json", documents)
    assert run.returncode == 0, run.stdout[-500:] + run.stderr[-500:]


def crafted(records: list[dict], record_id: str, key: str, **changes) -> dict:
    return {**next(r for r in records if r[key] == record_id), **changes}


def test_jsonschema_and_ajv_reject_the_same_crafted_records(dist: Path, tmp_path: Path):
    """Rules a JSON Schema can state. What it cannot (min ≤ max, equal figures of a fixed amount, dates in
    order, quotes that are the text) is the validator's: its $comment says so, tests/test_mutations.py checks it."""
    schemas, registry = schema_registry(dist)
    amounts = json.loads((dist / "json" / "amounts.json").read_text(encoding="utf-8"))
    documents = json.loads((dist / "json" / "documents.json").read_text(encoding="utf-8"))
    fixed = next(a for a in amounts if a["amount_type"] == "fixed")["amount_id"]
    ratio = next(a for a in amounts if a["amount_type"] == "ratio")["amount_id"]
    bad = {
        "fixed amount without a figure": ("amounts", crafted(amounts, fixed, "amount_id", max_cny=None)),
        "ratio without its percentage": ("amounts", crafted(amounts, ratio, "amount_id", ratio_percent=None)),
        "empty quote": ("amounts", crafted(amounts, fixed, "amount_id", quote="")),
        "unanchored id": ("amounts", crafted(amounts, fixed, "amount_id", provision_id="x hubei-2023/9")),
        "month 13": ("documents", crafted(documents, "hubei-2023", "document_id", issued_date="2023-13-45")),
        "unknown code": ("amounts", crafted(amounts, fixed, "amount_id", basis="no_such_basis")),
        "extra key": ("amounts", {**crafted(amounts, fixed, "amount_id"), "comment": "x"}),
    }
    for what, (name, record) in bad.items():
        assert json_errors(schemas[f"{name}.list.schema.json"], registry, [record]), what
        path = tmp_path / f"{name}-{len(what)}.json"
        path.write_text(json.dumps([record], ensure_ascii=False), encoding="utf-8")
        assert ajv(dist, f"{name}.list.schema.json", [path]).returncode != 0, what
    schema = schemas["amounts.schema.json"]
    assert "min_cny ≤ max_cny" in schema["$comment"] and "zjtx validate" in schema["$comment"]


# ---------------------------------------------------------------- the same types in every tool


def table_types(name: str) -> dict[str, str]:
    return {f["name"]: f["type"] for f in RELEASE.resource(name)["schema"]["fields"]}


ARROW = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool_", "date": "date32",
         "array": "string"}
POLARS = {"string": "String", "integer": "Int64", "number": "Float64", "boolean": "Boolean", "date": "Date",
          "array": "String"}
DUCKDB = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE",
          "array": "VARCHAR"}


def test_pandas_polars_and_duckdb_read_csv_and_parquet_alike(dist: Path):
    """Parquet carries the Table Schema's types; CSV read with them (what a Frictionless-aware reader does)
    gives the same dtypes and values in pandas, polars and DuckDB. Codes stay strings with their zeros."""
    import duckdb
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    for name in RESOURCE_NAMES:
        types = table_types(name)
        arrays = [c for c, t in types.items() if t == "array"]  # lists in Parquet, JSON text in CSV
        csv_path, parquet_path = dist / RELEASE.resource(name)["path"], dist / "parquet" / name / "*.parquet"
        # pandas (pyarrow-backed dtypes keep nullable integers as integers)
        dtypes = {c: pd.ArrowDtype(getattr(pa, ARROW[t])()) for c, t in types.items()}
        frame = pd.read_parquet(parquet_path.parent, dtype_backend="pyarrow").drop(columns=arrays)
        from_csv = pd.read_csv(csv_path, engine="pyarrow", dtype_backend="pyarrow", keep_default_na=False,
                               na_values=[""], dtype=dtypes).drop(columns=arrays)
        assert list(frame.dtypes) == [dtypes[c] for c in frame.columns], name
        assert list(from_csv.dtypes) == list(frame.dtypes), name
        pd.testing.assert_frame_equal(from_csv, frame, check_dtype=True)
        # polars
        frame = pl.read_parquet(parquet_path).drop(arrays)
        from_csv = pl.read_csv(csv_path, schema={c: getattr(pl, POLARS[t]) for c, t in types.items()}).drop(arrays)
        assert [str(t) for t in frame.dtypes] == [POLARS[types[c]] for c in frame.columns], name
        assert from_csv.equals(frame), name
        # DuckDB
        con = duckdb.connect()
        columns = ", ".join(f"'{c}': '{DUCKDB[t]}'" for c, t in types.items())
        parquet = con.sql(f"SELECT * EXCLUDE ({', '.join(arrays) or 'nothing_'}) FROM read_parquet('{parquet_path}')"
                          if arrays else f"SELECT * FROM read_parquet('{parquet_path}')")
        from_csv = con.sql(f"SELECT * {'EXCLUDE (' + ', '.join(arrays) + ')' if arrays else ''} FROM "
                           f"read_csv('{csv_path}', header = true, columns = {{{columns}}})")
        assert [str(t) for t in parquet.types] == [DUCKDB[types[c]] for c in parquet.columns], name
        assert [str(t) for t in from_csv.types] == [str(t) for t in parquet.types], name
        assert from_csv.fetchall() == parquet.fetchall(), name
        con.close()
    codes = pd.read_parquet(dist / "parquet" / "number_exclusions")["number"]
    assert codes.str.startswith("0").any()  # numbers kept as written: leading zeros survive


def test_the_load_it_recipes_run(dist: Path, monkeypatch):
    """Every tested recipe of the README, run as written in the release's folder."""
    from zjtx.release.recipes import rendered

    monkeypatch.chdir(dist)
    for recipe, code in rendered(STEM):
        if not recipe.tested:
            continue
        if recipe.language == "python":
            scope: dict = {}
            exec(code, scope)  # our own recipe text, run as a reader would paste it
            assert len(scope["amounts"]) == len(RELEASE.records["amounts"]), recipe.tool
            if recipe.tool == "pandas":  # the Table Schema's types: integers stay integers beside nulls
                assert str(scope["amounts"]["min_cny"].dtype) == "Int64"
                assert str(scope["amounts"]["paid_to_firm"].dtype) == "boolean"
        elif recipe.tool == "sqlite3":
            query = code.split('"')[1]
            con = sqlite3.connect(dist / f"{STEM}.sqlite")
            assert sum(n for _, n in con.execute(query)) == len(RELEASE.records["amounts"])
            con.close()
        elif recipe.tool == "Datasette":
            assert code.split()[1:] == [f"{STEM}.sqlite", "--metadata", "metadata.json"]


def datasette_get(dist: Path, path: str) -> dict:
    run = subprocess.run([str(Path(sys.executable).parent / "datasette"), f"{STEM}.sqlite", "--metadata",
                          "metadata.json", "--get", path], capture_output=True, text=True, cwd=dist, check=False)
    assert run.returncode == 0, run.stderr[-1000:]
    return json.loads(run.stdout)


def search_words() -> list[str]:
    """The words readers search with: every Chinese form of every glossary term, and every Chinese word of the
    public search queries (tests/search_queries.csv)."""
    words = [form for term in RELEASE.records["glossary"] for form in term["zh_forms"]]
    with (Path(__file__).parent / "search_queries.csv").open(encoding="utf-8", newline="") as fh:
        words += [w for row in csv.DictReader(fh) for w in row["query"].split() if not w.isascii()]
    return sorted(set(words))


def datasette_rows(dist: Path, paths_: list[str], metadata: bool) -> list[list[dict]]:
    """Each path's rows as Datasette serves them, started as a reader starts it: with or without metadata.json."""
    import asyncio
    import concurrent.futures

    from datasette.app import Datasette

    meta = json.loads((dist / "metadata.json").read_text(encoding="utf-8")) if metadata else None
    ds = Datasette([str(dist / f"{STEM}.sqlite")], metadata=meta)

    async def fetch() -> list[list[dict]]:
        out = []
        for path in paths_:
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:300])
            out.append(response.json())
        return out

    # in a thread of its own: a session that drives the browser (Playwright) holds an event loop in this one
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, fetch()).result()


@pytest.mark.parametrize("metadata", [True, False], ids=["with-metadata", "without-metadata"])
def test_datasette_search_finds_exactly_the_provisions_containing_each_word(dist: Path, metadata: bool):
    """?_search= returns the same provisions as own_text LIKE '%word%' for every glossary form and query word that
    is a run of letters and characters of 2 to 12 (the n-grams the index holds), with Datasette started with or
    without metadata.json; the canned query finds any text, single characters and punctuation included."""
    from zjtx.release.sqlite import CONTAINS_QUERY

    words = search_words()
    indexable = [w for w in words if 2 <= len(w) <= 12 and w.isalnum()]  # what the README promises
    assert {"数字化转型", "知识产权质押", "小巨人", "首台套"} <= set(indexable) and len(indexable) >= 40
    searched = datasette_rows(dist, [f"/{STEM}/provisions.json?_search={w}&_shape=array&_size=max&_col=provision_id"
                                     for w in indexable], metadata)
    con = sqlite3.connect(dist / f"{STEM}.sqlite")
    for word, rows in zip(indexable, searched, strict=True):
        like = {r for (r,) in con.execute("SELECT provision_id FROM provisions WHERE own_text LIKE ?", (f"%{word}%",))}
        assert {r["provision_id"] for r in rows} == like, word
    if metadata:  # canned queries live in metadata.json
        others = ["税", "贷", *[w for w in words if w not in indexable]]
        canned = datasette_rows(dist, [f"/{STEM}/{CONTAINS_QUERY}.json?text={w}&_shape=array&_size=max"
                                       for w in others], metadata)
        for word, rows in zip(others, canned, strict=True):
            like = {r for (r,) in con.execute("SELECT provision_id FROM provisions WHERE own_text LIKE ?",
                                              (f"%{word}%",))}
            assert like and {r["provision_id"] for r in rows} == like, word
    con.close()


def test_datasette_facets_by_document_and_reads_the_metadata(dist: Path):
    facets = datasette_get(dist, f"/{STEM}/responsibilities.json?_facet=document_id")
    counts = {f["value"]: f["count"] for f in facets["facet_results"]["document_id"]["results"]}
    assert counts == {d: sum(r["document_id"] == d for r in RELEASE.records["responsibilities"]) for d in counts}
    meta = datasette_get(dist, "/-/metadata.json")
    assert meta["license"] == "CC BY 4.0" and meta["databases"][STEM]["tables"]["provisions"]["fts_table"]


def test_duckdb_reads_each_parquet_folder_as_one_table_whatever_its_parts(tmp_path: Path, monkeypatch):
    """The layout a distributed engine needs as the corpus grows: a folder per table, read with a glob, the
    same rows however many parts it is cut into."""
    import duckdb

    from zjtx.release import parquet

    monkeypatch.setattr(parquet, "PART_ROWS", 40)
    monkeypatch.setattr(parquet, "BATCH_ROWS", 7)  # row groups that do not divide a part
    parquet.write_parquet(tmp_path, RELEASE)
    con = duckdb.connect()
    counts = {name: sum(1 for _ in RELEASE.rows(name)) for name in RESOURCE_NAMES}
    for name, count in counts.items():
        parts = sorted((tmp_path / name).glob("*.parquet"))
        assert len(parts) == max(1, -(-count // 40)), name  # no empty part after a full one
        rows = con.sql(f"SELECT count(*) FROM '{tmp_path / name}/*.parquet'").fetchall()[0][0]
        assert rows == count, name
    ids = [r[0] for r in con.sql(f"SELECT amount_id FROM '{tmp_path}/amounts/*.parquet'").fetchall()]
    assert ids == [a["amount_id"] for a in RELEASE.records["amounts"]]  # parts in order, rows in file order
    monkeypatch.setattr(parquet, "PART_ROWS", counts["amounts"])  # a table that fills its part exactly
    parquet.write_parquet(tmp_path / "exact", RELEASE)
    assert [p.name for p in (tmp_path / "exact" / "amounts").iterdir()] == ["part-00000.parquet"]


def test_every_question_of_the_readme_is_one_query_that_answers_it(dist: Path):
    """The README's questions, run as written in SQLite and in DuckDB: the same rows, and the little-giant
    question returns exactly the curated awards for reaching that tier."""
    import duckdb

    from zjtx.release.documentation import readme
    from zjtx.release.recipes import QUESTIONS

    text = readme(SOURCE, STEM)
    con = sqlite3.connect(dist / f"{STEM}.sqlite")
    duck = duckdb.connect()
    for name in ("amounts", "documents", "responsibilities", "agencies", "provisions"):
        duck.execute(f"CREATE VIEW {name} AS FROM '{dist / 'parquet' / name}/*.parquet'")
    answers = []
    for q in QUESTIONS:
        assert q.sql in text and q.question in text
        rows = con.execute(q.sql).fetchall()
        assert rows, q.question
        assert [tuple(r) for r in duck.execute(q.sql).fetchall()] == rows, q.question
        answers.append(rows)
    awards = sorted(a["max_cny"] for a in RELEASE.records["amounts"]
                    if a["basis"] == "tier_recognition" and a["tier"] == "little_giant")
    assert sorted(r[3] for r in answers[0]) == awards and len(awards) >= 2
    functions = {r[0] for r in answers[1]}
    assert functions <= set(SOURCE.codelist("agency_function")) and "industry_it" in functions
    con.close()
    duck.close()


def test_no_cell_of_any_csv_starts_like_a_formula(dist: Path):
    """Excel and LibreOffice read a cell starting with = + - @ as a formula when a CSV is opened: no cell of any
    CSV of the release begins so, unless it is a number."""
    bad = []
    for path in sorted((dist / "data").rglob("*.csv")) + sorted((dist / "schemas").rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row_no, row in enumerate(csv.reader(fh), start=1):
                for cell in row:
                    if cell[:1] in ("=", "+", "-", "@"):
                        try:
                            float(cell)
                        except ValueError:
                            bad.append((path.name, row_no, cell[:30]))
    assert bad == []


def test_every_field_of_every_resource_has_a_title_and_description():
    """A catalogue or Datasette shows each column with its title and description: every field of the release's
    descriptor, codelists included."""
    missing = [(r["name"], f["name"]) for r in PACKAGE["resources"] for f in r["schema"]["fields"]
               if not f.get("title") or not f.get("description")]
    assert missing == []


def test_every_agency_has_a_function_and_every_responsibility_a_role_basis():
    functions = SOURCE.codelist("agency_function")
    assert all(a["function"] in functions for a in SOURCE.records["agencies"])
    assert len({a["function"] for a in SOURCE.records["agencies"]}) >= 20  # comparable across places, not one bin
    bases = SOURCE.codelist("role_basis")
    assert all(r["role_basis"] in bases for r in SOURCE.records["responsibilities"])


# ---------------------------------------------------------------- every format holds the same data


def canonical(field_type: str, value: object) -> object:
    """A typed cell as every format should mean it, whatever the format's own spelling: null for empty, dates as
    ISO text, booleans as booleans (SQLite's 0/1), numbers as numbers, arrays as lists (JSON text in SQLite and
    the workbook). A number or boolean spelt as text stays text, so it differs from the reference."""
    if value is None or value == "":
        return None
    if field_type == "date":
        return value.isoformat()[:10] if isinstance(value, dt.date) else str(value)
    if field_type == "boolean":
        return bool(value) if isinstance(value, int) and value in (0, 1) else ("text", value)
    if field_type in ("integer", "number"):
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else ("text", value)
    if field_type == "array":
        return list(value) if isinstance(value, (list, tuple)) else json.loads(str(value))
    return str(value)


def canonical_rows(name: str, rows: list) -> list[tuple]:
    """Rows (mappings by field name, or sequences in schema order) as tuples of canonical cells."""
    fields = RELEASE.resource(name)["schema"]["fields"]
    out = []
    for row in rows:
        values = [row[f["name"]] for f in fields] if isinstance(row, dict) else list(row)
        assert len(values) == len(fields), name
        out.append(tuple(canonical(f["type"], v) for f, v in zip(fields, values, strict=True)))
    return out


def test_every_format_holds_every_cell_of_every_table_as_the_csv_does(dist: Path, workbook):
    """The release's CSVs (the Frictionless package) are the reference: JSON, Parquet, SQLite, the workbook
    (but text_repairs, left out of it by decision) and the zip's copy hold the same rows in the same order, cell
    for cell."""
    import pyarrow.parquet as pq

    con = sqlite3.connect(dist / f"{STEM}.sqlite")
    with zipfile.ZipFile(dist / ZIP) as zf:
        zipped = {n: zf.read(n) for n in zf.namelist() if n.endswith(".csv")}
    compared = 0
    for res in PACKAGE["resources"]:
        name = res["name"]
        raw = (dist / res["path"]).read_bytes()
        assert zipped[res["path"]] == raw, name
        fields = res["schema"]["fields"]
        reference = canonical_rows(name, [[typed_value(f["type"], row[f["name"]]) for f in fields] for row in
                                          csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""))])
        forms = {
            "json": canonical_rows(name, json.loads((dist / "json" / f"{name}.json").read_text(encoding="utf-8"))),
            "parquet": canonical_rows(name, pq.read_table(dist / "parquet" / name).to_pylist()),
            "sqlite": canonical_rows(name, con.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall()),
        }
        if name != "text_repairs":
            header, *rows = list(workbook[name].iter_rows(values_only=True))
            assert list(header) == [f["name"] for f in fields], name
            forms["xlsx"] = canonical_rows(name, rows)
        for form, rows in forms.items():
            assert len(rows) == len(reference), (name, form)
            first = next((i for i, (a, b) in enumerate(zip(rows, reference, strict=True)) if a != b), None)
            assert first is None, (name, form, first, rows[first] if first is not None else None,
                                   reference[first] if first is not None else None)
            compared += len(rows)
    con.close()
    assert compared > 4 * sum(1 for _ in RELEASE.rows("text_repairs"))  # every table, text_repairs included


@pytest.mark.parametrize("table", ["text_repairs", "provisions"])
def test_rows_read_for_some_fields_are_those_fields_of_the_typed_rows(table: str) -> None:
    """Package.rows(name, fields): a streamed table (text_repairs) types only the fields asked for, an in-memory
    one projects its typed rows; the values are the same as in the whole rows, in the same order."""
    source = SOURCE
    fields = ("document_id", "seq") if table == "text_repairs" else ("provision_id", "char_start")
    whole = [{f: row[f] for f in fields} for row in source.rows(table)]
    assert whole and list(source.rows(table, fields)) == whole
    assert all(isinstance(row[fields[1]], int) for row in whole)  # typed, not the CSV's text
