"""A provision's own text: its label and heading and the words before its first sub-item, without the text
it shares with its children (a parent's span runs to the end of its last sub-item)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def own_texts(provisions: Iterable[Mapping], with_label: bool = False) -> dict[str, str]:
    """provision_id -> its own text (label removed unless `with_label`), from rows as read or as typed."""
    rows = list(provisions)
    first_child: dict[str, int] = {}
    for row in rows:
        parent = row.get("parent_id") or ""
        if parent:
            start = int(row["char_start"])
            first_child[parent] = min(first_child.get(parent, start), start)
    out = {}
    for row in rows:
        start = int(row["char_start"])
        text = row["text"]
        end = first_child.get(row["provision_id"], start + len(text)) - start
        own = text[:max(0, end)].rstrip()
        if not with_label and own.startswith(row["label"]):
            own = own[len(row["label"]):].lstrip(" ")
        out[row["provision_id"]] = own
    return out
