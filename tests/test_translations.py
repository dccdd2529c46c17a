"""The English edition's rules as data, checked (issue 29) and translations that may follow a document (issue 27):
obligation words, the registry's English names, headings as the English text gives them, pending translations."""

from __future__ import annotations

import csv

import pytest

from zjtx import paths
from zjtx import validate as validator
from zjtx.checks.obligations import Rule, contradictions, parse_rules
from zjtx.model import ConfigError

ENGLISH_CODES = {"obligation-word", "agency-name-en", "heading-en-opening", "translation-pending",
                 "translation-missing"}
# The curated documents, named (never counted): each stays fully translated.
CURATED = ["changchun-2022", "baotou-2023", "haiyan-2023", "qingdao-2018", "hubei-2023"]


def found(report, code):
    return [p for p in report.problems if p.code == code]


def replace_in(rows, key, value, field, old, new):
    row = next(r for r in rows if r[key] == value)
    assert old in row[field], (value, field, old)
    row[field] = row[field].replace(old, new)


def test_the_package_is_silent_on_every_english_rule(real_report):
    assert [(p.code, p.message) for p in real_report.problems if p.code in ENGLISH_CODES] == []
    assert {"obligation-words", "agency-names-en", "headings-en"} <= set(real_report.checked)


def test_the_curated_documents_stay_fully_translated():
    with (paths.ROOT / "data" / "documents.csv").open(encoding="utf-8", newline="") as fh:
        status = {r["document_id"]: r["translation_status"] for r in csv.DictReader(fh)}
    with (paths.ROOT / "data" / "provisions.csv").open(encoding="utf-8", newline="") as fh:
        provisions = [(r["document_id"], r["provision_id"]) for r in csv.DictReader(fh)]
    with (paths.ROOT / "data" / "provision_translations.csv").open(encoding="utf-8", newline="") as fh:
        translated = {r["provision_id"] for r in csv.DictReader(fh) if r["text_en"].strip()}
    for doc in CURATED:
        assert status[doc] == "complete", doc
        ids = [pid for d, pid in provisions if d == doc]
        assert ids and set(ids) <= translated, doc


def test_should_for_yingdang_is_warned(package_copy, edit_rows):
    edit_rows("data/provision_translations.csv", lambda rows: replace_in(
        rows, "provision_id", "hubei-2023/9", "text_en", "Localities shall, according", "Localities should, according"))
    report = validator.validate(package_copy)
    assert report.ok  # a warning: the package stays valid
    (p,) = found(report, "obligation-word")
    assert p.severity == "warning" and p.value == "hubei-2023/9" and "应当" in p.message and "'shall'" in p.message
    assert p.file == "data/provision_translations.csv" and p.field == "text_en"


def test_must_for_yao_is_warned(package_copy, edit_rows):
    edit_rows("data/provision_translations.csv", lambda rows: replace_in(
        rows, "provision_id", "baotou-2023/4.2", "text_en", "units are to help", "units must help"))
    (p,) = found(validator.validate(package_copy), "obligation-word")
    assert p.value == "baotou-2023/4.2" and "'must'" in p.message and "必须" in p.message


def test_the_modal_rule_decides_only_what_it_can():
    rules = [Rule("应当", ("shall",), True, True), Rule("不得", ("shall not",), True, True),
             Rule("必须", ("must",), True, True), Rule("要", ("is to", "are to"), False, False)]
    assert contradictions(rules, "各地应当安排资金", "Localities shall set aside funds") == []
    assert contradictions(rules, "各地应当安排资金", "Localities should set aside funds") != []
    assert contradictions(rules, "不得限制", "shall not restrict") == []  # shall renders 不得 too
    assert contradictions(rules, "不得限制", "must not restrict") != []
    assert contradictions(rules, "市工信局要统筹", "The bureau is to coordinate") == []
    assert contradictions(rules, "市工信局要统筹", "The bureau must coordinate") != []
    assert contradictions(rules, "主要目标", "Main goals") == []  # 要 inside a word is never required
    assert contradictions(rules, "应当", "the marshall's office shall act") == []  # whole words only
    assert contradictions(rules, "应当买,不得限制", "shall buy and shall not restrict") == []
    assert contradictions(rules, "应当买,应当安排", "shall buy and should set aside") != []  # one shall for two


