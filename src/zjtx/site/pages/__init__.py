"""Every generated page of the site, as Markdown source keyed by its path under docs/, one module per family.

Pure functions of SiteData: the hooks (hooks.py) hand the result to MkDocs, so nothing is written into docs/
and nothing on the site is typed twice. Data text is HTML-escaped (html.esc) everywhere; page bodies are raw
HTML blocks, except headings, which are Markdown (so they reach the table of contents) with their text
escaped by md_inline.
"""

from __future__ import annotations

from zjtx.site.data import SiteData
from zjtx.site.html import esc
from zjtx.site.pages.common import (
    AREAS,
    CHANGELOG,
    CODELISTS,
    CONTRIBUTING,
    DICTIONARY,
    DOCUMENTS,
    DOWNLOADS,
    HOME,
    MONEY,
    TARGETS,
    UNITS,
    Pages,
    area_page,
    document_page,
    short_name,
)
from zjtx.site.pages.compare import area_markdown, areas_index, money_markdown, targets_markdown, units_markdown
from zjtx.site.pages.documents import document_markdown, documents_index
from zjtx.site.pages.home import home_markdown
from zjtx.site.pages.reference import codelists_markdown, dictionary_markdown, downloads_markdown, passthrough


def build_pages(data: SiteData) -> Pages:
    pages: Pages = {
        HOME: home_markdown(data),
        DOCUMENTS: documents_index(data),
        MONEY: money_markdown(data),
        TARGETS: targets_markdown(data),
        UNITS: units_markdown(data),
        AREAS: areas_index(data),
        DICTIONARY: dictionary_markdown(data),
        CODELISTS: codelists_markdown(data),
        DOWNLOADS: downloads_markdown(data),
        CHANGELOG: passthrough("更新日志 Changelog", data.changelog),
        CONTRIBUTING: passthrough("参与贡献 Contributing", data.contributing),
    }
    for doc in data.documents.values():
        pages[document_page(doc["document_id"])] = document_markdown(doc, data)
    for code in data.codelists["policy_area"]:
        pages[area_page(code)] = area_markdown(code, data)
    return pages


NAV_DOCUMENTS_MAX = 30


def build_nav(data: SiteData) -> list:
    listed = list(data.documents.values()) if len(data.documents) <= NAV_DOCUMENTS_MAX else []
    return [
        {"首页 Home": HOME},
        {"文件 Documents": [{"全部 All": DOCUMENTS}] +
         [{esc(short_name(d)): document_page(d["document_id"])} for d in listed]},
        {"比较 Compare": [{"金额 Money": MONEY}, {"目标 Targets": TARGETS}, {"责任单位 Units": UNITS},
                          {"政策领域 Policy areas": AREAS}]},
        {"数据 Data": [{"下载 Downloads": DOWNLOADS}, {"数据字典 Dictionary": DICTIONARY},
                       {"代码表 Codelists": CODELISTS}, {"规范化 Normalisation": "normalisation.md"}]},
        {"参与 Contribute": CONTRIBUTING},
        {"更新日志 Changelog": CHANGELOG},
    ]
