"""Propose the responsibilities of a document: the units of each responsibility clause (found with the
validator's CLAUSE_RE), split in order, and the leads named in prose (由…牵头), each matched to the agency
registry by name and aliases; a new agency row where none matches.

A new agency's full name is built with expansions learned from the registry itself: an alias such as
市工信局 with its name 长春市工业和信息化局 teaches that 工信局 after the place's level stands for
工业和信息化局, which then expands 市工信局 in any other city. Pure functions; no I/O.
"""

from __future__ import annotations

import re

from zjtx.checks.responsibilities import CLAUSE_RE
from zjtx.propose.figures import Proposed
from zjtx.propose.rules import Rules, first_word

LEVEL_CHARS = "省市县区旗州"
SLUGS = [("工业和信息化", "industry-it"), ("经济和信息化", "economy-it"), ("发展和改革", "development-reform"),
         ("财政", "finance"), ("科学技术", "science-technology"), ("市场监督", "market-regulation"),
         ("人力资源", "human-resources-social-security"), ("商务", "commerce"), ("税务", "tax"),
         ("自然资源", "natural-resources"), ("住房", "housing-urban-rural-development"), ("教育", "education"),
         ("金融", "financial-affairs"), ("知识产权", "intellectual-property"), ("司法", "justice"),
         ("公安", "public-security"), ("统计", "statistics"), ("生态环境", "ecology-environment"),
         ("农业", "agriculture-rural-affairs"), ("组织部", "party-organisation-department"),
         ("宣传部", "party-publicity-department"), ("领导小组", "leading-group"), ("人民政府", "governments"),
         ("管委会", "zone-committee"), ("工商", "federation-industry-commerce")]


def split_units(clause: str, start: int, rules: Rules) -> list[tuple[str, int, int]]:
    """(unit, start, end) of each unit of a clause, in order: split at separators outside parentheses, and at
    及 after a word that ends a body's name."""
    cfg = rules.responsibilities
    seps = re.compile(cfg["separators"])
    endings = set(cfg["unit_endings"])
    units, depth, lo = [], 0, 0
    for i, ch in enumerate(clause):
        if ch in "(〔(":
            depth += 1
        elif ch in ")〕)":
            depth = max(0, depth - 1)
        elif depth == 0 and (seps.fullmatch(ch) or (ch == "及" and i > 0 and clause[i - 1] in endings)):
            if clause[lo:i].strip():
                units.append((lo, i))
            lo = i + 1
    if clause[lo:].strip():
        units.append((lo, len(clause)))
    merged: list[tuple[int, int]] = []
    short_before = False
    for s, e in units:  # 各市、州、县人民政府 is one collective unit: a short fragment joins the next
        if merged and short_before and clause[merged[-1][1]] == "、":
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
        short_before = e - s <= cfg["max_fragment"] and e < len(clause)
    out = []
    for s, e in merged:
        while s < e and clause[s] in " \u3000":
            s += 1
        while e > s and clause[e - 1] in " \u3000。":
            e -= 1
        out.append((clause[s:e], start + s, start + e))
    return out


def bare(name: str) -> str:
    """Parentheses written either way compare equal: 各县〔市〕区 = 各县(市)区."""
    return name.replace("〔", "(").replace("〕", ")").replace("(", "(").replace(")", ")")


def expansions(agencies: list[dict], regions: dict[str, str]) -> dict[str, str]:
    """Alias without its level character -> name template with {R} for the place (learned from the registry)."""
    out: dict[str, str] = {}
    for a in agencies:
        place = regions.get(a["region_code"])
        if not place or place not in a["name"]:
            continue
        for alias in a["aliases"]:
            if alias[:1] in LEVEL_CHARS and len(alias) > 2:
                out.setdefault(bare(alias[1:]), a["name"].replace(place, "{R}", 1))
    return out


def known(value: str | None) -> str:
    """A document cell a person has filled (the scaffold leaves TODO)."""
    return "" if not value or value.startswith("TODO") else value


def agency_function(name: str, rules: Rules) -> str:
    outside = re.sub(r"[((〔][^()()〔〕]*[))〕]", "", name)
    for words in (outside, name):
        for entry in rules.raw["agency_functions"]:
            if first_word(words, entry["words"]):
                return entry["function"]
    return rules.raw["agency_function_default"]


