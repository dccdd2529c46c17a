"""Propose amounts, targets and number exclusions so that every Arabic-digit number of a text is exactly one
of: a provision label, a figure bound to a proposed amount or target, or a proposed exclusion.

Numbers are found with the validator's definitions (zjtx.numerals); what a number is comes from the rules in
settings/propose.yaml. Pure functions over the text and its provisions; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from zjtx.checks.cells import DRAFT_MARKER
from zjtx.checks.figures import wording_comparator
from zjtx.numerals import CN_QUANTITY_RE, MONEY_RE, MONEY_UNITS, NUMBER_RE, PERCENT_RE, chinese_to_int
from zjtx.outline import deepest
from zjtx.propose.rules import Rules, first_word, tiers_in

# ASCII and full-width forms both: a text copied from the web may keep either
SENTENCE_END = "。;；\n"
CLAUSE_END = SENTENCE_END + ",，:："
# the validator's comparator wording, in the codes the package uses from 0.4.0 on
NEW_COMPARATOR = {">=": "gte", "=": "eq", "~": "approx", "<=": "lte", ">": "gt", "<": "lt"}


def new_code(comparator: str) -> str:
    """The 0.4.0 code of a comparator, whichever code the validator's wording table uses."""
    return NEW_COMPARATOR.get(comparator, comparator)


@dataclass
class Proposed:
    """One proposed row of a table, with why (rule) and how sure (confidence, 0–1)."""

    table: str
    row: dict
    rule: str
    confidence: float
    binds: list[int] = field(default_factory=list)  # starts of the number tokens its fields state


@dataclass
class NumberClass:
    start: int
    end: int
    number: str
    kind: str  # label | amount | target | exclusion
    rule: str


def sentence(text: str, s: int, e: int, ends: str = SENTENCE_END) -> tuple[int, int]:
    lo = s
    while lo > 0 and text[lo - 1] not in ends:
        lo -= 1
    hi = e
    while hi < len(text) and text[hi] not in ends:
        hi += 1
    return lo, hi


def strip_span(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo] in " \t\u3000":
        lo += 1
    while hi > lo and text[hi - 1] in " \t\u3000":
        hi -= 1
    return lo, hi


def yuan(value: str, unit: str) -> int:
    return int(Decimal(value) * MONEY_UNITS[unit])


def number_starts(text: str, lo: int, hi: int) -> list[int]:
    return [lo + m.start() for m in NUMBER_RE.finditer(text[lo:hi])]


# --- amounts -----------------------------------------------------------------------------------------


def amount_basis(context: str, amount_type: str, tier: str, rules: Rules) -> tuple[str, str]:
    if amount_type == "threshold":
        return "eligibility", "basis-threshold"
    for entry in rules.amounts["basis"]:
        if entry.get("needs_tier") and not tier:
            continue
        if first_word(context, entry["words"]):
            return entry["basis"], entry["id"]
    if amount_type == "ratio":
        return rules.amounts["default_ratio_basis"], "basis-default-ratio"
    return rules.amounts["default_basis"], "basis-default"


def tier_for(text: str, lo: int, at: int, order: int, count: int, rules: Rules) -> str:
    """The tier a figure concerns: for a 分别 list of as many tiers as figures, the tier at the same place;
    else the tier named last before the figure in its sentence."""
    beneficiary = text.rfind("对", lo, at)  # 对…的企业, 给予…: the tier of whom the money is for
    found = [tier for _, tier in tiers_in(text[max(lo, beneficiary):at], rules.tiers)]
    if count > 1 and len(found) == count:
        return found[order]
    return found[-1] if found else ""


def purpose_of(text: str, lo: int, at: int) -> str:
    words = text[lo:at].strip(" ,，")
    words = re.sub(r"^(对于|对|凡|经)", "", words)
    return (words[-60:] or text[lo:at + 10]).strip() or "TODO"


