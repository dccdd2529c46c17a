"""Figures against quotes: every value, amount and ratio is a number the quote states, compared as whole
number tokens (5 is not in 50家); comparators and years agree with the wording; ranges are ordered."""

from __future__ import annotations

import re

from zjtx import problems as P
from zjtx.checks.context import Context, as_decimal, as_int
from zjtx.numerals import NUMBER_RE, money_in, numbers_in, percents_in
from zjtx.problems import Problem

# The wording that sets a target's comparator, looked for in value_as_written and just around it.
COMPARATOR_WORDS = [("gte", ("以上", "不少于", "不低于", "至少", "超过")), ("approx", ("左右", "约")),
                    ("lte", ("以下", "不超过", "不高于", "以内", "最多"))]
YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
FIVE_YEAR_PLANS = {"十三五": 2020, "十四五": 2025, "十五五": 2030}  # 到“十四五”末 = the plan's last year


def token_at(haystack: str, needle: str) -> bool:
    """Is `needle` in `haystack` as whole numbers: no digit or decimal point glued to either end of it?"""
    if not needle:
        return False
    for m in re.finditer(re.escape(needle), haystack):
        before = haystack[m.start() - 1:m.start()]
        after = haystack[m.end():m.end() + 1]
        glued_before = needle[0].isdigit() and (before.isdigit() or before == ".")
        glued_after = needle[-1].isdigit() and (after.isdigit() or after == ".")
        if not glued_before and not glued_after:
            return True
    return False


def wording_comparator(quote: str, written: str) -> str:
    """The comparator the words imply: a qualifier in value_as_written or right beside it, else 'eq'."""
    at = quote.find(written)
    around = quote[max(0, at - 3):at + len(written) + 2] if at >= 0 else written
    for comparator, words in COMPARATOR_WORDS:
        if any(w in around for w in words):
            return comparator
    return "eq"


def stated_years(quote: str) -> set[int]:
    years = {int(y) for y in YEAR_RE.findall(quote)}
    years |= {year for name, year in FIVE_YEAR_PLANS.items() if name in quote}
    return years


def check_target_values(ctx: Context) -> list[Problem]:
    """value and value_max are numbers the quote states (value_as_written is in the quote)."""
    tables = ctx.tables
    table = tables.get("targets")
    problems = []
    for row_no, row in (table.numbered() if table else []):
        written = row.get("value_as_written", "")
        if written and not token_at(row.get("quote", ""), written):
            problems.append(P.FIGURE_NOT_IN_QUOTE(table.path, "value_as_written is not part of the quote as whole "
                                                  "numbers", "copy the words that state the number from the quote "
                                                  "(all its digits)", row=row_no, field="value_as_written",
                                                  value=written))
            continue
        stated = numbers_in(written)
        for column in ("value", "value_max"):
            v = as_decimal(row.get(column))
            if v is None or v in stated:
                continue
            if not NUMBER_RE.search(written) and row.get("note"):
                continue  # a reading such as 零突破 = the first one, explained in the note
            problems.append(P.VALUE_MISMATCH(table.path,
                                    f"{column} {v} is not a number stated in value_as_written {written!r}",
                                    "use the figure exactly as the text gives it" +
                                    ("; for a reading that is not a written number, explain it in note"
                                     if not NUMBER_RE.search(written) else ""),
                                    row=row_no, field=column, value=row.get(column)))
    return problems


