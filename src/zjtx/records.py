"""The JSON form of a record: CSV strings typed by the model (numbers, booleans, arrays, null)."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation


class CellError(ValueError):
    """A cell that cannot be read as its field's type."""


def typed_value(field_type: str, raw: str):
    if raw == "":
        return None
    try:
        if field_type == "integer":
            return int(raw)
        if field_type == "number":
            d = Decimal(raw)
            if not d.is_finite():
                raise CellError(raw)
            return int(d) if d == d.to_integral_value() and "." not in raw else float(d)
        if field_type == "boolean":
            if raw in ("true", "false"):
                return raw == "true"
            raise CellError(raw)
        if field_type == "array":
            value = json.loads(raw)
            if not isinstance(value, list):
                raise CellError(raw)
            return value
    except (ValueError, InvalidOperation, json.JSONDecodeError) as exc:
        raise CellError(raw) from exc
    return raw


def typed_record(fields: list[dict], row: dict[str, str], lenient: bool = True) -> dict:
    """Type every field of `row` (fields as the model defines them); a cell that does not parse is kept as
    its string when lenient (so a JSON Schema check reports it), else CellError is raised."""
    out = {}
    for f in fields:
        raw = row.get(f["name"], "")
        try:
            out[f["name"]] = typed_value(f["type"], raw)
        except CellError:
            if not lenient:
                raise
            out[f["name"]] = raw
    return out
