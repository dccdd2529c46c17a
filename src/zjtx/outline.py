"""The outline of a document's provisions: a provision's own text (its label and heading and the words before
its first sub-item, without the text it shares with its children: a parent's span runs to the end of its last
sub-item), and the deepest provision holding a span."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


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


def deepest(provisions: Sequence[Mapping], start: int, end: int) -> Mapping | None:
    """The deepest provision whose span holds [start, end): of those holding it, the one starting last (a
    sub-item starts after its parent's label). Rows with integer char_start and char_end."""
    best = None
    for p in provisions:
        holds = p["char_start"] <= start and end <= p["char_end"]
        if holds and (best is None or p["char_start"] >= best["char_start"]):
            best = p
    return best