def check_amount_values(ctx: Context) -> list[Problem]:
    """min_cny/max_cny are money figures of the quote in yuan; ratio_percent is a percentage in it."""
    tables = ctx.tables
    table = tables.get("amounts")
    problems = []
    for row_no, row in (table.numbered() if table else []):
        written = row.get("figure_as_written", "")
        parts = [p.strip() for p in written.split("|")]
        missing = [p for p in parts if not token_at(row.get("quote", ""), p)]
        if missing:
            problems.append(P.FIGURE_NOT_IN_QUOTE(table.path,
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
            problems.append(P.AMOUNT_MISMATCH(table.path,
                                    f"{column} {v} is not a money figure stated in {written!r}", hint,
                                    row=row_no, field=column, value=row.get(column)))
        ratio = as_decimal(row.get("ratio_percent"))
        if ratio is not None and ratio not in percents_in(written):
            problems.append(P.RATIO_MISMATCH(table.path,
                                    f"ratio_percent {ratio} is not a percentage stated in {written!r}",
                                    "give the percentage as written (30% → 30)", row=row_no,
                                    field="ratio_percent", value=row.get("ratio_percent")))
        if not yuan and not percents_in(written):
            problems.append(P.NO_FIGURE(table.path, "figure_as_written states no money figure or percentage",
                                    "an amount row needs a figure in 元/万元/亿元 or %", row=row_no,
                                    field="figure_as_written", value=written))
    return problems


def check_target_wording(ctx: Context) -> list[Problem]:
    """The comparator is what the wording says; the year is one the quote names, or inside the plan period;
    a range's upper value is not below its lower."""
    table = ctx.tables.get("targets")
    plans = {r["document_id"]: (as_int(r.get("plan_start_year")), as_int(r.get("plan_end_year")))
             for r in ctx.rows("documents")}
    problems = []
    for row_no, row in (table.numbered() if table else []):
        quote, written = row.get("quote", ""), row.get("value_as_written", "")
        implied = wording_comparator(quote, written) if written else "eq"
        # a qualifier in the words decides; a bare figure read as a bound needs its reason in note (零突破)
        contradicts = implied != "eq" or not row.get("note")
        if written and row.get("comparator") != implied and contradicts:
            problems.append(P.COMPARATOR_WORDING(table.path, f"comparator {row.get('comparator')!r}, but the "
                                                 f"wording around {written!r} implies {implied!r}",
                                                 f"set comparator to {implied}", row=row_no, field="comparator",
                                                 value=row.get("comparator")))
        value, upper = as_decimal(row.get("value")), as_decimal(row.get("value_max"))
        if value is not None and upper is not None and upper < value:
            problems.append(P.MIN_OVER_MAX(table.path, f"value_max {upper} is less than value {value}",
                                           row=row_no, field="value_max", value=row.get("value_max")))
        year = as_int(row.get("target_year"))
        if year is None:
            continue
        named = stated_years(quote)
        start, end = plans.get(row.get("document_id", ""), (None, None))
        if named and year not in named:
            problems.append(P.TARGET_YEAR(table.path, f"target_year {year}, but the quote names "
                                          f"{', '.join(map(str, sorted(named)))}", "use the year the sentence "
                                          "attaches to", row=row_no, field="target_year", value=year))
        elif not named and start is not None and end is not None and not start <= year <= end:
            problems.append(P.TARGET_YEAR(table.path, f"target_year {year} is outside the plan period "
                                          f"{start}–{end} and the quote names no year", "use a year of the plan "
                                          "period that the text attaches the target to", row=row_no,
                                          field="target_year", value=year))
    return problems


# What each amount type needs: (min_cny, max_cny, ratio_percent) must be present (True), absent (False) or
# either (None).
AMOUNT_TYPE_NEEDS: dict[str, tuple[bool | None, bool | None, bool | None]] = {
    "fixed": (True, True, False), "range": (True, True, False), "max": (None, True, None),
    "min": (True, None, False), "ratio": (None, None, True),
}


def check_amount_ranges(ctx: Context) -> list[Problem]:
    """min ≤ max; a fixed amount has min = max; each amount type has the figures it needs."""
    table = ctx.tables.get("amounts")
    problems = []
    for row_no, row in (table.numbered() if table else []):
        low, high = as_int(row.get("min_cny")), as_int(row.get("max_cny"))
        kind = row.get("amount_type", "")
        if low is not None and high is not None and low > high:
            problems.append(P.MIN_OVER_MAX(table.path, f"min_cny {low} is greater than max_cny {high}",
                                           row=row_no, field="min_cny", value=low))
            continue
        present = (low is not None, high is not None, as_decimal(row.get("ratio_percent")) is not None)
        needs = AMOUNT_TYPE_NEEDS.get(kind)
        if needs is None:
            continue
        wrong = [name for name, need, has in zip(("min_cny", "max_cny", "ratio_percent"), needs, present,
                                                strict=True) if need is not None and need != has]
        if kind == "fixed" and not wrong and low != high:
            wrong = ["max_cny"]
        if wrong:
            rule = {"fixed": "min_cny and max_cny, equal", "range": "min_cny and max_cny",
                    "max": "max_cny", "min": "min_cny", "ratio": "ratio_percent"}[kind]
            problems.append(P.AMOUNT_TYPE_FIGURES(table.path, f"a {kind} amount needs {rule}",
                                                  f"fill {rule} (and nothing the type does not use)",
                                                  row=row_no, field=wrong[0], value=row.get(wrong[0])))
    return problems
