"""Translations and glossary: every English field renders the glossary's terms the glossary's way (official names
of bodies excepted), and every provision's translation states the numbers of its Chinese text.

The number rule: the Arabic numbers of a translation, as a multiset, equal those of the Chinese own text. A
Chinese figure followed by 万 or 亿 may be written as stated or in full (50万元 → 50 or 500,000); English figures
are read with their thousands separators, and "million"/"billion" multiply the figure before them. Chinese
numerals (三年, 十四五) are words in the translation, so they carry no digits on either side.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from zjtx import problems as P
from zjtx.checks.context import Context
from zjtx.outline import own_texts
from zjtx.problems import Problem

ZH_NUMBER = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*(万|亿)?")
# the first figure of a range shares the unit written after the second: 100—2000万元, 5—20万元
ZH_RANGE = re.compile(r"([0-9]+(?:\.[0-9]+)?)(?=\s*[-—–~～至到]\s*[0-9]+(?:\.[0-9]+)?\s*(万|亿))")
EN_NUMBER = re.compile(r"(?<![0-9.])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?(?:\s*(million|billion))?")
SCALE = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "million": Decimal(1_000_000),
         "billion": Decimal(1_000_000_000)}
# (resource, Chinese field, English field): every pair of fields that says one thing in both languages
PAIRS = [("documents", "title", "title_en"), ("documents", "issuer", "issuer_en"),
         ("documents", "region_name", "region_name_en"), ("provisions", "heading", "heading_en"),
         ("targets", "indicator", "indicator_en"), ("amounts", "purpose", "purpose_en"),
         ("agencies", "name", "name_en"), ("glossary", "definition_zh", "definition_en")]
# Official names of bodies follow their own rule, not the glossary's: the registry's English name of the body
# (data/agencies.csv) or its official English name. 青岛市中小企业局 is the Qingdao Small and Medium-sized
# Enterprises Bureau whatever the glossary renders 中小企业 as.
OFFICIAL_NAMES = {("documents", "issuer_en"), ("agencies", "name_en")}
GLOSSARY_PAIRS = [(r, zh, en) for r, zh, en in PAIRS if (r, en) not in OFFICIAL_NAMES]


def fold(text: str) -> str:
    """English for comparison: case, hyphens and runs of space do not matter."""
    return re.sub(r"\s+", " ", text.lower().replace("-", " ").replace("\u2011", " "))


def zh_numbers(text: str) -> list[tuple[Decimal, Decimal]]:
    """Each Arabic number of a Chinese text: (as written, scaled by the 万 or 亿 after it)."""
    range_units = {m.start(): m.group(2) for m in ZH_RANGE.finditer(text)}
    out = []
    for m in ZH_NUMBER.finditer(text):
        value = Decimal(m.group(1))
        unit = m.group(2) or range_units.get(m.start())
        out.append((value, value * SCALE[unit] if unit else value))
    return out


def en_numbers(text: str) -> list[Decimal]:
    out = []
    for m in EN_NUMBER.finditer(text):
        value = Decimal(m.group(1).replace(",", "") + (f".{m.group(2)}" if m.group(2) else ""))
        out.append(value * SCALE[m.group(3)] if m.group(3) else value)
    return out


def number_difference(zh: str, en: str) -> tuple[list[str], list[str]]:
    """(numbers of the Chinese missing from the English, numbers of the English the Chinese does not state)."""
    remaining = Counter(en_numbers(en))
    missing = []
    for written, scaled in zh_numbers(zh):
        hit = next((v for v in (written, scaled) if remaining[v] > 0), None)
        if hit is None:
            missing.append(format(written, "f"))
        else:
            remaining[hit] -= 1
    extra = [format(v, "f") for v, n in remaining.items() for _ in range(n)]
    return missing, extra


def glossary_terms(ctx: Context) -> list[tuple[list[str], str]]:
    """(Chinese forms, English rendering) of every readable glossary row."""
    terms = []
    for row in ctx.rows("glossary"):
        try:
            forms = json.loads(row.get("zh_forms") or "[]")
        except ValueError:
            continue  # a type error, reported by frictionless
        if isinstance(forms, list) and row.get("term_en"):
            terms.append(([f for f in forms if isinstance(f, str) and f], row["term_en"]))
    return terms


def renders(rendering: str, folded_english: str) -> bool:
    """Does the English use the rendering, in the singular or the plural (factory / factories)?"""
    wanted = fold(rendering)
    plural = wanted[:-1] + "ies" if wanted.endswith("y") else None
    return wanted in folded_english or (plural is not None and plural in folded_english)


def rendering_problems(terms: list[tuple[list[str], str]], zh: str, en: str) -> list[tuple[str, str]]:
    """(Chinese form, rendering) of each term `zh` holds whose rendering `en` lacks."""
    folded = fold(en)
    return [(next(f for f in forms if f in zh), rendering) for forms, rendering in terms
            if any(f in zh for f in forms) and not renders(rendering, folded)]


def forms_pattern(terms: list[tuple[list[str], str]]) -> re.Pattern:
    """A pattern that finds a text holding any term's Chinese form (and nothing in a text holding none)."""
    forms = sorted({f for term_forms, _ in terms for f in term_forms}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, forms)) if forms else "(?!)")


