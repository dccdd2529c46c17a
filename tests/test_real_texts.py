"""Real texts, not only clean ones: web pages and PDFs go through the normaliser, the segmenter and the scaffold.

The fixtures are synthetic texts written for these tests (tests/fixtures/), each with the debris of one kind of
capture: a county web page with articles 第N条 under 一、/(一) headings indented with no-break spaces
(county-articles-2023), a PDF conversion that put spaces inside words and numbers (pdf-spaced-2023), a web
page with HTML character references and full-width marks (web-page-2023). Every change is a repair row, and
no digit is ever changed.
"""

from __future__ import annotations

import html
import io
import unicodedata
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from tests.support import read_rows
from zjtx import cli, masthead, normalize, segment
from zjtx.model import load as load_model
from zjtx.paths import ROOT as REPO

FIXTURES = Path(__file__).parent / "fixtures"
COUNTY = FIXTURES / "county-articles-2023.txt"
PDF = FIXTURES / "pdf-spaced-2023.txt"
WEB = FIXTURES / "web-page-2023.txt"
COUNTY_BOUNDS = {"body_starts_after": "提出如下意见。\n", "body_ends_before": "本意见自印发之日起施行"}
# The numbers of the county text as a reader counts them (the labels 第一条… carry no Arabic digit): the date
# under the title, the articles' figures (2 0 → 20, 1 0 0 → 100, １０ → 10), the closing date.
COUNTY_NUMBERS = ["2023", "2", "8", "2025", "20", "50", "2025", "10", "100", "30", "10", "500", "200", "10", "50",
                  "2", "50", "20", "5", "100", "10", "3", "10", "500", "3", "2.0", "100", "1", "12", "2023", "10", "1",
                  "2025", "12", "31"]


