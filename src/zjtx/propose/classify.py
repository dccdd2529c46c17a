"""Classify provisions (kind, policy_area, instruments) with a naive-Bayes model learned from the curated
provisions: character bigrams of a provision's own text plus its place in the outline. The model is data —
counts per class and feature, written to settings/propose-model.json by `zjtx propose-model` from the
curated rows and regenerable at any time; leave-one-out evaluation trains it in memory without the document
it scores. Pure functions; no I/O.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter

MODEL_REL = "settings/propose-model.json"
STRIP = re.compile(r"[\s0-9,,。;;::、()“”\"]+")


def own_text(prov: dict, provisions: list[dict], text: str) -> str:
    kids = [p["char_start"] for p in provisions if p.get("parent_id") == prov["provision_id"]]
    return text[prov["char_start"]:min(kids) if kids else prov["char_end"]]


def features(prov: dict, own: str, has_children: bool) -> list[str]:
    """Character bigrams of the heading and of the provision's own text (the heading counts twice), and, for
    the kind only, its place in the outline (features starting with #)."""
    body = STRIP.sub("", own)
    head = STRIP.sub("", prov.get("heading") or "")
    grams = [s[i:i + 2] for s in (head, body) for i in range(len(s) - 1)]
    shape = [f"#level{prov['level']}", f"#children{has_children}", f"#label{prov['label'][-1:]}",
             f"#len{min(len(own) // 100, 5)}"]
    return grams + shape * 5  # the outline features weigh like a few words


def examples(provisions: list[dict], texts: dict[str, str]) -> list[tuple[dict, list[str]]]:
    parents = {p.get("parent_id") for p in provisions}
    by_doc: dict[str, list[dict]] = {}
    for p in provisions:  # grouped once: a scan of every provision per provision is quadratic in the corpus
        by_doc.setdefault(p["document_id"], []).append(p)
    out = []
    for doc_id, siblings in by_doc.items():
        text = texts.get(doc_id)
        if text is None:
            continue
        for p in siblings:
            out.append((p, features(p, own_text(p, siblings, text), p["provision_id"] in parents)))
    return out


def train(provisions: list[dict], instruments: list[dict], texts: dict[str, str]) -> dict:
    """Counts per class and feature for kind, policy_area (measures and safeguards) and instrument."""
    model: dict = {"kind": {}, "policy_area": {}, "instrument": {}}
    by_prov: dict[str, list[str]] = {}
    for r in instruments:
        by_prov.setdefault(r["provision_id"], []).append(r["instrument"])
    for p, feats in examples(provisions, texts):
        labels = {"kind": [p["kind"]], "policy_area": [p["policy_area"]] if p.get("policy_area") else [],
                  "instrument": by_prov.get(p["provision_id"], [])}
        words = [f for f in feats if not f.startswith("#")]
        for task, values in labels.items():
            for value in values:
                entry = model[task].setdefault(value, {"docs": 0, "counts": Counter()})
                entry["docs"] += 1
                entry["counts"].update(feats if task == "kind" else words)
    for task in model.values():
        for entry in task.values():
            entry["counts"] = dict(sorted(entry["counts"].items()))
    model["instrument_rate"] = len(instruments) / max(1, sum(1 for p in provisions if p["kind"] in
                                                           ("measure", "safeguard")))
    return model


def source_hash(provisions: list[dict], instruments: list[dict]) -> str:
    h = hashlib.sha256()
    for p in provisions:
        h.update(f"{p['provision_id']}|{p['kind']}|{p.get('policy_area', '')}|{p['text']}\n".encode())
    for r in instruments:
        h.update(f"{r['provision_id']}|{r['instrument']}\n".encode())
    return h.hexdigest()


def dumps(model: dict, source: str) -> str:
    return json.dumps({"source": "data/provisions.csv + data/provision_instruments.csv", "source_sha256": source,
                       **model}, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


# Additive smoothing: 0.1 rather than 1 lets the few words a class shares with a provision count (chosen by
# leave-one-out on the curated documents: policy area 64 % right with 1, 82 % with 0.1).
ALPHA = {"kind": 1.0, "policy_area": 0.1, "instrument": 1.0}


def scores(task: dict, feats: list[str], alpha: float = 1.0) -> list[tuple[float, str]]:
    total_docs = sum(e["docs"] for e in task.values()) or 1
    vocab = len({f for e in task.values() for f in e["counts"]}) + 1
    out = []
    for label, entry in task.items():
        size = sum(entry["counts"].values())
        logp = math.log(entry["docs"] / total_docs)
        for f in feats:
            logp += math.log((entry["counts"].get(f, 0) + alpha) / (size + alpha * vocab))
        out.append((logp, label))
    return sorted(out, reverse=True)


def confidence(ranked: list[tuple[float, str]]) -> float:
    if len(ranked) < 2:
        return 1.0
    top = [math.exp(s - ranked[0][0]) for s, _ in ranked[:5]]
    return round(top[0] / sum(top), 2)


def classify(model: dict, prov: dict, own: str, has_children: bool) -> dict:
    """{kind, policy_area, instruments: [(code, confidence)], confidence}."""
    feats = features(prov, own, has_children)
    kinds = scores(model["kind"], feats, ALPHA["kind"])
    kind = kinds[0][1] if kinds else "measure"
    result = {"kind": kind, "kind_confidence": confidence(kinds), "policy_area": "", "area_confidence": 0.0,
              "instruments": []}
    # an area for every provision that is not a bare section heading: when the kind is corrected to a measure,
    # the reviewer finds the area proposed already (curated target blocks carry one too)
    if kind != "section":
        feats = [f for f in feats if not f.startswith("#")]
        areas = scores(model["policy_area"], feats, ALPHA["policy_area"])
        if areas:
            result["policy_area"], result["area_confidence"] = areas[0][1], confidence(areas)
        ranked = scores(model["instrument"], feats, ALPHA["instrument"])
        n = max(1, round(model.get("instrument_rate", 1.5)))
        result["instruments"] = [(label, confidence(ranked[i:])) for i, (_, label) in enumerate(ranked[:n])]
    return result
