"""A synthetic sixth document, added the way CONTRIBUTING.md tells a contributor to add one.

`add_synthetic_document(root)` scaffolds tests/fixtures/shilixian-2024.txt into the package at `root`
with `scripts.scaffold`, then fills the draft rows step by step as the guide says. Other tests (the
site's, for one) reuse it to check that a sixth document flows through everything.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

from tests.support import read_rows, write_rows
from zjtx import cli

FIXTURE = Path(__file__).parent / "fixtures" / "shilixian-2024.txt"
DOC_ID = "shilixian-2024"
SCAFFOLD_ARGS = [str(FIXTURE), DOC_ID, "--starts-after", "制定如下措施。", "--ends-before", "示例县人民政府"]

Rows = list[dict[str, str]]


def scaffold(root: Path) -> str:
    """Step 1: make new-document (in-process); returns what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["new-document", *SCAFFOLD_ARGS, "--root", str(root)]) == 0
    return out.getvalue()


def edit(root: Path, rel: str, fn: Callable[[Rows], Rows | None]) -> None:
    header, rows = read_rows(root / rel)
    result = fn(rows)
    write_rows(root / rel, header, rows if result is None else result)


def span(text: str, quote: str, after: int = 0) -> dict[str, str]:
    """quote, char_start, char_end of the first occurrence of `quote` at or after `after`."""
    start = text.index(quote, after)
    return {"char_start": str(start), "char_end": str(start + len(quote))}


def fill_document(rows: Rows) -> None:
    """Step 2: documents.csv — every TODO replaced; optional fields the text does not give left empty."""
    row = next(r for r in rows if r["document_id"] == DOC_ID)
    row.update(
        title="示例县支持“专精特新”中小企业发展若干措施",
        title_en="Measures of Shili County to support SRDI (专精特新: specialised, refined, distinctive and "
                 "innovative) SMEs (synthetic example)",
        issuer="示例县人民政府", issuer_en="Shili County People's Government (synthetic)",
        issuer_inferred="false", doc_number="",
        region_code="330999", region_name="示例县", region_name_en="Shili County (synthetic)",
        admin_level="county", doc_type="measures", issued_date="2024-01-01", legal_status="issued",
        dates_note="issued_date is the signature date (2024年1月1日); the text states no effective or expiry date.",
        capture_note="Synthetic text written for the test suite; not a real policy document. No repairs were needed.",
        source_url="", source_note="Synthetic text of the test suite; never published.",
    )


PROVISIONS = {  # provision id: (heading_en, kind, policy_area)
    "1": ("Development goals", "target_block", ""),
    "2": ("Support measures", "section", ""),
    "2.1": ("Increase rewards", "measure", "fiscal_rewards"),
    "2.2": ("Strengthen service support", "section", ""),
    "2.2.1": ("Set up a system of service commissioners", "measure", "public_services"),
    "2.2.2": ("Strengthen policy publicity", "measure", "publicity"),
}


def fill_provisions(rows: Rows) -> None:
    """Step 3: provisions.csv — labels and spans checked; heading_en, kind and policy_area written."""
    for row in rows:
        if row["document_id"] == DOC_ID:
            heading_en, kind, area = PROVISIONS[row["provision_id"].split("/", 1)[1]]
            row.update(heading_en=heading_en, kind=kind, policy_area=area)


def add_facts(root: Path, text: str) -> None:
    """Step 4: every number of the worksheet becomes a target, an amount or an exclusion."""
    target = "到2025年,培育“专精特新”中小企业10家"
    edit(root, "data/targets.csv", lambda rows: [*rows, {
        "target_id": f"{DOC_ID}/1/t1", "provision_id": f"{DOC_ID}/1", "document_id": DOC_ID,
        "indicator": "“专精特新”中小企业", "indicator_en": "SRDI (专精特新) SMEs", "value": "10",
        "value_max": "", "unit": "家", "comparator": "eq", "target_year": "2025", "period": "cumulative",
        "tier": "specialised_sme", "value_as_written": "10家", "quote": target, **span(text, target), "note": ""}])
    amount = "对首次认定的省级“专精特新”中小企业,给予一次性奖励20万元"
    edit(root, "data/amounts.csv", lambda rows: [*rows, {
        "amount_id": f"{DOC_ID}/2.1/a1", "provision_id": f"{DOC_ID}/2.1", "document_id": DOC_ID,
        "purpose": "首次认定的省级“专精特新”中小企业一次性奖励",
        "purpose_en": "one-off award for newly recognised provincial SRDI (专精特新) SMEs",
        "amount_type": "fixed", "basis": "tier_recognition", "min_cny": "200000", "max_cny": "200000",
        "ratio_percent": "", "ratio_base": "",
        "tier": "specialised_sme_provincial", "figure_as_written": "20万元", "quote": amount,
        **span(text, amount), "note": ""}])
    sheet_header, sheet = read_rows(root / "drafts" / f"{DOC_ID}-numbers.csv")
    excluded = [r for r in sheet if r["number"] not in ("2025", "10", "20")]  # the signature date
    for row in excluded:
        row.update(reason="date", note="signature date 2024年1月1日")
    edit(root, "data/number_exclusions.csv",
         lambda rows: rows + [{k: r[k] for k in sheet_header[:6]} for r in excluded])


