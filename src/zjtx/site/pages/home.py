"""The home page of each edition: what the data is, as of when, and the way in."""

from __future__ import annotations

from zjtx.site.data import SiteData
from zjtx.site.html import block, el, esc, link, table, td
from zjtx.site.pages import paging
from zjtx.site.pages.common import (
    AREAS,
    DOCUMENTS,
    DOWNLOADS,
    FINDER,
    GLOSSARY,
    HOME,
    MONEY,
    TARGETS,
    UNITS,
    ZH,
    Lang,
    badge,
    display_title,
    document_page,
    front_matter,
    href,
    switch,
)


def home_markdown(data: SiteData, lang: Lang) -> str:
    page = lang.page(HOME)
    t = lang.t
    rows = []
    # Past one page of documents the home page lists the latest ones (by date of issue) and links the list of all.
    listed = list(data.documents.values())
    if len(listed) > paging.PAGE_DOCUMENTS:
        listed = sorted(listed, key=lambda d: (str(d["issued_date"] or ""), d["document_id"]),
                        reverse=True)[:paging.PAGE_DOCUMENTS]
    for d in listed:
        provs = d["provisions"]
        rows.append(
            [
                link(href(page, lang.page(document_page(d["document_id"]))), esc(display_title(d, lang))),
                badge(d, data, lang),
                esc(d["issued_date"] or "—"),
                td(esc(len(provs)), len(provs)),
                td(esc(sum(len(p["targets"]) for p in provs))),
                td(esc(sum(len(p["amounts"]) for p in provs))),
            ]
        )
    cards = [
        (FINDER, t("查找", "Finder"), t("某地给我这样的企业什么支持?", "What does each place offer a firm like mine?")),
        (
            MONEY,
            t("金额比较", "Money"),
            t("达到各层级可获得的奖励与其他补助", "Awards for reaching a tier, and other money"),
        ),
        (TARGETS, t("目标比较", "Targets"), t("培育多少家企业:按层级和指标", "How many firms, by tier and indicator")),
        (UNITS, t("责任单位", "Units"), t("哪个部门负责哪些措施", "Which body is responsible for what")),
        (AREAS, t("政策领域", "Policy areas"), t("同一领域的条款并排阅读", "One policy area, side by side")),
        (GLOSSARY, t("词汇表", "Glossary"), t("术语的中英文释义", "Terms of art in both languages")),
        (DOWNLOADS, t("下载", "Downloads"), "CSV, JSON, Excel, SQLite, Parquet"),
    ]
    tiles = (
        el(
            "a",
            el("strong", esc(title)) + el("span", esc(blurb)),
            {"href": href(page, lang.page(target)), "class": "zjtx-tile"},
        )
        for target, title, blurb in cards
    )
    provisions = [p["provision_id"] for d in data.documents.values() for p in d["provisions"]]
    translated = sum(pid in data.translations for pid in provisions)
    coverage = (
        el("p", esc(f"English translations: {translated:,} of {len(provisions):,} provisions "
                    f"({translated / len(provisions):.0%}); a provision not yet translated shows its Chinese text "
                    "with a mark."), {"class": "zjtx-asof", "data-coverage": f"{translated}/{len(provisions)}"})
        if lang is not ZH and provisions else ""
    )
    as_of = data.release_date.isoformat()
    lead = (
        data.package["description"]
        if lang is not ZH
        else (
            "五份中国地方政府“专精特新”中小企业支持政策承诺的全部内容:每一条措施、每一个量化目标、每一笔金额和每一个"
            "责任单位,每一条事实都附有原文引语及其在规范化文本中的字符位置,并由校验器核对。"
        )
    )
    title = t("专精特新中小企业政策数据", "专精特新 (SRDI) SME policy data")
    return (
        "\n\n".join(
            [
                front_matter(title=title),
                f"# {title}",
                block(
                    switch(page, lang),
                    el("p", esc(lead), {"class": "zjtx-lead"}),
                    el(
                        "p",
                        el("strong", esc(t(f"数据截至 {as_of}", f"Data as of {as_of}")))
                        + " · "
                        + esc(t(f"版本 {data.package['version']}", f"version {data.package['version']}")),
                        {"class": "zjtx-asof"},
                    ),
                    coverage,
                ),
                block(el("div", "".join(tiles), {"class": "zjtx-tiles"})),
                f"## {t('文件', 'The documents')} {{#documents}}",
                block(
                    table(
                        [
                            t("文件", "Document"),
                            t("地区 · 层级 · 状态", "Place · level · status"),
                            t("日期", "Date"),
                            t("条款", "Provisions"),
                            t("目标", "Targets"),
                            t("金额", "Amounts"),
                        ],
                        rows,
                        {"data-cards": ""},
                    ),
                    el("p", link(href(page, lang.page(DOCUMENTS)),
                                 esc(t(f"全部 {len(data.documents):,} 个文件", f"All {len(data.documents):,} documents"))))
                    if len(listed) < len(data.documents) else "",
                ),
            ]
        )
        + "\n"
    )
