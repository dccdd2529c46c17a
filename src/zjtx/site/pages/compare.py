"""Comparison pages: money, targets, responsible units and policy areas across documents.

Honest by construction: every row and cell names the place, its level and the document's status (drafts
marked); the tier table holds only what a firm receives for reaching a tier; targets are charted only against
comparable figures (same tier, unit and period) and grouped by level; and a note says what must not be summed
or ranked.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from zjtx.site.chart import Bar, bar_chart
from zjtx.site.data import SiteData
from zjtx.site.html import block, el, esc, link, md_inline, paragraphs, table, td
from zjtx.site.pages.common import (
    AREAS,
    MONEY,
    TARGETS,
    UNITS,
    ZH,
    Lang,
    amount_sort_key,
    amount_text,
    area_page,
    badge,
    code_label,
    front_matter,
    href,
    provision_href,
    provision_label,
    short_name,
    switch,
    target_value,
    unit_anchor,
)

TIER_BASIS = "tier_recognition"


def how_to_read(lang: Lang) -> str:
    return el(
        "div",
        el("p", el("strong", esc(lang.t("怎样读这些比较", "How to read these comparisons"))))
        + el(
            "ul",
            "".join(
                el("li", esc(lang.t(zh, en_text)))
                for zh, en_text in [
                    (
                        "金额是给一家企业的奖补标准(每户多少),不是预算总额:不能相加,也不能据此比较各地投入多少。",
                        "Amounts are per-firm award levels, not budgets: do not add them up, and do not rank places by them.",
                    ),
                    (
                        '省级与市、县级的金额可以叠加,也可能互相排斥("不重复奖励"):并列显示不等于可比。',
                        "Provincial and city or county money may add up or exclude each other (不重复奖励): side by side is not "
                        "comparable.",
                    ),
                    (
                        "征求意见稿不是生效的政策,其金额可能在印发时改变。",
                        "A draft for comment is not policy in force; its figures may change when it is issued.",
                    ),
                    (
                        "门槛、比例和税收激励不是奖金,单独列出。",
                        "Thresholds, ratios and tax incentives are not awards, and are listed apart.",
                    ),
                ]
            ),
        ),
        {"class": "zjtx-howto admonition note"},
    )


def filter_select(name: str, label: str, options: list[tuple[str, str]], lang: Lang) -> str:
    opts = el("option", lang.t("全部", "all"), {"value": ""}) + "".join(
        el("option", esc(text), {"value": v}) for v, text in options
    )
    return el("label", f"{esc(label)} " + el("select", opts, {"data-filter": name}))


def money_rows(data: SiteData) -> list[tuple[dict, dict, dict]]:
    """(document, provision, amount) for every amount, in document order."""
    return [(d, p, a) for d in data.documents.values() for p in d["provisions"] for a in p["amounts"]]


def money_table(data: SiteData, page: str, lang: Lang) -> str:
    t = lang.t
    header = [
        t("地区 · 层级 · 状态", "Place · level · status"),
        t("条款", "Provision"),
        t("用途", "Purpose"),
        t("类型", "Type"),
        t("企业层级", "Tier"),
        t("金额", "Amount"),
        t("元", "Yuan"),
    ]
    rows, row_attrs = [], []
    for d, p, a in money_rows(data):
        rows.append(
            [
                badge(d, data, lang),
                link(provision_href(page, a["provision_id"], lang), esc(provision_label(p, lang))),
                esc(lang.field(a, "purpose")),
                code_label(data, "amount_type", a["amount_type"], lang)
                + " · "
                + code_label(data, "amount_basis", a["basis"], lang),
                code_label(data, "enterprise_tier", a["tier"], lang) or "—",
                td(esc(amount_text(a, lang)), amount_sort_key(a)),
                td(
                    esc(f"{amount_sort_key(a):,}") if a["amount_type"] != "ratio" or a["max_cny"] else "—",
                    amount_sort_key(a),
                ),
            ]
        )
        row_attrs.append(
            {
                "data-document": d["document_id"],
                "data-level": d["admin_level"],
                "data-status": d["status_at_release"],
                "data-tier": a["tier"] or "",
                "data-type": a["amount_type"],
                "data-basis": a["basis"],
                "data-yuan": amount_sort_key(a) if a["amount_type"] != "ratio" or a["max_cny"] else "",
            }
        )
    used = {
        k: sorted({r[f"data-{k}"] for r in row_attrs} - {""}) for k in ("document", "level", "tier", "type", "basis")
    }
    docs = data.documents
    title = {"level": "admin_level", "tier": "enterprise_tier", "type": "amount_type", "basis": "amount_basis"}
    filters = el(
        "div",
        "".join(
            [
                filter_select(
                    "document", t("文件", "Document"), [(x, short_name(docs[x], lang)) for x in used["document"]], lang
                ),
                filter_select(
                    "level",
                    t("层级", "Level"),
                    [(c, data.title(title["level"], c)[lang is not ZH]) for c in used["level"]],
                    lang,
                ),
                filter_select(
                    "tier",
                    t("企业层级", "Tier"),
                    [(c, data.title(title["tier"], c)[lang is not ZH]) for c in used["tier"]],
                    lang,
                ),
                filter_select(
                    "type",
                    t("类型", "Type"),
                    [(c, data.title(title["type"], c)[lang is not ZH]) for c in used["type"]],
                    lang,
                ),
                filter_select(
                    "basis",
                    t("用途类别", "Basis"),
                    [(c, data.title(title["basis"], c)[lang is not ZH]) for c in used["basis"]],
                    lang,
                ),
                el(
                    "label",
                    t("最低(元) ", "Min (yuan) ")
                    + el(
                        "input",
                        "",
                        {"type": "number", "min": "0", "step": "10000", "data-min": "yuan", "inputmode": "numeric"},
                    ),
                ),
                el(
                    "label",
                    t("最高(元) ", "Max (yuan) ")
                    + el(
                        "input",
                        "",
                        {"type": "number", "min": "0", "step": "10000", "data-max": "yuan", "inputmode": "numeric"},
                    ),
                ),
                el(
                    "label",
                    el("input", "", {"type": "checkbox", "data-hide": "status", "value": "draft"})
                    + t(" 隐藏征求意见稿", " Hide drafts"),
                ),
                el(
                    "button",
                    t("下载所显示的行(CSV)", "Download the rows shown (CSV)"),
                    {"type": "button", "data-download": "money", "data-filename": "amounts-shown.csv"},
                ),
                el("span", "", {"class": "zjtx-count", "aria-live": "polite"}),
            ]
        ),
        {"class": "zjtx-filters", "data-for": "money"},
    )
    return block(filters, table(header, rows, {"data-sortable": "true", "id": "money", "data-cards": ""}, row_attrs))


def tier_table(data: SiteData, page: str, lang: Lang) -> str:
    """What a firm receives for reaching each tier, per document (awards for tier recognition only)."""
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d, _, a in money_rows(data):
        if a["tier"] and a["basis"] == TIER_BASIS:
            cells[(a["tier"], d["document_id"])].append(
                link(provision_href(page, a["provision_id"], lang), esc(amount_text(a, lang)))
                + el("div", badge(d, data, lang), {"class": "zjtx-small"})
            )
    tiers = [c for c in data.codelists["enterprise_tier"] if any(tier == c for tier, _ in cells)]
    docs = [d for d in data.documents.values() if any(doc == d["document_id"] for _, doc in cells)]
    rows = [
        [code_label(data, "enterprise_tier", tier, lang)]
        + ["<br>".join(cells[(tier, d["document_id"])]) or "—" for d in docs]
        for tier in tiers
    ]
    header = [lang.t("企业层级", "Tier")] + [esc(short_name(d, lang)) for d in docs]
    return block(table(header, rows, {"data-cards": "", "id": "tiers"}, [{"data-tier": tier} for tier in tiers]))


def other_money(data: SiteData, page: str, lang: Lang, paid: bool) -> list[str]:
    """Every other kind of money that is (or is not) paid to a firm, each basis in its own clearly named group:
    the amounts' paid_to_firm says which, from the amount_basis codelist."""
    parts = []
    for basis, row in data.codelists["amount_basis"].items():
        if basis == TIER_BASIS or row["paid_to_firm"] is not paid:
            continue
        rows = [
            [
                badge(d, data, lang),
                link(provision_href(page, a["provision_id"], lang), esc(provision_label(p, lang))),
                esc(lang.field(a, "purpose")),
                td(esc(amount_text(a, lang)), amount_sort_key(a)),
            ]
            for d, p, a in money_rows(data)
            if a["basis"] == basis
        ]
        if not rows:
            continue
        zh, en_title = data.title("amount_basis", basis)
        parts.append(f"### {md_inline(lang.t(zh, en_title))} {{#basis-{basis}}}")
        parts.append(
            block(
                el(
                    "p",
                    esc(
                        lang.field(data.codelists["amount_basis"][basis], "description")
                        if lang is not ZH
                        else data.codelists["amount_basis"][basis]["description"]
                    ),
                    {"class": "zjtx-small", "lang": "en"},
                ),
                table(
                    [
                        lang.t("地区 · 层级 · 状态", "Place · level · status"),
                        lang.t("条款", "Provision"),
                        lang.t("用途", "Purpose"),
                        lang.t("金额", "Amount"),
                    ],
                    rows,
                    {"data-cards": ""},
                ),
            )
        )
    return parts


