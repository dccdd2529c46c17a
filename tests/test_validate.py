"""The validator: clean on the real package, and a clear located error for each mistake people make."""

from __future__ import annotations

import json

import pytest

from zjtx import cli
from zjtx import validate as validator


def codes(report):
    return {p.code for p in report.errors}


def only(report, code):
    found = [p for p in report.errors if p.code == code]
    assert found, f"expected a {code!r} error; got {[(p.code, p.message) for p in report.errors]}"
    return found


def test_real_package_is_valid(real_report):
    assert real_report.ok, real_report.to_text(show_warnings=False)
    assert {"frictionless", "spans", "number-coverage", "responsibilities"} <= set(real_report.checked)


def test_cli_exit_codes_and_json_report(package_copy, edit_rows, capsys, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("reports")
    assert cli.main(["validate", "--root", str(package_copy), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["valid"] is True
    edit_rows("data/targets.csv", lambda rows: rows[0].update(quote=rows[0]["quote"] + "X"))
    assert cli.main(["validate", "--root", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert "data/targets.csv" in out and "row 2" in out and "fix:" in out and "Traceback" not in out
    # one run, both reports: the text printed, the same JSON as --json prints written to a file
    report = tmp_path / "report.json"
    assert cli.main(["validate", "--root", str(package_copy), "--json-file", str(report)]) == 1
    assert capsys.readouterr().out == out
    assert cli.main(["validate", "--root", str(package_copy), "--json"]) == 1
    assert report.read_text(encoding="utf-8") == capsys.readouterr().out
    # a file that cannot be written: one line that says so, exit 2
    assert cli.main(["validate", "--root", str(package_copy), "--json-file", str(tmp_path / "no" / "r.json")]) == 2
    err = capsys.readouterr().err
    assert "could not be written" in err and "Traceback" not in err


def test_broken_foreign_key(package_copy, edit_rows):
    edit_rows("data/targets.csv", lambda rows: rows[2].update(provision_id="hubei-2023/99"))
    (p,) = [p for p in only(validator.validate(package_copy), "foreign-key")]
    assert p.file == "data/targets.csv" and p.row == 4


def test_quote_not_in_text(package_copy, edit_rows):
    edit_rows("data/amounts.csv", lambda rows: rows[0].update(quote="这句话不在原文里"))
    (p,) = only(validator.validate(package_copy), "quote-mismatch")
    assert (p.file, p.row, p.field) == ("data/amounts.csv", 2, "quote")


def test_span_off_by_one_names_the_right_span(package_copy, edit_rows):
    def shift(rows):
        rows[1]["char_start"] = str(int(rows[1]["char_start"]) + 1)
        rows[1]["char_end"] = str(int(rows[1]["char_end"]) + 1)
    edit_rows("data/targets.csv", shift)
    (p,) = only(validator.validate(package_copy), "span-mismatch")
    assert p.row == 3 and "off by -1" in p.message and "set char_start=" in p.hint


def test_wrong_sha256(package_copy, edit_rows):
    at = {}

    def damage(rows):  # Hubei's row, wherever it is: no test depends on the order of documents
        at["row"] = next(i for i, r in enumerate(rows, start=2) if r["document_id"] == "hubei-2023")
        rows[at["row"] - 2].update(source_sha256="0" * 64)
    edit_rows("data/documents.csv", damage)
    (p,) = only(validator.validate(package_copy), "checksum")
    assert (p.row, p.field) == (at["row"], "source_sha256") and "fbad8df9" in p.hint


def test_changed_source_file(package_copy):
    src = package_copy / "data" / "sources" / "qingdao-2018.txt"
    src.write_bytes(src.read_bytes() + b"\n")
    assert "checksum" in codes(validator.validate(package_copy))


def test_missing_required_field(package_copy, edit_rows):
    edit_rows("data/amounts.csv", lambda rows: rows[3].update(purpose=""))
    errors = [p for p in validator.validate(package_copy).errors if p.field == "purpose"]
    assert errors and errors[0].row == 5 and errors[0].file == "data/amounts.csv"


def test_value_outside_codelist(package_copy, edit_rows):
    edit_rows("data/targets.csv", lambda rows: rows[0].update(period="sometimes"))
    errors = [p for p in validator.validate(package_copy).errors if p.field == "period"]
    assert errors and errors[0].row == 2 and errors[0].code == "constraint-error"


def test_unaccounted_number_names_document_and_offset(package_copy, edit_rows):
    removed = {}

    def drop(rows):
        removed.update(rows[0])
        return rows[1:]
    edit_rows("data/number_exclusions.csv", drop)
    (p,) = only(validator.validate(package_copy), "unaccounted-number")
    assert p.file == f"data/texts/{removed['document_id']}.txt"
    assert f"at [{removed['char_start']}, {removed['char_end']})" in p.message


def test_amount_left_in_wan_yuan(package_copy, edit_rows):
    def unconvert(rows):
        row = next(r for r in rows if r["figure_as_written"] == "100万元" and r["min_cny"] == "1000000")
        row["min_cny"] = row["max_cny"] = "100"
    edit_rows("data/amounts.csv", unconvert)
    (p, *_) = only(validator.validate(package_copy), "amount-mismatch")
    assert "万元 left unconverted" in p.hint


def test_target_value_must_be_the_stated_number(package_copy, edit_rows):
    edit_rows("data/targets.csv", lambda rows: rows[0].update(value="3001"))
    (p,) = only(validator.validate(package_copy), "value-mismatch")
    assert p.row == 2


def test_provision_outside_its_parent(package_copy, edit_rows):
    edit_rows("data/provisions.csv", lambda rows: rows[1].update(parent_id="changchun-2022/3"))
    assert {"id-parent", "nesting"} <= codes(validator.validate(package_copy))


def test_duplicate_id(package_copy, edit_rows):
    edit_rows("data/targets.csv", lambda rows: rows.insert(1, dict(rows[0])))
    assert codes(validator.validate(package_copy)) & {"primary-key", "unique-error"}


def test_incomplete_responsibility_clause(package_copy, edit_rows):
    edit_rows("data/responsibilities.csv", lambda rows: [r for i, r in enumerate(rows) if i != 3])
    assert "clause-incomplete" in codes(validator.validate(package_copy))


@pytest.mark.parametrize("damage", ["bom", "crlf"])
def test_excel_habits_are_reported_and_fixable(package_copy, damage):
    path = package_copy / "data" / "agencies.csv"
    raw = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + raw if damage == "bom" else raw.replace(b"\n", b"\r\n"))
    report = validator.validate(package_copy)
    (p,) = [p for p in report.errors if p.code in ("utf8-bom", "line-ends")]
    assert p.file == "data/agencies.csv" and "FIX=1" in p.hint
    assert cli.main(["validate", "--root", str(package_copy), "--fix"]) == 0
    assert path.read_bytes() == raw


def test_gbk_file_is_reported_not_guessed(package_copy):
    path = package_copy / "data" / "agencies.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    (p,) = only(validator.validate(package_copy), "encoding")
    assert p.file == "data/agencies.csv" and "GBK" in p.message


def test_renamed_column(package_copy):
    path = package_copy / "data" / "targets.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("indicator_en", "indicator_english", 1), encoding="utf-8")
    (p,) = only(validator.validate(package_copy), "renamed-column")
    assert "rename the column 'indicator_english' to 'indicator_en'" in p.hint


def test_a_clean_package_shows_no_warning_and_its_reviews_are_counted(real_report):
    assert real_report.warnings == [] and real_report.reviewed >= 7


def test_a_warning_nobody_has_reviewed_still_shows(package_copy, edit_rows):
    edit_rows("data/reviewed_warnings.csv",
              lambda rows: [r for r in rows if (r["document_id"], r["char_start"]) != ("baotou-2023", "582")])
    report = validator.validate(package_copy)
    assert report.ok
    (p,) = report.warnings
    assert (p.code, p.file, p.char_start, p.value) == ("chinese-quantity", "data/texts/baotou-2023.txt", 582, "一个")


def test_a_review_that_matches_no_warning_is_an_error(package_copy, edit_rows):
    edit_rows("data/reviewed_warnings.csv", lambda rows: rows[0].update(char_start="583"))
    (p,) = only(validator.validate(package_copy), "review-stale")
    assert (p.file, p.row, p.field) == ("data/reviewed_warnings.csv", 2, "char_start")


def test_changed_line_ends_are_reported_once_per_file_without_span_or_hash_advice(package_copy):
    """What a Windows checkout with core.autocrlf=true does to every file (without .gitattributes)."""
    touched = []
    for path in sorted([*(package_copy / "data").rglob("*"), *(package_copy / "schemas").rglob("*.csv")]):
        if path.is_file() and path.suffix in (".csv", ".txt"):
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
            touched.append(path.relative_to(package_copy).as_posix())
    report = validator.validate(package_copy)
    assert not report.ok
    assert {p.code for p in report.errors} == {"line-ends", "line-ends-changed"}
    assert sorted(p.file for p in report.errors) == touched  # one problem per file, each file once


def test_a_changed_number_in_a_translation_is_caught(package_copy, edit_rows):
    def change(rows):
        row = next(r for r in rows if r["provision_id"] == "hubei-2023/9")
        row["text_en"] = row["text_en"].replace("500,000 yuan", "50,000 yuan", 1)
    edit_rows("data/provision_translations.csv", change)
    (p,) = only(validator.validate(package_copy), "translation-numbers")
    assert "hubei-2023/9" in p.message and "lacks 50" in p.message and "50000" in p.message


def test_a_term_of_art_rendered_another_way_is_caught(package_copy, edit_rows):
    def change(rows):
        row = next(r for r in rows if r["provision_id"] == "baotou-2023/3.2.5")
        row["text_en"] = row["text_en"].replace("open competition", "unveil-the-list")
    edit_rows("data/provision_translations.csv", change)
    (p,) = only(validator.validate(package_copy), "glossary-rendering")
    assert p.field == "text_en" and "揭榜挂帅" in p.message and "open competition" in p.hint


def test_a_provision_without_translation_is_caught(package_copy, edit_rows):
    edit_rows("data/provision_translations.csv",
              lambda rows: [r for r in rows if r["provision_id"] != "qingdao-2018/4.2"])
    (p,) = only(validator.validate(package_copy), "translation-missing")
    assert p.value == "qingdao-2018/4.2"


def test_translation_numbers_follow_the_documented_rule():
    from zjtx.checks.translations import number_difference

    assert number_difference("给予100—2000万元资金支持", "funding of 1,000,000 to 20,000,000 yuan") == ([], [])
    assert number_difference("50万元", "500,000 yuan") == ([], [])
    assert number_difference("1亿元", "100 million yuan") == ([], [])
    assert number_difference("5G网络", "5G networks") == ([], [])
    assert number_difference("三年", "3 years") == ([], ["3"])  # Chinese numerals are words in English
    assert number_difference("50家", "5 firms") == (["50"], ["5"])


def test_the_glossary_does_not_reach_into_official_names_of_bodies(package_copy, edit_rows):
    """青岛市中小企业局 is the Qingdao Small and Medium-sized Enterprises Bureau: an issuer's and an agency's English
    name is the body's own, whatever the glossary renders 中小企业 as; a heading still follows the glossary."""
    def official(rows):
        row = next(r for r in rows if r["document_id"] == "qingdao-2018")
        row["issuer_en"] = "Qingdao Small and Medium-sized Enterprises Bureau"
    edit_rows("data/documents.csv", official)

    def agency(rows):
        row = next(r for r in rows if "中小企业" in r["name"] and "SME" in r["name_en"])
        row["name_en"] = row["name_en"].replace("SMEs", "small and medium-sized enterprises").replace(
            "SME", "Small and Medium-sized Enterprise")
    edit_rows("data/agencies.csv", agency)
    assert "glossary-rendering" not in codes(validator.validate(package_copy))

    def heading(rows):
        row = next(r for r in rows if "中小企业" in r["heading"] and "SME" in r["heading_en"])
        row["heading_en"] = row["heading_en"].replace("SMEs", "small firms").replace("SME", "small firm")
    edit_rows("data/provisions.csv", heading)
    (p,) = only(validator.validate(package_copy), "glossary-rendering")
    assert (p.file, p.field) == ("data/provisions.csv", "heading_en")
