"""What the site's search finds: one record per provision, built from the typed package (pure functions; the
index itself is written by search_index.py).

A record is a small HTML page that is never served: Pagefind reads it and points its result at the
provision's permalink. Its heading (label + Chinese and English heading) is an <h1>, which Pagefind weights
above body text; the body holds the provision's own text (not the text it shares with its sub-items, so a
section does not outrank the measure that says the thing), its English translation, the glosses of its facts,
the units responsible with their names, short names and English names, the place, and the glossary terms the
text uses in every written form (首台(套) is also found as 首台套, and as "first-of-its-kind"). Meta (what a
result shows) and filters (what the search page narrows by) are attributes, so they are not indexed as words.
Every data string is escaped: the records are HTML that Pagefind parses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zjtx.outline import own_texts
from zjtx.site.data import SiteData
from zjtx.site.html import el, esc
from zjtx.site.pages.common import EN, ZH, Lang, amount_text, anchor, place, provision_label, status_code, target_value

# The filters of the search page, in the order it shows them: one definition, read by search.py for the form
# and by the records for their values.
FILTERS = ("place", "level", "status", "area", "tier", "instrument", "has")

# A unit's short name as readers type it: 市工信局 -> 工信局 (the level prefix is how the text refers to its
# own government's unit; a reader searching for the bureau leaves it out).
_LEVEL_PREFIX = re.compile(r"^(?:省|市|县|区|自治区)(?=.{2,})")


# The titles of a provision's policy area, instruments and tiers are words a reader may search by (a listing
# provision that says 首次公开募股 is found by 上市), but they are the curators' words, not the text's: they
# count for half of a word of the text.
CLASSIFICATION_WEIGHT = "0.5"


@dataclass(frozen=True)
class SearchRecord:
    url: str  # relative to the site root: documents/<document_id>/#p-<numbering> (the permalink, also meta "url")
    html: str


def short_forms(names: list[str]) -> list[str]:
    """Each name and its form without the level prefix, de-duplicated in order."""
    out: list[str] = []
    for name in names:
        for form in (name, _LEVEL_PREFIX.sub("", name)):
            if form and form not in out:
                out.append(form)
    return out


def glossary_hits(text: str, glossary: list[dict]) -> list[str]:
    """Every written form and the English term of each glossary term the text contains in any form."""
    out: list[str] = []
    for term in glossary:
        forms = [term["term_zh"], *term["zh_forms"]]
        if any(f in text for f in forms):
            out.extend(f for f in dict.fromkeys(forms) if f not in out)
            out.append(term["term_en"])
    return out


def meta(name: str, value: str) -> str:
    """A meta value Pagefind stores with the record (shown by the result, not searched)."""
    return el("span", "", {"data-pagefind-meta": f"{name}[data-value]", "data-value": value})


def filter_value(name: str, value: str) -> str:
    return el("span", "", {"data-pagefind-filter": f"{name}[data-value]", "data-value": value})


def place_forms(doc: dict) -> list[str]:
    """包头市 and 包头, Baotou: a reader types the place without its 市."""
    name = doc["region_name"]
    forms = [name, re.sub(r"(?:市|县|省|自治区)$", "", name), doc["region_name_en"].split(" (")[0]]
    return list(dict.fromkeys(f for f in forms if f))


def facts_line(p: dict, lang: Lang) -> str:
    """What a result shows under its snippet: each amount and target, as the comparison pages say them."""
    amounts = [f"{amount_text(a, lang)} {lang.field(a, 'purpose')}" for a in p["amounts"]]
    targets = [f"{lang.field(t, 'indicator')} {target_value(t, lang)}" for t in p["targets"]]
    return " · ".join(amounts + targets)


def provision_record(p: dict, doc: dict, own: str, data: SiteData, agencies: dict[str, dict]) -> SearchRecord:
    pid = p["provision_id"]
    units = [r["name_as_written"] for r in p["responsibilities"]]
    for r in p["responsibilities"]:
        agency = agencies.get(r["agency_id"], {})
        units += [agency.get("name") or "", *agency.get("aliases", [])]
    unit_en = [agencies.get(r["agency_id"], {}).get("name_en") or "" for r in p["responsibilities"]]
    facts = [f"{a['purpose']} {a['figure_as_written']} {a['purpose_en'] or ''}" for a in p["amounts"]]
    facts += [f"{t['indicator']} {t['value_as_written']} {t['indicator_en'] or ''}" for t in p["targets"]]
    heading_zh = provision_label(p, ZH)
    heading_en = p["heading_en"] or ""
    text_en = data.translations.get(pid, "")
    terms = glossary_hits(f"{p['heading'] or ''}{own}", data.records["glossary"])
    tiers = sorted({x["tier"] for x in p["amounts"] + p["targets"] if x["tier"]})
    has = (["amount"] if p["amounts"] else []) + (["target"] if p["targets"] else [])
    level_zh, level_en = data.title("admin_level", doc["admin_level"])
    status = status_code(doc, data)
    classification = [title for codelist, codes in (("policy_area", [p["policy_area"]] if p["policy_area"] else []),
                                                    ("instrument", p["instruments"]), ("enterprise_tier", tiers))
                      for code in codes for title in data.title(codelist, code) if title]
    url = f"documents/{doc['document_id']}/#{anchor(pid)}"
    body = "".join([
        el("h1", esc(f"{heading_zh} {heading_en}".strip())),
        el("p", esc(own)),
        el("p", esc(text_en), {"lang": "en"}) if text_en else "",
        el("p", esc(" · ".join(facts))) if facts else "",
        el("p", esc(" · ".join(short_forms([u for u in units if u]) + [u for u in unit_en if u]))) if units else "",
        el("p", esc(" · ".join(terms))) if terms else "",
        el("p", esc(" · ".join(place_forms(doc)))),
        el("p", esc(" · ".join(classification)), {"data-pagefind-weight": CLASSIFICATION_WEIGHT}),
        meta("url", url), meta("title", heading_zh), meta("title_en", provision_label(p, EN)),
        meta("place", place(doc, ZH)), meta("place_en", place(doc, EN)),
        meta("level", level_zh), meta("level_en", level_en), meta("status", status),
        meta("document", doc["document_id"]), meta("provision", pid),
        meta("facts", facts_line(p, ZH)), meta("facts_en", facts_line(p, EN)),
        filter_value("place", doc["region_code"]), filter_value("level", doc["admin_level"]),
        filter_value("status", status),
        filter_value("area", p["policy_area"]) if p["policy_area"] else "",
        *(filter_value("tier", t) for t in tiers),
        *(filter_value("instrument", i) for i in p["instruments"]),
        *(filter_value("has", h) for h in has),
    ])
    html = f'<!doctype html><html lang="zh"><head><title>{esc(heading_zh)}</title></head><body>{body}</body></html>'
    return SearchRecord(url, html)


def search_records(data: SiteData) -> list[SearchRecord]:
    """Every provision of every document, in package order."""
    agencies = {a["agency_id"]: a for a in data.records["agencies"]}
    out = []
    for doc in data.documents.values():
        own = own_texts(doc["provisions"])
        out += [provision_record(p, doc, own[p["provision_id"]], data, agencies) for p in doc["provisions"]]
    return out