def money_markdown(data: SiteData, lang: Lang) -> str:
    page = lang.page(MONEY)
    t = lang.t
    return (
        "\n\n".join(
            [
                front_matter(title=t("金额比较", "Money compared"), hide=["toc"]),
                f"# {t('金额比较', 'Money compared')}",
                block(switch(page, lang), how_to_read(lang)),
                f"## {t('达到某一层级可获得的奖励', 'What a firm receives for reaching a tier')} {{#by-tier}}",
                block(
                    el(
                        "p",
                        esc(
                            t(
                                "只列出对新认定层级企业的一次性奖励;每一格注明地区、层级和文件状态。",
                                "Only one-off awards for being newly recognised at a tier; each cell names the place, "
                                "its level and the document's status.",
                            )
                        ),
                        {"class": "zjtx-small"},
                    )
                ),
                tier_table(data, page, lang),
                f"## {t('企业获得的其他资金,按类别', 'Other money paid to firms, by kind')} {{#by-basis}}",
                *other_money(data, page, lang, paid=True),
                f"## {t('并非付给企业的金额:门槛、税收和金融激励', 'Figures not paid to firms: thresholds, tax and finance rules')} "
                "{#not-paid}",
                *other_money(data, page, lang, paid=False),
                f"## {t('全部金额', 'All amounts')} {{#all-amounts}}",
                money_table(data, page, lang),
            ]
        )
        + "\n"
    )


