"""The project's own checks, beyond what Table Schema can express.

Each check is a function (tables, texts) -> list[Problem] over rows already read by scripts.tables.
They never raise on bad data: a value that cannot be used (a span that is not a number, a dangling
document id) is skipped here because frictionless and the JSON Schema check already report it.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from scripts import normalize
from scripts.numbers import (
    CN_QUANTITY_RE,
    FULLWIDTH_DIGITS,
    NUMBER_RE,
    money_in,
    numbers_in,
    percents_in,
)
from scripts.report import Problem
from scripts.tables import Table

Tables = dict[str, Table]
Texts = dict[str, str]  # document_id -> normalised text

# Resources whose rows carry a span into the normalised text, and the column that must equal it.
SPANNED = {"provisions": "text", "targets": "quote", "amounts": "quote", "responsibilities": "name_as_written"}


def as_int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def as_decimal(value: str | None) -> Decimal | None:
    try:
        return Decimal(value) if value not in (None, "") else None
    except InvalidOperation:
        return None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- documents: files and hashes -------------------------------------------------------------


def check_documents(root: Path, tables: Tables, texts: Texts) -> list[Problem]:
    """Source and text files exist, match their SHA-256, and the text is the normalised source."""
    problems = []
    docs = tables.get("documents")
    if not docs:
        return problems
    options = normalize.load_options(root / "data" / "sources" / "normalisation.yaml")
    repairs_table = tables.get("text-repairs")
    repairs_by_doc: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for row_no, row in (repairs_table.numbered() if repairs_table else []):
        repairs_by_doc[row.get("document_id", "")].append((row_no, row))
    for row_no, row in docs.numbered():
        doc_id = row.get("document_id", "")
        changed: set[str] = set()
        for path_field, hash_field in (("source_path", "source_sha256"), ("text_path", "text_sha256")):
            rel = row.get(path_field, "")
            path = root / rel
            if not rel or not path.is_file():
                problems.append(Problem("missing-file", docs.path, f"{path_field} points to a file that does not exist",
                                        f"add the file {rel or '(empty path)'} or correct {path_field}",
                                        row=row_no, field=path_field, value=rel))
                continue
            raw = path.read_bytes()
            actual = hashlib.sha256(raw).hexdigest()
            if actual != row.get(hash_field) and line_ends_changed(raw, row.get(hash_field, "")):
                changed.add(rel)
                problems.append(Problem(
                    "line-ends-changed", rel, "the file's line ends differ from the ones it was recorded with "
                    "(CRLF instead of LF or the reverse), so its hash, and every span into it, cannot match",
                    "restore the bytes: `git config core.autocrlf false`, then `git rm --cached -r -q . && git reset "
                    "--hard` (the repository's .gitattributes keeps data files byte-exact); do not change hashes "
                    "or spans to fit"))
            elif actual != row.get(hash_field):
                problems.append(Problem(
                    "checksum", docs.path, f"{hash_field} does not match the SHA-256 of {rel}",
                    f"if {rel} is right, set {hash_field} to {actual}; if the file was changed, restore it "
                    "(source files must stay byte-identical to what was received)",
                    row=row_no, field=hash_field, value=row.get(hash_field)))
        if doc_id not in options:
            problems.append(Problem("normalisation-missing", docs.path,
                                    f"document '{doc_id}' has no entry in data/sources/normalisation.yaml",
                                    f"add '{doc_id}: {{}}' to data/sources/normalisation.yaml and run `make normalise`",
                                    row=row_no, field="document_id", value=doc_id))
            continue
        src = root / row.get("source_path", "")
        if src.is_file() and doc_id in texts and not changed:
            try:
                expected, repairs = normalize.normalise(src.read_bytes().decode("utf-8"), options[doc_id] or {})
            except (UnicodeDecodeError, ValueError) as exc:
                problems.append(Problem("source-unreadable", row.get("source_path", ""),
                                        f"the source cannot be normalised: {exc}",
                                        "source texts must be UTF-8", row=None))
                continue
            if expected != texts[doc_id]:
                problems.append(Problem("text-drift", row.get("text_path", ""),
                                        "the normalised text is not what normalisation of the source gives",
                                        "never edit data/texts/ by hand: run `make normalise`"))
            if repairs_table is not None:
                problems += repair_drift(repairs_table.path, doc_id, repairs_by_doc[doc_id], repairs)
    known = {row.get("document_id", "") for row in docs.rows}
    for doc_id, rows in repairs_by_doc.items():
        if doc_id not in known:
            problems.append(Problem("repairs-drift", repairs_table.path, f"repairs of '{doc_id}', which is not in "
                                    "documents.csv", "run `make normalise`", row=rows[0][0], field="document_id",
                                    value=doc_id))
    return problems


def line_ends_changed(raw: bytes, recorded: str) -> bool:
    """Do the bytes match the recorded hash once CRLF and LF are swapped? (What a Windows checkout does.)"""
    if b"\r" in raw:
        return hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest() == recorded
    return hashlib.sha256(raw.replace(b"\n", b"\r\n")).hexdigest() == recorded


# --- drafts ------------------------------------------------------------------------------------

DRAFT_MARKER = "TODO"  # what `make new-document` writes where a person must decide


def check_drafts(tables: Tables) -> list[Problem]:
    """No cell still holds a draft marker: a half-filled contribution never passes."""
    problems = []
    for table in tables.values():
        for row_no, row in table.numbered():
            for column, value in row.items():
                if value.strip().startswith(DRAFT_MARKER):
                    problems.append(Problem("draft-value", table.path, f"{column} still holds the draft marker "
                                            f"{DRAFT_MARKER}", "write the value (see CONTRIBUTING.md); empty the "
                                            "cell if the field is optional and the text gives none",
                                            row=row_no, field=column, value=value))
    return problems


def repair_drift(path: str, doc_id: str, rows: list[tuple[int, dict]], repairs: list) -> list[Problem]:
    """text-repairs is generated: its rows for a document must be exactly what normalisation records.
    (Stronger than a schema check of the rows, and linear, so frictionless can leave this big table out.)"""
    expected = list(csv.reader(io.StringIO(normalize.repairs_csv([(doc_id, repairs)]))))[1:]
    actual = [[row.get(f, "") for f in normalize.REPAIR_FIELDS] for _, row in rows]
    if actual == expected:
        return []
    first = next((i for i, (a, e) in enumerate(zip(actual, expected, strict=False)) if a != e),
                 min(len(actual), len(expected)))
    return [Problem("repairs-drift", path,
                    f"the rows of {doc_id} are not what `make normalise` records ({len(actual)} rows, "
                    f"{len(expected)} expected; first difference at repair {first + 1})",
                    "never edit data/text_repairs.csv by hand: run `make normalise`",
                    row=rows[first][0] if first < len(rows) else None)]


# --- spans and quotes --------------------------------------------------------------------------


def span_problem(table: Table, row_no: int, row: dict, column: str, text: str) -> Problem | None:
    """None if row[column] == text[char_start:char_end]; otherwise a Problem with the likely fix."""
    start, end = as_int(row.get("char_start")), as_int(row.get("char_end"))
    quote = row.get(column, "")
    if start is None or end is None:
        return None  # a type error, reported by frictionless
    if not 0 <= start < end <= len(text):
        return Problem("span-range", table.path, f"span [{start}, {end}) is outside the text (length {len(text)})",
                       "char_start must be < char_end <= the text length", row=row_no, field="char_start",
                       value=f"{start}-{end}")
    if text[start:end] == quote:
        return None
    at = text.find(quote) if quote else -1
    if at != -1:
        n = text.count(quote)
        where = f"char_start={at}, char_end={at + len(quote)}" + (f" (first of {n} occurrences)" if n > 1 else "")
        off = at - start
        note = f" — the span is off by {off:+d}" if abs(off) <= 3 else ""
        return Problem("span-mismatch", table.path,
                       f"{column} is in the text, but not at [{start}, {end}){note}",
                       f"set {where}", row=row_no, field="char_start", value=f"{start}-{end}")
    hint = f"copy {column} exactly from data/texts/ (the text at the span is {text[start:end][:40]!r})"
    if FULLWIDTH_DIGITS.search(quote):
        hint = "the quote has full-width digits (０-９); the normalised text uses ASCII digits"
    elif normalize_to_simplified(quote) != quote:
        hint = ("the quote contains traditional characters: copy it from the normalised (simplified) "
                "text in data/texts/, not from the original")
    return Problem("quote-mismatch", table.path, f"{column} does not occur in the normalised text", hint,
                   row=row_no, field=column, value=quote)


def normalize_to_simplified(s: str) -> str:
    text, _ = normalize.apply_edits(s, normalize.opencc_edits(s, "t2s"))
    return text


def check_spans(tables: Tables, texts: Texts, provision_doc: dict[str, str]) -> list[Problem]:
    problems = []
    for name, column in SPANNED.items():
        table = tables.get(name)
        if not table:
            continue
        for row_no, row in table.numbered():
            doc_id = row.get("document_id") or provision_doc.get(row.get("provision_id", ""))
            if doc_id not in texts:
                continue  # dangling document or provision: a foreign-key error elsewhere
            p = span_problem(table, row_no, row, column, texts[doc_id])
            if p:
                problems.append(p)
    return problems


# --- structure ---------------------------------------------------------------------------------


def check_provision_tree(tables: Tables) -> list[Problem]:
    """Ids follow their document and parent; children lie inside parents; document order holds."""
    table = tables.get("provisions")
    if not table:
        return []
    problems = []
    by_id = {r["provision_id"]: r for r in table.rows}
    last: dict[str, tuple[int, int]] = {}  # document -> (seq, char_start) of the previous row
    for row_no, row in table.numbered():
        pid, doc = row["provision_id"], row["document_id"]
        if not pid.startswith(doc + "/"):
            problems.append(Problem("id-document", table.path,
                                    f"provision_id does not start with its document_id '{doc}/'",
                                    f"use an id of the form {doc}/<numbers>", row=row_no, field="provision_id",
                                    value=pid))
        parent = by_id.get(row.get("parent_id") or "")
        expected_parent = pid.rsplit(".", 1)[0] if "." in pid.split("/", 1)[-1] else ""
        if (row.get("parent_id") or "") != expected_parent:
            problems.append(Problem("id-parent", table.path,
                                    f"parent_id should be '{expected_parent}' for this provision_id",
                                    "the id is the parent's id plus one more number", row=row_no,
                                    field="parent_id", value=row.get("parent_id")))
        start, end, seq = as_int(row["char_start"]), as_int(row["char_end"]), as_int(row["seq"])
        if parent and None not in (start, end):
            ps, pe = as_int(parent["char_start"]), as_int(parent["char_end"])
            if ps is not None and pe is not None and not (ps <= start and end <= pe):
                problems.append(Problem("nesting", table.path, f"the span [{start}, {end}) is not inside its "
                                        f"parent's [{ps}, {pe})", "check char_start/char_end of both",
                                        row=row_no, field="char_start"))
        if seq is not None and start is not None and doc in last:
            prev_seq, prev_start = last[doc]
            if seq != prev_seq + 1 or start <= prev_start:
                problems.append(Problem("order", table.path, "provisions of a document must be listed in text "
                                        "order with seq 1, 2, 3 …", f"seq should be {prev_seq + 1} and "
                                        f"char_start greater than {prev_start}", row=row_no, field="seq",
                                        value=row["seq"]))
        if seq is not None and start is not None:
            last[doc] = (seq, start)
    return problems


def check_fact_links(tables: Tables) -> list[Problem]:
    """A fact's id extends its provision's id, its document is the provision's, its span is inside it."""
    provisions = {r["provision_id"]: r for r in tables["provisions"].rows} if "provisions" in tables else {}
    problems = []
    for name, id_field, suffix in (("targets", "target_id", "t"), ("amounts", "amount_id", "a")):
        table = tables.get(name)
        if not table:
            continue
        for row_no, row in table.numbered():
            prov = provisions.get(row["provision_id"])
            if not prov:
                continue  # foreign-key error elsewhere
            if not re.fullmatch(re.escape(row["provision_id"]) + f"/{suffix}[0-9]+", row[id_field]):
                problems.append(Problem("id-provision", table.path,
                                        f"{id_field} must be the provision_id followed by /{suffix}N",
                                        f"e.g. {row['provision_id']}/{suffix}1", row=row_no, field=id_field,
                                        value=row[id_field]))
            if prov["document_id"] != row["document_id"]:
                problems.append(Problem("document-mismatch", table.path,
                                        f"document_id is '{row['document_id']}' but the provision belongs to "
                                        f"'{prov['document_id']}'", "use the provision's document_id",
                                        row=row_no, field="document_id", value=row["document_id"]))
            s, e = as_int(row["char_start"]), as_int(row["char_end"])
            ps, pe = as_int(prov["char_start"]), as_int(prov["char_end"])
            if None not in (s, e, ps, pe) and not (ps <= s and e <= pe):
                problems.append(Problem("outside-provision", table.path,
                                        f"the quote's span [{s}, {e}) is outside provision {row['provision_id']} "
                                        f"[{ps}, {pe})", "link the row to the provision that contains the quote",
                                        row=row_no, field="provision_id", value=row["provision_id"]))
    return problems


