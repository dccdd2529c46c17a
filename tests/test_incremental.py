"""Validation by part (incremental.py): after a change, `validate(root, cache=True)` reports exactly what a
full validation reports, whatever the change — contributors' mistakes of test_mutations.py applied to a
package whose cache says it was valid, changes that join documents, a cache from other code, a damaged
cache — and it validates only the changed documents when that is sound."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests import test_mutations as mutations
from tests.support import PACKAGE_PARTS, read_rows, stage_repo, write_rows
from zjtx import incremental
from zjtx.model import ConfigError
from zjtx.paths import ROOT as PACKAGE
from zjtx.validate import validate

# Mistakes of every family that leave the package readable (those that do not are validated whole, which
# the last cases below show): spans, figures, structure, units, texts, sources, codelists, keys, references.
CASES = ["span_off_by_one", "digit_dropped_from_value", "parent_in_another_document", "duplicated_id",
         "dangling_foreign_key", "agency_of_another_place", "duplicate_agency", "one_of_three_amounts_deleted",
         "hand_edited_text", "text_file_missing", "stray_file_in_sources", "empty_source",
         "lead_unit_named_in_prose_without_row", "draft_marker_left", "codelist_duplicate_code",
         "instruments_at_one_position", "target_year_outside_plan", "plan_years_reversed",
         "unit_span_in_another_provision", "empty_required_cell", "excel_crlf", "renamed_column"]
BY_NAME = {m.__name__: m for m in mutations.MUTATIONS}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """The real package with the cache of a valid run."""
    root = stage_repo(tmp_path_factory.mktemp("pristine"), PACKAGE_PARTS)
    report = validate(root, cache=True)
    assert report.ok and (root / incremental.CACHE).is_file()
    return root


@pytest.fixture
def copy(pristine: Path, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(pristine, root)
    return root


def problems(report) -> list[tuple]:
    return sorted((p.code, p.file, p.row or 0, p.field or "", p.value or "", p.message) for p in report.problems)


def both(root: Path):
    """The report by part (with the cache as it is) and the full report."""
    by_part = validate(root, cache=True)
    return by_part, validate(root)


def partial(report) -> str:
    return next((c for c in report.checked if c.startswith("incremental")), "")


def of_all(changed: int) -> str:
    """What a run by part says, for however many documents the package holds (no test depends on that)."""
    documents = len(read_rows(PACKAGE / "data" / "documents.csv")[1])
    return f"incremental ({changed} of {documents} documents)"


def test_nothing_changed_validates_no_document_again(copy: Path) -> None:
    report, full = both(copy)
    assert partial(report) == of_all(0) and problems(report) == problems(full) == []


@pytest.mark.parametrize("name", CASES)
def test_after_a_mistake_the_report_is_the_full_report(copy: Path, name: str) -> None:
    BY_NAME[name](copy)
    by_part, full = both(copy)
    assert not full.ok
    assert problems(by_part) == problems(full)
    # and the cache it wrote is not a stale one: a second run still reports the mistake
    assert problems(validate(copy, cache=True)) == problems(full)


def test_one_changed_amount_validates_its_document_only(copy: Path) -> None:
    change_amount(copy, "baotou-2023/3.1.2/a3")
    by_part, full = both(copy)
    assert partial(by_part) == of_all(1)
    assert problems(by_part) == problems(full) and any(p.code == "amount-mismatch" for p in full.problems)


def change_amount(root: Path, amount_id: str) -> int:
    """Add one yuan to an amount's max_cny (the quote then says another figure); its spreadsheet row."""
    header, rows = read_rows(root / "data/amounts.csv")
    i = next(i for i, r in enumerate(rows) if r["amount_id"] == amount_id)
    rows[i]["max_cny"] = str(int(rows[i]["max_cny"]) + 1)
    write_rows(root / "data/amounts.csv", header, rows)
    return i + 2


def test_a_kept_problem_follows_its_row_when_rows_above_it_go(copy: Path) -> None:
    row = change_amount(copy, "hubei-2023/9/a1")
    validate(copy, cache=True)  # the cache now holds Hubei's problem
    BY_NAME["one_of_three_amounts_deleted"](copy)  # a Baotou row, above Hubei's in the file, is deleted
    by_part, full = both(copy)
    assert partial(by_part) == of_all(1)
    assert problems(by_part) == problems(full)
    assert [p.row for p in full.problems if p.code == "amount-mismatch"] == [row - 1]


def test_a_key_shared_by_two_documents_is_found_by_a_full_run(copy: Path) -> None:
    header, rows = read_rows(copy / "data/amounts.csv")
    twin = dict(next(r for r in rows if r["document_id"] == "hubei-2023"))
    taken = next(r for r in rows if r["document_id"] == "baotou-2023")["amount_id"]
    rows.append({**twin, "amount_id": taken})
    write_rows(copy / "data/amounts.csv", header, rows)
    by_part, full = both(copy)
    assert partial(by_part) == "" and problems(by_part) == problems(full)
    assert any(p.code == "primary-key" for p in full.problems)