@pytest.mark.parametrize("content", [
    "form,renderings\n应当,shall\n",
    "form,renderings,required,reserved,note\n应当,shall,true,true,\n",
    "form,renderings,required,reserved,note\n应当,\"[\"\"shall\"\"]\",yes,true,\n",
    "form,renderings,required,reserved,note\n,\"[\"\"shall\"\"]\",true,true,\n",
])
def test_a_malformed_obligation_table_is_a_clear_error(content):
    with pytest.raises(ConfigError, match=r"obligation_words\.csv"):
        parse_rules(content, "settings/obligation_words.csv")


def test_a_broken_obligation_table_is_reported_not_raised(package_copy):
    (package_copy / "settings" / "obligation_words.csv").write_text("form,renderings\n", encoding="utf-8")
    report = validator.validate(package_copy)
    assert [p for p in report.errors if p.code == "config-error" and "obligation_words.csv" in p.message]


def test_a_registry_body_renamed_in_a_translation_fails(package_copy, edit_rows):
    edit_rows("data/provision_translations.csv", lambda rows: replace_in(
        rows, "provision_id", "hubei-2023/7", "text_en", "Hubei Regulatory Bureau of the China Securities",
        "Hubei Office of the China Securities"))
    report = validator.validate(package_copy)
    (p,) = found(report, "agency-name-en")
    assert not report.ok and p.severity == "error"
    assert p.value == "hubei-2023/7" and "hubei/csrc-hubei-bureau" in p.message and "湖北证监局" in p.message


def test_the_short_form_is_enough_where_the_place_is_understood(package_copy, edit_rows):
    # "Municipal Tax Service" (name_en_short) stands for the registry's full name in Changchun's translation
    edit_rows("data/agencies.csv", lambda rows: replace_in(
        rows, "agency_id", "changchun/tax-bureau", "name_en_short", "Municipal Tax Service", "Municipal Tax Office"))
    (p,) = found(validator.validate(package_copy), "agency-name-en")
    assert p.value == "changchun-2022/2.2.5" and "Municipal Tax Office" in p.message


def test_a_heading_that_differs_from_the_english_opening_fails(package_copy, edit_rows):
    edit_rows("data/provisions.csv", lambda rows: replace_in(
        rows, "provision_id", "haiyan-2023/2.1.3", "heading_en", "Lay a solid foundation for development",
        "Widen the base of candidate firms"))
    (p,) = found(validator.validate(package_copy), "heading-en-opening")
    assert p.field == "heading_en" and p.value == "haiyan-2023/2.1.3"
    assert "'Lay a solid foundation for development'" in p.message


def test_a_heading_that_only_starts_the_first_word_fails(package_copy, edit_rows):
    edit_rows("data/provisions.csv", lambda rows: replace_in(
        rows, "provision_id", "haiyan-2023/2.1.3", "heading_en", "Lay a solid foundation for development",
        "Lay a solid foundation for develop"))
    assert found(validator.validate(package_copy), "heading-en-opening")


def test_a_document_whose_translations_are_pending_is_valid_with_a_counted_warning(package_copy, edit_rows):
    doc = "qingdao-2018"
    edit_rows("data/documents.csv", lambda rows: replace_in(rows, "document_id", doc, "translation_status",
                                                            "complete", "pending"))
    with (package_copy / "data" / "provisions.csv").open(encoding="utf-8", newline="") as fh:
        ids = {r["provision_id"] for r in csv.DictReader(fh) if r["document_id"] == doc}
    edit_rows("data/provision_translations.csv", lambda rows: [r for r in rows if r["document_id"] != doc])
    report = validator.validate(package_copy)
    assert report.ok, report.to_text(show_warnings=False)
    assert {p.value for p in found(report, "translation-pending")} == ids
    assert len(found(report, "translation-pending")) == len(ids)
    # checks that need a translation treat a pending provision as pending, not as an error
    assert not [p for p in report.problems if p.code in {"translation-missing", "heading-en-opening",
                                                         "agency-name-en", "obligation-word"}]


def test_a_complete_document_without_a_translation_is_still_an_error(package_copy, edit_rows):
    edit_rows("data/provision_translations.csv",
              lambda rows: [r for r in rows if r["provision_id"] != "haiyan-2023/2.1.3"])
    report = validator.validate(package_copy)
    assert not report.ok and [p.value for p in found(report, "translation-missing")] == ["haiyan-2023/2.1.3"]
    assert not found(report, "translation-pending")


def test_translation_status_is_a_codelist(package_copy, edit_rows):
    edit_rows("data/documents.csv", lambda rows: replace_in(rows, "document_id", "hubei-2023", "translation_status",
                                                            "complete", "partial"))
    report = validator.validate(package_copy)
    assert not report.ok and any(p.field == "translation_status" or "translation_status" in p.message
                                 for p in report.errors)