def comparable_groups(data: SiteData) -> dict[tuple[str, str, str], list[tuple[dict, dict]]]:
    """Targets that can stand on one chart: same tier, unit and period, counted in enterprises."""
    groups: dict[tuple[str, str, str], list[tuple[dict, dict]]] = defaultdict(list)
    for d in data.documents.values():
        for p in d["provisions"]:
            for t in p["targets"]:
                if t["tier"] and t["unit"] in ("户", "家") and t["period"] in ("cumulative", "new"):
                    groups[(t["tier"], "enterprises", t["period"])].append((d, t))
    return groups


def short_indicator(text: str, limit: int = 28) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def targets_markdown(data: SiteData, lang: Lang) -> str:
    page = lang.page(TARGETS)
    t = lang.t
    parts = [
        front_matter(title=t("目标比较", "Targets compared"), hide=["toc"]),
        f"# {t('目标比较', 'Targets compared')}",
        block(
            switch(page, lang),
            el(
                "p",
                esc(
                    t(
                        "图表只把可比的目标放在一起:同一企业层级、都以企业数计、同为累计或新增,并按行政层级分开(省、市、县的"
                        "目标规模不同,不能互相排序)。每一条柱标出它自己的指标和年份。",
                        "Charts put together only comparable targets: the same enterprise tier, all counted in enterprises, all "
                        "cumulative or all new, and separated by administrative level (a province's target and a county's are "
                        "not on one scale). Each bar is labelled with its own indicator and year.",
                    )
                ),
                {"class": "zjtx-small"},
            ),
        ),
    ]
    for (tier, _, period), items in sorted(
        comparable_groups(data).items(), key=lambda kv: list(data.codelists["enterprise_tier"]).index(kv[0][0])
    ):
        tier_title = data.title("enterprise_tier", tier)[lang is not ZH]
        period_title = data.title("target_period", period)[lang is not ZH]
        parts.append(f"## {md_inline(tier_title)} · {md_inline(period_title)} {{#tier-{tier}-{period}}}")
        levels = sorted({d["admin_level"] for d, _ in items}, key=list(data.codelists["admin_level"]).index)
        if len(levels) > 1:
            parts.append(
                block(
                    el(
                        "p",
                        esc(
                            t(
                                "这些目标来自不同行政层级,分别作图。",
                                "These targets come from different levels of government and are charted separately.",
                            )
                        ),
                        {"class": "zjtx-small"},
                    )
                )
            )
        for level in levels:
            bars = [
                Bar(
                    f"{short_name(d, lang)} · {short_indicator(lang.field(x, 'indicator'))} · "
                    f"{x['target_year'] or t('年份未载明', 'no year')}",
                    float(x["value"]),
                    target_value(x, data, lang)
                    + (f" · {t('征求意见稿', 'draft')}" if d["status_at_release"] == "draft" else ""),
                )
                for d, x in items
                if d["admin_level"] == level
            ]
            level_title = data.title("admin_level", level)[lang is not ZH]
            parts.append(
                block(
                    el(
                        "figure",
                        bar_chart(f"{tier_title} · {period_title} · {level_title}", bars),
                        {"class": "zjtx-figure"},
                    )
                )
            )
    rows = [
        [
            badge(d, data, lang),
            link(provision_href(page, x["provision_id"], lang), esc(lang.field(x, "indicator"))),
            td(esc(target_value(x, data, lang)), x["value"]),
            esc(x["target_year"] or "—"),
            code_label(data, "target_period", x["period"], lang),
            code_label(data, "enterprise_tier", x["tier"], lang) or "—",
            el("q", esc(x["value_as_written"]), {"lang": "zh"}),
        ]
        for d in data.documents.values()
        for p in d["provisions"]
        for x in p["targets"]
    ]
    parts.append(f"## {t('全部目标', 'All targets')} {{#all-targets}}")
    parts.append(
        block(
            table(
                [
                    t("地区 · 层级 · 状态", "Place · level · status"),
                    t("指标", "Indicator"),
                    t("目标值", "Value"),
                    t("年份", "Year"),
                    t("口径", "Period"),
                    t("企业层级", "Tier"),
                    t("原文", "As written"),
                ],
                rows,
                {"data-sortable": "true", "data-cards": ""},
            )
        )
    )
    return "\n\n".join(parts) + "\n"


