"""What the site's search finds: every provision, GROUP_SIZE consecutive provisions of one document to a
record, built from the typed package (pure functions; the index itself is written by search_index.py).

A record is a small HTML page that is never served: Pagefind reads it and the search page points each of its
sub-results at the provision's permalink. Each provision is a section whose heading (label + Chinese and
English heading, an <h2> carrying the permalink's id) starts a Pagefind sub-result and is weighted above body
text; the section holds the provision's own text (not the text it shares with its sub-items, so a section
does not outrank the measure that says the thing), its English translation, the glosses of its facts, the
units responsible with their names, short names and English names, the place, and the glossary terms the
text uses in every written form (首台(套) is also found as 首台套, and as "first-of-its-kind"). Meta (what a
result shows, per provision in "items") and filters (what the search page narrows by) are attributes.
Pagefind indexes meta values as words too and stores them beside the record's text, so a provision's texts
are not meta: the English page cuts them out of the record's text between empty markers (`marker`).
Every data string is escaped: the records are HTML that Pagefind parses."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from zjtx.outline import own_texts
from zjtx.site.data import SiteData
from zjtx.site.html import el, esc
from zjtx.site.pages.common import EN, ZH, Lang, amount_text, anchor, place, provision_label, target_value

# The filters of the search page, in the order it shows them: one definition, read by search.py for the form
# and by the records for their values.
FILTERS = ("place", "level", "status", "area", "tier", "instrument", "has")
# The filters that belong to a provision rather than to its document (the search page applies them to each
# section of a record).
ITEM_FILTERS = ("area", "tier", "instrument", "has")

# Provisions per record. Pagefind's metadata file (loaded by every search) holds ~7 gzipped bytes per record,
# so one record per provision cost 205 KB at 1,000 documents (~30,000 provisions); a record of consecutive
# provisions, one sub-result per provision, divides that by GROUP_SIZE, while each result the page shows
# loads its record's whole text (bench/README.md has the measurement that chose the size).
GROUP_SIZE = 6

# A unit's short name as readers type it: 市工信局 -> 工信局 (the level prefix is how the text refers to its
# own government's unit; a reader searching for the bureau leaves it out).
_LEVEL_PREFIX = re.compile(r"^(?:省|市|县|区|自治区)(?=.{2,})")


# The titles of a provision's policy area, instruments and tiers are words a reader may search by (a listing
# provision that says 首次公开募股 is found by 上市), but they are the curators' words, not the text's: they
# count for half of a word of the text.
CLASSIFICATION_WEIGHT = "0.5"


@dataclass(frozen=True)
class SearchRecord:
    url: str  # the document's page, relative to the site root: documents/<document_id>/ (also meta "url")
    html: str
    provisions: tuple[str, ...]  # the provision ids of its sections, in order


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


def facts_line(p: dict, data: SiteData, lang: Lang) -> str:
    """What a result shows under its snippet: each amount and target, as the comparison pages say them."""
    amounts = [f"{amount_text(a, lang)} {lang.field(a, 'purpose')}" for a in p["amounts"]]
    targets = [f"{lang.field(t, 'indicator')} {target_value(t, data, lang)}" for t in p["targets"]]
    return " · ".join(amounts + targets)


# The parts of a section the English search page shows (search.js cuts each out of the record's text): the
# provision's own Chinese text and its English translation. Each is enclosed, inside its paragraph, by two empty
# markers whose ids are the permalink's id and the part ("p-1-2:zh" ... "p-1-2:/zh"); Pagefind records where each
# marker stands in the text's words (an "anchor") and, as the paragraph ends in a marker, adds no full stop to it.
def marker(anchor_id: str, part: str) -> str:
    """An empty element marking where a part of a section starts ("zh") or ends ("/zh")."""
    return el("span", "", {"id": f"{anchor_id}:{part}"})


def marked(anchor_id: str, part: str, text: str) -> str:
    return marker(anchor_id, part) + esc(text) + marker(anchor_id, "/" + part)


def provision_section(p: dict, doc: dict, own: str, data: SiteData) -> tuple[str, dict]:
    """A provision as one section of a record: its heading (an <h2> with the permalink's id, where Pagefind
    starts a sub-result) and every word a reader may search it by; and what its result shows and is filtered
    by (the record's "items" meta)."""
    pid = p["provision_id"]
    units = [r["name_as_written"] for r in p["responsibilities"]]
    for r in p["responsibilities"]:
        agency = data.agencies.get(r["agency_id"], {})
        units += [agency.get("name") or "", *agency.get("aliases", [])]
    unit_en = [data.agencies.get(r["agency_id"], {}).get("name_en") or "" for r in p["responsibilities"]]
    facts = [f"{a['purpose']} {a['figure_as_written']} {a['purpose_en'] or ''}" for a in p["amounts"]]
    facts += [f"{t['indicator']} {t['value_as_written']} {t['indicator_en'] or ''}" for t in p["targets"]]
    heading_zh = provision_label(p, ZH)
    heading_en = p["heading_en"] or ""
    text_en = data.translations.get(pid, "")
    terms = glossary_hits(f"{p['heading'] or ''}{own}", data.records["glossary"])
    tiers = sorted({x["tier"] for x in p["amounts"] + p["targets"] if x["tier"]})
    has = (["amount"] if p["amounts"] else []) + (["target"] if p["targets"] else [])
    classification = [title for codelist, codes in (("policy_area", [p["policy_area"]] if p["policy_area"] else []),
                                                    ("instrument", p["instruments"]), ("enterprise_tier", tiers))
                      for code in codes for title in data.title(codelist, code) if title]
    html = "".join([
        el("h2", esc(f"{heading_zh} {heading_en}".strip()), {"id": anchor(pid)}),
        el("p", marked(anchor(pid), "zh", own)),
        el("p", marked(anchor(pid), "en", text_en), {"lang": "en"}) if text_en else "",
        el("p", esc(" · ".join(facts))) if facts else "",
        el("p", esc(" · ".join(short_forms([u for u in units if u]) + [u for u in unit_en if u]))) if units else "",
        el("p", esc(" · ".join(terms))) if terms else "",
        el("p", esc(" · ".join(place_forms(doc)))),
        el("p", esc(" · ".join(classification)), {"data-pagefind-weight": CLASSIFICATION_WEIGHT}),
    ])
    # The English page's result shows the English text first and the Chinese beneath, each cut at a word or
    # character (Pagefind's excerpt mixes the section's two languages in text order): the two parts marked above.
    item = {"id": anchor(pid), "provision": pid, "title": heading_zh, "title_en": provision_label(p, EN),
            "facts": facts_line(p, data, ZH), "facts_en": facts_line(p, data, EN),
            "area": p["policy_area"] or "", "tier": tiers, "instrument": list(p["instruments"]), "has": has}
    return el("section", html), item


def group_record(doc: dict, sections: list[tuple[str, dict]], data: SiteData) -> SearchRecord:
    """Consecutive provisions of one document as one record. The document's filters are the record's; a
    provision's own filters (area, tier, instrument, has) are the union of its sections' for Pagefind, and the
    search page keeps the sections that match them (from "items")."""
    items = [item for _, item in sections]
    level_zh, level_en = data.title("admin_level", doc["admin_level"])
    status = doc["status_at_release"]
    values = {name: sorted({v for item in items for v in ([item[name]] if isinstance(item[name], str) else item[name])
                            if v}) for name in ITEM_FILTERS}
    body = "".join([
        *(html for html, _ in sections),
        meta("url", f"documents/{doc['document_id']}/"), meta("title", doc["title"]),
        meta("place", place(doc, ZH)), meta("place_en", place(doc, EN)),
        meta("level", level_zh), meta("level_en", level_en), meta("status", status),
        meta("document", doc["document_id"]),
        meta("items", json.dumps(items, ensure_ascii=False, separators=(",", ":"))),
        filter_value("place", doc["region_code"]), filter_value("level", doc["admin_level"]),
        filter_value("status", status),
        *(filter_value(name, v) for name in ITEM_FILTERS for v in values[name]),
    ])
    html = f'<!doctype html><html lang="zh"><head><title>{esc(doc["title"])}</title></head><body>{body}</body></html>'
    return SearchRecord(f"documents/{doc['document_id']}/", html, tuple(item["provision"] for item in items))


def groups(provisions: list[dict], size: int = GROUP_SIZE) -> list[list[dict]]:
    """The document's provisions in order, cut into runs of at most `size`."""
    return [provisions[i:i + size] for i in range(0, len(provisions), size)]


def search_records(data: SiteData) -> list[SearchRecord]:
    """Every provision of every document, in package order, GROUP_SIZE to a record."""
    out = []
    for doc in data.documents.values():
        own = own_texts(doc["provisions"])
        for run in groups(doc["provisions"]):
            out.append(group_record(doc, [provision_section(p, doc, own[p["provision_id"]], data)
                                          for p in run], data))
    return out