def propose_amounts(doc_id: str, text: str, provisions: list[dict], rules: Rules) -> list[Proposed]:
    cfg = rules.amounts
    out: list[Proposed] = []
    money = [m for m in MONEY_RE.finditer(text) if deepest(provisions, m.start(), m.end())]
    percents = [m for m in PERCENT_RE.finditer(text) if deepest(provisions, m.start(), m.end())]
    used_caps: set[int] = set()
    rows: list[tuple[int, Proposed]] = []
    # funding ratios first: a cap written after the ratio in the same sentence is part of its row
    for m in percents:
        lo, hi = sentence(text, m.start(), m.end())
        context = text[lo:hi]
        funding = first_word(context, cfg["funding_words"])
        if not funding and first_word(context, rules.targets["goal_words"]):
            continue  # a percentage in a goal sentence that pays nothing is a target
        # otherwise a share of money (a funding ratio, a tax rate); said with less confidence without a funding word
        cap = next((c for c in money if m.end() <= c.start() < hi and c.start() not in used_caps
                    and first_word(text[max(lo, c.start() - cfg["window"]):c.start()], cfg["cap_before"])
                    and not any(m.end() < p.start() < c.start() for p in percents)), None)
        base = re.search(r"(?:按照|依照|按|以)([^,，。;；]{0,40}?)的?$", text[lo:m.start()])
        row = {"amount_type": "ratio", "ratio_percent": m.group(1), "ratio_base": base.group(1) if base else "",
               "min_cny": "", "max_cny": ""}
        figure = m.group()
        binds = [m.start(1)]
        end = m.end()
        if cap is not None:
            used_caps.add(cap.start())
            row["max_cny"] = yuan(cap.group(1), cap.group(3))
            figure = f"{m.group()} | {cap.group()}"  # the cap's qualifier stays in the quote, as curated
            binds.append(cap.start(1))
            end = cap.end()
        tier = tier_for(text, lo, m.start(), 0, 1, rules)
        basis, basis_rule = amount_basis(context, "ratio", tier, rules)
        row |= {"basis": basis, "tier": tier, "figure_as_written": figure}
        rows.append((m.start(), Proposed("amounts", row, f"amount-ratio+{basis_rule}" if funding else
                                         f"amount-ratio-unpaid+{basis_rule}", 0.8 if funding else 0.4, binds)))
        del end
    money_in_sentence: dict[tuple[int, int], list[re.Match]] = {}
    for c in money:
        money_in_sentence.setdefault(sentence(text, c.start(), c.end()), []).append(c)
    for (lo, hi), group in money_in_sentence.items():
        context = text[lo:hi]
        listed = "分别" in context
        previous: tuple[int, str] | None = None  # (end, kind) of the figure before in the sentence
        for order, c in enumerate(group):
            if c.start() in used_caps:
                continue
            before = text[max(lo, c.start() - cfg["window"]):c.start()]
            after = text[c.end():c.end() + 3]
            clause_lo, _ = sentence(text, c.start(), c.end(), CLAUSE_END)
            clause = text[clause_lo:c.start()]
            # 突破1亿元、5亿元: a figure listed right after another (、/和/或) is of the same kind
            listed_after = previous is not None and text[previous[0]:c.start()].strip() in ("、", "和", "或", "及")
            if listed_after and previous[1] == "threshold":
                clause = "门槛"
            value_lo = yuan(c.group(1), c.group(3))
            written = c.group()
            row = {"ratio_percent": "", "ratio_base": ""}
            binds = [c.start(1)]
            if c.group(2) is not None:
                kind, rule = "range", "amount-range"
                row |= {"min_cny": value_lo, "max_cny": yuan(c.group(2), c.group(3))}
                binds.append(c.start(2))
            elif (w := first_word(before, cfg["cap_before"])) or first_word(after, cfg["cap_after"]):
                kind, rule = "max", "amount-cap"
                row |= {"min_cny": "", "max_cny": value_lo}
                if w:
                    written = text[c.start() - len(w):c.start()] + written if before.endswith(w) else written
            elif first_word(before, cfg["floor_before"]):
                w = first_word(before, cfg["floor_before"])
                kind, rule = "min", "amount-floor"
                row |= {"min_cny": value_lo, "max_cny": ""}
                if before.endswith(w):
                    written = w + written
            elif ((first_word(after, cfg["threshold_after"]) or any(clause.endswith(w)
                                                                    for w in cfg["threshold_before"]))
                  and first_word(clause, cfg["threshold_words"])) or "门槛" in clause:
                kind, rule = "threshold", "amount-threshold"
                row |= {"min_cny": value_lo, "max_cny": ""}
                suffix = first_word(after, cfg["threshold_after"])
                if suffix and after.startswith(suffix):
                    written += suffix
            elif first_word(text[clause_lo:sentence(text, c.start(), c.end(), CLAUSE_END)[1]], cfg["fund_words"]):
                kind, rule = "other", "amount-fund-size"
                row |= {"min_cny": value_lo, "max_cny": ""}
            else:
                kind, rule = "fixed", "amount-fixed"
                row |= {"min_cny": value_lo, "max_cny": value_lo}
            previous = (c.end(), kind)
            tier = tier_for(text, lo, c.start(), order, len(group) if listed else 1, rules)
            basis, basis_rule = amount_basis(context, kind, tier, rules)
            row |= {"amount_type": kind, "basis": basis, "tier": tier, "figure_as_written": written}
            confidence = 0.9 if kind in ("fixed", "range", "max", "min") else 0.7
            if "每" in before:  # 每平方米20元, 每亩100元: a rate per unit, said in the note
                row["note"] = f"per unit: {text[c.start() - len(before) + before.rindex('每'):c.end()]}"
            # how the figure accrues, where its clause says (the model has no column for it): in the note
            accrues = [f"{label} ({word})" for word, label in cfg["accrual_words"].items() if word in clause]
            if accrues:
                row["note"] = "; ".join(filter(None, [row.get("note", ""), *accrues]))
            # one figure paid 分别 to each of a list (认定为A、B、C,分别给予30万元): one row per recipient
            recipients = listed_recipients(text, lo, hi) if listed and len(group) == 1 else 1
            for _ in range(recipients):
                rows.append((c.start(), Proposed("amounts", dict(row), f"{rule}+{basis_rule}" +
                                                 ("+respectively-each" if recipients > 1 else ""), confidence,
                                                 list(binds))))
    rows.sort(key=lambda pair: pair[0])
    for _, proposed in rows:
        first = min(proposed.binds)
        lo, hi = strip_span(text, *sentence(text, first, first + 1))
        prov = deepest(provisions, lo, hi) or deepest(provisions, first, first + 1)
        lo, hi = max(lo, prov["char_start"]), min(hi, prov["char_end"])
        proposed.row |= {"document_id": doc_id, "provision_id": prov["provision_id"],
                         "purpose": purpose_of(text, lo, first), "purpose_en": "TODO", "quote": text[lo:hi],
                         "char_start": lo, "char_end": hi, "note": proposed.row.get("note", "")}
        out.append(proposed)
    return out


