"""The search page (search/?q=…, per edition): a form whose fields are the query and the filters, and an empty
result list that docs/assets/javascripts/search.js fills from the Pagefind index (site/pagefind/, written by
search_index.py) once a reader has searched. The state is the address, so a search is a link; the filter
values are codelist codes, their labels are rendered here from the codelists."""

from __future__ import annotations

import json

from zjtx.site.data import SiteData
from zjtx.site.html import block, el, esc
from zjtx.site.pages.common import HOME, SEARCH, STATUS_SHORT, ZH, Lang, file_href, front_matter, href, place, switch
from zjtx.site.search_index import OUTPUT
from zjtx.site.search_records import FILTERS, ITEM_FILTERS

OPENSEARCH = "opensearch.xml"
SHORT_NAME = "专精特新政策 SRDI"  # the browser's name for the site as a search engine (OpenSearch: ≤ 16 characters)


def select(name: str, label: str, options: list[tuple[str, str]], lang: Lang) -> str:
    choices = el("option", esc(lang.t("全部", "any")), {"value": ""}) + "".join(
        el("option", esc(title), {"value": code}) for code, title in options)
    return el("label", esc(label) + el("select", choices, {"name": name}))


def filter_options(data: SiteData, lang: Lang) -> dict[str, list[tuple[str, str]]]:
    """(code, label) for every filter, only the codes some provision carries."""
    provisions = [p for d in data.documents.values() for p in d["provisions"]]
    english = lang is not ZH

    def coded(codelist: str, used: set[str]) -> list[tuple[str, str]]:
        return [(c, data.title(codelist, c)[english]) for c in data.codelists[codelist] if c in used]

    places = {d["region_code"]: place(d, lang) for d in data.documents.values()}
    statuses = [(code, STATUS_SHORT[code][english]) for code in STATUS_SHORT]
    return {
        "place": sorted(places.items(), key=lambda item: item[0]),
        "level": coded("admin_level", {d["admin_level"] for d in data.documents.values()}),
        "status": statuses,
        "area": coded("policy_area", {p["policy_area"] for p in provisions if p["policy_area"]}),
        "tier": coded("enterprise_tier", {x["tier"] for p in provisions for x in p["amounts"] + p["targets"]
                                          if x["tier"]}),
        "instrument": coded("instrument", {i for p in provisions for i in p["instruments"]}),
    }


def search_markdown(data: SiteData, lang: Lang) -> str:
    page = lang.page(SEARCH)
    t = lang.t
    labels = {"place": t("地区", "Place"), "level": t("行政级别", "Level"), "status": t("文件状态", "Status"),
              "area": t("政策领域", "Policy area"), "tier": t("企业层级", "Enterprise tier"),
              "instrument": t("政策工具", "Instrument")}
    options = filter_options(data, lang)
    assert set(labels) | {"has"} == set(FILTERS), "every filter of the records has a field on the page"
    has = el("div", el("span", esc(t("只看", "Only")))
             + el("label", el("input", "", {"type": "checkbox", "name": "has", "value": "amount"})
                  + esc(t("有金额", "with a money amount")))
             + el("label", el("input", "", {"type": "checkbox", "name": "has", "value": "target"})
                  + esc(t("有目标", "with a target"))), {"class": "zjtx-search-has"})
    form = el("form", "".join([
        el("label", esc(t("搜索条款", "Search provisions"))
           + el("input", "", {"type": "search", "name": "q", "autocomplete": "off",
                              "placeholder": t("如:小巨人 奖励、上市、首台套", "e.g. little giant reward, listing, land")}),
           {"class": "zjtx-search-query"}),
        el("button", esc(t("搜索", "Search")), {"type": "submit"}),
        el("fieldset", el("legend", esc(t("筛选", "Filters")))
           + "".join(select(name, labels[name], options[name], lang) for name in labels) + has,
           {"class": "zjtx-search-filters"}),
    ]), {"class": "zjtx-search-form", "method": "get", "action": "./", "role": "search"})
    status_labels = {code: names[lang is not ZH] for code, names in STATUS_SHORT.items()}
    results = el("div", el("p", esc(t("输入关键词后搜索(需要 JavaScript)。", "Type words and search (needs JavaScript).")),
                           {"class": "zjtx-search-status", "aria-live": "polite"})
                 + el("ol", "", {"data-search-results": "", "class": "zjtx-search-results"})
                 + el("button", esc(t("更多结果", "More results")), {"type": "button", "class": "zjtx-search-more",
                                                                    "hidden": ""}),
                 {"class": "zjtx-search", "data-pagefind": file_href(page, f"{OUTPUT}/pagefind.js"),
                  "data-root": href(page, HOME), "data-lang": lang.code,
                  "data-edition": lang.prefix, "data-status-labels": json.dumps(status_labels, ensure_ascii=False),
                  "data-filters": " ".join(FILTERS), "data-item-filters": " ".join(ITEM_FILTERS)})
    title = t("搜索", "Search")
    intro = t("每条结果是一项条款:地区、行政级别、文件状态,条款标题,以及命中的原文片段。中文和英文关键词都可以;"
              "筛选条件和关键词都保存在网址中。",
              "Each result is one provision: place, level, document status, its heading and the passage that "
              "matched. Chinese and English words both work; the address keeps the words and the filters.")
    return "\n\n".join([
        front_matter(title=title, hide=["toc"]),
        f"# {title}",
        block(switch(page, lang), el("p", esc(intro), {"class": "zjtx-small"}), form, results),
    ]) + "\n"


def opensearch_xml(data: SiteData) -> str:
    """An OpenSearch description: a browser can add the site as a search engine (the Chinese search page, which
    takes English words too)."""
    home = data.package["homepage"].rstrip("/") + "/"
    description = esc(data.package["title"])
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">\n'
            f"  <ShortName>{SHORT_NAME}</ShortName>\n"
            f"  <Description>{description}</Description>\n"
            "  <InputEncoding>UTF-8</InputEncoding>\n"
            f'  <Url type="text/html" method="get" template="{esc(home)}search/?q={{searchTerms}}"/>\n'
            "</OpenSearchDescription>\n")


def header_box(root: str, lang: Lang) -> str:
    """The search box of every page's header (`root`: the site's root relative to the page, or absolute on the
    404 page, which is served at any address): a plain form that leads to the search page. Material's own box
    belongs to its search plugin, which loads its whole index on every page; it is not used."""
    label = lang.t("搜索条款", "Search provisions")
    return el("form", el("input", "", {"type": "search", "name": "q", "aria-label": label,
                                        "placeholder": lang.t("搜索", "Search"), "autocomplete": "off"})
              + el("button", esc(lang.t("搜索", "Search")), {"type": "submit"}),
              {"class": "zjtx-header-search", "role": "search", "method": "get",
               "action": root + lang.prefix + "search/"})


def root_from(page_url: str) -> str:
    """The site's root relative to a page's URL: documents/x/ -> ../../"""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth
