"""Comparison pages: money, targets, responsible units and policy areas across documents."""

from __future__ import annotations

from collections import Counter, defaultdict

from zjtx.site.chart import Bar, bar_chart
from zjtx.site.data import SiteData
from zjtx.site.html import block, el, esc, link, md_inline, paragraphs, table, td
from zjtx.site.pages.common import (
    AREAS,
    MONEY,
    TARGETS,
    UNITS,
    amount_sort_key,
    amount_text,
    area_page,
    code_label,
    front_matter,
    href,
    provision_href,
    provision_label,
    short_name,
    target_value,
    unit_anchor,
)


def filter_select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    opts = el("option", "全部 all", {"value": ""}) + "".join(el("option", esc(text), {"value": v})
                                                         for v, text in options)
    return el("label", f"{label} " + el("select", opts, {"data-filter": name}))


def money_table(data: SiteData, page: str) -> str:
    amounts = [a for d in data.documents.values() for p in d["provisions"] for a in p["amounts"]]
    docs = data.documents
    header = ["文件 Document", "条款 Provision", "用途 Purpose", "类型 Type", "层级 Tier", "金额 Amount (万元)",
              "元 Yuan", "原文 As written", "政策领域 Area"]
    rows, row_attrs = [], []
    for a in amounts:
        p = data.by_provision[a["provision_id"]]
        as_wan, as_yuan = amount_text(a)
        rows.append([
            esc(short_name(docs[a["document_id"]])),
            link(provision_href(page, a["provision_id"]), esc(p["label"] + p["heading"])),
            esc(a["purpose"]) + el("div", esc(a["purpose_en"]), {"class": "zjtx-en"}),
            code_label(data, "amount_type", a["amount_type"]),
            code_label(data, "enterprise_tier", a["tier"]) or "—",
            td(esc(as_wan), amount_sort_key(a)),
            td(esc(as_yuan), amount_sort_key(a)),
            el("q", esc(a["figure_as_written"])),
            code_label(data, "policy_area", p["policy_area"]) or "—",
        ])
        row_attrs.append({"data-document": a["document_id"], "data-tier": a["tier"] or "",
                          "data-type": a["amount_type"], "data-area": p["policy_area"] or ""})
    used = {k: sorted({r[f"data-{k}"] for r in row_attrs} - {""}) for k in ("document", "tier", "type", "area")}
    filters = el("div", "".join([
        filter_select("document", "文件 Document", [(d, short_name(docs[d])) for d in used["document"]]),
        filter_select("tier", "层级 Tier", [(c, data.title("enterprise_tier", c)[0]) for c in used["tier"]]),
        filter_select("type", "类型 Type", [(c, data.title("amount_type", c)[0]) for c in used["type"]]),
        filter_select("area", "领域 Area", [(c, data.title("policy_area", c)[0]) for c in used["area"]]),
        el("span", "", {"class": "zjtx-count", "aria-live": "polite"}),
    ]), {"class": "zjtx-filters", "data-for": "money"})
    return block(filters, table(header, rows, {"data-sortable": "true", "id": "money"}, row_attrs))


def tier_table(data: SiteData, page: str) -> str:
    """What each document pays per enterprise tier (only tiers some amount names)."""
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in data.documents.values():
        for p in d["provisions"]:
            for a in p["amounts"]:
                if a["tier"]:
                    cells[(a["tier"], d["document_id"])].append(
                        link(provision_href(page, a["provision_id"]), esc(amount_text(a)[0])) +
                        el("div", esc(a["purpose"]), {"class": "zjtx-small"}))
    tiers = [c for c in data.codelists["enterprise_tier"] if any(t == c for t, _ in cells)]
    rows = [[code_label(data, "enterprise_tier", t)] +
            ["<br>".join(cells[(t, d)]) or "—" for d in data.documents] for t in tiers]
    header = ["层级 Tier"] + [esc(short_name(d)) for d in data.documents.values()]
    return block(table(header, rows, None))


def money_markdown(data: SiteData) -> str:
    page = MONEY
    return "\n\n".join([
        front_matter(title="金额比较 Money compared", hide=["toc"], search={"boost": 0.5}),
        "# 金额比较 Money compared",
        block(el("p", "各文件为不同层级企业承诺的奖励、补助、上限、比例和门槛。"
                      "金额以万元和元列出;点击表头排序,用下拉框筛选。"
                      " <span class=\"zjtx-en\">Every money amount the documents commit to. Click a column "
                      "header to sort; use the selectors to filter. Qingdao and Haiyan state no money figure.</span>")),
        "## 按企业层级 By enterprise tier {#by-tier}",
        block(el("p", "“成为小巨人/专精特新/创新型企业能获得什么”:每个层级、每份文件的金额(含比例和门槛)。"
                      " <span class=\"zjtx-en\">What is paid for reaching each tier, per document.</span>")),
        tier_table(data, page),
        "## 全部金额 All amounts {#all-amounts}",
        money_table(data, page),
    ]) + "\n"


def targets_markdown(data: SiteData) -> str:
    page = TARGETS
    targets = [t for d in data.documents.values() for p in d["provisions"] for t in p["targets"]]
    groups: dict[str, list[dict]] = defaultdict(list)
    for t in targets:
        groups[t["tier"] or ""].append(t)
    order = [c for c in data.codelists["enterprise_tier"] if c in groups] + ([""] if "" in groups else [])
    parts = [front_matter(title="目标比较 Targets compared", hide=["toc"], search={"boost": 0.5}),
             "# 目标比较 Targets compared",
             block(el("p", "按企业层级和指标分组的全部量化目标。"
                           "图表只比较以企业数量计的累计或新增目标(各层级一个刻度,从零开始)。"
                           " <span class=\"zjtx-en\">Every quantified target, grouped by enterprise tier and "
                           "indicator. Charts compare only counts of enterprises (cumulative or new), one linear "
                           "scale per tier starting at zero.</span>"))]
    for tier in order:
        rows_t = sorted(groups[tier], key=lambda t: (t["indicator"], t["document_id"], t["target_year"] or 0))
        title_zh, title_en = data.title("enterprise_tier", tier) if tier else ("未指明层级", "no tier named")
        parts.append(f"## {md_inline(title_zh)} {md_inline(title_en)} {{#tier-{tier or 'none'}}}")
        counted = [t for t in rows_t if t["unit"] in ("户", "家") and t["period"] in ("cumulative", "new")]
        if tier and counted:
            bars = [Bar(short_name(data.documents[t["document_id"]]), float(t["value"]),
                        f"{target_value(t)} · {t['target_year'] or ''} {data.title('target_period', t['period'])[0]}",
                        provision_href(page, t["provision_id"])) for t in counted]
            parts.append(block(el("figure", bar_chart(f"{title_zh} · {title_en}", bars))))
        rows = [[esc(short_name(data.documents[t["document_id"]])),
                 link(provision_href(page, t["provision_id"]), esc(t["indicator"])) +
                 el("div", esc(t["indicator_en"]), {"class": "zjtx-en"}),
                 td(esc(target_value(t)), t["value"]), esc(t["target_year"] or "—"),
                 code_label(data, "target_period", t["period"]), el("q", esc(t["value_as_written"]))]
                for t in rows_t]
        parts.append(block(table(["文件 Document", "指标 Indicator", "目标值 Value", "年份 Year", "口径 Period",
                                  "原文 As written"], rows, {"data-sortable": "true"})))
    return "\n\n".join(parts) + "\n"