def listed_recipients(text: str, lo: int, hi: int) -> int:
    """How many items the clause before 分别 lists (A、B、C -> 3)."""
    at = text.find("分别", lo, hi)
    clause_lo, _ = sentence(text, at - 1, at, CLAUSE_END) if at > lo else (lo, lo)
    items = text[clause_lo:at]
    return items.count("、") + 1 if at > lo and "、" in items else 1


# --- targets -----------------------------------------------------------------------------------------

YEAR_GOAL_RE = re.compile(r"(?:到|至|截至|力争到|在)\s*((?:19|20)[0-9]{2})\s*年")
FIVE_YEAR_PLANS = {"十三五": 2020, "十四五": 2025, "十五五": 2030}


@dataclass
class Count:
    """A quantity a goal may state: where it is written, its value(s), its unit, the number tokens it binds."""

    start: int
    end: int
    value: str
    value_max: str
    unit: str
    binds: list[int]
    rule: str
    note: str = ""


def counts(text: str, rules: Rules) -> list[Count]:
    """Arabic counts with a measure word or %, Chinese-numeral quantities (the validator's CN_QUANTITY_RE) and
    零突破, in text order."""
    cfg = rules.targets
    units = "|".join(re.escape(u) for u in cfg["units"])
    count_re = re.compile(rf"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)(?:\s*[-—–~～至到]\s*([0-9]+(?:\.[0-9]+)?))?"
                          rf"\s*({units}|[%％])")
    found = [Count(m.start(), m.end(), m.group(1), m.group(2) or "", m.group(3),
                   [m.start(1)] + ([m.start(2)] if m.group(2) else []), "target-count")
             for m in count_re.finditer(text) if m.group(3) not in ("年", "月")]
    for m in CN_QUANTITY_RE.finditer(text):
        unit = text[m.end():m.end() + 1]
        value = chinese_to_int(m.group())
        opened = text.rfind("“", max(0, m.start() - 12), m.start())
        in_slogan = opened >= 0 and "”" not in text[opened:m.start()]  # “一个创新、三个实现”
        if value and unit in cfg["chinese_units"] and text[m.start() - 1:m.start()] not in ("第", "每", "统") \
                and not in_slogan:
            found.append(Count(m.start(), m.end() + 1, str(value), "", unit, [], "target-chinese-numeral",
                               f"{m.group()}{unit} read as {value}"))
    for m in re.finditer(r"零突破", text):
        found.append(Count(m.start(), m.end(), "1", "", "", [], "target-first-one",
                           "零突破 (a first one) read as at least 1; no unit written"))
    return sorted(found, key=lambda c: c.start)