# --- numbers ------------------------------------------------------------------------------------


def check_target_values(tables: Tables) -> list[Problem]:
    """value and value_max are numbers the quote states (value_as_written is in the quote)."""
    table = tables.get("targets")
    problems = []
    for row_no, row in (table.numbered() if table else []):
        written = row.get("value_as_written", "")
        if written and written not in row.get("quote", ""):
            problems.append(Problem("figure-not-in-quote", table.path, "value_as_written is not part of the quote",
                                    "copy the words that state the number from the quote", row=row_no,
                                    field="value_as_written", value=written))
            continue
        stated = numbers_in(written)
        for column in ("value", "value_max"):
            v = as_decimal(row.get(column))
            if v is None or v in stated:
                continue
            if not NUMBER_RE.search(written) and row.get("note"):
                continue  # a reading such as 零突破 = the first one, explained in the note
            problems.append(Problem("value-mismatch", table.path,
                                    f"{column} {v} is not a number stated in value_as_written {written!r}",
                                    "use the figure exactly as the text gives it" +
                                    ("; for a reading that is not a written number, explain it in note"
                                     if not NUMBER_RE.search(written) else ""),
                                    row=row_no, field=column, value=row.get(column)))
    return problems


def check_amount_values(tables: Tables) -> list[Problem]:
    """min_cny/max_cny are money figures of the quote in yuan; ratio_percent is a percentage in it."""
    table = tables.get("amounts")
    problems = []
    for row_no, row in (table.numbered() if table else []):
        written = row.get("figure_as_written", "")
        parts = [p.strip() for p in written.split("|")]
        missing = [p for p in parts if p not in row.get("quote", "")]
        if missing:
            problems.append(Problem("figure-not-in-quote", table.path,
                                    f"figure_as_written part {missing[0]!r} is not in the quote",
                                    "copy the figure exactly from the quote; join two figures with ' | '",
                                    row=row_no, field="figure_as_written", value=written))
            continue
        yuan = money_in(written)
        for column in ("min_cny", "max_cny"):
            v = as_int(row.get(column))
            if v is None or v in yuan:
                continue
            hint = "convert to integer yuan: 万元 × 10,000, 亿元 × 100,000,000"
            if any(v * 10_000 == y for y in yuan):
                hint = f"万元 left unconverted? {v}万元 = {v * 10_000} yuan"
            problems.append(Problem("amount-mismatch", table.path,
                                    f"{column} {v} is not a money figure stated in {written!r}", hint,
                                    row=row_no, field=column, value=row.get(column)))
        ratio = as_decimal(row.get("ratio_percent"))
        if ratio is not None and ratio not in percents_in(written):
            problems.append(Problem("ratio-mismatch", table.path,
                                    f"ratio_percent {ratio} is not a percentage stated in {written!r}",
                                    "give the percentage as written (30% → 30)", row=row_no,
                                    field="ratio_percent", value=row.get("ratio_percent")))
        if not yuan and not percents_in(written):
            problems.append(Problem("no-figure", table.path, "figure_as_written states no money figure or percentage",
                                    "an amount row needs a figure in 元/万元/亿元 or %", row=row_no,
                                    field="figure_as_written", value=written))
    return problems


