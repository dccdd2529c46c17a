"""Responsibilities: each clause fully captured, every agency used, every measure classified."""

from __future__ import annotations

import re
from collections import defaultdict

from zjtx import problems as P
from zjtx.checks.context import Context, as_int
from zjtx.problems import Problem
from zjtx.regions import region_contains

# --- responsibilities -------------------------------------------------------------------------

# "(责任单位:…)" or "(…按职责分工负责。)"; one level of nested parentheses, as in 县财政局(金融办).
_INNER = r"[^()]*(?:\([^()]*\)[^()]*)*"
CLAUSE_RE = re.compile(rf"\((?:责任单位:(?P<a>{_INNER})|(?P<b>{_INNER})按职责分工负责。?)\)")
SEPARATORS_RE = re.compile(r"[、,及]")


def clause_units_text(clause: str) -> str:
    return SEPARATORS_RE.sub("", clause)


def check_responsibilities(ctx: Context) -> list[Problem]:
    """Each responsibility clause is fully captured; measures have an area and an instrument."""
    tables = ctx.tables
    problems = []
    resp = tables.get("responsibilities")
    provisions = {r["provision_id"]: r for r in tables["provisions"].rows} if "provisions" in tables else {}
    children = {r["parent_id"] for r in provisions.values() if r.get("parent_id")}
    if resp is not None:
        by_prov: dict[str, list[dict]] = defaultdict(list)
        for row in resp.rows:
            by_prov[row["provision_id"]].append(row)
        for pid, prov in provisions.items():
            m = CLAUSE_RE.search(prov["text"])
            if pid in children or not m:
                continue  # clauses close leaf provisions
            group = "a" if m.group("a") is not None else "b"
            base = as_int(prov["char_start"]) or 0
            lo, hi = base + m.start(group), base + m.end(group)
            # Units named in the clause itself; a lead named in the prose (由…牵头) lies outside it.
            in_clause = sorted((r for r in by_prov.get(pid, [])
                                if lo <= (as_int(r["char_start"]) or -1) < hi),
                               key=lambda r: as_int(r["position"]) or 0)
            got = "".join(r["name_as_written"] for r in in_clause)
            if clause_units_text(got) != clause_units_text(m.group(group)):
                problems.append(P.CLAUSE_INCOMPLETE(resp.path,
                                        f"the responsibility clause of {pid} is not fully captured: clause "
                                        f"{m.group(group)!r}, units {got!r}",
                                        "add one row per unit in the clause, in order, verbatim",
                                        field="provision_id", value=pid))
        for row_no, row in resp.numbered():
            prov = provisions.get(row["provision_id"])
            if prov and row["name_as_written"] not in prov["text"]:
                problems.append(P.UNIT_NOT_IN_PROVISION(resp.path,
                                        "name_as_written does not occur in the provision's text",
                                        "copy the unit exactly from the clause", row=row_no,
                                        field="name_as_written", value=row["name_as_written"]))
    prov_table = tables.get("provisions")
    instruments = tables.get("provision_instruments")
    with_instrument = {r["provision_id"] for r in instruments.rows} if instruments else set()
    for row_no, row in (prov_table.numbered() if prov_table else []):
        if row["kind"] in ("measure", "safeguard"):
            if not row.get("policy_area"):
                problems.append(P.MISSING_POLICY_AREA(prov_table.path,
                                        f"a {row['kind']} needs a policy_area", "choose one from "
                                        "schemas/codelists/policy_area.csv", row=row_no, field="policy_area"))
            if instruments is not None and row["provision_id"] not in with_instrument:
                problems.append(P.MISSING_INSTRUMENT(instruments.path,
                                        f"{row['kind']} {row['provision_id']} has no instrument",
                                        "add at least one row for it", field="provision_id",
                                        value=row["provision_id"]))
    return problems


def check_agency_use(ctx: Context) -> list[Problem]:
    """Every agency is named by a responsibility of some document (a package-wide check: it reads every
    document's responsibilities)."""
    agencies, resp = ctx.tables.get("agencies"), ctx.tables.get("responsibilities")
    if agencies is None or resp is None:
        return []
    used = {r["agency_id"] for r in resp.rows}
    return [P.AGENCY_UNUSED(agencies.path, "no responsibility names this agency",
                            "delete the row, or link the responsibilities that name it",
                            row=row_no, field="agency_id", value=row["agency_id"])
            for row_no, row in agencies.numbered() if row["agency_id"] not in used]


# Prose that names a provision's lead unit, outside any responsibility clause (one rule for every document):
# 由…牵头, …要发挥牵头…作用, …要统筹做好, …负责统筹推进, …统筹指导. Not 牵头建设/牵头申报: those are what firms do.
LEAD_RE = re.compile(r"由[^,。;]{2,80}?牵头[,。;]|要发挥牵头|要统筹做好|负责统筹推进|统筹指导")