def test_an_agency_left_unused_by_one_document_is_reported(copy: Path) -> None:
    """A package check (it reads every document's rows) runs on the whole package in a run by part."""
    header, rows = read_rows(copy / "data/responsibilities.csv")
    uses = Counter(r["agency_id"] for r in rows)
    row = next(r for r in rows if uses[r["agency_id"]] == 1)
    write_rows(copy / "data/responsibilities.csv", header, [r for r in rows if r is not row])
    by_part, full = both(copy)
    assert partial(by_part) == of_all(1)
    assert problems(by_part) == problems(full)
    assert [p.value for p in full.problems if p.code == "agency-unused"] == [row["agency_id"]]


def test_a_cache_of_other_code_or_other_settings_is_not_used(copy: Path) -> None:
    cache = copy / incremental.CACHE
    data = json.loads(cache.read_text(encoding="utf-8"))
    cache.write_text(json.dumps({**data, "package": "0" * 64}), encoding="utf-8")  # as if the code had changed
    assert partial(validate(copy, cache=True)) == ""
    assert partial(validate(copy, cache=True)) == of_all(0)
    settings = copy / "settings/segmentation.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert partial(validate(copy, cache=True)) == ""


def damaged(kind: str, data: dict) -> str:
    first = next(iter(data["documents"]))
    return {"not json": "{not json", "other format": json.dumps({**data, "format": 99}),
            "a list": json.dumps([1, 2]), "documents not a mapping": json.dumps({**data, "documents": 3}),
            "entry not a mapping": json.dumps({**data, "documents": {**data["documents"], first: [1]}}),
            "problem of another shape": json.dumps({**data, "documents": {**data["documents"], first: {
                "fingerprint": data["documents"][first]["fingerprint"], "problems": [{"nope": 1}]}}})}[kind]


@pytest.mark.parametrize("kind", ["not json", "other format", "a list", "documents not a mapping",
                                  "entry not a mapping", "problem of another shape"])
def test_a_damaged_cache_is_ignored_without_a_traceback(copy: Path, kind: str) -> None:
    cache = copy / incremental.CACHE
    cache.write_text(damaged(kind, json.loads(cache.read_text(encoding="utf-8"))), encoding="utf-8")
    BY_NAME["digit_dropped_from_value"](copy)
    by_part, full = both(copy)
    assert problems(by_part) == problems(full) and not full.ok


@pytest.mark.parametrize("kind", ["runs of strings", "a run of three numbers", "a key column missing",
                                  "a key column too short", "no runs"])
def test_a_damaged_file_entry_makes_the_file_read_whole(copy: Path, kind: str) -> None:
    """Where the cache says a document's rows are, and its key values, are trusted only in the shape this code
    writes: another shape is a file read whole, never a traceback."""
    cache = copy / incremental.CACHE
    data = json.loads(cache.read_text(encoding="utf-8"))
    entry = next(iter(data["files"]["data/provisions.csv"]["documents"].values()))
    if kind == "runs of strings":
        entry["runs"] = [[str(n) for n in run] for run in entry["runs"]]
    elif kind == "a run of three numbers":
        entry["runs"] = [run[:3] for run in entry["runs"]]
    elif kind == "a key column missing":
        del entry["columns"]["provision_id"]
    elif kind == "a key column too short":
        entry["columns"]["provision_id"] = entry["columns"]["provision_id"][:-1]
    else:
        entry["runs"] = []
    cache.write_text(json.dumps(data), encoding="utf-8")
    change_amount(copy, "baotou-2023/3.1.2/a3")
    by_part, full = both(copy)
    assert partial(by_part) == of_all(1) and problems(by_part) == problems(full)


def test_a_broken_model_is_one_problem_in_both(copy: Path) -> None:
    BY_NAME["broken_model_yaml"](copy)
    with pytest.raises(ConfigError):
        validate(copy, cache=True)


def test_a_reference_that_comes_to_join_two_documents_is_found_by_a_full_run(copy: Path) -> None:
    """Only provisions.csv changes: one of Hubei's provisions is said to be Baotou's, while Hubei's amounts,
    targets and units in files the run by part does not read whole still name it."""
    header, rows = read_rows(copy / "data/provisions.csv")
    amounts = {r["provision_id"] for r in read_rows(copy / "data/amounts.csv")[1]}
    moved = next(r for r in rows if r["document_id"] == "hubei-2023" and r["provision_id"] in amounts)
    moved["document_id"] = "baotou-2023"
    write_rows(copy / "data/provisions.csv", header, rows)
    by_part, full = both(copy)
    assert partial(by_part) == "" and problems(by_part) == problems(full) and not full.ok


def test_a_file_changed_where_the_cache_says_rows_are_is_read_again(copy: Path) -> None:
    """The cache says where each document's rows are in a file; rows it points at that are no longer there
    (the same bytes, as the fingerprint says, but a cache edited or from elsewhere) are not trusted."""
    cache = copy / incremental.CACHE
    data = json.loads(cache.read_text(encoding="utf-8"))
    for entry in data["files"]["data/targets.csv"]["documents"].values():
        entry["runs"] = [[first, count, start + 1, end] for first, count, start, end in entry["runs"]]
    cache.write_text(json.dumps(data), encoding="utf-8")
    change_amount(copy, "baotou-2023/3.1.2/a3")
    by_part, full = both(copy)
    assert partial(by_part) == "" and problems(by_part) == problems(full)