def check_glossary_renderings(ctx: Context) -> list[Problem]:
    terms = glossary_terms(ctx)
    holds_a_form = forms_pattern(terms)

    def missing(zh: str, en: str) -> list[tuple[str, str]]:  # one scan passes the Chinese holding no term
        return rendering_problems(terms, zh, en) if holds_a_form.search(zh) else []

    problems = []
    pairs = GLOSSARY_PAIRS + [(name, "title_zh", "title_en") for name in ctx.model.codelists]
    for resource, zh_field, en_field in pairs:
        table = ctx.tables.get(resource)
        for row_no, row in (table.numbered() if table else []):
            for form, rendering in missing(row.get(zh_field, ""), row.get(en_field, "")):
                problems.append(P.GLOSSARY_RENDERING(table.path, f"{zh_field} holds {form}; {en_field} does not say "
                                                     f"{rendering!r}", f"render {form} as {rendering!r} (see "
                                                     "data/glossary.csv)", row=row_no, field=en_field,
                                                     value=row.get(en_field)))
    table = ctx.tables.get("provision_translations")
    own = own_texts(ctx.rows("provisions")) if table else {}
    for row_no, row in (table.numbered() if table else []):
        zh = own.get(row["provision_id"])
        if zh is None:
            continue  # a foreign-key error
        for form, rendering in missing(zh, row.get("text_en", "")):
            problems.append(P.GLOSSARY_RENDERING(table.path, f"the Chinese holds {form}; the translation does not "
                                                 f"say {rendering!r}", f"render {form} as {rendering!r}",
                                                 row=row_no, field="text_en", value=row["provision_id"]))
    return problems


def check_translations(ctx: Context) -> list[Problem]:
    """Every provision has a translation, and each translation states the numbers of its Chinese text."""
    table = ctx.tables.get("provision_translations")
    if table is None:
        return []
    own = own_texts(ctx.rows("provisions"))
    problems = []
    for row_no, row in table.numbered():
        zh = own.get(row["provision_id"])
        if zh is None:
            continue
        try:
            missing, extra = number_difference(zh, row.get("text_en", ""))
        except InvalidOperation:
            continue
        if missing or extra:
            said = "; ".join(x for x in (f"lacks {', '.join(missing)}" if missing else "",
                                         f"has {', '.join(extra)} that the Chinese does not state" if extra else "")
                             if x)
            problems.append(P.TRANSLATION_NUMBERS(table.path, f"the translation of {row['provision_id']} {said}",
                                                  row=row_no, field="text_en", value=row["provision_id"]))
    translated = {r["provision_id"] for r in table.rows}
    pending = pending_documents(ctx)
    for p in ctx.rows("provisions"):
        pid = p["provision_id"]
        if pid in translated or pid not in own:
            continue
        if p["document_id"] in pending:
            problems.append(P.TRANSLATION_PENDING(table.path, f"provision {pid} has no translation yet "
                                                  "(translation_status pending)", field="provision_id", value=pid))
        else:
            problems.append(P.TRANSLATION_MISSING(table.path, f"provision {pid} has no translation",
                                                  field="provision_id", value=pid))
    return problems


def pending_documents(ctx: Context) -> set[str]:
    """Documents whose translations may follow them (documents.translation_status = pending)."""
    return {d["document_id"] for d in ctx.rows("documents") if d.get("translation_status") == "pending"}


def opens_with(text_en: str, heading_en: str) -> bool:
    """Does the translation open with the heading, followed by a full stop, a line break or nothing?"""
    rest = text_en.removeprefix(heading_en)
    return bool(heading_en) and rest != text_en and rest[:1] in ("", ".", "\n")


def check_headings(ctx: Context) -> list[Problem]:
    """heading_en is the heading as the English text gives it: the words the translation opens with. A
    provision without a translation (pending) has nothing to compare and is left to translation-missing."""
    table = ctx.tables.get("provisions")
    texts = {r["provision_id"]: r.get("text_en", "") for r in ctx.rows("provision_translations")}
    problems = []
    for row_no, p in (table.numbered() if table else []):
        text_en = texts.get(p["provision_id"])
        if text_en is None or not p.get("heading") or opens_with(text_en, p.get("heading_en", "")):
            continue
        opening = re.split(r"\.(?:\s|$)|\n", text_en, maxsplit=1)[0]
        problems.append(P.HEADING_EN_OPENING(table.path, f"heading_en {p.get('heading_en', '')!r} of "
                                             f"{p['provision_id']} is not how its translation opens: {opening!r}",
                                             row=row_no, field="heading_en", value=p["provision_id"]))
    return problems


def check_agency_names(ctx: Context) -> list[Problem]:
    """A provision's translation names each body of its responsibility rows by the registry's English name or
    its form where the place is understood. Collective bodies (各县〔市〕区政府) are descriptions whose English
    follows the sentence (各县〔市〕区 → the counties and districts), so only named bodies are checked."""
    agencies = {a["agency_id"]: a for a in ctx.rows("agencies") if a.get("collective") != "true"}
    texts = {r["provision_id"]: (row_no, fold(r.get("text_en", "")))
             for row_no, r in (ctx.tables["provision_translations"].numbered()
                               if "provision_translations" in ctx.tables else [])}
    problems, seen = [], set()
    for r in ctx.rows("responsibilities"):
        agency, found = agencies.get(r["agency_id"]), texts.get(r["provision_id"])
        key = (r["provision_id"], r["agency_id"])
        if agency is None or found is None or key in seen:
            continue  # a collective body, a foreign-key error, or a translation still to come
        seen.add(key)
        row_no, text = found
        forms = [f for f in (agency.get("name_en", ""), agency.get("name_en_short", "")) if f.strip()]
        if forms and not any(fold(f) in text for f in forms):
            problems.append(P.AGENCY_NAME_EN(ctx.tables["provision_translations"].path,
                                             f"{r['provision_id']} names {r['agency_id']} ({r['name_as_written']}); "
                                             f"the translation says neither {' nor '.join(map(repr, forms))}",
                                             row=row_no, field="text_en", value=r["provision_id"]))
    return problems