def covered_intervals(tables: Tables) -> dict[str, list[tuple[int, int]]]:
    """Per document, the merged spans of its target and amount quotes (one pass over the rows: a scan
    per document would make the coverage checks quadratic in the number of documents)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for name in ("targets", "amounts"):
        for row in tables[name].rows if name in tables else []:
            s, e = as_int(row["char_start"]), as_int(row["char_end"])
            if s is not None and e is not None:
                spans[row["document_id"]].append((s, e))
    return defaultdict(list, {doc_id: merge(found) for doc_id, found in spans.items()})


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def inside(intervals: list[tuple[int, int]], s: int, e: int) -> bool:
    """Is [s, e) within one of the sorted, merged intervals? O(log n)."""
    i = bisect.bisect_right(intervals, (s, float("inf"))) - 1
    return i >= 0 and intervals[i][0] <= s and e <= intervals[i][1]


def check_number_coverage(tables: Tables, texts: Texts) -> list[Problem]:
    """Every Arabic-digit number is in a fact's quote, a provision label, or number-exclusions."""
    problems = []
    excl_table = tables.get("number-exclusions")
    exclusions: dict[tuple[str, int], tuple[int, dict]] = {}
    for row_no, row in (excl_table.numbered() if excl_table else []):
        s = as_int(row["char_start"])
        if s is not None:
            exclusions[(row["document_id"], s)] = (row_no, row)
    label_starts: dict[str, set[int]] = defaultdict(set)
    for row in tables["provisions"].rows if "provisions" in tables else []:
        s = as_int(row["char_start"])
        if s is not None:
            label_starts[row["document_id"]].add(s)
    used: set[tuple[str, int]] = set()
    covered_by_doc = covered_intervals(tables)
    for doc_id, text in texts.items():
        covered = covered_by_doc[doc_id]
        for m in NUMBER_RE.finditer(text):
            s, e = m.span()
            if inside(covered, s, e) or s in label_starts[doc_id]:
                if (doc_id, s) in exclusions:
                    row_no, _ = exclusions[(doc_id, s)]
                    used.add((doc_id, s))
                    problems.append(Problem("redundant-exclusion", excl_table.path,
                                            f"the number at {s} is already in a target or amount quote",
                                            "delete this exclusion row", row=row_no, severity="warning"))
                continue
            if (doc_id, s) in exclusions:
                used.add((doc_id, s))
                row_no, row = exclusions[(doc_id, s)]
                if as_int(row["char_end"]) != e or row["number"] != m.group():
                    problems.append(Problem("exclusion-span", excl_table.path,
                                            f"the number at {s} is {m.group()!r} ending at {e}",
                                            f"set char_end={e} and number={m.group()}", row=row_no,
                                            field="char_end", value=row["char_end"]))
                continue
            context = text[max(0, s - 20):e + 20].replace("\n", " ")
            problems.append(Problem("unaccounted-number", f"data/texts/{doc_id}.txt",
                                    f"number {m.group()!r} at [{s}, {e}) is in no target or amount quote and "
                                    f"not excluded: …{context}…",
                                    "add the target or amount it states, or a row in data/number_exclusions.csv "
                                    "with a reason", value=m.group()))
    for key, (row_no, row) in exclusions.items():
        if key not in used and key[0] in texts:
            problems.append(Problem("exclusion-no-number", excl_table.path,
                                    f"no number starts at {key[1]} in {key[0]}",
                                    "point char_start at the first digit of the number, or delete the row",
                                    row=row_no, field="char_start", value=row["char_start"]))
    return problems


