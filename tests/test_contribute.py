"""Contributing: a sixth document, scaffolded and filled by the guide's steps, validates; the scaffold
never overwrites and never leaves a half-filled document that passes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.contribute_fixture import DOC_ID, FIXTURE, SCAFFOLD_ARGS, add_synthetic_document, edit, scaffold
from tests.support import read_rows
from zjtx import normalize, paths, segment
from zjtx.normalize import apply_edits, opencc_edits
from zjtx.paths import Layout
from zjtx.validate import validate


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=paths.ROOT, capture_output=True, text=True, check=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_sixth_document_added_by_the_guide_validates(package_copy):
    before = len(read_rows(package_copy / "data" / "documents.csv")[1])
    assert add_synthetic_document(package_copy) == DOC_ID
    result = run("zjtx.cli", "validate", "--root", str(package_copy), "--json")
    report = json.loads(result.stdout)
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert (result.returncode, report["valid"], errors) == (0, True, [])
    _, docs = read_rows(package_copy / "data" / "documents.csv")
    assert [r["document_id"] for r in docs][-1] == DOC_ID and len(docs) == before + 1


def test_scaffold_writes_what_make_normalise_and_the_segmenter_would(package_copy):
    scaffold(package_copy)
    assert (package_copy / "data" / "sources" / f"{DOC_ID}.txt").read_bytes() == FIXTURE.read_bytes()
    for rel, content in normalize.build(Layout(package_copy)).items():
        assert (package_copy / rel).read_text(encoding="utf-8") == content, rel
    _, rows = read_rows(package_copy / "data" / "provisions.csv")
    mine = [(r["provision_id"], r["parent_id"] or None, r["label"], r["heading"], int(r["char_start"]),
             int(r["char_end"])) for r in rows if r["document_id"] == DOC_ID]
    theirs = [(p.provision_id, p.parent_id, p.label, p.heading, p.char_start, p.char_end)
              for p in segment.propose_all(Layout(package_copy)) if p.document_id == DOC_ID]
    assert mine == theirs and len(mine) == 6


def test_scaffold_lists_every_number_and_what_needs_a_decision(package_copy):
    printed = scaffold(package_copy)
    _, sheet = read_rows(package_copy / "drafts" / f"{DOC_ID}-numbers.csv")
    assert [r["number"] for r in sheet] == ["2025", "10", "20", "2024", "1", "1"]  # not the labels 1. and 2.
    assert [r["looks_like"] for r in sheet][:3] == ["date or target year", "target or exclusion", "amount"]
    assert "6 number(s)" in printed and "3 responsibility clause(s)" in printed and "TODO" in printed


def test_a_half_filled_draft_does_not_pass(package_copy):
    scaffold(package_copy)
    report = validate(package_copy)
    drafts = {(p.file, p.field) for p in report.errors if p.code == "draft-value"}
    assert {("data/documents.csv", "title"), ("data/documents.csv", "issued_date"),
            ("data/provisions.csv", "kind")} <= drafts
    assert {p.code for p in report.errors} >= {"unaccounted-number", "clause-incomplete"}
    # A TODO in a typed cell is reported once, as a draft value, not also as a type error.
    assert not [p for p in report.errors if p.field == "issued_date" and p.code != "draft-value"]


def leftover_source(root: Path) -> None:
    (root / "data" / "sources" / f"{DOC_ID}.txt").write_bytes(b"left over\n")


@pytest.mark.parametrize(("args", "prepare", "message"), [
    (["hubei-2023"], None, "already in data/documents.csv"),
    ([DOC_ID], leftover_source, f"data/sources/{DOC_ID}.txt already exists"),
    (["Shili_County"], None, "not a valid document id"),
    ([DOC_ID, "--ends-before", "没有这句话"], None, "marker not found"),
])
def test_scaffold_refuses_and_writes_nothing(package_copy, args, prepare, message):
    if prepare:
        prepare(package_copy)
    before = snapshot(package_copy)
    result = run("zjtx.cli", "new-document", str(FIXTURE), *args, "--root", str(package_copy))
    assert result.returncode == 1
    assert message in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(package_copy) == before


def test_scaffold_refuses_a_source_that_is_not_utf8(package_copy, tmp_path_factory):
    gbk = tmp_path_factory.mktemp("received") / "gbk.txt"
    gbk.write_bytes(FIXTURE.read_text(encoding="utf-8").encode("gb18030"))
    before = snapshot(package_copy)
    result = run("zjtx.cli", "new-document", str(gbk), DOC_ID, "--root", str(package_copy))
    assert result.returncode == 1 and "not UTF-8" in result.stderr and "iconv" in result.stderr
    assert snapshot(package_copy) == before


def test_scaffold_twice_refuses_the_second_time(package_copy):
    scaffold(package_copy)
    result = run("zjtx.cli", "new-document", *SCAFFOLD_ARGS, "--root", str(package_copy))
    assert result.returncode == 1 and "already in data/documents.csv" in result.stderr


def test_a_text_that_needs_repairs_uses_the_entry_written_beforehand(package_copy, tmp_path_factory):
    received = tmp_path_factory.mktemp("received") / "traditional.txt"
    text = FIXTURE.read_text(encoding="utf-8")
    received.write_text(apply_edits(text, opencc_edits(text, "s2t"))[0], encoding="utf-8")
    options = package_copy / "settings" / "normalisation.yaml"
    options.write_text(options.read_text(encoding="utf-8") + f"{DOC_ID}:\n  opencc: t2s\n", encoding="utf-8")
    result = run("zjtx.cli", "new-document", str(received), DOC_ID, "--root", str(package_copy))
    assert result.returncode == 0, result.stderr
    assert options.read_text(encoding="utf-8").count(f"{DOC_ID}:") == 1
    _, repairs = read_rows(package_copy / "data" / "text_repairs.csv")
    assert any(r["document_id"] == DOC_ID and r["step"] == "opencc" for r in repairs)
    assert "县经信局" in (package_copy / "data" / "texts" / f"{DOC_ID}.txt").read_text(encoding="utf-8")


def test_the_sixth_document_reaches_the_built_site(tmp_path):
    """The whole contributor path: scaffold → fill by the guide → validate → `make site` shows it."""
    from tests.support import build_site, stage_repo

    root = stage_repo(tmp_path)
    doc_id = add_synthetic_document(root)
    assert validate(root).ok
    site = build_site(root)
    page = (site / "documents" / doc_id / "index.html").read_text(encoding="utf-8")
    assert "示例县" in page and 'id="p-1"' in page
    english = (site / "en" / "documents" / doc_id / "index.html").read_text(encoding="utf-8")
    assert "20 万元" in page and "200,000 yuan (20 万元)" in english  # its amount, in 万元 and in yuan
    money = (site / "compare" / "money" / "index.html").read_text(encoding="utf-8")
    assert f'data-document="{doc_id}"' in money
    assert doc_id in (site / "downloads" / "SHA256SUMS").read_text(encoding="utf-8")


def test_scaffold_refuses_an_empty_source(package_copy, tmp_path_factory):
    empty = tmp_path_factory.mktemp("received") / "empty.txt"
    empty.write_bytes(b"\x00 \n\t\n")
    before = snapshot(package_copy)
    result = run("zjtx.cli", "new-document", str(empty), DOC_ID, "--root", str(package_copy))
    assert result.returncode == 1 and "source is empty" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(package_copy) == before


def test_make_new_document_never_hands_its_arguments_to_a_shell(tmp_path):
    """An id such as x$(touch FILE) reaches the scaffold as text (which refuses it), never as a command."""
    witness = tmp_path / "pwned"
    done = subprocess.run(["make", "--no-print-directory", "new-document", f"SOURCE={FIXTURE}",
                           f"ID=x$(touch {witness})`touch {witness}`"],
                          cwd=paths.ROOT, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "not a valid document id" in done.stderr
    assert not witness.exists()


def test_a_freshly_scaffolded_document_reports_each_draft_cell_once(package_copy):
    """A TODO is a draft: one draft-value problem, not also a type, codelist or glossary error of that cell."""
    scaffold(package_copy)
    # What a contributor does first: the Chinese title written, its English still a draft. The title holds
    # 专精特新, so the glossary check would ask title_en (still TODO) to say SRDI.
    edit(package_copy, "data/documents.csv", lambda rows: next(
        r for r in rows if r["document_id"] == DOC_ID).update(title="示例县支持“专精特新”中小企业发展若干措施"))
    report = validate(package_copy)
    drafts = [(p.file, p.row, p.field) for p in report.errors if p.code == "draft-value"]
    assert ("data/documents.csv", "title_en") in {(f, c) for f, _, c in drafts}
    per_cell = {cell: [p.code for p in report.problems if (p.file, p.row, p.field) == cell] for cell in drafts}
    assert all(codes == ["draft-value"] for codes in per_cell.values()), \
        {cell: codes for cell, codes in per_cell.items() if codes != ["draft-value"]}
    assert "glossary-rendering" not in {p.code for p in report.errors}


def test_the_span_helper_prints_every_place_a_quote_occurs(package_copy):
    add_synthetic_document(package_copy)
    text = (package_copy / "data" / "texts" / f"{DOC_ID}.txt").read_text(encoding="utf-8")
    result = run("zjtx.cli", "span", DOC_ID, "县经信局", "--root", str(package_copy))
    assert result.returncode == 0, result.stderr
    starts = [i for i in range(len(text)) if text.startswith("县经信局", i)]
    assert len(starts) == 3 and f"'县经信局' in {DOC_ID}: 3 place(s)" in result.stdout
    for start in starts:
        assert f"char_start={start} char_end={start + 4}" in result.stdout
    assert f"{DOC_ID}/2.2.1" in result.stdout  # the provision that holds a place
    # a quote as the original writes it (full-width) is found in its normalised form
    result = run("zjtx.cli", "span", DOC_ID, "（责任单位：县经信局）", "--root", str(package_copy))
    assert "normalised form '(责任单位:县经信局)'" in result.stdout and "2 place(s)" in result.stdout


def test_the_span_helper_checks_a_row_and_says_what_is_wrong(package_copy):
    add_synthetic_document(package_copy)
    header, rows = read_rows(package_copy / "data" / "amounts.csv")
    row_no = next(i for i, r in enumerate(rows, start=2) if r["document_id"] == DOC_ID)
    result = run("zjtx.cli", "span", "--row", f"data/amounts.csv:{row_no}", "--root", str(package_copy))
    assert result.returncode == 0 and "<- the row's span" in result.stdout
    rows[row_no - 2]["char_start"] = str(int(rows[row_no - 2]["char_start"]) + 1)
    from tests.support import write_rows
    write_rows(package_copy / "data" / "amounts.csv", header, rows)
    result = run("zjtx.cli", "span", "--row", f"data/amounts.csv:{row_no}", "--root", str(package_copy))
    assert "which is none of these places" in result.stdout and "<- the row's span" not in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    ([DOC_ID, "没有这句话"], "does not occur in data/texts/"),
    (["no-such-2020", "县经信局"], "no normalised text"),
    (["--row", "data/amounts.csv:99999"], "has no row 99999"),
    (["--row", "data/amounts.csv"], "is not FILE:ROW"),
    ([], "give a document id and a quote"),
])
def test_the_span_helper_refuses_clearly(package_copy, args, message):
    add_synthetic_document(package_copy)
    result = run("zjtx.cli", "span", *args, "--root", str(package_copy))
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
