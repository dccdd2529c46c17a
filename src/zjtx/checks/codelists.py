"""Codelists: every code filled and unique (frictionless reads codelists only through enums)."""

from __future__ import annotations

from zjtx import problems as P
from zjtx.checks.context import Context
from zjtx.problems import Problem

# --- codelists -----------------------------------------------------------------------------------


def check_codelists(ctx: Context) -> list[Problem]:
    """Every code of a codelist is filled and unique (frictionless reads codelists only through enums)."""
    tables = ctx.tables
    problems = []
    for table in (t for name, t in tables.items() if name in ctx.model.codelists):
        seen: set[str] = set()
        for row_no, row in table.numbered():
            code = row.get("code", "")
            if not code or code in seen:
                problems.append(P.DUPLICATE_CODE(table.path, f"code {code!r} is empty or not unique",
                                        "each code must be unique and filled: delete or rename this row, then run "
                                        "`make schemas`", row=row_no, field="code", value=code))
            seen.add(code)
    return problems