def add_responsibilities(root: Path, text: str) -> None:
    """Step 5: one agency per body, one responsibility per unit in each clause, in order."""
    common = {"region_code": "330999", "admin_level": "county", "kind": "government_department",
              "collective": "false", "note": "synthetic example"}
    edit(root, "data/agencies.csv", lambda rows: [*rows, {
        "agency_id": "shilixian/economy-it-bureau", "name": "示例县经济和信息化局",
        "name_en": "Shili County Bureau of Economy and Information Technology",
        "name_en_short": "County Bureau of Economy and Information Technology", "aliases": '["县经信局"]',
        "function": "industry_it", **common,
    }, {
        "agency_id": "shilixian/finance-bureau", "name": "示例县财政局", "name_en": "Shili County Finance Bureau",
        "name_en_short": "County Finance Bureau", "aliases": '["县财政局"]', "function": "finance", **common}])
    units = {"2.1": ["县经信局", "县财政局"], "2.2.1": ["县经信局"], "2.2.2": ["县经信局"]}
    agency = {"县经信局": "shilixian/economy-it-bureau", "县财政局": "shilixian/finance-bureau"}
    _, provisions = read_rows(root / "data" / "provisions.csv")
    starts = {r["provision_id"]: int(r["char_start"]) for r in provisions}
    new = []
    for local, names in units.items():
        pid = f"{DOC_ID}/{local}"
        at = text.index("(责任单位:", starts[pid])
        for position, name in enumerate(names, start=1):
            where = span(text, name, at)
            at = int(where["char_end"])
            new.append({"provision_id": pid, "document_id": DOC_ID, "position": str(position),
                        "agency_id": agency[name], "name_as_written": name, "role": "unspecified",
                        "role_basis": "not_stated", **where, "note": ""})
    edit(root, "data/responsibilities.csv", lambda rows: rows + new)


def add_instruments(root: Path) -> None:
    """Step 6: at least one instrument for every measure."""
    instruments = {"2.1": "grants_rewards", "2.2.1": "advisory_services", "2.2.2": "information_services"}
    edit(root, "data/provision_instruments.csv", lambda rows: rows + [
        {"provision_id": f"{DOC_ID}/{local}", "document_id": DOC_ID, "instrument": code, "position": "1"}
        for local, code in instruments.items()])


TRANSLATIONS = {  # Step 7: the unofficial English of each provision's own text, numbers as in the Chinese
    "1": "Development goals\nBy 2025, cultivate 10 SRDI SMEs.",
    "2": "Support measures",
    "2.1": "Increase rewards. Provincial SRDI SMEs recognised for the first time receive a one-off award of "
           "200,000 yuan. (Responsible: County Bureau of Economy and Information Technology, County Finance Bureau)",
    "2.2": "Strengthen service support.",
    "2.2.1": "Set up a system of service commissioners. Assign service commissioners to the enterprises in the pool "
             "to coordinate the solution of development problems. (Responsible: County Bureau of Economy and "
             "Information Technology)",
    "2.2.2": "Strengthen policy publicity. Publish policies that benefit enterprises through the government website "
             "and the enterprise service platform. (Responsible: County Bureau of Economy and Information Technology)",
}


def add_translations(root: Path) -> None:
    edit(root, "data/provision_translations.csv", lambda rows: rows + [
        {"provision_id": f"{DOC_ID}/{local}", "document_id": DOC_ID, "text_en": text, "note": ""}
        for local, text in TRANSLATIONS.items()])


def add_synthetic_document(root: Path) -> str:
    """Add the synthetic document to the package at `root` by the guide's steps; return its id."""
    scaffold(root)
    text = (root / "data" / "texts" / f"{DOC_ID}.txt").read_text(encoding="utf-8")
    edit(root, "data/documents.csv", fill_document)
    edit(root, "data/provisions.csv", fill_provisions)
    add_facts(root, text)
    add_responsibilities(root, text)
    add_instruments(root)
    add_translations(root)
    return DOC_ID