def units_markdown(data: SiteData, lang: Lang) -> str:
    page = lang.page(UNITS)
    t = lang.t
    by_agency: dict[str, list[dict]] = defaultdict(list)
    for d in data.documents.values():
        for p in d["provisions"]:
            for r in p["responsibilities"]:
                by_agency[r["agency_id"]].append({**r, "document_id": d["document_id"]})
    # the agencies named in these documents (on a page of a paged list, those of its documents)
    agencies = sorted((data.agencies[agency_id] for agency_id in by_agency),
                      key=lambda a: (-len(by_agency[a["agency_id"]]), a["agency_id"]))
    summary = []
    for a in agencies:
        rows = by_agency[a["agency_id"]]
        roles = Counter(r["role"] for r in rows)
        summary.append(
            [
                link(f"#{unit_anchor(a['agency_id'])}", esc(lang.field(a, "name"))),
                esc(", ".join(sorted({short_name(data.documents[r["document_id"]], lang) for r in rows}))),
                td(esc(len(rows)), len(rows)),
                td(esc(roles["lead"]), roles["lead"]),
                code_label(data, "agency_function", a["function"], lang),
                code_label(data, "agency_kind", a["kind"], lang),
            ]
        )
    # the same question across places: each function, whatever each place calls its body
    functions: dict[str, list[dict]] = defaultdict(list)
    for a in agencies:
        functions[a["function"]].append(a)
    order = [c for c in data.codelists["agency_function"] if c in functions]
    by_function = []
    for code in sorted(order, key=lambda c: -sum(len(by_agency[a["agency_id"]]) for a in functions[c])):
        rows = [r for a in functions[code] for r in by_agency[a["agency_id"]]]
        leads = sum(r["role"] == "lead" for r in rows)
        by_function.append(
            [
                code_label(data, "agency_function", code, lang),
                esc(", ".join(sorted({short_name(data.documents[r["document_id"]], lang) for r in rows}))),
                td(esc(len(functions[code])), len(functions[code])),
                td(esc(len(rows)), len(rows)),
                td(esc(leads), leads),
            ]
        )
    parts = [
        front_matter(title=t("责任单位", "Responsible units"), hide=["toc"]),
        f"# {t('责任单位', 'Responsible units')}",
        block(
            switch(page, lang),
            el(
                "p",
                esc(
                    t(
                        "每个单位在各文件中负责哪些条款(牵头/配合/未区分)。青岛的文件未逐条写明责任单位。",
                        "What each unit is responsible for in each document (lead, co-responsible, unspecified), with counts. "
                        "Qingdao names no responsible unit per measure.",
                    )
                ),
            ),
        ),
        f"## {t('按职能', 'By function')} {{#by-function}}",
        block(
            el(
                "p",
                esc(
                    t(
                        "各地名称不同的单位按其职能(如工业和信息化、财政)合并计数,便于跨地区比较。",
                        "Units grouped by the government function they carry (industry and IT, finance …), "
                        "whatever each place calls its body, so places compare.",
                    )
                ),
                {"class": "zjtx-small"},
            ),
            table(
                [t("职能", "Function"), t("文件", "Documents"), t("单位数", "Units"), t("条款数", "Provisions"),
                 t("牵头", "Lead")],
                by_function,
                {"data-sortable": "true", "data-cards": "", "id": "functions"},
            ),
        ),
        f"## {t('按单位', 'By unit')} {{#by-unit}}",
        block(
            table(
                [
                    t("单位", "Unit"),
                    t("文件", "Documents"),
                    t("条款数", "Provisions"),
                    t("牵头", "Lead"),
                    t("职能", "Function"),
                    t("类型", "Kind"),
                ],
                summary,
                {"data-sortable": "true", "data-cards": ""},
            )
        ),
        f"## {t('各单位', 'Each unit')} {{#each-unit}}",
    ]
    for a in agencies:
        rows = by_agency[a["agency_id"]]
        parts.append(f"### {md_inline(lang.field(a, 'name'))} {{#{unit_anchor(a['agency_id'])}}}")
        items = "".join(
            el(
                "li",
                link(
                    provision_href(page, r["provision_id"], lang),
                    esc(
                        f"{short_name(data.documents[r['document_id']], lang)} "
                        f"{provision_label(data.by_provision[r['provision_id']], lang)}"
                    ),
                )
                + f" · {esc(r['name_as_written'])} · {code_label(data, 'role', r['role'], lang)}",
            )
            for r in rows
        )
        other = a["name_en"] if lang is ZH else a["name"]
        aliases = ", ".join(a["aliases"] or [])
        parts.append(
            block(
                el(
                    "p",
                    esc(other)
                    + (f" · {esc(t('文中写作', 'as written'))}: {esc(aliases)}" if aliases else "")
                    + (f" · {esc(a['note'])}" if a["note"] else ""),
                    {"class": "zjtx-small"},
                ),
                el("ul", items) if items else el("p", esc(t("无条款", "no provision"))),
            )
        )
    return "\n\n".join(parts) + "\n"


