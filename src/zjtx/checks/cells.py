"""Cells: no draft marker left, and no character that readers and tools downstream would trip over.

frictionless reads full-width digits as numbers and keeps control characters; pandas, DuckDB, JSON readers and
Excel do not. A look-alike character (a Kangxi radical for 工, a Cyrillic о for o) makes a quote or a search fail
while looking right. Each is reported with its code point, its position in the cell and the intended character.
"""

from __future__ import annotations

import re
import unicodedata

from zjtx import problems as P
from zjtx.checks.context import Context
from zjtx.problems import Problem

DRAFT_MARKER = "TODO"  # what `make new-document` writes where a person must decide
MAX_CELL = 131_072  # the csv module's default field limit: what many tools can still read
ASCII_FIELD_TYPES = {"integer", "number", "date", "boolean"}
ALLOWED_CONTROLS = {"\t", "\n"}
# Latin, not Cyrillic or Greek: the look-alikes that slip into text pasted from other documents
CONFUSABLE = dict(zip("АВЕКМНОРСТХаеорсхуіΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοіј",
                      "ABEKMHOPCTXaeopcxyiABEZHIKMNOPTYXaoij", strict=True))


# One scan per cell in C (the regex engine) instead of a Python loop over every character. Unicode's control
# characters (category Cc) all lie below U+00A0.
_CONTROLS = "".join(re.escape(chr(c)) for c in range(0xA0)
                    if unicodedata.category(chr(c)) == "Cc" and chr(c) not in ALLOWED_CONTROLS)
_LOOKALIKES = "\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f" + "".join(CONFUSABLE)
_CONTROL = re.compile(f"[{_CONTROLS}]")
_LOOKALIKE = re.compile(f"[{_LOOKALIKES}]")
_SUSPECT = re.compile(f"[{_CONTROLS}{_LOOKALIKES}]")  # either, in one scan


def check_drafts(ctx: Context) -> list[Problem]:
    """No cell still holds a draft marker: a half-filled contribution never passes."""
    problems = []
    for table in ctx.tables.values():
        if DRAFT_MARKER not in "\n".join(v for row in table.rows for v in row.values()):
            continue  # one scan of the table passes most tables
        for row_no, row in table.numbered():
            for column, value in row.items():
                if value.strip().startswith(DRAFT_MARKER):
                    problems.append(P.DRAFT_VALUE(table.path, f"{column} still holds the draft marker "
                                                  f"{DRAFT_MARKER}", "write the value (see CONTRIBUTING.md); empty "
                                                  "the cell if the field is optional and the text gives none",
                                                  row=row_no, field=column, value=value))
    return problems


def intended(ch: str) -> str | None:
    """The character a look-alike stands for, or None when `ch` is not a look-alike."""
    code = ord(ch)
    if 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F:
        meant = unicodedata.normalize("NFKC", ch)
        return meant if meant != ch else None
    return CONFUSABLE.get(ch)


def control_character(value: str) -> str | None:
    """The first control character of a text that no downstream reader accepts (tab and line feed are fine)."""
    found = _CONTROL.search(value)
    return found.group() if found else None


def describe(ch: str) -> str:
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'unnamed')})"


def cell_problems(path: str, row_no: int, column: str, value: str, field_type: str) -> list[Problem]:
    problems = []
    if len(value) > MAX_CELL:
        problems.append(P.CELL_TOO_LONG(path, f"the cell has {len(value):,} characters; the limit is {MAX_CELL:,}",
                                        row=row_no, field=column, value=value[:40]))
        return problems
    control = _CONTROL.search(value)
    if control:
        ch, i = control.group(), control.start()
        problems.append(P.CONTROL_CHARACTER(path, f"the cell holds {describe(ch)} at position {i + 1}",
                                            "delete the character (it often comes with text pasted from Word)",
                                            row=row_no, field=column, value=value))
    if field_type in ASCII_FIELD_TYPES and not value.isascii():
        digits = value.translate({0xFF10 + d: str(d) for d in range(10)})
        hint = f"write {digits}" if digits.isascii() else "write the value with the ASCII characters 0-9, '.', '-'"
        problems.append(P.NOT_ASCII_DIGITS(path, f"the {field_type} {value!r} has characters that are not ASCII "
                                           "(full-width digits?)", hint, row=row_no, field=column, value=value))
    for found in _LOOKALIKE.finditer(value):
        ch, i = found.group(), found.start()
        meant = intended(ch)
        if meant:
            problems.append(P.LOOKALIKE_CHARACTER(path, f"{describe(ch)} at position {i + 1} looks like {meant} "
                                                  f"(U+{ord(meant[0]):04X}) but is another character",
                                                  f"type {meant} instead", row=row_no, field=column, value=value))
            break
    return problems


def check_cells(ctx: Context) -> list[Problem]:
    """Every cell of every table: length, control characters, ASCII digits in numbers and dates, look-alikes."""
    problems = []
    for name, table in ctx.tables.items():
        types = {f["name"]: f["type"] for f in ctx.model.resources.get(name, {}).get("fields", [])}
        ascii_columns = [c for c in table.header if types.get(c) in ASCII_FIELD_TYPES]
        if clean([v for row in table.rows for v in row.values()],
                 [row.get(c, "") for row in table.rows for c in ascii_columns]):
            continue  # one scan of the whole table passes most tables
        for row_no, row in table.numbered():
            if clean(list(row.values()), [row.get(c, "") for c in ascii_columns]):
                continue
            for column, value in row.items():
                if value:
                    problems += cell_problems(table.path, row_no, column, value, types.get(column, "string"))
    return problems


def clean(values: list[str], ascii_values: list[str]) -> bool:
    """Whether none of these cells can have a problem: one scan of their text, not one per cell (each pattern
    matches one character, and a line feed, which joins the cells, is allowed)."""
    return max(map(len, values), default=0) <= MAX_CELL and not _SUSPECT.search("\n".join(values)) and \
        "".join(ascii_values).isascii()
