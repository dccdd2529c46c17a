"""The finder: what each place promises a firm at a given tier, in a given field. The page is a form and an
empty result list; finder_files builds the site's own JSON it reads, one file per document
(finder/data/<document_id>.json), and docs/assets/javascripts/finder.js fills the list from the files of the
places chosen. The state is in the URL (?place=…&tier=…&area=…&instrument=…&function=…), with the codes of the codelists,
so a link shows the same results to whoever opens it.

What a reader's browser fetches stays bounded as the corpus grows: the files of the chosen places, at most
PLACES_AT_ONCE of them; with no place chosen, every document's file only while there are no more than that."""

from __future__ import annotations

import json
from collections.abc import Iterator

from zjtx.site.data import SiteData
from zjtx.site.html import block, el, esc
from zjtx.site.pages.common import (
    FINDER,
    ZH,
    Lang,
    amount_text,
    anchor,
    document_page,
    file_href,
    front_matter,
    href,
    place,
    provision_label,
    status_short,
    switch,
    target_value,
)
from zjtx.site.pages.paging import PAGE_DOCUMENTS

DATA_FOLDER = "finder/data"
PLACES_AT_ONCE = PAGE_DOCUMENTS  # one page's worth of documents, as the paged lists show


def data_file(document_id: str) -> str:
    return f"{DATA_FOLDER}/{document_id}.json"


def options(data: SiteData, codelist: str, used: set[str], lang: Lang) -> str:
    return el("option", esc(lang.t("全部", "any")), {"value": ""}) + "".join(
        el("option", esc(data.title(codelist, code)[lang is not ZH]), {"value": code})
        for code in data.codelists[codelist] if code in used)


def finder_markdown(data: SiteData, lang: Lang) -> str:
    page = lang.page(FINDER)
    t = lang.t
    provisions = [p for d in data.documents.values() for p in d["provisions"]]
    tiers = {x["tier"] for p in provisions for x in p["amounts"] + p["targets"] if x["tier"]}
    areas = {p["policy_area"] for p in provisions if p["policy_area"]}
    instruments = {i for p in provisions for i in p["instruments"]}
    functions = {r["agency_function"] for p in provisions for r in p["responsibilities"]}
    places = el("option", esc(t("全部", "any")), {"value": ""}) + "".join(
        el("optgroup", "".join(
            el("option", esc(f"{place(d, lang)} ({d['document_id'][-4:]})"), {"value": d["document_id"]})
            for d in (data.documents[i] for i in ids)), {"label": data.title("province", code)[lang is not ZH]})
        for code, ids in data.provinces.items())  # by province: a thousand places stay findable
    form = el("form", "".join([
        el("label", esc(t("地区", "Place")) + el("select", places, {"name": "place", "multiple": "", "size": "4"})),
        el("label", esc(t("企业层级", "Your firm's tier")) + el("select", options(data, "enterprise_tier", tiers, lang),
                                                              {"name": "tier"})),
        el("label", esc(t("政策领域", "Policy area")) + el("select", options(data, "policy_area", areas, lang),
                                                         {"name": "area"})),
        el("label", esc(t("政策工具", "Instrument")) + el("select", options(data, "instrument", instruments, lang),
                                                        {"name": "instrument"})),
        el("label", esc(t("责任单位职能", "Responsible unit's function"))
           + el("select", options(data, "agency_function", functions, lang), {"name": "function"})),
        el("button", esc(t("查找", "Find")), {"type": "submit"}),
    ]), {"class": "zjtx-finder-form", "method": "get", "action": "./"})
    # the address of a document's file, with {id} standing for the document's id
    template = file_href(page, lang.page(data_file("ID"))).removesuffix("ID.json") + "{id}.json"
    results = el("div", el("p", esc(t("正在载入…(需要 JavaScript)", "Loading… (needs JavaScript)"))),
                 {"class": "zjtx-finder-results", "data-finder": template, "data-limit": str(PLACES_AT_ONCE),
                  "data-lang": lang.code, "aria-live": "polite"})
    title = t("查找:各地给这样的企业什么支持", "Finder: what each place offers a firm like yours")
    return "\n\n".join([
        front_matter(title=title, hide=["toc"]),
        f"# {title}",
        block(switch(page, lang), el("p", esc(t(
            "选择地区、企业层级和领域,列出每个地区适用的条款:金额、目标、责任单位和文件状态。链接保存当前选择。",
            "Pick places, your firm's tier and a policy area or instrument: every provision that applies, per place, "
            "with its money, targets, responsible units and the document's status. The address keeps your choice.")),
            {"class": "zjtx-small"}), form, results),
    ]) + "\n"


def finder_files(data: SiteData, lang: Lang) -> Iterator[tuple[str, str]]:
    """The finder's data for one edition, one file per document (path, JSON text): per provision, what the
    filters need and what a result shows. Strings are data, not HTML: finder.js inserts them as text."""
    for d in data.documents.values():
        provisions = []
        for p in d["provisions"]:
            tiers = sorted({x["tier"] for x in p["amounts"] + p["targets"] if x["tier"]})
            provisions.append({
                "id": p["provision_id"], "document": d["document_id"], "place": place(d, lang),
                "badge": f"{place(d, lang)} · {data.title('admin_level', d['admin_level'])[lang is not ZH]} · "
                         f"{status_short(d, lang)}",
                "label": provision_label(p, lang), "href": href(lang.page(FINDER), lang.page(
                    document_page(d["document_id"])), anchor(p["provision_id"])),
                "kind": p["kind"], "area": p["policy_area"] or "", "instruments": p["instruments"], "tiers": tiers,
                "functions": sorted({r["agency_function"] for r in p["responsibilities"]}),
                "amounts": [amount_text(a, lang) + " · " + lang.field(a, "purpose") for a in p["amounts"]],
                "targets": [lang.field(x, "indicator") + ": " + target_value(x, data, lang) for x in p["targets"]],
                "units": [r["name_as_written"] if lang is ZH else data.agencies[r["agency_id"]]["name_en"]
                          for r in p["responsibilities"]],
            })
        yield lang.page(data_file(d["document_id"])), json.dumps(
            {"lang": lang.code, "document": d["document_id"], "provisions": provisions},
            ensure_ascii=False, separators=(",", ":"))