def propose_targets(doc_id: str, text: str, provisions: list[dict], rules: Rules, taken: set[int]) -> list[Proposed]:
    cfg = rules.targets
    out: list[Proposed] = []
    sentence_seen: dict[tuple[int, int], int] = {}
    last_end = 0
    for c in counts(text, rules):
        if set(c.binds) & taken or not deepest(provisions, c.start, c.end):
            continue
        lo, hi = sentence(text, c.start, c.end)
        context = text[lo:hi]
        before = text[max(lo, c.start - 4):c.start]
        if first_word(before, cfg["descriptive_before"]) or text[c.end:c.end + 2] in ("方面", "领域"):
            continue
        if not first_word(context, cfg["goal_words"]):
            continue
        clause_lo, clause_hi = sentence(text, c.start, c.end, CLAUSE_END)
        first_in_sentence = (lo, hi) not in sentence_seen
        sentence_seen[(lo, hi)] = sentence_seen.get((lo, hi), 0) + 1
        q_lo = lo if first_in_sentence else clause_lo
        q_lo, q_hi = strip_span(text, q_lo, clause_hi)
        prov = deepest(provisions, q_lo, q_hi) or deepest(provisions, c.start, c.end)
        q_lo, q_hi = max(q_lo, prov["char_start"]), min(q_hi, prov["char_end"])
        quote = text[q_lo:q_hi]
        pre = text[max(q_lo, c.start - 4):c.start]
        qual = next((w for w in cfg["qualifier_before"] if pre.endswith(w)), None)
        w_lo = c.start - len(qual) if qual else c.start
        suffix = next((w for w in cfg["qualifier_after"] if text.startswith(w, c.end)), None)
        w_hi = c.end + len(suffix) if suffix and c.end + len(suffix) <= q_hi else c.end
        written = text[w_lo:w_hi]
        comparator = "gte" if c.rule == "target-first-one" else new_code(wording_comparator(quote, written))
        period, period_rule = "cumulative", "period-default"
        share = c.unit in ("%", "％")
        if share:
            period, period_rule = "ratio", "period-ratio"
        for entry in cfg["period"]:
            if first_word(text[lo:c.start], entry["words"]) and not (share and entry["period"] == "new"):
                period, period_rule = entry["period"], entry["id"]
                break
        year = ""
        if period != "annual":
            # the year the sentence attaches to, else one stated earlier in the same provision
            scope = text[lo:c.start]
            if not YEAR_GOAL_RE.search(scope):
                scope = text[prov["char_start"]:c.start]
            years = [int(y.group(1)) for y in YEAR_GOAL_RE.finditer(scope)]
            plans = [v for k, v in FIVE_YEAR_PLANS.items() if k in scope]
            year = (years or plans or [""])[-1]
        binds = list(c.binds)
        year_tokens = [q_lo + y.start(1) for y in YEAR_GOAL_RE.finditer(quote)]
        if year and year_tokens and text[year_tokens[-1]:year_tokens[-1] + 4] == str(year):
            binds.append(year_tokens[-1])
        # the tier named in this figure's own list item (after the figure before it), else after it in the
        # clause (打造100家以上…隐形冠军); two tiers counted together leave it empty for the reviewer
        item_lo = max(clause_lo, last_end)
        named = {t for _, t in tiers_in(text[item_lo:c.start], rules.tiers)} or \
            {t for _, t in tiers_in(text[c.end:clause_hi], rules.tiers)}
        tier = named.pop() if len(named) == 1 else ""
        last_end = c.end
        indicator = re.sub(r"^(到|至)(19|20)[0-9]{2}年(底|末)?[,，]?|^力争", "", text[clause_lo:clause_hi]).strip()
        row = {"target_id": "", "provision_id": prov["provision_id"], "document_id": doc_id,
               "indicator": indicator.replace(written, "").strip(" ,，") or "TODO", "indicator_en": "TODO",
               "value": c.value, "value_max": c.value_max, "unit": c.unit, "comparator": comparator,
               "target_year": year, "period": period, "tier": tier, "value_as_written": written, "quote": quote,
               "char_start": q_lo, "char_end": q_hi, "note": c.note}
        confidence = 0.85 if c.unit in ("家", "户", "项", "件", "%", "％") and c.binds else 0.5
        out.append(Proposed("targets", row, f"{c.rule}+{period_rule}", confidence, binds))
    return out


