"""Bad input, as contributors produce it: each mistake applied to a copy of the real package.

Every mutation is a small function that damages the copy and returns what the validator must say: the
file, the spreadsheet row (None for a whole-file problem), the field, the problem code(s) and a word of
the fix. The validator runs as a contributor runs it, in a subprocess, once for the text report and once
with --json; it must exit 1, locate the problem in both reports, and never show a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.contribute_fixture import DOC_ID, add_synthetic_document
from tests.support import read_rows, write_rows
from zjtx import paths
from zjtx.normalize import apply_edits, opencc_edits


@dataclass(frozen=True)
class Expect:
    file: str
    row: int | None  # spreadsheet row (header = 1); None for a problem with the whole file
    field: str | None
    codes: tuple[str, ...]
    hint: str  # words the fix must contain


Rows = list[dict[str, str]]


def edit(root: Path, rel: str, fn: Callable[[Rows], object]) -> None:
    header, rows = read_rows(root / rel)
    fn(rows)
    write_rows(root / rel, header, rows)


def set_cells(root: Path, rel: str, index: int, **cells: str) -> int:
    """Change cells of data row `index` (0-based); return its spreadsheet row number."""
    edit(root, rel, lambda rows: rows[index].update(cells))
    return index + 2


def first(root: Path, rel: str, pred: Callable[[dict[str, str]], bool]) -> tuple[int, dict[str, str]]:
    _, rows = read_rows(root / rel)
    return next((i, r) for i, r in enumerate(rows) if pred(r))


def edit_bytes(root: Path, rel: str, fn: Callable[[bytes], bytes]) -> None:
    path = root / rel
    path.write_bytes(fn(path.read_bytes()))


def one_cell(name: str, rel: str, index: int, field: str, value: str, codes: tuple[str, ...], hint: str) -> Callable:
    """A mutation that writes `value` into one cell and expects the problem at that cell."""
    def mutate(root: Path) -> Expect:
        return Expect(rel, set_cells(root, rel, index, **{field: value}), field, codes, hint)
    mutate.__name__ = name
    return mutate


ONE_CELL = [
    one_cell("excel_boolean", "data/agencies.csv", 4, "collective", "TRUE", ("type-error", "json-schema"),
             "true or false"),
    one_cell("slashed_date", "data/documents.csv", 2, "issued_date", "2023/01/19", ("type-error",), "YYYY-MM-DD"),
    one_cell("empty_required_cell", "data/targets.csv", 6, "indicator_en", "", ("constraint-error",),
             "indicator_en is required"),
    one_cell("non_numeric_value", "data/targets.csv", 2, "value", "十", ("type-error",), "without commas or units"),
    one_cell("negative_amount", "data/amounts.csv", 5, "max_cny", "-500000", ("constraint-error",), "at least 0"),
    one_cell("draft_marker_left", "data/documents.csv", 0, "title_en", "TODO", ("draft-value",), "write the value"),
    one_cell("dangling_foreign_key", "data/responsibilities.csv", 9, "agency_id", "changchun/no-such-bureau",
             ("foreign-key",), "must exist"),
    one_cell("unknown_codelist_value", "data/targets.csv", 4, "comparator", "≥", ("constraint-error",),
             "schemas/codelists/comparator.csv"),
]


# --- what Excel does to a CSV ----------------------------------------------------------------------

def excel_bom(root: Path) -> Expect:
    edit_bytes(root, "data/agencies.csv", lambda b: b"\xef\xbb\xbf" + b)
    return Expect("data/agencies.csv", None, None, ("utf8-bom",), "FIX=1")


def excel_crlf(root: Path) -> Expect:
    edit_bytes(root, "data/targets.csv", lambda b: b.replace(b"\n", b"\r\n"))
    return Expect("data/targets.csv", None, None, ("line-ends",), "FIX=1")


def excel_gbk(root: Path) -> Expect:
    edit_bytes(root, "data/responsibilities.csv", lambda b: b.decode("utf-8").encode("gb18030"))
    return Expect("data/responsibilities.csv", None, None, ("encoding",), "UTF-8")


def thousands_separator(root: Path) -> Expect:
    i, _ = first(root, "data/amounts.csv", lambda r: r["min_cny"] == "200000")
    row = set_cells(root, "data/amounts.csv", i, min_cny="200,000")
    return Expect("data/amounts.csv", row, "min_cny", ("type-error",), "without commas")


# --- columns and rows ------------------------------------------------------------------------------

def renamed_column(root: Path) -> Expect:
    edit_bytes(root, "data/targets.csv", lambda b: b.replace(b"indicator_en", b"indicator_english", 1))
    return Expect("data/targets.csv", 1, "indicator_english", ("renamed-column",), "rename the column")


def missing_column(root: Path) -> Expect:
    header, rows = read_rows(root / "data/amounts.csv")
    write_rows(root / "data/amounts.csv", [h for h in header if h not in ("note", "tier")],
               [{k: v for k, v in r.items() if k not in ("note", "tier")} for r in rows])
    return Expect("data/amounts.csv", 1, "note", ("missing-column",), "add a column 'note'")


def extra_column(root: Path) -> Expect:
    header, rows = read_rows(root / "data/responsibilities.csv")
    write_rows(root / "data/responsibilities.csv", [*header, "comment"], [{**r, "comment": "ok"} for r in rows])
    return Expect("data/responsibilities.csv", 1, "comment", ("extra-column",), "remove it")


def empty_row(root: Path) -> Expect:
    _, rows = read_rows(root / "data/targets.csv")  # the row's place, wherever its document's rows are
    row = next(i for i, r in enumerate(rows, start=2) if r["target_id"] == "changchun-2022/1.3.d1/t3")
    edit_bytes(root, "data/targets.csv", lambda b: b.replace(b"\nchangchun-2022/1.3.d1/t3", b"\n,,,,\nchangchun"
                                                             b"-2022/1.3.d1/t3", 1))
    return Expect("data/targets.csv", row, None, ("blank-row",), "delete the empty row")


def short_row(root: Path) -> Expect:
    lines = (root / "data/agencies.csv").read_text(encoding="utf-8").split("\n")
    lines[5] = ",".join(lines[5].split(",")[:2])
    (root / "data/agencies.csv").write_text("\n".join(lines), encoding="utf-8")
    return Expect("data/agencies.csv", 6, None, ("row-length",), "missing or extra cell")


def unclosed_quote(root: Path) -> Expect:
    lines = (root / "data/number_exclusions.csv").read_text(encoding="utf-8").split("\n")
    lines[10] = lines[10].replace(",", ',"', 5)
    (root / "data/number_exclusions.csv").write_text("\n".join(lines), encoding="utf-8")
    return Expect("data/number_exclusions.csv", 11, None, ("csv-syntax",), "unclosed double quote")


def duplicated_id(root: Path) -> Expect:
    edit(root, "data/targets.csv", lambda rows: rows.insert(3, dict(rows[1])))
    return Expect("data/targets.csv", 5, None, ("primary-key",), "unique")


# --- quotes and spans ------------------------------------------------------------------------------

def traditional_quote(root: Path) -> Expect:
    _, rows = read_rows(root / "data/amounts.csv")
    i = next(i for i, r in enumerate(rows) if opencc_edits(r["quote"], "s2t"))
    text = rows[i]["quote"]
    traditional, _ = apply_edits(text, opencc_edits(text, "s2t"))
    row = set_cells(root, "data/amounts.csv", i, quote=traditional)
    return Expect("data/amounts.csv", row, "quote", ("quote-mismatch",), "traditional")


def span_off_by_one(root: Path) -> Expect:
    _, rows = read_rows(root / "data/responsibilities.csv")
    row = set_cells(root, "data/responsibilities.csv", 7, char_start=str(int(rows[7]["char_start"]) - 1),
                    char_end=str(int(rows[7]["char_end"]) - 1))
    return Expect("data/responsibilities.csv", row, "char_start", ("span-mismatch",), "set char_start=")


def end_before_start(root: Path) -> Expect:
    _, rows = read_rows(root / "data/amounts.csv")
    r = rows[3]
    row = set_cells(root, "data/amounts.csv", 3, char_start=r["char_end"], char_end=r["char_start"])
    return Expect("data/amounts.csv", row, "char_start", ("span-range",), "char_start must be < char_end")


def fullwidth_digits(root: Path) -> Expect:
    _, rows = read_rows(root / "data/targets.csv")
    wide = rows[0]["quote"].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    row = set_cells(root, "data/targets.csv", 0, quote=wide)
    return Expect("data/targets.csv", row, "quote", ("quote-mismatch",), "full-width digits")


def wan_yuan_unconverted(root: Path) -> Expect:
    i, r = first(root, "data/amounts.csv", lambda r: r["figure_as_written"].endswith("万元") and r["min_cny"])
    row = set_cells(root, "data/amounts.csv", i, min_cny=str(int(r["min_cny"]) // 10_000))
    return Expect("data/amounts.csv", row, "min_cny", ("amount-mismatch",), "万元 left unconverted")


def hand_edited_text(root: Path) -> Expect:
    edit_bytes(root, "data/texts/qingdao-2018.txt", lambda b: b.replace("中小企业".encode(), "小企业".encode(), 1))
    i, _ = first(root, "data/documents.csv", lambda r: r["document_id"] == "qingdao-2018")
    return Expect("data/documents.csv", i + 2, "text_sha256", ("checksum",), "restore it")


# --- keys and codelists ----------------------------------------------------------------------------

def parent_in_another_document(root: Path) -> Expect:
    i, _ = first(root, "data/provisions.csv", lambda r: r["provision_id"] == "haiyan-2023/2.1")
    row = set_cells(root, "data/provisions.csv", i, parent_id="baotou-2023/2")
    return Expect("data/provisions.csv", row, "parent_id", ("id-parent",), "parent's id")


def codelist_row_cut_short(root: Path) -> Expect:
    rel = "schemas/codelists/role.csv"
    edit_bytes(root, rel, lambda b: b.rstrip(b"\n") + "\nassisting,协办\n".encode())
    n = len((root / rel).read_text(encoding="utf-8").splitlines())
    return Expect(rel, n, None, ("row-length",), "missing or extra cell")


def codelist_duplicate_code(root: Path) -> Expect:
    rel = "schemas/codelists/role.csv"
    edit(root, rel, lambda rows: rows.append(dict(rows[0])))
    n = len((root / rel).read_text(encoding="utf-8").splitlines())
    return Expect(rel, n, "code", ("duplicate-code",), "unique")


def codelist_header_lost_code(root: Path) -> Expect:
    # found by the random-mutation run (issue 28): this ended in KeyError: 'code' instead of a problem
    rel = "schemas/codelists/comparator.csv"
    edit_bytes(root, rel, lambda b: b"kode" + b[len(b"code"):])
    return Expect(rel, 1, "kode", ("renamed-column",), "rename the column 'kode' to 'code'")


def instrument_position_gap(root: Path) -> Expect:
    """The first instrument of a provision with two or more deleted: its positions start at 2."""
    rel = "data/provision_instruments.csv"
    _, rows = read_rows(root / rel)
    ranked = [r["provision_id"] for r in rows if r["position"] == "2"]
    edit(root, rel, lambda rs: rs.remove(next(r for r in rs if r["provision_id"] == ranked[0]
                                              and r["position"] == "1")))
    i, _ = first(root, rel, lambda r: r["provision_id"] == ranked[0] and r["position"] == "2")
    return Expect(rel, i + 2, "position", ("position-gap",), "without a gap")


# --- documents and their files ---------------------------------------------------------------------

def text_file_missing(root: Path) -> Expect:
    (root / "data/texts/haiyan-2023.txt").unlink()
    i, _ = first(root, "data/documents.csv", lambda r: r["document_id"] == "haiyan-2023")
    return Expect("data/documents.csv", i + 2, "text_path", ("missing-file",), "add the file")


def new_document_without_source(root: Path) -> Expect:
    add_synthetic_document(root)
    (root / "data/sources" / f"{DOC_ID}.txt").unlink()
    row = 1 + len(read_rows(root / "data/documents.csv")[1])  # the last row, however many documents there are
    return Expect("data/documents.csv", row, "source_path", ("missing-file",), "add the file")


# --- hostile or careless input (issue 16): each case as a contributor's pull request would bring it ---------

def text_path_outside(root: Path) -> Expect:
    i, _ = first(root, "data/documents.csv", lambda r: r["document_id"] == "hubei-2023")
    row = set_cells(root, "data/documents.csv", i, text_path="/etc/passwd")
    return Expect("data/documents.csv", row, "text_path", ("unsafe-path", "constraint-error"), "to a real file")


def text_path_climbing(root: Path) -> Expect:
    i, _ = first(root, "data/documents.csv", lambda r: r["document_id"] == "hubei-2023")
    row = set_cells(root, "data/documents.csv", i, source_path="data/sources/../../../etc/hostname")
    return Expect("data/documents.csv", row, "source_path", ("unsafe-path",), "to a real file")


def stray_file_in_sources(root: Path) -> Expect:
    (root / "data/sources/notes.txt").write_text("a note\n", encoding="utf-8")
    return Expect("data/sources/notes.txt", None, None, ("unreferenced-file",), "delete the file")


def vertical_tab_from_word(root: Path) -> Expect:
    _, rows = read_rows(root / "data/targets.csv")
    row = set_cells(root, "data/targets.csv", 3, indicator_en=rows[3]["indicator_en"][:5] + "\x0b" +
                    rows[3]["indicator_en"][5:])
    return Expect("data/targets.csv", row, "indicator_en", ("control-character",), "delete the character")


def nul_byte(root: Path) -> Expect:
    row = set_cells(root, "data/agencies.csv", 2, note="pasted\x00text")
    return Expect("data/agencies.csv", row, "note", ("control-character",), "delete the character")


def digit_dropped_from_value(root: Path) -> Expect:
    i, _ = first(root, "data/targets.csv", lambda r: r["target_id"] == "haiyan-2023/1/t5")  # 达到500家
    row = set_cells(root, "data/targets.csv", i, value="50", value_as_written="50家")
    return Expect("data/targets.csv", row, "value_as_written", ("figure-not-in-quote",), "all its digits")


def comparator_against_wording(root: Path) -> Expect:
    i, _ = first(root, "data/targets.csv", lambda r: r["target_id"] == "baotou-2023/2/t1")  # 18家以上
    row = set_cells(root, "data/targets.csv", i, comparator="eq")
    return Expect("data/targets.csv", row, "comparator", ("comparator-wording",), "set comparator to gte")


def role_basis_against_clause(root: Path) -> Expect:
    """A Baotou unit in a clause that says 按职责分工负责, recorded as if the text said nothing."""
    i, _ = first(root, "data/responsibilities.csv", lambda r: r["provision_id"] == "baotou-2023/3.1.2")
    row = set_cells(root, "data/responsibilities.csv", i, role_basis="not_stated")
    return Expect("data/responsibilities.csv", row, "role_basis", ("role-basis",), "set role_basis")


def lead_with_silent_basis(root: Path) -> Expect:
    i, _ = first(root, "data/responsibilities.csv", lambda r: r["role"] == "lead")
    row = set_cells(root, "data/responsibilities.csv", i, role_basis="not_stated")
    return Expect("data/responsibilities.csv", row, "role_basis", ("role-basis",), "set role_basis")


def target_year_not_in_quote(root: Path) -> Expect:
    i, _ = first(root, "data/targets.csv", lambda r: r["target_id"] == "baotou-2023/2/t1")  # 到2023年
    row = set_cells(root, "data/targets.csv", i, target_year="2035")
    return Expect("data/targets.csv", row, "target_year", ("target-year",), "the year the sentence")


def target_year_outside_plan(root: Path) -> Expect:
    i, _ = first(root, "data/targets.csv", lambda r: r["target_id"] == "qingdao-2018/2/t3")  # plan 2018–2021
    row = set_cells(root, "data/targets.csv", i, target_year="2035")
    return Expect("data/targets.csv", row, "target_year", ("target-year",), "plan period")


def min_above_max(root: Path) -> Expect:
    i, _ = first(root, "data/amounts.csv", lambda r: r["amount_type"] == "range")
    _, rows = read_rows(root / "data/amounts.csv")
    row = set_cells(root, "data/amounts.csv", i, min_cny=rows[i]["max_cny"], max_cny=rows[i]["min_cny"])
    return Expect("data/amounts.csv", row, "min_cny", ("min-over-max",), "swap")


def value_max_below_value(root: Path) -> Expect:
    i, _ = first(root, "data/targets.csv", lambda r: r["value_max"] != "")
    _, rows = read_rows(root / "data/targets.csv")
    row = set_cells(root, "data/targets.csv", i, value=rows[i]["value_max"], value_max=rows[i]["value"])
    return Expect("data/targets.csv", row, "value_max", ("min-over-max",), "swap")


def plan_years_reversed(root: Path) -> Expect:
    i, _ = first(root, "data/documents.csv", lambda r: r["document_id"] == "haiyan-2023")
    row = set_cells(root, "data/documents.csv", i, plan_start_year="2025", plan_end_year="2022")
    return Expect("data/documents.csv", row, "plan_start_year", ("plan-years",), "swap")


def region_in_no_province(root: Path) -> Expect:
    """A typo in the first two digits: a code no province has (the site could not place the document)."""
    i, _ = first(root, "data/documents.csv", lambda r: r["document_id"] == "haiyan-2023")
    row = set_cells(root, "data/documents.csv", i, region_code="190424")
    return Expect("data/documents.csv", row, "region_code", ("unknown-province",), "GB/T 2260")


def agency_of_another_place(root: Path) -> Expect:
    i, _ = first(root, "data/responsibilities.csv", lambda r: r["provision_id"] == "changchun-2022/2.1.1"
                 and r["agency_id"] == "changchun/industry-it-bureau")
    _, agencies = read_rows(root / "data/agencies.csv")
    haiyan = next(a["agency_id"] for a in agencies if a["agency_id"].startswith("haiyan/"))
    row = set_cells(root, "data/responsibilities.csv", i, agency_id=haiyan)
    return Expect("data/responsibilities.csv", row, "agency_id", ("agency-region",), "document's region")


def unit_span_in_another_provision(root: Path) -> Expect:
    # 市工信局 of changchun-2022/2.1.1 pointed at the same words in 2.1.2: right words, wrong provision
    i, _ = first(root, "data/responsibilities.csv", lambda r: r["provision_id"] == "changchun-2022/2.1.1"
                 and r["name_as_written"] == "市工信局")
    _, other = first(root, "data/responsibilities.csv", lambda r: r["provision_id"] == "changchun-2022/2.1.2"
                     and r["name_as_written"] == "市工信局")
    row = set_cells(root, "data/responsibilities.csv", i, char_start=other["char_start"], char_end=other["char_end"])
    return Expect("data/responsibilities.csv", row, "provision_id", ("outside-provision",), "link the row")


def duplicate_agency(root: Path) -> Expect:
    _, rows = read_rows(root / "data/agencies.csv")
    copy = {**rows[1], "agency_id": "changchun/industry-it-bureau-2"}
    edit(root, "data/agencies.csv", lambda rs: rs.insert(2, copy))
    return Expect("data/agencies.csv", 4, "name", ("duplicate-agency",), "keep one agency row")


def instruments_at_one_position(root: Path) -> Expect:
    i, _ = first(root, "data/provision_instruments.csv", lambda r: r["provision_id"] == "hubei-2023/9"
                 and r["position"] == "2")
    row = set_cells(root, "data/provision_instruments.csv", i, position="1")
    return Expect("data/provision_instruments.csv", row, "position", ("duplicate-position",), "1, 2, 3")


def label_twice_in_one_parent(root: Path) -> Expect:
    i, _ = first(root, "data/provisions.csv", lambda r: r["provision_id"] == "changchun-2022/2.1.2")
    row = set_cells(root, "data/provisions.csv", i, label="1.")
    return Expect("data/provisions.csv", row, "label", ("duplicate-label",), "numbering")


def sibling_spans_overlap(root: Path) -> Expect:
    i, _ = first(root, "data/provisions.csv", lambda r: r["provision_id"] == "changchun-2022/2.1.1")
    text = (root / "data/texts/changchun-2022.txt").read_text(encoding="utf-8")
    _, rows = read_rows(root / "data/provisions.csv")
    start, end = int(rows[i]["char_start"]), int(rows[i + 1]["char_start"]) + 20  # into 2.1.2
    set_cells(root, "data/provisions.csv", i, char_end=str(end), text=text[start:end])
    return Expect("data/provisions.csv", i + 3, "char_start", ("sibling-overlap",), "where the next one begins")


def one_of_three_amounts_deleted(root: Path) -> Expect:
    # 分别给予20万元、50万元、100万元 奖励: three rows share the quote; the 100万元 row goes missing
    edit(root, "data/amounts.csv", lambda rows: rows.remove(next(r for r in rows
                                                                 if r["amount_id"] == "baotou-2023/3.1.2/a3")))
    return Expect("data/texts/baotou-2023.txt", None, None, ("unbound-number",), "one row per figure")


def fullwidth_digits_in_a_number(root: Path) -> Expect:
    i, _ = first(root, "data/targets.csv", lambda r: r["value"] == "3000")
    row = set_cells(root, "data/targets.csv", i, value="３０００")
    return Expect("data/targets.csv", row, "value", ("not-ascii-digits",), "write 3000")


def empty_source(root: Path) -> Expect:
    import hashlib

    (root / "data/sources/qingdao-2018.txt").write_bytes(b"\x00\n  \n")
    i, _ = first(root, "data/documents.csv", lambda r: r["document_id"] == "qingdao-2018")
    set_cells(root, "data/documents.csv", i, source_sha256=hashlib.sha256(b"\x00\n  \n").hexdigest())
    return Expect("data/documents.csv", i + 2, "source_path", ("empty-source",), "real text")


def span_in_utf8_bytes(root: Path) -> Expect:
    i, r = first(root, "data/targets.csv", lambda r: r["document_id"] == "hubei-2023")
    text = (root / "data/texts/hubei-2023.txt").read_text(encoding="utf-8")
    start, end = int(r["char_start"]), int(r["char_end"])
    row = set_cells(root, "data/targets.csv", i, char_start=str(len(text[:start].encode())),
                    char_end=str(len(text[:end].encode())))
    return Expect("data/targets.csv", row, "char_start", ("span-mismatch",), f"char_start={start}")


def cell_too_long(root: Path) -> Expect:
    row = set_cells(root, "data/targets.csv", 5, note="很长" * 70_000)
    return Expect("data/targets.csv", row, "note", ("cell-too-long",), "split the text")


def broken_model_yaml(root: Path) -> Expect:
    path = root / "schemas/model.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("resources:", "resources: [", 1), encoding="utf-8")
    return Expect("schemas/model.yaml", None, None, ("config-error",), "line and column")


def broken_settings_yaml(root: Path) -> Expect:
    path = root / "settings/normalisation.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "bad: [unclosed\n", encoding="utf-8")
    return Expect("settings/normalisation.yaml", None, None, ("config-error",), "line and column")


def merge_conflict_markers(root: Path) -> Expect:
    lines = (root / "data/agencies.csv").read_text(encoding="utf-8").split("\n")
    lines[3:4] = ["<<<<<<< HEAD", lines[3], "=======", lines[3].replace("false", "true"), ">>>>>>> theirs"]
    (root / "data/agencies.csv").write_text("\n".join(lines), encoding="utf-8")
    return Expect("data/agencies.csv", 4, None, ("merge-conflict",), "resolve the conflict")


def saved_by_a_western_excel(root: Path) -> Expect:
    raw = (root / "data/agencies.csv").read_text(encoding="utf-8")
    (root / "data/agencies.csv").write_text("".join(c if c.isascii() else "?" for c in raw), encoding="utf-8")
    return Expect("data/agencies.csv", 2, None, ("characters-lost",), "restore the file")


def kangxi_radical_lookalike(root: Path) -> Expect:
    i, r = first(root, "data/agencies.csv", lambda r: "工业" in r["name"])
    row = set_cells(root, "data/agencies.csv", i, name=r["name"].replace("工", "\u2f2f", 1))
    return Expect("data/agencies.csv", row, "name", ("lookalike-character",), "type 工")


def cyrillic_lookalike(root: Path) -> Expect:
    i, r = first(root, "data/agencies.csv", lambda r: "o" in r["name_en"])
    row = set_cells(root, "data/agencies.csv", i, name_en=r["name_en"].replace("o", "\u043e", 1))
    return Expect("data/agencies.csv", row, "name_en", ("lookalike-character",), "type o")


def lead_unit_named_in_prose_without_row(root: Path) -> Expect:
    edit(root, "data/responsibilities.csv",
         lambda rows: rows.remove(next(r for r in rows if r["provision_id"] == "qingdao-2018/4.2")))
    edit(root, "data/agencies.csv",
         lambda rows: rows.remove(next(r for r in rows if r["agency_id"] == "qingdao/sme-authorities")))
    return Expect("data/responsibilities.csv", None, "provision_id", ("lead-unit-missing",), "role lead")


HOSTILE_AND_CONTRADICTIONS = [
    text_path_outside, text_path_climbing, stray_file_in_sources, vertical_tab_from_word, nul_byte,
    digit_dropped_from_value, comparator_against_wording, role_basis_against_clause, lead_with_silent_basis,
    target_year_not_in_quote, target_year_outside_plan,
    min_above_max, value_max_below_value, plan_years_reversed, region_in_no_province, agency_of_another_place,
    unit_span_in_another_provision, duplicate_agency, instruments_at_one_position, label_twice_in_one_parent,
    sibling_spans_overlap, one_of_three_amounts_deleted, fullwidth_digits_in_a_number, empty_source,
    span_in_utf8_bytes, cell_too_long, broken_model_yaml, broken_settings_yaml, merge_conflict_markers,
    saved_by_a_western_excel, kangxi_radical_lookalike, cyrillic_lookalike, lead_unit_named_in_prose_without_row,
]


MUTATIONS = [
    *ONE_CELL, excel_bom, excel_crlf, excel_gbk, thousands_separator,
    renamed_column, missing_column, extra_column, empty_row, short_row, unclosed_quote, duplicated_id,
    traditional_quote, span_off_by_one, end_before_start, fullwidth_digits, wan_yuan_unconverted, hand_edited_text,
    parent_in_another_document, codelist_row_cut_short, codelist_duplicate_code, text_file_missing,
    new_document_without_source, *HOSTILE_AND_CONTRADICTIONS, codelist_header_lost_code, instrument_position_gap,
]


def run_validator(root: Path) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    """Both reports of one run: the text printed, the JSON written by --json-file (outside the copy, so the
    report is not a file of the package it describes)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "zjtx.cli", "validate", "--root", str(root), "--json-file", str(report)]
        text = subprocess.run(cmd, cwd=paths.ROOT, capture_output=True, text=True, check=False)
        as_json = report.read_text(encoding="utf-8") if report.exists() else ""
    return text, subprocess.CompletedProcess(cmd, text.returncode, as_json, text.stderr)


def text_block(report: str, file: str) -> str:
    """The lines of the text report under the heading of `file`."""
    lines = report.split("\n")
    start = lines.index(file) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith(" ")), len(lines))
    return "\n".join(lines[start:end])


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda f: f.__name__)
def test_mistake_is_reported_where_it_is(package_copy, mutate):
    expect = mutate(package_copy)
    text, as_json = run_validator(package_copy)
    for result in (text, as_json):
        assert result.returncode == 1, result.stdout[-2000:]
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
    problems = json.loads(as_json.stdout)["problems"]
    located = [p for p in problems if p["file"] == expect.file and p["row"] == expect.row
               and (expect.field is None or p["field"] == expect.field) and p["code"] in expect.codes]
    assert located, f"expected {expect}; got {[(p['file'], p['row'], p['field'], p['code']) for p in problems]}"
    assert any(expect.hint in p["hint"] for p in located), [p["hint"] for p in located]
    assert "root:x:" not in text.stdout + as_json.stdout, "a file outside the package was printed"
    block = text_block(text.stdout, expect.file)
    assert any(code in block for code in expect.codes) and "fix:" in block
    if expect.row is not None:
        assert f"row {expect.row}" in block
    if expect.field is not None:
        assert expect.field in block
