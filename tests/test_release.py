"""The release as a user meets it: each artefact opened with the ordinary tool for its format."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
import yaml

from zjtx import package, paths
from zjtx.release import build_release, release_stem

SOURCE = package.load(paths.ROOT)
PACKAGE = SOURCE.descriptor
STEM = release_stem(SOURCE)
MODEL_RESOURCES = SOURCE.model.resources
RESOURCE_NAMES = [r["name"] for r in PACKAGE["resources"]]
SAMPLE_AMOUNT = "hubei-2023/9/a1"  # 省财政给予一次性50万元奖励


def repo_rows(name: str) -> list[dict[str, str]]:
    with (paths.ROOT / SOURCE.resource(name)["path"]).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def field_names(name: str) -> list[str]:
    return [f["name"] for f in SOURCE.resource(name)["schema"]["fields"]]


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "dist"
    build_release(out, SOURCE)
    return out


# ---------------------------------------------------------------- CSV


def test_csv_package_is_a_valid_frictionless_package(dist: Path):
    from frictionless import validate

    report = validate(str(dist / "csv" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_csv_files_are_byte_identical_to_the_repository(dist: Path):
    for res in PACKAGE["resources"]:
        assert (dist / "csv" / res["path"]).read_bytes() == (paths.ROOT / res["path"]).read_bytes()
    for doc in SOURCE.records["documents"]:
        for key in ("source_path", "text_path"):
            assert (dist / "csv" / doc[key]).read_bytes() == (paths.ROOT / doc[key]).read_bytes()


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


@pytest.fixture(scope="session")
def workbook(dist: Path):
    from openpyxl import load_workbook

    return load_workbook(dist / f"{STEM}.xlsx")


def test_xlsx_has_readme_every_resource_and_codebook(workbook):
    names = workbook.sheetnames
    assert names[0] == "README" and names[-1] == "codebook"
    assert all(len(n) <= 31 for n in names)
    assert names[1:-1] == RESOURCE_NAMES  # text_repairs included: it fits
    readme = {row[0]: row[1] for row in workbook["README"].iter_rows(values_only=True)}
    assert readme["version"] == PACKAGE["version"] and readme["licence"] == "CC-BY-4.0"
    for name in names:
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref, name
        assert all(cell.font.b for cell in next(sheet.iter_rows(max_row=1))), name


def test_xlsx_sheets_match_the_csv(workbook):
    for name in MODEL_RESOURCES:
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
    from openpyxl import Workbook, load_workbook

    from zjtx.release.xlsx import fill_sheet

    wb = Workbook(write_only=True)
    wb.create_sheet("t")
    fill_sheet(wb["t"], [["a"], ["=1+1"], ["+86"], ["-x"], ["@sum"]])
    wb.save(tmp_path / "t.xlsx")
    cells = [c for (c,) in load_workbook(tmp_path / "t.xlsx").active.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells] == [
        ("=1+1", "s"), ("+86", "s"), ("-x", "s"), ("@sum", "s")]


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
        with (paths.ROOT / res["path"]).open(encoding="utf-8", newline="") as fh:
            assert count == len(list(csv.DictReader(fh))), res["name"]
    assert db.execute("SELECT max_cny FROM amounts WHERE amount_id = ?", (SAMPLE_AMOUNT,)).fetchone() == (500000,)


def test_sqlite_says_how_to_enforce_its_keys(db):
    about = dict(db.execute("SELECT key, value FROM _about").fetchall())
    assert "PRAGMA foreign_keys = ON" in about["foreign_keys"] and about["version"] == PACKAGE["version"]


def test_sqlite_accepts_a_valid_row_and_rejects_a_dangling_key(db):
    unused = db.execute("SELECT code FROM instrument WHERE code NOT IN "
                        "(SELECT instrument FROM provision_instruments WHERE provision_id = 'hubei-2023/9') "
                        "ORDER BY code LIMIT 1").fetchone()[0]
    db.execute("INSERT INTO provision_instruments (provision_id, instrument, position) VALUES (?, ?, ?)",
               ("hubei-2023/9", unused, 99))
    db.commit()
    assert db.execute("SELECT count(*) FROM provision_instruments WHERE position = 99").fetchone() == (1,)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO provision_instruments (provision_id, instrument, position) VALUES (?, ?, ?)",
                   ("no-such/provision", "x", 1))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO amounts (amount_id) VALUES ('x')")  # NOT NULL columns


# ---------------------------------------------------------------- Parquet


def test_parquet_tables_are_typed_and_match_the_csv(dist: Path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name in RESOURCE_NAMES:
        table = pq.read_table(dist / "parquet" / f"{name}.parquet")
        assert table.num_rows == len(repo_rows(name)) and table.column_names == field_names(name)
    amounts = pq.read_table(dist / "parquet" / "amounts.parquet").to_pylist()
    assert next(a for a in amounts if a["amount_id"] == SAMPLE_AMOUNT)["max_cny"] == 500000
    documents = pq.read_table(dist / "parquet" / "documents.parquet")
    assert documents.schema.field("issued_date").type == pa.date32()
    assert documents.schema.field("issuer_inferred").type == pa.bool_()
    agencies = pq.read_table(dist / "parquet" / "agencies.parquet")
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


def test_zip_holds_the_release_in_sorted_order(dist: Path):
    with zipfile.ZipFile(dist / f"{STEM}.zip") as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert f"{STEM}/csv/datapackage.json" in names and f"{STEM}/{STEM}.sqlite" in names
        assert {i.date_time for i in zf.infolist()} == {(2026, 11, 22, 0, 0, 0)}


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