# --- exclusions and the account of every number ----------------------------------------------------


def exclusion_claims(text: str, rules: Rules) -> dict[int, tuple[str, str]]:
    """Number start -> (rule id, reason) for every number an exclusion rule accounts for (first rule wins)."""
    claims: dict[int, tuple[str, str]] = {}
    for rule in rules.exclusions:
        for m in rule.pattern.finditer(text):
            for g in range(1, (m.lastindex or 0) + 1):
                if m.start(g) >= 0 and m.start(g) not in claims:
                    claims[m.start(g)] = (rule.id, rule.reason)
    return claims


def propose_figures(doc_id: str, text: str, provisions: list[dict], rules: Rules
                    ) -> tuple[list[Proposed], list[NumberClass]]:
    """Amount, target and exclusion proposals, and the class each number of the text gets."""
    label_starts = {p["char_start"] for p in provisions}
    claims = exclusion_claims(text, rules)
    # a figure outside every provision (a text not yet segmented) is still proposed, with its provision left
    # to the reviewer (the draft marker): a money figure is never silently turned into an exclusion
    provisions = [{"provision_id": DRAFT_MARKER, "char_start": 0, "char_end": len(text)}, *provisions]
    # a number a strong exclusion rule names (a date, a document number) is never a figure
    weak = {rule.id for rule in rules.exclusions if rule.weak}
    strong = {s for s, (rule, _) in claims.items() if rule not in weak}
    amounts = [a for a in propose_amounts(doc_id, text, provisions, rules) if not set(a.binds) & strong]
    bound = {s for a in amounts for s in a.binds}
    # a count an exclusion rule names (3个工作日内, 等12个部门) is no goal; years are bound by the target anyway
    targets = propose_targets(doc_id, text, provisions, rules, bound | set(claims))
    targets = [t for t in targets if not set(t.binds) & bound]
    for t in targets:
        bound |= set(t.binds)
    classes: list[NumberClass] = []
    exclusions: list[Proposed] = []
    owner = {s: "amount" for a in amounts for s in a.binds} | {s: "target" for t in targets for s in t.binds}
    for m in NUMBER_RE.finditer(text):
        s, e = m.span()
        if s in label_starts:
            classes.append(NumberClass(s, e, m.group(), "label", "label"))
            continue
        if s in owner:
            classes.append(NumberClass(s, e, m.group(), owner[s], owner[s]))
            continue
        rule, reason = claims.get(s, (rules.raw["exclusion_fallback"]["id"], rules.raw["exclusion_fallback"]["reason"]))
        confidence = 0.4 if rule == rules.raw["exclusion_fallback"]["id"] else 0.85
        context = text[max(0, s - 12):e + 12].replace("\n", " ")
        exclusions.append(Proposed("number_exclusions", {"document_id": doc_id, "char_start": s, "char_end": e,
                                                          "number": m.group(), "reason": reason,
                                                          "note": f"…{context}…"}, rule, confidence, [s]))
        classes.append(NumberClass(s, e, m.group(), "exclusion", rule))
    number_ids(amounts, "amount_id", "a")
    number_ids(targets, "target_id", "t")
    return amounts + targets + exclusions, classes


def number_ids(rows: list[Proposed], id_field: str, letter: str) -> None:
    """provision_id/aN, N in text order within the provision."""
    counts: dict[str, int] = {}
    for p in sorted(rows, key=lambda p: (p.row["char_start"], min(p.binds, default=0))):
        pid = p.row["provision_id"]
        counts[pid] = counts.get(pid, 0) + 1
        p.row[id_field] = f"{pid}/{letter}{counts[pid]}"
