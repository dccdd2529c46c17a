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


def occurrences(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def span_problem(table: Table, row_no: int, row: dict, column: str, text: str,
                 within: tuple[int, int] | None = None) -> Problem | None:
    """None if row[column] == text[char_start:char_end]; otherwise a Problem with the likely fix. Where the quote
    occurs several times, the fix points at the occurrence inside the row's provision (`within`)."""
    start, end = as_int(row.get("char_start")), as_int(row.get("char_end"))
    quote = row.get(column, "")
    if start is None or end is None:
        return None  # a type error, reported by frictionless
    if 0 <= start < end <= len(text) and text[start:end] == quote:
        return None  # the span holds the quote: nothing to look for (most rows)
    found = occurrences(text, quote) if quote else []
    # spans count characters; an editor or another language may have counted UTF-8 bytes
    as_bytes = [at for at in found if (len(text[:at].encode()), len(text[:at + len(quote)].encode())) == (start, end)]
    if as_bytes and (start, end) != (as_bytes[0], as_bytes[0] + len(quote)):
        at = as_bytes[0]
        return P.SPAN_MISMATCH(table.path, f"[{start}, {end}) looks like UTF-8 byte offsets of the {column}; spans "
                               "count characters (Python str indices)", f"set char_start={at}, char_end="
                               f"{at + len(quote)}", row=row_no, field="char_start", value=f"{start}-{end}")
    if not 0 <= start < end <= len(text):
        return P.SPAN_RANGE(table.path, f"span [{start}, {end}) is outside the text (length {len(text)})",
                       "char_start must be < char_end <= the text length", row=row_no, field="char_start",
                       value=f"{start}-{end}")
    if text[start:end] == quote:
        return None
    if found:
        inside = [at for at in found if within and within[0] <= at and at + len(quote) <= within[1]]
        at = (inside or found)[0]
        n = len(found)
        which = "the one in its provision" if inside else "the first"
        where = f"char_start={at}, char_end={at + len(quote)}" + (f" ({which} of {n} occurrences)" if n > 1 else "")
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
    provision_span = {r["provision_id"]: (as_int(r["char_start"]), as_int(r["char_end"]))
                      for r in ctx.rows("provisions")}
    problems = []
    for name, column in SPANNED.items():
        table = tables.get(name)
        if not table:
            continue
        for row_no, row in table.numbered():
            doc_id = row.get("document_id") or provision_doc.get(row.get("provision_id", ""))
            if doc_id not in texts:
                continue  # dangling document or provision: a foreign-key error elsewhere
            within = provision_span.get(row.get("provision_id", "")) if name != "provisions" else None
            p = span_problem(table, row_no, row, column, texts[doc_id],
                             within if within and None not in within else None)
            if p:
                problems.append(p)
    return problems
