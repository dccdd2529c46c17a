"""Scaffold a new document: copy its text in, normalise it, propose its provisions, list its numbers.

    zjtx new-document SOURCE ID [--root DIR] [--starts-after TEXT] [--ends-before TEXT]
    make new-document SOURCE=path/to/text.txt ID=some-id

Writes draft rows that the validator rejects until a person has filled every TODO, so nothing
half-filled can pass; the worksheet of numbers goes to drafts/ (not package data, not committed).
Refuses, writing nothing, when the id is taken or malformed or the source is not UTF-8. A text that needs
repairs (traditional characters, converter debris) gets its entry in settings/normalisation.yaml first; it is used.
See CONTRIBUTING.md for what to do next.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

from zjtx import masthead, normalize, segment
from zjtx import model as model_module
from zjtx.checks.cells import DRAFT_MARKER as TODO
from zjtx.checks.documents import visible
from zjtx.checks.responsibilities import CLAUSE_RE, LEAD_RE
from zjtx.fileio import csv_text, sha256
from zjtx.numerals import MONEY_RE, NUMBER_RE, PERCENT_RE
from zjtx.paths import Layout

# Filled by the scaffold because a machine knows them for certain; every other field is the reader's.
DOCUMENT_KNOWN = {"document_id", "source_path", "source_received_name", "source_sha256", "text_path", "text_sha256",
                  "translation_status"}
# Optional fields the scaffold leaves empty rather than TODO: they stay empty for most documents.
DOCUMENT_OPTIONAL_EMPTY = {"issuer_note", "normative_doc_number", "source_url", "effective_from", "effective_to",
                           "plan_start_year", "plan_end_year"}
WORKSHEET_FIELDS = ["document_id", "char_start", "char_end", "number", "reason", "note", "context", "looks_like"]


class Refusal(Exception):
    """The scaffold will not run; the message says why and what to do."""


def check_can_add(layout: Layout, doc_id: str, raw: bytes, bounds: dict[str, str]) -> None:
    pattern = model_module.load(layout.root).patterns["document_id"]
    if not re.fullmatch(pattern, doc_id):
        raise Refusal(f"'{doc_id}' is not a valid document id: use place-year in lowercase ASCII, "
                      f"e.g. shilixian-2024 (pattern {pattern})")
    with (layout.data / "documents.csv").open(encoding="utf-8", newline="") as fh:
        if any(r["document_id"] == doc_id for r in csv.DictReader(fh)):
            raise Refusal(f"document '{doc_id}' is already in data/documents.csv; choose another id "
                          "(a published document is never overwritten)")
    for rel in (layout.source_rel(doc_id), layout.text_rel(doc_id)):
        if (layout.root / rel).exists():
            raise Refusal(f"{rel} already exists; choose another id, or remove the file if it is "
                          "left over from an earlier attempt")
    if doc_id in segment.load_bounds(layout):
        raise Refusal(f"settings/segmentation.yaml already has an entry '{doc_id}'; remove it or choose another id")
    try:
        text, _ = normalize.normalise(raw.decode("utf-8"), normalize.load_options(layout).get(doc_id) or {})
    except UnicodeDecodeError as exc:
        raise Refusal(f"the source is not UTF-8 (byte {exc.start}); convert it first, e.g. "
                      "`iconv -f GB18030 -t UTF-8 in.txt > out.txt`") from exc
    except ValueError as exc:  # options written beforehand that do not fit the text
        raise Refusal(f"normalisation failed: {exc}; check its entry in settings/normalisation.yaml") from exc
    if not visible(text):
        raise Refusal("the source is empty (or holds only white space and control characters): there is no "
                      "document to add")
    try:
        segment.body_bounds(text, bounds)
    except ValueError as exc:
        raise Refusal(f"{exc} in the normalised text; copy the marker exactly from the text") from exc


def yaml_entry(doc_id: str, options: dict[str, str]) -> str:
    """A YAML mapping entry; values are double-quoted JSON strings, which YAML reads verbatim."""
    if not options:
        return f"{doc_id}: {{}}\n"
    lines = [f"{doc_id}:"] + [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in options.items()]
    return "\n".join(lines) + "\n"


def append_text(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8")
    path.write_text(old + ("" if old.endswith("\n") or not old else "\n") + text, encoding="utf-8", newline="\n")


def proposed(value: str) -> str:
    """A value read from the text, kept a draft until a person deletes the marker: `TODO 示例县人民政府`."""
    return f"{TODO} {value}" if value else TODO


def head_proposals(text: str) -> dict[str, str]:
    """Draft cells for what the text's head and signature say (masthead.py); a 发文字号 the text lacks stays
    empty, as the field says for a text that gives none."""
    head = masthead.read(text)
    cells = {"doc_number": proposed(head.doc_number) if head.doc_number else ""}
    if head.title:
        cells["title"] = proposed(head.title)
    if head.issuers:  # joint issuers (中共××县委 ××县人民政府) in the order the text names them
        cells["issuer"] = proposed("、".join(head.issuers))
        cells["issuer_inferred"] = proposed("false")
    if head.region_name:
        cells["region_name"] = proposed(head.region_name)
    if head.issued_date:
        cells["issued_date"] = proposed(head.issued_date)
        cells["dates_note"] = proposed(f"issued_date is {head.date_source}.")
    return cells


def document_row(layout: Layout, doc_id: str, received_name: str, fields: list[str],
                 text: str = "") -> dict[str, str]:
    known = {**head_proposals(text),
        "document_id": doc_id,
        "source_path": layout.source_rel(doc_id),
        "source_received_name": received_name,
        "source_sha256": sha256(layout.sources / f"{doc_id}.txt"),
        "text_path": layout.text_rel(doc_id),
        "text_sha256": sha256(layout.texts / f"{doc_id}.txt"),
        "translation_status": "pending",  # no translation is written yet; set complete once every one is
    }
    return {f: known.get(f, "" if f in DOCUMENT_OPTIONAL_EMPTY else TODO) for f in fields}


def heading_en(p: segment.Proposal) -> str:
    """An article (第三条) has no heading: its English heading names it, `Article 3`, a draft like the rest."""
    if p.label.startswith("第") and p.label.endswith("条") and not p.heading:
        return proposed(f"Article {p.provision_id.rsplit('.', 1)[-1].rsplit('/', 1)[-1]}")
    return TODO


def provision_row(p: segment.Proposal, text: str) -> dict[str, object]:
    return {"provision_id": p.provision_id, "document_id": p.document_id, "parent_id": p.parent_id or "",
            "seq": p.seq, "level": p.level, "label": p.label, "heading": p.heading, "heading_en": heading_en(p),
            "kind": TODO, "policy_area": "", "classification_note": "", "text": text[p.char_start:p.char_end],
            "char_start": p.char_start, "char_end": p.char_end}


def looks_like(text: str, end: int) -> str:
    """A first guess for the worksheet, from what follows the number; the contributor decides."""
    after = text[end:end + 3]
    if MONEY_RE.match("0" + after) or PERCENT_RE.match("0" + after):
        return "amount"
    if after[:1] in "年月日":
        return "date or target year"
    return "target or exclusion"


def number_worksheet(doc_id: str, text: str, label_starts: set[int]) -> list[dict[str, object]]:
    """Every Arabic-digit number not in a provision label, with context, as the validator counts them."""
    rows = []
    for m in NUMBER_RE.finditer(text):
        s, e = m.span()
        if s in label_starts:
            continue
        rows.append({"document_id": doc_id, "char_start": s, "char_end": e, "number": m.group(),
                     "reason": "", "note": "", "context": text[max(0, s - 15):e + 15].replace("\n", " "),
                     "looks_like": looks_like(text, e)})
    return rows


def scaffold(layout: Layout, source: Path, doc_id: str, bounds: dict[str, str]) -> list[str]:
    """Add the document's files and draft rows to the package; return the report lines."""
    raw = source.read_bytes()
    check_can_add(layout, doc_id, raw, bounds)
    model = model_module.load(layout.root)
    layout.sources.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, layout.sources / f"{doc_id}.txt")
    if doc_id not in normalize.load_options(layout):  # an entry written beforehand holds repairs the text needs
        append_text(layout.normalisation, yaml_entry(doc_id, {}))
    append_text(layout.segmentation, yaml_entry(doc_id, bounds))
    normalize.write(layout)
    text = (layout.texts / f"{doc_id}.txt").read_text(encoding="utf-8")
    proposals = segment.segment(doc_id, text, *segment.body_bounds(text, bounds))
    documents = model.field_names("documents")
    doc_row = document_row(layout, doc_id, source.name, documents, text)
    append_text(layout.data / "documents.csv", csv_text(documents, [doc_row], with_header=False))
    append_text(layout.data / "provisions.csv",
                csv_text(model.field_names("provisions"), [provision_row(p, text) for p in proposals],
                         with_header=False))
    numbers = number_worksheet(doc_id, text, {p.char_start for p in proposals})
    sheet = layout.drafts / f"{doc_id}-numbers.csv"
    sheet.parent.mkdir(exist_ok=True)
    sheet.write_text(csv_text(WORKSHEET_FIELDS, numbers), encoding="utf-8", newline="\n")
    parents = {p.parent_id for p in proposals}
    leaves = [text[p.char_start:p.char_end] for p in proposals if p.provision_id not in parents]
    clauses = sum(1 for own in leaves if CLAUSE_RE.search(own))
    leads = sum(1 for own in leaves if LEAD_RE.search(own))
    return report_lines(doc_id, proposals, numbers, clauses, leads, bounds, doc_row)