def raw(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def digits(text: str) -> list[int]:
    """The digits a reader sees, in order (character references read as their characters)."""
    return [unicodedata.digit(c) for c in html.unescape(text) if unicodedata.digit(c, None) is not None]


@pytest.mark.parametrize("fixture", [COUNTY, PDF, WEB], ids=lambda p: p.stem)
def test_no_digit_is_ever_changed_and_every_change_is_a_located_repair(fixture):
    source = raw(fixture)
    text, repairs = normalize.normalise(source, {})
    assert digits(text) == digits(source)
    # a repair's `before` is what its step read: the received text, where no earlier step changed that place
    alone = [r for r in repairs if sum(o.source_start < r.source_end and r.source_start < o.source_end
                                       for o in repairs) == 1]
    assert alone and all(source[r.source_start:r.source_end] == r.before for r in alone)
    assert all(text[r.text_start:r.text_end] == r.after for r in alone)
    steps = {row["code"] for row in read_rows(REPO / "schemas" / "codelists" / "repair_step.csv")[1]}
    assert {r.step for r in repairs} <= steps
    assert normalize.normalise(text, {}) == (text, [])  # idempotent


@pytest.mark.parametrize(("before", "after"), [
    ("引导 资金", "引导资金"),                    # a space inside a word
    ("奖励 200 万元", "奖励200万元"),             # around a number
    ("第 1 0 条", "第10条"),                      # a number written digit by digit
    ("2023 年 1 0 月", "2023年10月"),             # the year stays apart from the month: a 年 lies between
    ("第1条 2 项", "第1条 2项"),                   # after an article label the space stays: 1 and 2 never join
    ("100 200家", "100 200家"),                   # two groups of digits may be two numbers: left as they are
    ("2023 1 0", "2023 10"),                      # the digit-by-digit run only
    ("补助 3 0 %", "补助30%"),
    ("中共示例县委 示例县人民政府", "中共示例县委 示例县人民政府"),  # two issuers' names stay apart
    ("第一条 对首次认定的企业", "第一条 对首次认定的企业"),       # the space after an article label stays
    ("示例市经信局    示例市财政局", "示例市经信局    示例市财政局"),  # layout (several spaces) stays
    ("SRDI 企业 A 1", "SRDI 企业 A 1"),           # Latin letters keep their spaces
])
def test_the_inner_space_rule(before, after):
    assert normalize.normalise(before, {})[0] == after


def test_web_page_debris_is_repaired():
    text, repairs = normalize.normalise(raw(WEB), {})
    assert "“专精特新”" in text and "&ldquo;" not in text  # character references
    assert "\n一、培育对象\n(一)区内注册的中小企业&个体工商户。" in text  # indentation, （一）, &amp;
    assert "不低于5%的企业。" in text and "\u200b" not in text  # ５％ and a zero-width space
    assert "1.对首次认定的企业给予30万元奖励。" in text  # 1． &nbsp;３０ &#x3000;
    assert "©示例区人民政府  版权所有&unknown;" in text  # two spaces are layout; an unknown name stays
    assert {"html-entity", "space-variant", "full-width", "leading-space", "inner-space"} <= {r.step for r in repairs}


def test_a_document_can_turn_a_step_off():
    text, repairs = normalize.normalise("提升至 2.0 以上\n  • 发布时间\n", {"inner_spaces": False,
                                                                        "leading_spaces": False})
    assert text == "提升至 2.0 以上\n  • 发布时间\n" and repairs == []


def test_county_articles_are_proposed_as_provisions():
    text, _ = normalize.normalise(raw(COUNTY), {})
    proposals = segment.segment("x", text, *segment.body_bounds(text, COUNTY_BOUNDS))
    articles = [p for p in proposals if p.label.startswith("第")]
    assert len(articles) == 26 and len(proposals) == 3 + 9 + 26  # 一、 三 sections, (一) nine, 26 articles
    assert [p.label for p in articles[:3]] == ["第一条", "第二条", "第三条"] and articles[-1].label == "第二十六条"
    first = articles[0]
    assert (first.provision_id, first.parent_id, first.level, first.heading) == ("x/1.1.1", "x/1.1", 3, "")
    assert text[first.char_start:first.char_end].startswith("第一条 到2025年")
    assert articles[-1].provision_id == "x/3.3.26"


def test_arabic_article_numbers_and_articles_alone():
    text = "第1条 总则。\n第2条 对企业给予奖励。\n1.细则一。\n第3条 附则。"
    proposals = segment.segment("x", text, 0, len(text))
    assert [(p.provision_id, p.parent_id) for p in proposals] == [
        ("x/1", None), ("x/2", None), ("x/2.1", "x/2"), ("x/3", None)]


def test_the_head_of_a_text_is_read():
    county, _ = normalize.normalise(raw(COUNTY), {})
    head = masthead.read(county)
    assert head.issuers == ["中共示例县委", "示例县人民政府"]  # a joint Party–government issuer
    assert (head.issued_date, head.doc_number, head.region_name) == ("2023-02-08", "", "示例县")
    assert head.title.startswith("中共示例县委 示例县人民政府关于促进")
    web, _ = normalize.normalise(raw(WEB), {})
    head = masthead.read(web)
    assert (head.doc_number, head.issuers, head.issued_date) == ("示区政办发〔2023〕12号", ["示例区人民政府办公室"],
                                                                 "2023-05-06")


def scaffold(root: Path, fixture: Path, doc_id: str, *bounds: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["new-document", str(fixture), doc_id, *bounds, "--root", str(root)]) == 0
    return out.getvalue()


def test_the_county_web_text_is_scaffolded_with_its_provisions_and_its_numbers_counted_right(package_copy):
    """The shape of the real county text of issue 27: 0 provisions and 144 numbers for 128 before."""
    printed = scaffold(package_copy, COUNTY, "shilixian-2023", "--starts-after", "提出如下意见。",
                       "--ends-before", "本意见自印发之日起施行")
    _, provisions = read_rows(package_copy / "data" / "provisions.csv")
    assert sum(r["document_id"] == "shilixian-2023" for r in provisions) == 38
    _, sheet = read_rows(package_copy / "drafts" / "shilixian-2023-numbers.csv")
    assert [r["number"] for r in sheet] == COUNTY_NUMBERS
    assert "38 proposed provisions" in printed and f"{len(COUNTY_NUMBERS)} number(s)" in printed
    _, docs = read_rows(package_copy / "data" / "documents.csv")
    row = next(r for r in docs if r["document_id"] == "shilixian-2023")
    assert row["issuer"] == "TODO 中共示例县委、示例县人民政府"  # proposed, and a draft until a person reads it
    assert (row["issued_date"], row["doc_number"]) == ("TODO 2023-02-08", "")  # no 发文字号: none proposed
    assert "no 发文字号 was found" in printed and "make propose ID=shilixian-2023" in printed
    _, repairs = read_rows(package_copy / "data" / "text_repairs.csv")
    mine = [r for r in repairs if r["document_id"] == "shilixian-2023"]
    assert {"line-ends", "space-variant", "full-width", "inner-space", "html-entity"} <= {r["step"] for r in mine}
    assert all("\r" not in r["before"] for r in mine) and "\u240d\n" in {r["before"] for r in mine}


def test_a_crlf_web_text_scaffolds_into_a_package_whose_only_errors_are_the_drafts(package_copy):
    """The repairs of a CRLF source read back as written (a CR in a cell used to break text_repairs.csv)."""
    from zjtx.validate import validate

    scaffold(package_copy, COUNTY, "shilixian-2023", "--starts-after", "提出如下意见。",
             "--ends-before", "本意见自印发之日起施行")
    report = validate(package_copy)
    codes = {p.code for p in report.errors}
    assert not codes & {"line-ends", "repairs-drift", "text-drift", "checksum"}
    assert codes <= {"draft-value", "unaccounted-number", "clause-incomplete", "lead-unit-missing",
                     "translation-missing"}


def test_the_scaffold_s_next_steps_name_everything_a_contributor_must_do(package_copy):
    printed = scaffold(package_copy, PDF, "shilishi-2023")
    for step in ("make propose ID=shilishi-2023", "data/provision_translations.csv", "由…牵头",
                 "data/reviewed_warnings.csv", 'zjtx span shilishi-2023 "<quote>"', "make validate"):
        assert step in printed, step
    _, docs = read_rows(package_copy / "data" / "documents.csv")
    row = next(r for r in docs if r["document_id"] == "shilishi-2023")
    assert row["doc_number"] == "TODO 示经信发〔2023〕7号"
    assert load_model(package_copy).field_names("documents") == list(row)


def test_an_article_s_english_heading_is_proposed_as_a_draft(package_copy):
    scaffold(package_copy, COUNTY, "shilixian-2023", "--starts-after", "提出如下意见。",
             "--ends-before", "本意见自印发之日起施行")
    _, provisions = read_rows(package_copy / "data" / "provisions.csv")
    mine = {r["label"]: r for r in provisions if r["document_id"] == "shilixian-2023"}
    assert (mine["第二十六条"]["heading"], mine["第二十六条"]["heading_en"]) == ("", "TODO Article 26")
    assert mine["一、"]["heading_en"] == "TODO"
