"""Cells: no draft marker is left (more cell rules join it as contributors find new ways to break them)."""

from __future__ import annotations

from zjtx import problems as P
from zjtx.checks.context import Context
from zjtx.problems import Problem

DRAFT_MARKER = "TODO"  # what `make new-document` writes where a person must decide


def check_drafts(ctx: Context) -> list[Problem]:
    """No cell still holds a draft marker: a half-filled contribution never passes."""
    tables = ctx.tables
    problems = []
    for table in tables.values():
        for row_no, row in table.numbered():
            for column, value in row.items():
                if value.strip().startswith(DRAFT_MARKER):
                    problems.append(P.DRAFT_VALUE(table.path, f"{column} still holds the draft marker "
                                            f"{DRAFT_MARKER}", "write the value (see CONTRIBUTING.md); empty the "
                                            "cell if the field is optional and the text gives none",
                                            row=row_no, field=column, value=value))
    return problems