def chinese_quantity_warnings(tables: Tables, texts: Texts) -> list[Problem]:
    """Chinese-numeral quantities next to a measure word (一名, 三年) outside fact quotes: a reader decides."""
    problems = []
    bounds = {}
    for row in tables["provisions"].rows if "provisions" in tables else []:
        s, e = as_int(row["char_start"]), as_int(row["char_end"])
        if s is not None and e is not None:
            lo, hi = bounds.get(row["document_id"], (s, e))
            bounds[row["document_id"]] = (min(lo, s), max(hi, e))
    covered_by_doc = covered_intervals(tables)
    for doc_id, text in texts.items():
        covered = covered_by_doc[doc_id]
        lo, hi = bounds.get(doc_id, (0, 0))
        for m in CN_QUANTITY_RE.finditer(text):
            s, e = m.span()
            if lo <= s < hi and not inside(covered, s, e + 1):
                context = text[max(0, s - 12):e + 12].replace("\n", " ")
                problems.append(Problem("chinese-quantity", f"data/texts/{doc_id}.txt",
                                        f"Chinese-numeral quantity {text[s:e + 1]!r} at {s}: …{context}…",
                                        "if it is a target, add it; otherwise record the judgement in "
                                        "data/reviewed_warnings.csv with a reason",
                                        value=text[s:e + 1], severity="warning", char_start=s))
    return problems


