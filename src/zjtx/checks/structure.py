"""Ids and structure: provision ids follow their document and parent; facts lie inside their provision."""

from __future__ import annotations

import re
from collections import defaultdict

from zjtx import problems as P
from zjtx.checks.context import Context, as_int
from zjtx.problems import Problem

# --- structure ---------------------------------------------------------------------------------


def check_provision_tree(ctx: Context) -> list[Problem]:
    """Ids follow their document and parent; children lie inside parents; document order holds."""
    tables = ctx.tables
    table = tables.get("provisions")
    if not table:
        return []
    problems = []
    by_id = {r["provision_id"]: r for r in table.rows}
    last: dict[str, tuple[int, int]] = {}  # document -> (seq, char_start) of the previous row
    for row_no, row in table.numbered():
        pid, doc = row["provision_id"], row["document_id"]
        if not pid.startswith(doc + "/"):
            problems.append(P.ID_DOCUMENT(table.path,
                                    f"provision_id does not start with its document_id '{doc}/'",
                                    f"use an id of the form {doc}/<numbers>", row=row_no, field="provision_id",
                                    value=pid))
        parent = by_id.get(row.get("parent_id") or "")
        expected_parent = pid.rsplit(".", 1)[0] if "." in pid.split("/", 1)[-1] else ""
        if (row.get("parent_id") or "") != expected_parent:
            problems.append(P.ID_PARENT(table.path,
                                    f"parent_id should be '{expected_parent}' for this provision_id",
                                    "the id is the parent's id plus one more number", row=row_no,
                                    field="parent_id", value=row.get("parent_id")))
        start, end, seq = as_int(row["char_start"]), as_int(row["char_end"]), as_int(row["seq"])
        if parent and None not in (start, end):
            ps, pe = as_int(parent["char_start"]), as_int(parent["char_end"])
            if ps is not None and pe is not None and not (ps <= start and end <= pe):
                problems.append(P.NESTING(table.path, f"the span [{start}, {end}) is not inside its "
                                        f"parent's [{ps}, {pe})", "check char_start/char_end of both",
                                        row=row_no, field="char_start"))
        if seq is not None and start is not None and doc in last:
            prev_seq, prev_start = last[doc]
            if seq != prev_seq + 1 or start <= prev_start:
                problems.append(P.ORDER(table.path, "provisions of a document must be listed in text "
                                        "order with seq 1, 2, 3 …", f"seq should be {prev_seq + 1} and "
                                        f"char_start greater than {prev_start}", row=row_no, field="seq",
                                        value=row["seq"]))
        if seq is not None and start is not None:
            last[doc] = (seq, start)
    return problems


def check_fact_links(ctx: Context) -> list[Problem]:
    """A fact's id extends its provision's id, its document is the provision's, its span is inside it."""
    tables = ctx.tables
    provisions = {r["provision_id"]: r for r in tables["provisions"].rows} if "provisions" in tables else {}
    problems = []
    for name, id_field, suffix in (("targets", "target_id", "t"), ("amounts", "amount_id", "a"),
                                   ("responsibilities", None, None), ("provision_instruments", None, None)):
        table = tables.get(name)
        if not table:
            continue
        for row_no, row in table.numbered():
            prov = provisions.get(row["provision_id"])
            if not prov:
                continue  # foreign-key error elsewhere
            if id_field and not re.fullmatch(re.escape(row["provision_id"]) + f"/{suffix}[0-9]+", row[id_field]):
                problems.append(P.ID_PROVISION(table.path,
                                        f"{id_field} must be the provision_id followed by /{suffix}N",
                                        f"e.g. {row['provision_id']}/{suffix}1", row=row_no, field=id_field,
                                        value=row[id_field]))
            if "document_id" in row and prov["document_id"] != row["document_id"]:
                problems.append(P.DOCUMENT_MISMATCH(table.path,
                                        f"document_id is '{row['document_id']}' but the provision belongs to "
                                        f"'{prov['document_id']}'", "use the provision's document_id",
                                        row=row_no, field="document_id", value=row["document_id"]))
            if "char_start" not in row:
                continue  # a link table without a span
            s, e = as_int(row["char_start"]), as_int(row["char_end"])
            ps, pe = as_int(prov["char_start"]), as_int(prov["char_end"])
            if None not in (s, e, ps, pe) and not (ps <= s and e <= pe):
                problems.append(P.OUTSIDE_PROVISION(table.path,
                                        f"the span [{s}, {e}) is outside provision {row['provision_id']} "
                                        f"[{ps}, {pe})", "link the row to the provision that contains the quote",
                                        row=row_no, field="provision_id", value=row["provision_id"]))
    return problems


