"""Leave-one-out evaluation of the proposer over the curated documents.

For each document: its facts are set aside (its agencies leave the registry unless another document names
them, its provisions leave the classifier's training rows), its facts are proposed from its text and
provisions, and the proposals are compared with the curated rows: recall, precision, exact-attribute
agreement, and the review work left (rows to add, correct and drop).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from zjtx.numerals import NUMBER_RE
from zjtx.propose import Package, classify, propose_document, read_csv
from zjtx.propose.figures import NEW_COMPARATOR, NumberClass, Proposed
from zjtx.propose.rules import Rules

# curated comparators may still use the codes before 0.4.0: compare in the new codes
COMPARATOR = NEW_COMPARATOR | {v: v for v in NEW_COMPARATOR.values()}
ATTRIBUTES = {"amounts": ["amount_type", "basis", "tier"], "targets": ["comparator", "target_year", "period", "tier",
                                                                       "unit"],
              "responsibilities": ["role", "role_basis", "agency"]}


def dec(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if str(value).strip() != "" else None
    except InvalidOperation:
        return None


def overlaps(a: dict, b: dict) -> bool:
    return int(a["char_start"]) < int(b["char_end"]) and int(b["char_start"]) < int(a["char_end"])


def values(table: str, row: dict) -> tuple:
    fields = {"amounts": ("min_cny", "max_cny", "ratio_percent"), "targets": ("value", "value_max")}[table]
    return tuple(dec(row.get(f)) for f in fields)


def attribute(table: str, name: str, row: dict, agency_names: dict[str, str]) -> str:
    if name == "comparator":
        return COMPARATOR.get(row.get("comparator", ""), row.get("comparator", ""))
    if name == "agency":
        return agency_names.get(row.get("agency_id", ""), "")
    return str(row.get(name) or "")


def match(table: str, curated: list[dict], proposed: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs: same span (responsibilities) or overlapping quotes with the same values."""
    pairs, free = [], list(proposed)
    for c in curated:
        if table == "responsibilities":
            hit = next((p for p in free if int(p["char_start"]) == int(c["char_start"])
                        and int(p["char_end"]) == int(c["char_end"])), None)
        else:
            hit = next((p for p in free if overlaps(c, p) and values(table, c) == values(table, p)), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((c, hit))
    return pairs


def score_table(table: str, curated: list[dict], proposed: list[dict], agency_names: dict[str, str]) -> dict:
    pairs = match(table, curated, proposed)
    # an attribute the curated table does not have (yet: role_basis before 0.4.0) is not compared
    attrs = [a for a in ATTRIBUTES.get(table, []) if a == "agency" or any(a in c for c in curated)]
    agree = {a: sum(1 for c, p in pairs if attribute(table, a, c, agency_names) == attribute(table, a, p,
                                                                                              agency_names))
             for a in attrs}
    to_correct = sum(1 for c, p in pairs if any(attribute(table, a, c, agency_names) != attribute(table, a, p,
                                                                                                  agency_names)
                                                for a in attrs))
    return {"curated": len(curated), "proposed": len(proposed), "matched": len(pairs), "agree": agree,
            "add": len(curated) - len(pairs), "correct": to_correct, "drop": len(proposed) - len(pairs),
            "missed": [{k: c.get(k) for k in ("provision_id", "char_start", "quote", "name_as_written",
                                              "figure_as_written", "value_as_written") if k in c}
                       for c in curated if not any(c is cc for cc, _ in pairs)]}


def curated_classes(doc_id: str, text: str, pkg: Package, facts: dict[str, list[dict]]) -> dict[int, set[str]]:
    """Per number start, the classes the curated data gives it (label, target, amount, exclusion)."""
    classes: dict[int, set[str]] = defaultdict(set)
    labels = {p["char_start"] for p in pkg.provisions if p["document_id"] == doc_id}
    for m in NUMBER_RE.finditer(text):
        s, e = m.span()
        if s in labels:
            classes[s].add("label")
        for table, kind in (("targets", "target"), ("amounts", "amount")):
            if any(int(r["char_start"]) <= s and e <= int(r["char_end"]) for r in facts[table]):
                classes[s].add(kind)
        if any(int(r["char_start"]) == s for r in facts["number_exclusions"]):
            classes[s].add("exclusion")
    return classes


def score_numbers(curated: dict[int, set[str]], proposed: list[NumberClass], text: str) -> dict:
    got = {c.start: c.kind for c in proposed}
    total = sum(1 for _ in NUMBER_RE.finditer(text))
    covered = sum(1 for m in NUMBER_RE.finditer(text) if m.start() in got)
    right = sum(1 for s, kinds in curated.items() if got.get(s) in kinds)
    wrong = [{"at": s, "number": NUMBER_RE.match(text, s).group(), "curated": sorted(k), "proposed": got.get(s),
              "context": text[max(0, s - 10):s + 12].replace("\n", " ")}
             for s, k in sorted(curated.items()) if got.get(s) not in k]
    return {"numbers": total, "covered": covered, "in_curated_class": right, "wrong": wrong}


def score_classification(pkg: Package, doc_id: str, proposals: list[Proposed]) -> dict:
    provs = {p["provision_id"]: p for p in pkg.provisions if p["document_id"] == doc_id}
    rows = [p.row for p in proposals if p.table == "provisions"]
    kind_right = sum(1 for r in rows if provs[r["provision_id"]]["kind"] == r["kind"])
    with_area = [r for r in rows if provs[r["provision_id"]].get("policy_area")]
    area_right = sum(1 for r in with_area if provs[r["provision_id"]]["policy_area"] == r["policy_area"])
    curated_ins = {(r["provision_id"], r["instrument"]) for r in pkg.instruments if r["document_id"] == doc_id}
    proposed_ins = {(p.row["provision_id"], p.row["instrument"]) for p in proposals
                    if p.table == "provision_instruments"}
    return {"provisions": len(rows), "kind_right": kind_right, "with_area": len(with_area), "area_right": area_right,
            "instruments": {"curated": len(curated_ins), "proposed": len(proposed_ins),
                            "matched": len(curated_ins & proposed_ins)}}


def held_out(pkg: Package, doc_id: str) -> Package:
    """The package without the document's facts: its agencies (unless another document names them) and its
    provisions' classification and instruments leave what the proposer learns from."""
    used_elsewhere = {r["agency_id"] for r in pkg.responsibilities if r["document_id"] != doc_id}
    used_here = {r["agency_id"] for r in pkg.responsibilities if r["document_id"] == doc_id}
    agencies = [a for a in pkg.agencies if a["agency_id"] in used_elsewhere or a["agency_id"] not in used_here]
    return replace(pkg, agencies=agencies,
                   responsibilities=[r for r in pkg.responsibilities if r["document_id"] != doc_id])


def evaluate_document(pkg: Package, root_data, doc_id: str, rules: Rules) -> dict:
    facts = {t: [r for r in read_csv(root_data / f"{t}.csv") if r["document_id"] == doc_id]
             for t in ("amounts", "targets", "number_exclusions", "responsibilities")}
    model = classify.train([p for p in pkg.provisions if p["document_id"] != doc_id],
                           [r for r in pkg.instruments if r["document_id"] != doc_id], pkg.texts)
    blind = held_out(pkg, doc_id)
    proposals, classes = propose_document(blind, doc_id, rules, model)
    names = {a["agency_id"]: a["name"] for a in pkg.agencies}
    names |= {p.row["agency_id"]: p.row["name"] for p in proposals if p.table == "agencies"}
    result = {t: score_table(t, facts[t], [p.row for p in proposals if p.table == t], names)
              for t in ("amounts", "targets", "responsibilities")}
    text = pkg.texts[doc_id]
    result["numbers"] = score_numbers(curated_classes(doc_id, text, pkg, facts), classes, text)
    result["classification"] = score_classification(pkg, doc_id, proposals)
    result["new_agencies"] = score_agencies(pkg, doc_id, [p.row for p in proposals if p.table == "agencies"])
    return result


def score_agencies(pkg: Package, doc_id: str, proposed: list[dict]) -> dict:
    """New agencies proposed for the held-out document: how many carry the name of one of its curated
    agencies, and of those how many the curated function (once agencies.csv has the column)."""
    used = {r["agency_id"] for r in pkg.responsibilities if r["document_id"] == doc_id}
    curated = {a["name"]: a for a in pkg.agencies if a["agency_id"] in used}
    named = [(p, curated[p["name"]]) for p in proposed if p["name"] in curated]
    with_function = [(p, c) for p, c in named if c.get("function")]
    return {"proposed": len(proposed), "name_matched": len(named), "with_curated_function": len(with_function),
            "function_agree": sum(1 for p, c in with_function if p.get("function") == c["function"])}


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def summarise(per_doc: dict[str, dict]) -> dict:
    out = {}
    for table in ("amounts", "targets", "responsibilities"):
        t = {k: sum(d[table][k] for d in per_doc.values()) for k in ("curated", "proposed", "matched", "add",
                                                                      "correct", "drop")}
        agree = {a: sum(d[table]["agree"].get(a, 0) for d in per_doc.values()) for a in ATTRIBUTES[table]
                 if any(a in d[table]["agree"] for d in per_doc.values())}
        out[table] = t | {"recall": ratio(t["matched"], t["curated"]), "precision": ratio(t["matched"], t["proposed"]),
                          "agreement": {a: ratio(v, t["matched"]) for a, v in agree.items()}}
    n = {k: sum(d["numbers"][k] for d in per_doc.values()) for k in ("numbers", "covered", "in_curated_class")}
    out["numbers"] = n | {"coverage": ratio(n["covered"], n["numbers"]),
                          "class_agreement": ratio(n["in_curated_class"], n["numbers"])}
    out["new_agencies"] = {k: sum(d["new_agencies"][k] for d in per_doc.values())
                           for k in ("proposed", "name_matched", "with_curated_function", "function_agree")}
    c = {k: sum(d["classification"][k] for d in per_doc.values()) for k in ("provisions", "kind_right", "with_area",
                                                                             "area_right")}
    ins = {k: sum(d["classification"]["instruments"][k] for d in per_doc.values())
           for k in ("curated", "proposed", "matched")}
    out["classification"] = c | {"kind_accuracy": ratio(c["kind_right"], c["provisions"]),
                                 "policy_area_accuracy": ratio(c["area_right"], c["with_area"]),
                                 "instruments": ins | {"recall": ratio(ins["matched"], ins["curated"]),
                                                       "precision": ratio(ins["matched"], ins["proposed"])}}
    return out


def evaluate(pkg: Package, data_dir, rules: Rules, only: list[str] | None = None) -> dict:
    docs = [d["document_id"] for d in pkg.documents if d["document_id"] in pkg.texts
            and (not only or d["document_id"] in only)]
    per_doc = {d: evaluate_document(pkg, data_dir, d, rules) for d in docs}
    return {"documents": docs, "summary": summarise(per_doc), "per_document": per_doc}


def pct(v: float | None) -> str:
    return "–" if v is None else f"{v * 100:.1f} %"


def table_markdown(report: dict) -> str:
    """The table bench/README.md shows (generated by `zjtx propose-eval`)."""
    s = report["summary"]
    lines = ["| table | curated | proposed | recall | precision | attribute agreement | to add | to correct "
             "| to drop |",
             "|---|---:|---:|---:|---:|---|---:|---:|---:|"]
    for t in ("amounts", "targets", "responsibilities"):
        r = s[t]
        agree = ", ".join(f"{a} {pct(v)}" for a, v in r["agreement"].items())
        lines.append(f"| {t} | {r['curated']} | {r['proposed']} | {pct(r['recall'])} | {pct(r['precision'])} | "
                     f"{agree} | {r['add']} | {r['correct']} | {r['drop']} |")
    n = s["numbers"]
    lines.append(f"| numbers | {n['numbers']} | {n['covered']} | coverage {pct(n['coverage'])} | | in curated class "
                 f"{pct(n['class_agreement'])} | | {n['numbers'] - n['in_curated_class']} | |")
    c = s["classification"]
    ins = c["instruments"]
    lines.append(f"| provisions (kind, policy area) | {c['provisions']} | {c['provisions']} | | | kind "
                 f"{pct(c['kind_accuracy'])}, policy area {pct(c['policy_area_accuracy'])} "
                 f"(of {c['with_area']}) | | {c['provisions'] - c['kind_right']} | |")
    a = s["new_agencies"]
    lines.append(f"| agencies (new) | | {a['proposed']} | | {pct(ratio(a['name_matched'], a['proposed']))} named as "
                 f"curated | function {pct(ratio(a['function_agree'], a['with_curated_function']))} (of "
                 f"{a['with_curated_function']} with a curated function) | | | |")
    lines.append(f"| provision_instruments | {ins['curated']} | {ins['proposed']} | {pct(ins['recall'])} | "
                 f"{pct(ins['precision'])} | | {ins['curated'] - ins['matched']} | | "
                 f"{ins['proposed'] - ins['matched']} |")
    return "\n".join(lines) + "\n"


def dumps(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n"