def areas_index(data: SiteData, lang: Lang) -> str:
    page = lang.page(AREAS)
    t = lang.t
    counts: dict[tuple[str, str], int] = Counter(
        (p["policy_area"], d["document_id"])
        for d in data.documents.values()
        for p in d["provisions"]
        if p["policy_area"]
    )
    rows = [
        [link(href(page, lang.page(area_page(code))), code_label(data, "policy_area", code, lang))]
        + [td(esc(counts[(code, d)] or "—"), counts[(code, d)]) for d in data.documents]
        for code in data.codelists["policy_area"]
    ]
    header = [t("政策领域", "Policy area")] + [esc(short_name(d, lang)) for d in data.documents.values()]
    title = t("政策领域", "Policy areas")
    return (
        front_matter(title=title, hide=["toc"])
        + f"# {title}\n\n"
        + block(
            switch(page, lang),
            el(
                "p",
                esc(
                    t(
                        "每个领域在各文件中的条款数;点开领域,各文件的相关条款并排显示。",
                        "Provisions per area and document; open an area to read the documents side by side.",
                    )
                ),
            ),
            table(header, rows, {"data-cards": ""}),
        )
        + "\n"
    )


def documents_by_area(data: SiteData) -> dict[str, list[str]]:
    """The documents with a provision in each policy area (every code of the codelist, in the documents' order)."""
    out: dict[str, list[str]] = {code: [] for code in data.codelists["policy_area"]}
    for d in data.documents.values():
        for code in dict.fromkeys(p["policy_area"] for p in d["provisions"] if p["policy_area"]):
            out.setdefault(code, []).append(d["document_id"])
    return out