def check_siblings(ctx: Context) -> list[Problem]:
    """Provisions with one parent (or none, at the top of one document) carry distinct labels and do not
    overlap: each list item is its own, and one ends before the next begins."""
    table = ctx.tables.get("provisions")
    if not table:
        return []
    problems = []
    groups: dict[tuple[str, str], list[tuple[int, dict]]] = defaultdict(list)
    for row_no, row in table.numbered():
        groups[(row["document_id"], row.get("parent_id") or "")].append((row_no, row))
    for siblings in groups.values():
        seen: dict[str, str] = {}
        previous: tuple[int, int, str] | None = None  # (start, end, id) of the sibling before, in text order
        for row_no, row in sorted(siblings, key=lambda item: as_int(item[1]["char_start"]) or 0):
            label = row["label"]
            if label != "——" and label in seen:  # "——" lead paragraphs all share one label
                problems.append(P.DUPLICATE_LABEL(table.path, f"label {label!r} is also the label of {seen[label]}",
                                                  row=row_no, field="label", value=label))
            seen.setdefault(label, row["provision_id"])
            start, end = as_int(row["char_start"]), as_int(row["char_end"])
            if start is None or end is None:
                continue
            if previous and start < previous[1]:
                problems.append(P.SIBLING_OVERLAP(table.path, f"the span [{start}, {end}) overlaps its sibling "
                                                  f"{previous[2]} [{previous[0]}, {previous[1]})", row=row_no,
                                                  field="char_start", value=start))
            previous = (start, end, row["provision_id"])
    return problems


def check_positions(ctx: Context) -> list[Problem]:
    """The instruments of a provision are ranked 1, 2, 3 … without two at one position and without a gap."""
    table = ctx.tables.get("provision_instruments")
    if not table:
        return []
    problems = []
    taken: dict[tuple[str, str], str] = {}
    ranked: dict[str, list[tuple[int, int]]] = defaultdict(list)  # provision -> (position, row) in file order
    for row_no, row in table.numbered():
        key = (row["provision_id"], row["position"])
        if key in taken:
            problems.append(P.DUPLICATE_POSITION(table.path, f"position {row['position']} is also used by "
                                                 f"instrument {taken[key]} of {row['provision_id']}",
                                                 row=row_no, field="position", value=row["position"]))
        taken.setdefault(key, row["instrument"])
        position = as_int(row["position"])
        if position is not None:  # not a whole number: frictionless reports it
            ranked[row["provision_id"]].append((position, row_no))
    for provision, rows in ranked.items():
        problems += position_gap(table.path, provision, rows)
    return problems


def position_gap(path: str, provision: str, rows: list[tuple[int, int]]) -> list[Problem]:
    """The first position missing below a provision's highest one, reported at the first row above it (two rows
    at one position are a duplicate, reported as such, not also a gap)."""
    used = {position for position, _ in rows}
    missing = next(n for n in range(1, len(used) + 2) if n not in used)  # the first; at most one past them all
    if missing > max(used):
        return []
    position, row_no = next((p, r) for p, r in rows if p > missing)
    listed = ", ".join(str(p) for p in sorted(used))
    return [P.POSITION_GAP(path, f"the positions of {provision} are {listed}: position {missing} is missing",
                           row=row_no, field="position", value=position)]