def units_markdown(data: SiteData) -> str:
    page = UNITS
    by_agency: dict[str, list[dict]] = defaultdict(list)
    for d in data.documents.values():
        for p in d["provisions"]:
            for r in p["responsibilities"]:
                by_agency[r["agency_id"]].append({**r, "document_id": d["document_id"]})
    agencies = sorted(data.records["agencies"], key=lambda a: (-len(by_agency[a["agency_id"]]), a["agency_id"]))
    summary = []
    for a in agencies:
        rows = by_agency[a["agency_id"]]
        roles = Counter(r["role"] for r in rows)
        summary.append([link(f"#{unit_anchor(a['agency_id'])}", esc(a["name"])),
                        esc(", ".join(sorted({short_name(data.documents[r['document_id']]) for r in rows}))),
                        td(esc(len(rows)), len(rows)), td(esc(roles["lead"]), roles["lead"]),
                        code_label(data, "agency_kind", a["kind"])])
    # excluded from search: each unit's name is indexed where the documents name it
    parts = [front_matter(title="责任单位 Responsible units", hide=["toc"], search={"exclude": True}),
             "# 责任单位 Responsible units",
             block(el("p", "每个单位在各文件中负责哪些条款(牵头 lead / 配合 co / 未区分 unspecified)。"
                           " <span class=\"zjtx-en\">What each unit is responsible for in each document, with "
                           "counts. Qingdao names no responsible unit per measure.</span>")),
             block(table(["单位 Unit", "文件 Documents", "条款数 Provisions", "牵头 Lead", "类型 Kind"], summary,
                         {"data-sortable": "true"})),
             "## 各单位 Each unit {#each-unit}"]
    for a in agencies:
        rows = by_agency[a["agency_id"]]
        parts.append(f"### {md_inline(a['name'])} {{#{unit_anchor(a['agency_id'])}}}")
        items = "".join(el("li", link(provision_href(page, r["provision_id"]),
                                      esc(f"{short_name(data.documents[r['document_id']])} "
                                          f"{provision_label(data.by_provision[r['provision_id']])}")) +
                                 f" · {esc(r['name_as_written'])} · {code_label(data, 'role', r['role'])}")
                        for r in rows)
        aliases = ", ".join(a["aliases"] or [])
        parts.append(block(el("p", esc(a["name_en"]) + (f" · 文中写作 as written: {esc(aliases)}" if aliases else "") +
                              (f" · {esc(a['note'])}" if a["note"] else ""), {"class": "zjtx-small"}),
                           el("ul", items) if items else el("p", "无条款 no provision")))
    return "\n\n".join(parts) + "\n"


def areas_index(data: SiteData) -> str:
    page = AREAS
    counts: dict[tuple[str, str], int] = Counter(
        (p["policy_area"], d["document_id"])
        for d in data.documents.values() for p in d["provisions"] if p["policy_area"])
    rows = [[link(href(page, area_page(code)), code_label(data, "policy_area", code))] +
            [td(esc(counts[(code, d)] or "—"), counts[(code, d)]) for d in data.documents]
            for code in data.codelists["policy_area"]]
    header = ["政策领域 Policy area"] + [esc(short_name(d)) for d in data.documents.values()]
    return (front_matter(title="政策领域 Policy areas", hide=["toc"]) + "# 政策领域 Policy areas\n\n" +
            block(el("p", "每个领域在各文件中的条款数;点开领域,五份文件的相关条款并排显示。"
                          " <span class=\"zjtx-en\">Provisions per area and document; open an area to read "
                          "the five documents side by side.</span>"),
                  table(header, rows, None)) + "\n")


def area_markdown(code: str, data: SiteData) -> str:
    page = area_page(code)
    zh, en = data.title("policy_area", code)
    columns = []
    for d in data.documents.values():
        items = [p for p in d["provisions"] if p["policy_area"] == code]
        body = "".join(el("div", el("p", link(provision_href(page, p["provision_id"]), esc(provision_label(p))),
                                    {"class": "zjtx-facts-h"}) +
                              el("div", paragraphs(p["text"]), {"class": "zjtx-small"}), {"class": "zjtx-area-item"})
                       for p in items) or el("p", "无相关条款 no provision in this area", {"class": "zjtx-small"})
        columns.append(el("section", el("p", esc(short_name(d)), {"class": "zjtx-col-h"}) + body))
    description = data.codelists["policy_area"][code]["description"]
    # excluded from search: these pages repeat provision text that the document pages already index
    return (front_matter(title=f"{zh} {en}", hide=["toc"], search={"exclude": True}) +
            f"# {md_inline(zh)} {md_inline(en)}\n\n" +
            block(el("p", esc(description), {"class": "zjtx-small"}),
                  el("div", "".join(columns), {"class": "zjtx-side-by-side"})) + "\n")