# --- responsibilities -------------------------------------------------------------------------

# "(责任单位:…)" or "(…按职责分工负责。)"; one level of nested parentheses, as in 县财政局(金融办).
_INNER = r"[^()]*(?:\([^()]*\)[^()]*)*"
CLAUSE_RE = re.compile(rf"\((?:责任单位:(?P<a>{_INNER})|(?P<b>{_INNER})按职责分工负责。?)\)")
SEPARATORS_RE = re.compile(r"[、,及]")


def clause_units_text(clause: str) -> str:
    return SEPARATORS_RE.sub("", clause)


def check_responsibilities(tables: Tables, texts: Texts) -> list[Problem]:
    """Each responsibility clause is fully captured; every agency is used; measures have an area."""
    problems = []
    resp = tables.get("responsibilities")
    provisions = {r["provision_id"]: r for r in tables["provisions"].rows} if "provisions" in tables else {}
    children = {r["parent_id"] for r in provisions.values() if r.get("parent_id")}
    if resp is not None:
        by_prov: dict[str, list[dict]] = defaultdict(list)
        for row in resp.rows:
            by_prov[row["provision_id"]].append(row)
        for pid, prov in provisions.items():
            m = CLAUSE_RE.search(prov["text"])
            if pid in children or not m:
                continue  # clauses close leaf provisions
            group = "a" if m.group("a") is not None else "b"
            base = as_int(prov["char_start"]) or 0
            lo, hi = base + m.start(group), base + m.end(group)
            # Units named in the clause itself; a lead named in the prose (由…牵头) lies outside it.
            in_clause = sorted((r for r in by_prov.get(pid, [])
                                if lo <= (as_int(r["char_start"]) or -1) < hi),
                               key=lambda r: as_int(r["position"]) or 0)
            got = "".join(r["name_as_written"] for r in in_clause)
            if clause_units_text(got) != clause_units_text(m.group(group)):
                problems.append(Problem("clause-incomplete", resp.path,
                                        f"the responsibility clause of {pid} is not fully captured: clause "
                                        f"{m.group(group)!r}, units {got!r}",
                                        "add one row per unit in the clause, in order, verbatim",
                                        field="provision_id", value=pid))
        for row_no, row in resp.numbered():
            prov = provisions.get(row["provision_id"])
            if prov and row["name_as_written"] not in prov["text"]:
                problems.append(Problem("unit-not-in-provision", resp.path,
                                        "name_as_written does not occur in the provision's text",
                                        "copy the unit exactly from the clause", row=row_no,
                                        field="name_as_written", value=row["name_as_written"]))
    agencies = tables.get("agencies")
    if agencies is not None and resp is not None:
        used = {r["agency_id"] for r in resp.rows}
        for row_no, row in agencies.numbered():
            if row["agency_id"] not in used:
                problems.append(Problem("agency-unused", agencies.path, "no responsibility names this agency",
                                        "delete the row, or link the responsibilities that name it",
                                        row=row_no, field="agency_id", value=row["agency_id"]))
    prov_table = tables.get("provisions")
    instruments = tables.get("provision-instruments")
    with_instrument = {r["provision_id"] for r in instruments.rows} if instruments else set()
    for row_no, row in (prov_table.numbered() if prov_table else []):
        if row["kind"] in ("measure", "safeguard"):
            if not row.get("policy_area"):
                problems.append(Problem("missing-policy-area", prov_table.path,
                                        f"a {row['kind']} needs a policy_area", "choose one from "
                                        "schemas/codelists/policy_area.csv", row=row_no, field="policy_area"))
            if instruments is not None and row["provision_id"] not in with_instrument:
                problems.append(Problem("missing-instrument", instruments.path,
                                        f"{row['kind']} {row['provision_id']} has no instrument",
                                        "add at least one row for it", field="provision_id",
                                        value=row["provision_id"]))
    return problems


