"""Number coverage: every Arabic-digit number is accounted for; Chinese-numeral quantities are flagged,
and the flags a maintainer has judged (data/reviewed_warnings.csv) are hidden."""

from __future__ import annotations

import bisect
from collections import defaultdict

from zjtx import problems as P
from zjtx.checks.context import Context, Tables, as_int
from zjtx.numerals import CN_QUANTITY_RE, NUMBER_RE
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


def check_number_coverage(ctx: Context) -> list[Problem]:
    """Every Arabic-digit number is in a fact's quote, a provision label, or number_exclusions."""
    tables = ctx.tables
    texts = ctx.texts
    problems = []
    excl_table = tables.get("number_exclusions")
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
                    problems.append(P.REDUNDANT_EXCLUSION(excl_table.path,
                                            f"the number at {s} is already in a target or amount quote",
                                            "delete this exclusion row", row=row_no))
                continue
            if (doc_id, s) in exclusions:
                used.add((doc_id, s))
                row_no, row = exclusions[(doc_id, s)]
                if as_int(row["char_end"]) != e or row["number"] != m.group():
                    problems.append(P.EXCLUSION_SPAN(excl_table.path,
                                            f"the number at {s} is {m.group()!r} ending at {e}",
                                            f"set char_end={e} and number={m.group()}", row=row_no,
                                            field="char_end", value=row["char_end"]))
                continue
            context = text[max(0, s - 20):e + 20].replace("\n", " ")
            problems.append(P.UNACCOUNTED_NUMBER(f"data/texts/{doc_id}.txt",
                                    f"number {m.group()!r} at [{s}, {e}) is in no target or amount quote and "
                                    f"not excluded: …{context}…",
                                    "add the target or amount it states, or a row in data/number_exclusions.csv "
                                    "with a reason", value=m.group()))
    for key, (row_no, row) in exclusions.items():
        if key not in used and key[0] in texts:
            problems.append(P.EXCLUSION_NO_NUMBER(excl_table.path,
                                    f"no number starts at {key[1]} in {key[0]}",
                                    "point char_start at the first digit of the number, or delete the row",
                                    row=row_no, field="char_start", value=row["char_start"]))
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