def report_lines(doc_id: str, proposals: list[segment.Proposal], numbers: list[dict], clauses: int, leads: int,
                 bounds: dict[str, str], doc_row: dict[str, str]) -> list[str]:
    todo = [f for f, v in doc_row.items() if v.startswith(TODO)]
    lines = [
        f"added {doc_id}: data/sources/{doc_id}.txt, data/texts/{doc_id}.txt, data/text_repairs.csv, "
        f"entries in settings/normalisation.yaml and settings/segmentation.yaml, draft rows in "
        f"data/documents.csv and data/provisions.csv",
        "",
        f"Next: make propose ID={doc_id} proposes the targets, amounts, number exclusions, responsibilities and "
        "classification for you to review (see CONTRIBUTING.md).",
        "",
        "Needs a human decision (see CONTRIBUTING.md; `make validate` lists each one until it is done):",
        f"  1. data/documents.csv: replace TODO in {', '.join(todo)}; where a value read from the text follows "
        "the marker (TODO 示例县人民政府), check it and delete the marker; fill the optional dates and notes the "
        "text gives" + ("" if doc_row.get("doc_number") else "; no 发文字号 was found in the text, so doc_number is "
                         "empty: write it if the original has one"),
        f"  2. data/provisions.csv: {len(proposals)} proposed provisions; check each label and span, "
        "then replace TODO in heading_en and kind, and set policy_area for measures and safeguards",
    ]
    if not bounds:
        lines.append("     the whole text was segmented: if it has a preamble or ends with a signature, date or "
                     "closing clause, start again with STARTS_AFTER=… ENDS_BEFORE=… (see CONTRIBUTING.md, step 1)")
    lines += [
        f"  3. {len(numbers)} number(s) outside provision labels, listed in drafts/{doc_id}-numbers.csv: turn "
        "each into a row of data/targets.csv or data/amounts.csv (a number inside their quote is covered), or "
        "copy it to data/number_exclusions.csv with a reason",
        f"  4. {clauses} responsibility clause(s): one row per unit in data/responsibilities.csv, "
        "each unit in data/agencies.csv",
        f"     {leads} provision(s) name a lead unit in prose (由…牵头, 要发挥牵头作用): a row of role lead for it, "
        "at position 1",
        "  5. data/provision_instruments.csv: at least one instrument for every measure and safeguard",
        f"  6. English: title_en, issuer_en, region_name_en, heading_en, and one row per provision in "
        f"data/provision_translations.csv ({len(proposals)} provisions)",
        "  7. a warning you have read and judged right as it stands (e.g. chinese-quantity): a row in "
        "data/reviewed_warnings.csv with the reason",
        f"  (a quote's char_start/char_end: zjtx span {doc_id} \"<quote>\")",
        "then: make validate && make test",
    ]
    return lines