# --- codelists -----------------------------------------------------------------------------------


def check_codelists(tables: Tables) -> list[Problem]:
    """Every code of a codelist is filled and unique (frictionless reads codelists only through enums)."""
    problems = []
    for table in (t for name, t in tables.items() if name.startswith("codelist-")):
        seen: set[str] = set()
        for row_no, row in table.numbered():
            code = row.get("code", "")
            if not code or code in seen:
                problems.append(Problem("duplicate-code", table.path, f"code {code!r} is empty or not unique",
                                        "each code must be unique and filled: delete or rename this row, then run "
                                        "`make schemas`", row=row_no, field="code", value=code))
            seen.add(code)
    return problems


# --- reviewed warnings ---------------------------------------------------------------------------


def apply_reviews(problems: list[Problem], tables: Tables, texts: Texts) -> tuple[list[Problem], int]:
    """Hide the warnings a maintainer has judged (data/reviewed_warnings.csv); a review that matches no
    warning is an error, so a changed text never keeps a stale judgement. Returns (problems, hidden)."""
    table = tables.get("reviewed-warnings")
    if table is None:
        return problems, 0
    reviews = {(r["document_id"], as_int(r["char_start"]), r["code"]): (row_no, r) for row_no, r in table.numbered()}
    kept, matched = [], set()
    for p in problems:
        key = (p.file.removeprefix("data/texts/").removesuffix(".txt"), p.char_start, p.code)
        hit = reviews.get(key) if p.severity == "warning" and p.char_start is not None else None
        if hit and hit[1]["value"] == p.value:
            matched.add(key)
            continue
        kept.append(p)
    for key, (row_no, r) in reviews.items():
        if key not in matched and key[0] in texts:  # a text that could not be read was reported already
            kept.append(Problem("review-stale", table.path,
                                f"no {r['code']} warning with value {r['value']!r} starts at {r['char_start']} in "
                                f"{r['document_id']}", "the text or the check changed: delete the row, or correct "
                                "char_start and value to the warning `make validate` now shows", row=row_no,
                                field="char_start", value=r["char_start"]))
    return kept, len(matched)


OWN_CHECKS: list[tuple[str, Callable[[Tables, Texts], list[Problem]]]] = [
    ("provision-tree", lambda t, x: check_provision_tree(t)),
    ("fact-links", lambda t, x: check_fact_links(t)),
    ("target-values", lambda t, x: check_target_values(t)),
    ("amount-values", lambda t, x: check_amount_values(t)),
    ("number-coverage", check_number_coverage),
    ("chinese-quantities", chinese_quantity_warnings),
    ("responsibilities", check_responsibilities),
    ("codelists", lambda t, x: check_codelists(t)),
]