def slug_of(name: str, taken: set[str], place: str) -> str:
    base = next((slug for word, slug in SLUGS if word in name), "agency")
    slug, n = f"{place}/{base}", 2
    while slug in taken:
        slug, n = f"{place}/{base}-{n}", n + 1
    return slug


def short_place(place: str) -> str:
    """长春市 -> 长春: the place as bodies named after it often write it."""
    return place[:-1] if len(place) >= 2 and place[-1:] in LEVEL_CHARS else place


def enumerated_divisions(name: str) -> str:
    """各旗县区人民政府 -> 各旗、县、区人民政府: a collective of several kinds of division lists them with 、."""
    return re.sub(r"各([省市州盟县旗区镇乡]{2,4})(?=(?:人民)?政府)", lambda m: "各" + "、".join(m.group(1)), name)


def inner_place(name: str, place: str) -> str:
    """A second name in brackets abbreviates the place too: 〔市促进…小组〕 -> (长春市促进…小组)."""
    name = bare(name)
    if not place:
        return name
    return re.sub(r"\(" + re.escape(place[-1]) + r"(?!" + re.escape(place[-1]) + r")", "(" + place, name)


def convention(written: str, place: str, conventions: list[dict]) -> str | None:
    """The full name a naming convention gives a unit as written, or None when none applies."""
    if not place:
        return None
    for entry in conventions:
        m = re.match(entry["pattern"], written)
        if m:
            return entry["name"].format(*m.groups(), P=place, S=short_place(place))
    return None


def expand(written: str, place: str, learned: dict[str, str], abbreviations: list[dict],
           branches: list[dict] = (), conventions: list[dict] = (), capitals: tuple[str, ...] = ()) -> str:
    """The full name of a short form: 市工信局 in 长春市 -> 长春市工业和信息化局, by the registry's own pairs
    first, then by the usual conventions and abbreviations; the name as written when the place is unknown or
    another."""
    for entry in branches:
        m = re.match(entry["pattern"], written)
        if m:
            got = m.group(1)
            short = short_place(place)
            capital = short in capitals and got.endswith("中心支行")
            if entry.get("full_place") and not capital and place != short and got.startswith(short) \
                    and not got.startswith(place):
                got = place + got[len(short):]
            return entry["name"].format(got)
    by_convention = convention(written, place, conventions)
    if by_convention:
        return enumerated_divisions(expand_words(by_convention, abbreviations))
    if not place or written[:1] not in LEVEL_CHARS or written[:1] != place[-1:] or written.startswith(place):
        return enumerated_divisions(written)
    rest = inner_place(written, place)[1:]
    if rest in learned:
        return learned[rest].replace("{R}", place)
    rest = expand_words(rest, abbreviations).replace("{R}", place)
    if rest.startswith(place):
        return enumerated_divisions(rest)
    return enumerated_divisions(("中共" + place + rest) if rest.startswith("委") else place + rest)


def expand_words(name: str, abbreviations: list[dict]) -> str:
    """The usual abbreviations written out, longest first (工信 -> 工业和信息化), once each."""
    for entry in sorted(abbreviations, key=lambda a: -len(a["short"])):
        if entry["short"] in name and entry["full"] not in name:
            name = name.replace(entry["short"], entry["full"], 1)
    return name


COLLECTIVE_RE = re.compile(r"各[^,，。;；:：\n]{1,20}?(?:人民政府(?:\([^()]*\))?|政府|管委会|管理委员会)")


def collective_key(name: str) -> str:
    return re.sub(r"[、()〔〕（）]|人民|政府|办事处|管委会|管理委员会", "", name)


def own_long_form(written: str, text: str) -> str | None:
    """The document's own full form of a collective unit (its addressee line often writes 各县(市)、区人民政府
    where the clauses write 各县〔市〕区政府): the longest form with the same words."""
    key = collective_key(written)
    forms = {m.group() for m in COLLECTIVE_RE.finditer(text) if collective_key(m.group()) == key}
    return max(sorted(forms), key=len) if forms else None


