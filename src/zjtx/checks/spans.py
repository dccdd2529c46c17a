"""Quotes and spans: every quote equals the normalised text at its span."""

from __future__ import annotations

from zjtx import normalize
from zjtx import problems as P
from zjtx.checks.context import Context, as_int
from zjtx.numerals import FULLWIDTH_DIGITS
from zjtx.problems import Problem
from zjtx.tables import Table

SPANNED = {"provisions": "text", "targets": "quote", "amounts": "quote", "responsibilities": "name_as_written"}

# --- spans and quotes --------------------------------------------------------------------------


def span_problem(table: Table, row_no: int, row: dict, column: str, text: str) -> Problem | None:
    """None if row[column] == text[char_start:char_end]; otherwise a Problem with the likely fix."""
    start, end = as_int(row.get("char_start")), as_int(row.get("char_end"))
    quote = row.get(column, "")
    if start is None or end is None:
        return None  # a type error, reported by frictionless
    if not 0 <= start < end <= len(text):
        return P.SPAN_RANGE(table.path, f"span [{start}, {end}) is outside the text (length {len(text)})",
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
        return P.SPAN_MISMATCH(table.path,
                       f"{column} is in the text, but not at [{start}, {end}){note}",
                       f"set {where}", row=row_no, field="char_start", value=f"{start}-{end}")
    hint = f"copy {column} exactly from data/texts/ (the text at the span is {text[start:end][:40]!r})"
    if FULLWIDTH_DIGITS.search(quote):
        hint = "the quote has full-width digits (０-９); the normalised text uses ASCII digits"
    elif normalize_to_simplified(quote) != quote:
        hint = ("the quote contains traditional characters: copy it from the normalised (simplified) "
                "text in data/texts/, not from the original")
    return P.QUOTE_MISMATCH(table.path, f"{column} does not occur in the normalised text", hint,
                   row=row_no, field=column, value=quote)


def normalize_to_simplified(s: str) -> str:
    text, _ = normalize.apply_edits(s, normalize.opencc_edits(s, "t2s"))
    return text


def check_spans(ctx: Context) -> list[Problem]:
    tables = ctx.tables
    texts = ctx.texts
    provision_doc = {r["provision_id"]: r["document_id"] for r in ctx.rows("provisions")}
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
