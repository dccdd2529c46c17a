"""Every generated page of the site, as Markdown source keyed by its path under docs/, one module per family,
each page built once per edition (Chinese at the root, English under en/).

Pure functions of SiteData: the hooks (hooks.py) hand the result to MkDocs, so nothing is written into docs/
and nothing on the site is typed twice. Data text is HTML-escaped (html.esc) everywhere; page bodies are raw
HTML blocks, except headings, which are Markdown (so they reach the table of contents) with their text
escaped by md_inline.
"""

from __future__ import annotations

from zjtx.site.data import SiteData
from zjtx.site.html import esc
from zjtx.site.pages import paging
from zjtx.site.pages.common import (
    AREAS,
    CHANGELOG,
    CODELISTS,
    CONTRIBUTING,
    DICTIONARY,
    DOCUMENTS,
    DOWNLOADS,
    EDITIONS,
    EN,
    FINDER,
    GLOSSARY,
    HOME,
    MONEY,
    NORMALISATION,
    PROBLEMS,
    SEARCH,
    TARGETS,
    UNITS,
    USE,
    Lang,
    area_page,
    document_page,
    province_label,
    province_page,
    short_name,
)
from zjtx.site.pages.compare import (
    area_markdown,
    areas_index,
    documents_by_area,
    money_markdown,
    targets_markdown,
    units_markdown,
)
from zjtx.site.pages.documents import document_markdown, documents_index
from zjtx.site.pages.finder import finder_markdown
from zjtx.site.pages.home import home_markdown
from zjtx.site.pages.paging import DocumentsSlice, paged
from zjtx.site.pages.reference import (
    codelists_markdown,
    contributing_part,
    dictionary_markdown,
    downloads_markdown,
    glossary_markdown,
    passthrough,
    problems_markdown,
)
from zjtx.site.pages.search import search_markdown
from zjtx.site.pages.use import use_markdown

Pages = dict[str, str]


def edition_pages(data: SiteData, lang: Lang, normalisation: str) -> Pages:
    t, p = lang.t, lang.page
    pages: Pages = {
        p(HOME): home_markdown(data, lang),
        **paged(p(DOCUMENTS), lang, data, lambda part: documents_index(part, lang)),
        **paged(p(MONEY), lang, data, lambda part: money_markdown(part, lang)),
        **paged(p(TARGETS), lang, data, lambda part: targets_markdown(part, lang)),
        **paged(p(UNITS), lang, data, lambda part: units_markdown(part, lang)),
        **paged(p(AREAS), lang, data, lambda part: areas_index(part, lang)),
        p(FINDER): finder_markdown(data, lang),
        p(SEARCH): search_markdown(data, lang),
        p(GLOSSARY): glossary_markdown(data, lang),
        p(DICTIONARY): dictionary_markdown(data, lang),
        p(CODELISTS): codelists_markdown(data, lang),
        p(PROBLEMS): problems_markdown(lang),
        p(DOWNLOADS): downloads_markdown(data, lang),
        p(USE): use_markdown(data, lang),
        p(CHANGELOG): passthrough(t("更新日志", "Changelog"), data.changelog, p(CHANGELOG), lang),
        p(CONTRIBUTING): passthrough(t("参与贡献", "Contributing"), contributing_part(data.contributing, lang),
                                     p(CONTRIBUTING), lang),
    }
    if lang is EN:  # the Chinese edition has docs/normalisation.md itself
        pages[p(NORMALISATION)] = normalisation
    for doc in data.documents.values():
        pages[p(document_page(doc["document_id"]))] = document_markdown(doc, data, lang)
    for code, ids in data.provinces.items():
        pages.update(paged(p(province_page(code)), lang, DocumentsSlice(data, ids),
                           lambda part, code=code: documents_index(part, lang, code)))
    by_area = documents_by_area(data) if len(data.documents) > paging.PAGE_DOCUMENTS else None
    for code in data.codelists["policy_area"]:
        shown = DocumentsSlice(data, by_area[code]) if by_area is not None else data
        among = (len(by_area[code]), len(data.documents)) if by_area is not None else None
        pages.update(paged(p(area_page(code)), lang, shown,
                           lambda part, code=code, among=among: area_markdown(code, part, lang, among)))
    return pages


def build_pages(data: SiteData, normalisation: str = "") -> Pages:
    pages: Pages = {}
    for lang in EDITIONS:
        pages.update(edition_pages(data, lang, normalisation))
    return pages


# Every page carries its edition's sidebar: listing each document there makes the site grow with the square of
# the number of documents, so past this many the sidebar lists the provinces (at most 34), each with the page
# of its documents.
NAV_DOCUMENTS_MAX = 30


def documents_nav(data: SiteData, lang: Lang) -> list:
    t, p = lang.t, lang.page
    if len(data.documents) <= NAV_DOCUMENTS_MAX:
        listed = [{esc(short_name(d, lang)): p(document_page(d["document_id"]))} for d in data.documents.values()]
    else:
        listed = [{province_label(data, code, lang): p(province_page(code))} for code in data.provinces]
    return [{t("全部", "All"): p(DOCUMENTS)}, *listed]


def edition_nav(data: SiteData, lang: Lang) -> list:
    t, p = lang.t, lang.page
    return [
        {t("首页", "Home"): p(HOME)},
        {t("文件", "Documents"): documents_nav(data, lang)},
        {t("搜索", "Search"): p(SEARCH)},
        {t("查找", "Finder"): p(FINDER)},
        {t("比较", "Compare"): [{t("金额", "Money"): p(MONEY)}, {t("目标", "Targets"): p(TARGETS)},
                               {t("责任单位", "Units"): p(UNITS)}, {t("政策领域", "Policy areas"): p(AREAS)}]},
        {t("词汇表", "Glossary"): p(GLOSSARY)},
        {t("数据", "Data"): [{t("下载", "Downloads"): p(DOWNLOADS)}, {t("使用数据", "Use the data"): p(USE)}, {t("数据字典", "Dictionary"): p(DICTIONARY)},
                            {t("代码表", "Codelists"): p(CODELISTS)}, {t("问题代码", "Problem codes"): p(PROBLEMS)},
                            {t("规范化", "Normalisation"): p(NORMALISATION)}]},
        {t("参与", "Contribute"): p(CONTRIBUTING)},
        {t("更新日志", "Changelog"): p(CHANGELOG)},
    ]


def build_nav(data: SiteData) -> list:
    """Two sections, one per edition, with their paths in the joined site: each edition's build (hooks.on_config)
    takes its own, and a tab for the other (hooks.on_nav)."""
    return [{"中文": edition_nav(data, EDITIONS[0])}, {"English": edition_nav(data, EN)}]
