"""The proposer (issue 27): its recognisers' examples, leave-one-out on one curated document, the review
worksheets, the accept step, and robustness on a text no rule was written for."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.support import read_rows, write_rows
from zjtx import cli, paths
from zjtx.checks.responsibilities import CLAUSE_RE
from zjtx.propose import TABLES, figures, load_package, responsibilities
from zjtx.propose import evaluate as evaluation
from zjtx.propose import rules as rules_module
from zjtx.validate import validate

RULES = rules_module.load(paths.ROOT)
SYNTHETIC = Path(__file__).parent / "fixtures" / "propose-synthetic.txt"
HELD_OUT = "hubei-2023"  # named, never found by position: any curated document with amounts would do


def one_provision(text: str) -> list[dict]:
    return [{"provision_id": "x-2024/1", "document_id": "x-2024", "parent_id": "", "level": 1, "label": "一、",
             "heading": "", "char_start": 0, "char_end": len(text)}]


def cli_run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(list(args))
    return code, out.getvalue()


# --- every example of settings/propose.yaml ---------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES.exclusions, ids=lambda r: r.id)
def test_each_exclusion_rule_names_exactly_the_numbers_of_its_examples(rule):
    raw = next(r for r in RULES.raw["exclusions"] if r["id"] == rule.id)
    assert raw["examples"], f"rule {rule.id} has no example"
    for example in raw["examples"]:
        named = [m.group(g) for m in rule.pattern.finditer(example["text"])
                 for g in range(1, (m.lastindex or 0) + 1) if m.group(g) is not None]
        assert named == example["numbers"], (rule.id, example["text"])


@pytest.mark.parametrize("example", RULES.amounts["examples"], ids=lambda e: e["text"][:16])
def test_each_amount_example_gives_its_rows(example):
    text = example["text"]
    got = figures.propose_amounts("x-2024", text, one_provision(text), RULES)
    assert len(got) == len(example["rows"]), [p.row["figure_as_written"] for p in got]
    for proposed, expected in zip(got, example["rows"], strict=True):
        for field, value in expected.items():
            assert str(proposed.row[field]) == str(value), (field, proposed.row)


@pytest.mark.parametrize("example", RULES.targets["examples"], ids=lambda e: e["text"][:16])
def test_each_target_example_gives_its_rows(example):
    text = example["text"]
    got = figures.propose_targets("x-2024", text, one_provision(text), RULES, set())
    assert len(got) == len(example["rows"])
    for proposed, expected in zip(got, example["rows"], strict=True):
        for field, value in expected.items():
            assert Decimal(str(proposed.row[field])) == Decimal(str(value)) if field in ("value", "value_max") \
                else str(proposed.row[field]) == str(value), (field, proposed.row)


@pytest.mark.parametrize("example", RULES.responsibilities["examples"], ids=lambda e: e["text"][:16])
def test_each_clause_example_splits_into_its_units_in_order(example):
    m = CLAUSE_RE.search(example["text"])
    group = "a" if m.group("a") is not None else "b"
    units = responsibilities.split_units(m.group(group), m.start(group), RULES)
    assert [u for u, _, _ in units] == example["units"]
    assert all(example["text"][s:e] == u for u, s, e in units)  # spans point at the words as written


@pytest.mark.parametrize("rule", RULES.raw["responsibilities"]["lead_in_prose"], ids=lambda r: r["id"])
def test_each_lead_rule_finds_the_unit_of_its_examples(rule):
    for example in rule["examples"]:
        m = re.search(rule["pattern"], example["text"])
        assert m and m.group("unit") == example["unit"], example["text"]


def test_the_co_rule_finds_the_supporting_units_of_its_examples():
    rule = RULES.responsibilities["co_in_prose"]
    for example in rule["examples"]:
        m = re.search(rule["pattern"], example["text"])
        assert [u for u, _, _ in responsibilities.split_units(m.group("units"), 0, RULES)] == example["units"]


@pytest.mark.parametrize("example", RULES.responsibilities["abbreviation_examples"], ids=lambda e: e["written"])
def test_each_short_form_expands_to_its_full_name(example):
    cfg = RULES.responsibilities
    assert responsibilities.expand(example["written"], example["place"], {}, cfg["abbreviations"],
                                   cfg["branch_patterns"], cfg["conventions"], tuple(cfg["capitals"])) \
        == example["name"]


@pytest.mark.parametrize("example", RULES.raw["agency_function_examples"], ids=lambda e: e["function"])
def test_each_agency_function_example(example):
    assert responsibilities.agency_function(example["name"], RULES) == example["function"]


# --- leave-one-out, one document (fast) --------------------------------------------------------------------


def test_leave_one_out_on_one_document_finds_its_facts_and_accounts_for_every_number():
    pkg = load_package(paths.ROOT)
    result = evaluation.evaluate_document(pkg, paths.ROOT / "data", HELD_OUT, RULES)
    amounts, numbers = result["amounts"], result["numbers"]
    assert amounts["curated"] > 0 and amounts["matched"] / amounts["curated"] >= 0.9
    assert amounts["matched"] / amounts["proposed"] >= 0.9
    assert numbers["covered"] == numbers["numbers"]  # every number has a proposal
    assert result["responsibilities"]["matched"] / result["responsibilities"]["curated"] >= 0.95
    # the held-out document's agencies were not in the registry the proposer used
    used = {r["agency_id"] for r in pkg.responsibilities if r["document_id"] == HELD_OUT}
    others = {r["agency_id"] for r in pkg.responsibilities if r["document_id"] != HELD_OUT}
    blind = evaluation.held_out(pkg, HELD_OUT)
    assert not {a["agency_id"] for a in blind.agencies} & (used - others)


def test_a_curated_comparator_in_either_code_compares_equal():
    for old, new in figures.NEW_COMPARATOR.items():
        assert evaluation.attribute("targets", "comparator", {"comparator": old}, {}) == \
               evaluation.attribute("targets", "comparator", {"comparator": new}, {}) == new


# --- worksheets, accept, and nothing proposed in data/ unreviewed --------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_propose_writes_worksheets_only_and_a_leaked_row_is_refused(package_copy):
    before = snapshot(package_copy / "data")
    code, printed = cli_run("propose", HELD_OUT, "--root", str(package_copy))
    assert code == 0, printed
    assert snapshot(package_copy / "data") == before  # nothing proposed reaches data/
    for table in TABLES:
        header, rows = read_rows(package_copy / "drafts" / HELD_OUT / f"{table}.csv")
        assert header[-3:] == ["decision", "rule", "confidence"] and all(r["rule"] for r in rows)
    # a proposed row copied into data/ by hand, without the accept step, does not pass
    _, sheet = read_rows(package_copy / "drafts" / HELD_OUT / "number_exclusions.csv")
    header, rows = read_rows(package_copy / "data" / "number_exclusions.csv")
    write_rows(package_copy / "data" / "number_exclusions.csv", header,
               [*rows, {k: sheet[0][k] for k in header}])
    report = validate(package_copy)
    assert any(p.code == "draft-value" and p.file == "data/number_exclusions.csv" for p in report.errors)


def test_accept_moves_exactly_the_accepted_rows_and_the_package_validates(package_copy):
    amounts_path = package_copy / "data" / "amounts.csv"
    header, curated = read_rows(amounts_path)
    mine = [r for r in curated if r["document_id"] == HELD_OUT]
    write_rows(amounts_path, header, [r for r in curated if r["document_id"] != HELD_OUT])
    assert cli_run("propose", HELD_OUT, "--root", str(package_copy))[0] == 0
    sheet_path = package_copy / "drafts" / HELD_OUT / "amounts.csv"
    sheet_header, sheet = read_rows(sheet_path)
    # the reviewer: a proposal that states a curated row's figures is corrected to that row, the rest dropped;
    # the last matched row is left undecided, so it must stay in the sheet and out of data/
    matched = []
    for row in sheet:
        twin = next((c for c in mine if c not in [m for _, m in matched]
                     and evaluation.overlaps(c, row) and evaluation.values("amounts", c) ==
                     evaluation.values("amounts", row)), None)
        if twin is None:
            row["decision"] = "drop"
        else:
            row.update(twin)
            row["decision"] = "correct"
            matched.append((row, twin))
    assert len(matched) >= 2
    undecided_row, held_back = matched[-1]
    undecided_row["decision"] = ""
    write_rows(sheet_path, sheet_header, sheet)
    # saved by a spreadsheet: a BOM and CRLF line ends
    sheet_path.write_bytes(b"\xef\xbb\xbf" + sheet_path.read_bytes().replace(b"\n", b"\r\n"))
    others = {p: p.read_bytes() for p in (package_copy / "data").glob("*.csv") if p != amounts_path}
    code, printed = cli_run("accept", HELD_OUT, "--root", str(package_copy))
    assert code == 0, printed
    _, after = read_rows(amounts_path)
    moved = [r for r in after if r["document_id"] == HELD_OUT]
    assert moved == [m for m in mine if m in [t for _, t in matched[:-1]]]  # exactly those, in curated order
    assert [r for r in after if r["document_id"] != HELD_OUT] == [r for r in curated
                                                                   if r["document_id"] != HELD_OUT]
    assert all(p.read_bytes() == content for p, content in others.items())  # no other table touched
    _, left = read_rows(sheet_path)
    assert [r["amount_id"] for r in left] == [held_back["amount_id"]]  # the undecided row stays for review
    # the reviewer decides the last one; then the package is whole again and valid
    left[0]["decision"] = "accept"
    write_rows(sheet_path, sheet_header, left)
    assert cli_run("accept", HELD_OUT, "--root", str(package_copy))[0] == 0
    _, after = read_rows(amounts_path)
    # the document's rows are back, in their order, as one block; every other row where it was
    assert [r for r in after if r["document_id"] == HELD_OUT] == mine
    assert [r for r in after if r["document_id"] != HELD_OUT] == [r for r in curated
                                                                   if r["document_id"] != HELD_OUT]
    report = validate(package_copy)
    assert report.errors == []


def test_accept_refuses_an_unknown_decision_and_moves_nothing(package_copy):
    assert cli_run("propose", HELD_OUT, "--root", str(package_copy))[0] == 0
    sheet_path = package_copy / "drafts" / HELD_OUT / "targets.csv"
    header, rows = read_rows(sheet_path)
    rows[0]["decision"] = "yes please"
    write_rows(sheet_path, header, rows)
    before = snapshot(package_copy / "data")
    code, printed = cli_run("accept", HELD_OUT, "--root", str(package_copy))
    assert code == 1 and "not accept, correct, drop or empty" in printed
    assert snapshot(package_copy / "data") == before


def test_propose_refuses_an_unknown_document_without_a_traceback(package_copy):
    code, printed = cli_run("propose", "nowhere-2024", "--root", str(package_copy))
    assert code == 1 and "not in data/documents.csv" in printed
    for bad in ("../data", "a/b", "x$(touch y)"):
        for command in ("propose", "accept"):
            code, printed = cli_run(command, bad, "--root", str(package_copy))
            assert code == 1 and "not a document id" in printed, (command, bad)


# --- a text no rule was written for ------------------------------------------------------------------------


COVERAGE_CODES = {"unaccounted-number", "unbound-number", "redundant-exclusion", "exclusion-span",
                  "exclusion-no-number"}


def accept_every_figure(root: Path, doc_id: str) -> list:
    """Accept every proposed amount, target and exclusion as it stands; the validator's number-coverage
    problems that remain (none when every number is proposed as exactly one thing)."""
    for table in ("amounts", "targets", "number_exclusions"):
        path = root / "drafts" / doc_id / f"{table}.csv"
        header, rows = read_rows(path)
        write_rows(path, header, [r | {"decision": "accept"} for r in rows])
    assert cli_run("accept", doc_id, "--root", str(root))[0] == 0
    return [p for p in validate(root).problems if p.code in COVERAGE_CODES]


@pytest.mark.parametrize("bounds", [["--starts-after", "制定如下政策。", "--ends-before", "本政策自"], []],
                         ids=["body", "whole-text"])
def test_new_document_proposes_a_synthetic_text_and_accounts_for_every_number(package_copy, bounds):
    code, printed = cli_run("new-document", str(SYNTHETIC), "yangli-2024", *bounds, "--root", str(package_copy))
    assert code == 0 and "Traceback" not in printed, printed
    assert "every number accounted for" in printed
    _, amounts = read_rows(package_copy / "drafts" / "yangli-2024" / "amounts.csv")
    figures_written = [r["figure_as_written"] for r in amounts]
    if bounds:  # the money and percentage figures of the body, each proposed
        assert {"10万元", "30万元", "80万元", "500万元以上", "15% | 300万元", "5亿元", "50%", "50—200万元",
                "20元"} == set(figures_written)
        fund = next(r for r in amounts if r["figure_as_written"] == "5亿元")
        assert fund["amount_type"] == "other"
    assert accept_every_figure(package_copy, "yangli-2024") == []


def test_propose_on_a_text_without_provisions_accounts_for_every_number(package_copy):
    """A text the segmenter finds no numbering in still gets every number proposed: its money figure as an
    amount whose provision the reviewer names (the draft marker), the rest as exclusions."""
    odd = package_copy / "odd.txt"
    odd.write_text("某县关于支持企业发展的通知\n各单位:2024年给予企业50万元奖励,电话0731-1234567。\n", encoding="utf-8")
    code, printed = cli_run("new-document", str(odd), "moushi-2024", "--root", str(package_copy))
    assert code == 0 and "Traceback" not in printed, printed
    _, exclusions = read_rows(package_copy / "drafts" / "moushi-2024" / "number_exclusions.csv")
    assert [r["number"] for r in exclusions] == ["2024", "0731", "1234567"]
    _, amounts = read_rows(package_copy / "drafts" / "moushi-2024" / "amounts.csv")
    assert [(r["figure_as_written"], r["provision_id"]) for r in amounts] == [("50万元", "TODO")]
    assert accept_every_figure(package_copy, "moushi-2024") == []


def test_the_model_file_is_regenerated_from_the_curated_rows(package_copy):
    """settings/propose-model.json is derived: the command rewrites it from data/ (no hand edits)."""
    path = package_copy / "settings" / "propose-model.json"
    stored = json.loads(path.read_text(encoding="utf-8"))
    path.unlink()
    assert cli_run("propose-model", "--root", str(package_copy))[0] == 0
    assert json.loads(path.read_text(encoding="utf-8"))["kind"].keys() == stored["kind"].keys()


def test_worksheet_columns_are_the_package_columns_then_the_review_columns(package_copy):
    assert cli_run("propose", HELD_OUT, "--root", str(package_copy))[0] == 0
    from zjtx import model as model_module
    model = model_module.load(package_copy)
    for table in ("amounts", "targets", "number_exclusions", "responsibilities", "provision_instruments"):
        with (package_copy / "drafts" / HELD_OUT / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == [*model.field_names(table), "decision", "rule", "confidence"]


def test_a_proposal_that_repeats_a_row_of_data_is_marked_drop(package_copy):
    """Proposing again (after a partial accept, or for a curated document) never leads to a doubled row."""
    assert cli_run("propose", HELD_OUT, "--root", str(package_copy))[0] == 0
    _, curated = read_rows(package_copy / "data" / "number_exclusions.csv")
    held = {r["char_start"] for r in curated if r["document_id"] == HELD_OUT}
    _, sheet = read_rows(package_copy / "drafts" / HELD_OUT / "number_exclusions.csv")
    assert held and {r["char_start"] for r in sheet if r["decision"] == "drop"} == held & {r["char_start"]
                                                                                          for r in sheet}
    assert all(r["decision"] == "" for r in sheet if r["char_start"] not in held)


def test_propose_eval_writes_its_report_and_the_readme_table(package_copy):
    readme = package_copy / "bench" / "README.md"
    readme.parent.mkdir()
    from zjtx.propose.run import README_END, README_START
    readme.write_text(f"# Benchmark\n\nhand-written text stays\n\n{README_START}\n| stale |\n{README_END}\n",
                      encoding="utf-8")
    code, printed = cli_run("propose-eval", "--root", str(package_copy))
    assert code == 0, printed
    report = json.loads((package_copy / "bench" / "out" / "propose.json").read_text(encoding="utf-8"))
    assert set(report["summary"]) >= {"amounts", "targets", "responsibilities", "numbers", "classification"}
    assert set(report["documents"]) == {d["document_id"] for d in read_rows(package_copy / "data" /
                                                                             "documents.csv")[1]}
    text = readme.read_text(encoding="utf-8")  # the generated block replaced, the rest kept
    assert "hand-written text stays" in text and "| stale |" not in text and text.count("| amounts |") == 1


@pytest.mark.parametrize("fixture", ["county-articles-2023", "pdf-spaced-2023", "web-page-2023"])
def test_real_captures_are_scaffolded_and_proposed_with_every_number_accounted_for(package_copy, fixture):
    """The captures of tests/fixtures (a county web text of 26 articles indented with no-break spaces, a PDF
    conversion with spaces inside words and numbers, a web page with character references) go through
    new-document and propose without a traceback, and accepting every proposed figure leaves no number
    unaccounted for."""
    doc_id = fixture.replace("-2023", "").replace("-", "") + "-2023"
    source = Path(__file__).parent / "fixtures" / f"{fixture}.txt"
    code, printed = cli_run("new-document", str(source), doc_id, "--root", str(package_copy))
    assert code == 0 and "Traceback" not in printed, printed
    sheets = {p.stem for p in (package_copy / "drafts" / doc_id).glob("*.csv")}
    assert {"amounts", "targets", "number_exclusions", "responsibilities"} <= sheets
    assert accept_every_figure(package_copy, doc_id) == []