def area_markdown(code: str, data: SiteData, lang: Lang, among: tuple[int, int] | None = None) -> str:
    """The provisions of one area, each document a column. `among` = (documents with a provision in the area,
    all documents) when only the former are shown (past one page of documents: a column that says "no
    provision in this area" for most of a thousand documents helps no one); the page says so."""
    page = lang.page(area_page(code))
    title = data.title("policy_area", code)[lang is not ZH]
    columns = []
    for d in data.documents.values():
        items = [p for p in d["provisions"] if p["policy_area"] == code]
        body = "".join(
            el(
                "div",
                el(
                    "p",
                    link(provision_href(page, p["provision_id"], lang), esc(provision_label(p, lang))),
                    {"class": "zjtx-facts-h"},
                )
                + el(
                    "div",
                    paragraphs(data.translations.get(p["provision_id"], "") if lang is not ZH else p["text"]),
                    {"class": "zjtx-small"},
                ),
                {"class": "zjtx-area-item"},
            )
            for p in items
        ) or el("p", esc(lang.t("无相关条款", "no provision in this area")), {"class": "zjtx-small"})
        columns.append(el("section", el("p", badge(d, data, lang), {"class": "zjtx-col-h"}) + body))
    description = data.codelists["policy_area"][code]["description"]
    return (
        front_matter(title=title, hide=["toc"], nav_page=lang.page(AREAS))
        + f"# {md_inline(title)}\n\n"
        + block(
            switch(page, lang),
            el("p", esc(description), {"class": "zjtx-small", "lang": "en"}),
            el("p", esc(lang.t(f"{among[0]:,} 个文件(共 {among[1]:,} 个)有本领域的条款,这里只列出这些文件。",
                               f"{among[0]:,} of the {among[1]:,} documents have a provision in this area; only "
                               "they are listed here."))) if among else "",
            el("div", "".join(columns), {"class": "zjtx-side-by-side"}),
        )
        + "\n"
    )