def new_agency(written: str, document: dict, learned: dict[str, str], taken: set[str], rules: Rules,
               text: str = "") -> dict:
    cfg = rules.responsibilities
    place = known(document.get("region_name"))
    long_form = own_long_form(written, text) if written.startswith("各") else None
    if long_form and place:
        name = enumerated_divisions(place + long_form)
    else:
        name = expand(written, place, learned, cfg["abbreviations"], cfg["branch_patterns"], cfg["conventions"],
                      tuple(cfg["capitals"]))
    place = re.sub(r"-[0-9]{4}$", "", document["document_id"])
    agency_id = slug_of(expand(written, "某" + written[:1], {}, cfg["abbreviations"]), taken, place)
    taken.add(agency_id)
    return {"agency_id": agency_id, "name": name, "name_en": "TODO", "name_en_short": "TODO",
            "aliases": f'["{written}"]' if written != name else "[]",
            "region_code": known(document.get("region_code")) or "TODO",
            "admin_level": known(document.get("admin_level")) or "TODO",
            "kind": "TODO", "function": agency_function(name, rules),
            "collective": "true" if written.startswith("各") or "成员单位" in written else "false", "note": ""}


def match_agency(written: str, region: str, agencies: list[dict]) -> dict | None:
    """An agency of the document's place named `written` by its name or an alias; by full name anywhere."""
    w = bare(written)
    for a in agencies:
        if a["region_code"] == region and (w == bare(a["name"]) or w in {bare(x) for x in a["aliases"]}):
            return a
    return next((a for a in agencies if w == bare(a["name"])), None)


def propose_responsibilities(document: dict, text: str, provisions: list[dict], agencies: list[dict],
                             regions: dict[str, str], rules: Rules) -> list[Proposed]:
    doc_id = document["document_id"]
    parents = {p.get("parent_id") for p in provisions}
    learned = expansions(agencies, regions)
    taken = {a["agency_id"] for a in agencies}
    new: dict[str, dict] = {}
    out: list[Proposed] = []
    cfg = rules.responsibilities
    ordered = first_word(text, cfg["order_stated_words"]) is not None
    co_pattern = re.compile(cfg["co_in_prose"]["pattern"])
    for prov in provisions:
        found: list[tuple[str, int, int, str, str, str]] = []  # unit, start, end, role, role_basis, rule
        body = text[prov["char_start"]:prov["char_end"]]
        if prov["provision_id"] not in parents:
            m = CLAUSE_RE.search(body)
            if m:
                group = "a" if m.group("a") is not None else "b"
                # role_basis (0.4.0): 按职责分工负责 names no lead; a list is lead-first where the document says so
                basis = "divided_by_duties" if group == "b" else "order_stated" if ordered else "not_stated"
                units = split_units(m.group(group), prov["char_start"] + m.start(group), rules)
                for i, (unit, s, e) in enumerate(units):
                    role = "lead" if basis == "order_stated" and i == 0 else "unspecified"
                    found.append((unit, s, e, role, basis, "clause-units"))
        own_end = min([p["char_start"] for p in provisions if p.get("parent_id") == prov["provision_id"]]
                      or [prov["char_end"]])
        own = text[prov["char_start"]:own_end]
        for rule_id, pattern in rules.lead_in_prose:
            for m in pattern.finditer(own):
                s = prov["char_start"] + m.start("unit")
                if not any(s == f[1] for f in found):
                    found.append((m.group("unit"), s, prov["char_start"] + m.end("unit"), "lead", "lead_named",
                                  rule_id))
        for m in co_pattern.finditer(own):
            for unit, s, e in split_units(m.group("units"), prov["char_start"] + m.start("units"), rules):
                if not any(s == f[1] for f in found):
                    found.append((unit, s, e, "co", "co_named", cfg["co_in_prose"]["id"]))
        found.sort(key=lambda f: (f[3] != "lead", f[3] != "co", f[1]))
        for position, (unit, s, e, role, role_basis, rule_id) in enumerate(found, start=1):
            agency = match_agency(unit, document.get("region_code", ""), agencies) or new.get(bare(unit))
            confidence = 0.9 if role == "unspecified" else 0.6
            if agency is None:
                agency = new_agency(unit, document, learned, taken, rules, text)
                new[bare(unit)] = agency
                out.append(Proposed("agencies", agency, "agency-new", 0.5, []))
            elif bare(unit) in new:
                pass
            else:
                rule_id += "+registry"
            out.append(Proposed("responsibilities", {
                "provision_id": prov["provision_id"], "document_id": doc_id, "position": position,
                "agency_id": agency["agency_id"], "name_as_written": unit, "role": role, "role_basis": role_basis,
                "char_start": s, "char_end": e, "note": ""}, rule_id,
                confidence if "+registry" in rule_id else confidence - 0.2, []))
    return out
