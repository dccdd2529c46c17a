"""Number coverage: every Arabic-digit number is accounted for; Chinese-numeral quantities are flagged,
and the flags a maintainer has judged (data/reviewed_warnings.csv) are hidden."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from zjtx import problems as P
from zjtx.checks.context import Context, Tables, as_decimal, as_int
from zjtx.intervals import inside, merge
from zjtx.numerals import CN_QUANTITY_RE, MONEY_RE, MONEY_UNITS, NUMBER_RE
from zjtx.problems import Problem


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


FIELDS_BINDING = {"targets": ("value", "value_max", "target_year"), "amounts": ("min_cny", "max_cny", "ratio_percent")}


@dataclass
class Quote:
    """One fact quote and the rows that share it (several rows can state the figures of one sentence)."""

    document_id: str
    start: int
    text: str
    rows: list[tuple[str, str, dict]] = field(default_factory=list)  # (resource, fact id, row)

    def ids(self) -> str:
        return ", ".join(fact_id for _, fact_id, _ in self.rows)


def quotes_of(ctx: Context) -> dict[str, list[Quote]]:
    """Per document, every distinct fact quote span with the rows that share it."""
    found: dict[tuple[str, int, int], Quote] = {}
    for name, id_field in (("targets", "target_id"), ("amounts", "amount_id")):
        for row in ctx.rows(name):
            s, e = as_int(row["char_start"]), as_int(row["char_end"])
            text = ctx.texts.get(row["document_id"])
            if s is None or e is None or text is None or text[s:e] != row["quote"]:
                continue  # a span problem, reported by the spans check
            quote = found.setdefault((row["document_id"], s, e), Quote(row["document_id"], s, row["quote"]))
            quote.rows.append((name, row[id_field], row))
    by_doc: dict[str, list[Quote]] = defaultdict(list)
    for quote in found.values():
        by_doc[quote.document_id].append(quote)
    return by_doc


def token_values(quote: str) -> dict[int, set[Decimal]]:
    """For each number token of a quote (by its start in the quote), the values a field may hold for it: the
    number as written, and in yuan where 万元/亿元/元 follows it (both ends of a range 100—2000万元)."""
    values = {m.start(): {Decimal(m.group())} for m in NUMBER_RE.finditer(quote)}
    for m in MONEY_RE.finditer(quote):
        factor = MONEY_UNITS[m.group(3)]
        for group in (1, 2):
            if m.group(group) is not None:
                values[m.start(group)].add(Decimal(m.group(group)) * factor)
    return values


def unbound_tokens(quote: Quote) -> list[re.Match]:
    """The number tokens of a quote that no field of its rows states. Each field value binds one token, so
    deleting one row of '分别给予20万元、50万元、100万元' leaves its figure unbound."""
    pool: list[Decimal] = []
    for resource, _, row in quote.rows:
        pool += [v for v in (as_decimal(row.get(f)) for f in FIELDS_BINDING[resource]) if v is not None]
    values = token_values(quote.text)
    unbound = []
    for m in NUMBER_RE.finditer(quote.text):
        hit = next((v for v in pool if v in values[m.start()]), None)
        if hit is None:
            unbound.append(m)
        else:
            pool.remove(hit)
    return unbound


def check_number_coverage(ctx: Context) -> list[Problem]:
    """Every Arabic-digit number of a text is a provision label, a figure bound to a field of the target or
    amount rows whose quote holds it, or a row of number_exclusions with a reason."""
    tables, texts = ctx.tables, ctx.texts
    problems = []
    excl_table = tables.get("number_exclusions")
    exclusions: dict[tuple[str, int], tuple[int, dict]] = {}
    for row_no, row in (excl_table.numbered() if excl_table else []):
        s = as_int(row["char_start"])
        if s is not None:
            exclusions[(row["document_id"], s)] = (row_no, row)
    label_starts: dict[str, set[int]] = defaultdict(set)
    for row in ctx.rows("provisions"):
        s = as_int(row["char_start"])
        if s is not None:
            label_starts[row["document_id"]].add(s)
    used: set[tuple[str, int]] = set()
    quotes = quotes_of(ctx)
    covered_by_doc = covered_intervals(tables)
    for doc_id, text in texts.items():
        # numbers inside a quote that no row binds: they need an exclusion, like numbers outside quotes
        unbound_at = {quote.start + m.start(): quote for quote in quotes[doc_id] for m in unbound_tokens(quote)}
        covered = covered_by_doc[doc_id]
        for m in NUMBER_RE.finditer(text):
            s, e = m.span()
            key = (doc_id, s)
            if s in label_starts[doc_id] or (inside(covered, s, e) and s not in unbound_at):
                if key in exclusions:
                    used.add(key)
                    problems.append(P.REDUNDANT_EXCLUSION(excl_table.path, f"the number at {s} is already a "
                                                          "provision label or a figure of a target or amount",
                                                          "delete this exclusion row", row=exclusions[key][0]))
                continue
            if key in exclusions:
                used.add(key)
                row_no, row = exclusions[key]
                if as_int(row["char_end"]) != e or row["number"] != m.group():
                    problems.append(P.EXCLUSION_SPAN(excl_table.path, f"the number at {s} is {m.group()!r} ending "
                                                     f"at {e}", f"set char_end={e} and number={m.group()}",
                                                     row=row_no, field="char_end", value=row["char_end"]))
                continue
            context = text[max(0, s - 20):e + 20].replace("\n", " ")
            if s in unbound_at:
                quote = unbound_at[s]
                problems.append(P.UNBOUND_NUMBER(f"data/texts/{doc_id}.txt", f"{m.group()!r} at [{s}, {e}) in the "
                                                 f"quote {quote.text[:40]!r} is bound to no row (rows sharing the "
                                                 f"quote: {quote.ids()}): …{context}…",
                                                 "add the row that states it (one row per figure), or a row in "
                                                 "data/number_exclusions.csv with a reason", value=m.group(),
                                                 char_start=s))
                continue
            problems.append(P.UNACCOUNTED_NUMBER(f"data/texts/{doc_id}.txt", f"number {m.group()!r} at [{s}, {e}) is "
                                                 f"in no target or amount quote and not excluded: …{context}…",
                                                 "add the target or amount it states, or a row in "
                                                 "data/number_exclusions.csv with a reason", value=m.group(),
                                                 char_start=s))
    for key, (row_no, row) in exclusions.items():
        if key not in used and key[0] in texts:
            problems.append(P.EXCLUSION_NO_NUMBER(excl_table.path, f"no number starts at {key[1]} in {key[0]}",
                                                  "point char_start at the first digit of the number, or delete "
                                                  "the row", row=row_no, field="char_start", value=row["char_start"]))
    return problems


def chinese_quantity_warnings(ctx: Context) -> list[Problem]:
    """Chinese-numeral quantities next to a measure word (一名, 三年) outside fact quotes: a reader decides."""
    tables = ctx.tables
    texts = ctx.texts
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
                problems.append(P.CHINESE_QUANTITY(f"data/texts/{doc_id}.txt",
                                        f"Chinese-numeral quantity {text[s:e + 1]!r} at {s}: …{context}…",
                                        "if it is a target, add it; otherwise record the judgement in "
                                        "data/reviewed_warnings.csv with a reason",
                                        value=text[s:e + 1], char_start=s))
    return problems

# --- reviewed warnings ---------------------------------------------------------------------------


def apply_reviews(problems: list[Problem], ctx: Context) -> tuple[list[Problem], int]:
    """Hide the warnings a maintainer has judged (data/reviewed_warnings.csv); a review that matches no
    warning is an error, so a changed text never keeps a stale judgement. Returns (problems, hidden)."""
    tables, texts = ctx.tables, ctx.texts
    table = tables.get("reviewed_warnings")
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
            kept.append(P.REVIEW_STALE(table.path,
                                f"no {r['code']} warning with value {r['value']!r} starts at {r['char_start']} in "
                                f"{r['document_id']}", "the text or the check changed: delete the row, or correct "
                                "char_start and value to the warning `make validate` now shows", row=row_no,
                                field="char_start", value=r["char_start"]))
    return kept, len(matched)