def check_lead_units(ctx: Context) -> list[Problem]:
    """A provision whose prose names a lead unit has a responsibility row with role lead."""
    resp = ctx.tables.get("responsibilities")
    if resp is None:
        return []
    with_lead = {r["provision_id"] for r in resp.rows if r.get("role") == "lead"}
    parents = {r.get("parent_id") for r in ctx.rows("provisions")}
    problems = []
    for row in ctx.rows("provisions"):
        m = LEAD_RE.search(row.get("text", ""))
        if m and row["provision_id"] not in parents and row["provision_id"] not in with_lead:
            problems.append(P.LEAD_UNIT_MISSING(resp.path, f"{row['provision_id']} names a lead unit "
                                                f"({m.group()!r}) with no responsibility row of role lead",
                                                "add a row for the unit the prose names, with role lead, at "
                                                "position 1 (the clause's own units follow, in order)",
                                                field="provision_id", value=row["provision_id"]))
    return problems


# Which bases can decide which role; divided_by_duties also needs its words in the unit's clause.
ROLE_BASES = {"lead": {"lead_named", "order_stated"}, "co": {"co_named", "order_stated"},
              "unspecified": {"divided_by_duties", "not_stated"}}


def duties_clauses(text: str) -> list[tuple[int, int]]:
    """Where a text's clauses of the form (…按职责分工负责。) list their units: CLAUSE_RE's second form."""
    return [m.span("b") for m in CLAUSE_RE.finditer(text) if m.group("b") is not None]


def role_basis_fits(row: dict, in_duties_clause: bool) -> bool:
    """Does the row's role_basis fit its role, and is a unit read as divided by duties in such a clause?"""
    basis, role = row.get("role_basis"), row.get("role", "")
    if role in ROLE_BASES and basis not in ROLE_BASES[role]:
        return False
    if role == "unspecified":
        return in_duties_clause == (basis == "divided_by_duties")
    return True


def check_role_basis(ctx: Context) -> list[Problem]:
    """Each role says what decides it, and a clause that divides the work by duties is read as such."""
    resp = ctx.tables.get("responsibilities")
    texts = ctx.texts
    clauses: dict[str, list[tuple[int, int]]] = {}  # per document, found once
    problems = []
    for row_no, row in (resp.numbered() if resp else []):
        start, end = as_int(row.get("char_start")), as_int(row.get("char_end"))
        doc_id = row.get("document_id", "")
        text = texts.get(doc_id)
        if text is None or start is None or end is None or not row.get("role_basis") \
                or text[start:end] != row.get("name_as_written"):
            continue  # a missing text, cell or wrong span is reported by its own check
        if doc_id not in clauses:
            clauses[doc_id] = duties_clauses(text)
        in_duties_clause = any(lo <= start and end <= hi for lo, hi in clauses[doc_id])
        if not role_basis_fits(row, in_duties_clause):
            problems.append(P.ROLE_BASIS(resp.path, f"role {row.get('role')!r} with role_basis "
                                         f"{row.get('role_basis')!r} does not fit the text",
                                         row=row_no, field="role_basis", value=row.get("role_basis")))
    return problems


def check_agency_regions(ctx: Context) -> list[Problem]:
    """Each unit is linked to an agency of the document's own region or of a region containing it (a province's
    body in a city's document); and no two agencies share a canonical name and region. Collective bodies follow
    the same rule: 各县(市)区政府 in a city's document is recorded under the city's region code."""
    agencies = {r["agency_id"]: r for r in ctx.rows("agencies")}
    regions = {r["document_id"]: r.get("region_code", "") for r in ctx.rows("documents")}
    document_of = {r["provision_id"]: r["document_id"] for r in ctx.rows("provisions")}
    problems = []
    resp = ctx.tables.get("responsibilities")
    for row_no, row in (resp.numbered() if resp else []):
        agency = agencies.get(row["agency_id"])
        region = regions.get(document_of.get(row["provision_id"], ""), "")
        if agency and region and not region_contains(agency.get("region_code", ""), region):
            problems.append(P.AGENCY_REGION(resp.path, f"agency {row['agency_id']} ({agency.get('region_code')}) is "
                                            f"not of the document's region {region} or a region containing it",
                                            row=row_no, field="agency_id", value=row["agency_id"]))
    table = ctx.tables.get("agencies")
    seen: dict[tuple[str, str], str] = {}
    for row_no, row in (table.numbered() if table else []):
        key = (row.get("name", ""), row.get("region_code", ""))
        if key in seen:
            problems.append(P.DUPLICATE_AGENCY(table.path, f"agency {key[0]} ({key[1]}) is also agency {seen[key]}",
                                               row=row_no, field="name", value=key[0]))
        seen.setdefault(key, row["agency_id"])
    return problems
