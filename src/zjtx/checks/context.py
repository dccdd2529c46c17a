"""What every check reads: the repository's layout, the tables as read (rows still strings, with their
spreadsheet row numbers, so a problem can point at the cell) and the normalised texts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from zjtx.model import Model
from zjtx.paths import Layout
from zjtx.tables import Table

Tables = dict[str, Table]
Texts = dict[str, str]  # document_id -> normalised text


@dataclass(frozen=True)
class Context:
    layout: Layout
    model: Model
    tables: Tables  # only the tables that could be read as their schema says
    texts: Texts

    def rows(self, name: str) -> list[dict[str, str]]:
        table = self.tables.get(name)
        return table.rows if table else []


def as_int(value: str | None) -> int | None:
    """A cell as an integer, or None where it is empty or not one (frictionless reports the latter)."""
    try:
        return int(value) if value not in (None, "") and value.isascii() else None
    except ValueError:
        return None


def as_decimal(value: str | None) -> Decimal | None:
    try:
        return Decimal(value) if value not in (None, "") and value.isascii() else None
    except InvalidOperation:
        return None
