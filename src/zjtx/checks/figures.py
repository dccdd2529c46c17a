"""Figures against quotes: every value, amount and ratio is a number the quote states."""

from __future__ import annotations

from zjtx import problems as P
from zjtx.checks.context import Context, as_decimal, as_int
from zjtx.numerals import NUMBER_RE, money_in, numbers_in, percents_in
from zjtx.problems import Problem

# --- numbers ------------------------------------------------------------------------------------


def check_target_values(ctx: Context) -> list[Problem]:
    """value and value_max are numbers the quote states (value_as_written is in the quote)."""
    tables = ctx.tables
    table = tables.get("targets")
    problems = []
    for row_no, row in (table.numbered() if table else []):
        written = row.get("value_as_written", "")
        if written and written not in row.get("quote", ""):
            problems.append(P.FIGURE_NOT_IN_QUOTE(table.path, "value_as_written is not part of the quote",
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
        missing = [p for p in parts if p not in row.get("quote", "")]
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
