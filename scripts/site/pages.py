"""Every generated page of the site, as Markdown source keyed by its path under docs/.

Pure functions of SiteData: the hooks (hooks.py) hand the result to MkDocs, so nothing is written into
docs/ and nothing on the site is typed twice. Data text is HTML-escaped (html.esc) everywhere; page bodies
are raw HTML blocks, except headings, which are Markdown (so they reach the table of contents and the
search index) with their text escaped by md_inline.
"""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from decimal import Decimal

import yaml

from scripts.release import citation
from scripts.site.chart import Bar, bar_chart
from scripts.site.data import SiteData
from scripts.site.html import block, definition_list, el, esc, link, md_inline, paragraphs, table, td

Pages = dict[str, str]

HOME = "index.md"
DOCUMENTS = "documents/index.md"
MONEY = "compare/money.md"
TARGETS = "compare/targets.md"
UNITS = "compare/units.md"
AREAS = "compare/policy-areas/index.md"
DICTIONARY = "data/dictionary.md"
CODELISTS = "data/codelists.md"
DOWNLOADS = "data/downloads.md"
CHANGELOG = "changelog.md"
CONTRIBUTING = "contributing.md"
DOWNLOAD_DIR = "downloads"


# ---------------------------------------------------------------- paths and small formats


def document_page(document_id: str) -> str:
    return f"documents/{document_id}.md"


def area_page(code: str) -> str:
    return f"compare/policy-areas/{code}.md"


def anchor(provision_id: str) -> str:
    """Stable permalink id of a provision: changchun-2022/1.3.d1 -> p-1-3-d1 (no dots: CSS-safe)."""
    return "p-" + provision_id.split("/", 1)[1].replace(".", "-")


def url_of(page: str) -> str:
    """The URL path MkDocs gives a page (directory URLs): documents/x.md -> documents/x/."""
    stem = page[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def href(from_page: str, to_page: str, fragment: str = "") -> str:
    """Relative link between generated pages (raw HTML links are not rewritten by MkDocs)."""
    rel = posixpath.relpath(url_of(to_page) or ".", url_of(from_page) or ".")
    return ("./" if rel == "." else rel + "/") + (f"#{fragment}" if fragment else "")


def file_href(from_page: str, path: str) -> str:
    """Relative link from a page to a static file of the site."""
    return posixpath.relpath(path, url_of(from_page) or ".")


def provision_href(from_page: str, provision_id: str) -> str:
    return href(from_page, document_page(provision_id.split("/", 1)[0]), anchor(provision_id))


def wan(yuan: int | float) -> str:
    """Yuan as 万元 without float noise: 1000000 -> 100, 50000 -> 5."""
    text = format(Decimal(str(yuan)) / 10000, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def yuan(value: int | float) -> str:
    return f"{value:,}"


def front_matter(**meta: object) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


def bilingual(zh: str, en: str) -> str:
    return f'{esc(zh)} <span class="zjtx-en">{esc(en)}</span>' if en else esc(zh)


def code_label(data: SiteData, codelist: str, code: str | None) -> str:
    return bilingual(*data.title(codelist, code)) if code else ""


def short_name(doc: dict) -> str:
    """A short label for tables and the nav: 包头 2023."""
    return f"{doc['region_name'].removesuffix('市').removesuffix('县').removesuffix('省')} {doc['document_id'][-4:]}"


def provision_label(p: dict) -> str:
    return f"{p['label']}{p['heading']}"


def amount_text(a: dict) -> tuple[str, str]:
    """(as 万元, as yuan) for one amount row."""
    lo, hi, ratio = a["min_cny"], a["max_cny"], a["ratio_percent"]
    kind = a["amount_type"]
    if kind == "ratio":
        cap_wan = f",最高 {wan(hi)} 万元" if hi is not None else ""
        cap_yuan = f", cap {yuan(hi)} yuan" if hi is not None else ""
        base = a["ratio_base"] or ""
        return f"{ratio}%({base}){cap_wan}", f"{ratio}% of {base}{cap_yuan}"
    if kind == "range" or (lo is not None and hi is not None and lo != hi):
        return f"{wan(lo)}–{wan(hi)} 万元", f"{yuan(lo)}–{yuan(hi)} yuan"
    if kind == "max":
        return f"最高 {wan(hi)} 万元", f"up to {yuan(hi)} yuan"
    if kind == "min":
        return f"不低于 {wan(lo)} 万元", f"at least {yuan(lo)} yuan"
    if kind == "threshold":
        value = lo if lo is not None else hi
        return f"门槛 {wan(value)} 万元", f"threshold {yuan(value)} yuan"
    value = lo if lo is not None else hi
    return (f"{wan(value)} 万元", f"{yuan(value)} yuan") if value is not None else ("", "")


def amount_sort_key(a: dict) -> int | float:
    return next((v for v in (a["max_cny"], a["min_cny"]) if v is not None), 0)


def status_as_of(doc: dict, data: SiteData) -> str:
    """The document's status on the release date, from what the text says (never from outside knowledge)."""
    day = data.release_date
    if doc["legal_status"] == "draft_for_comment":
        text = "征求意见稿,未生效 · draft for comment, not in force"
        return text + (f"(草案拟有效期至 {doc['effective_to']} · draft validity to {doc['effective_to']})"
                       if doc["effective_to"] else "")
    if doc["effective_to"] and doc["effective_to"] < day.isoformat():
        return f"已过有效期({doc['effective_to']}) · expired on {doc['effective_to']}"
    if doc["plan_end_year"] and doc["plan_end_year"] < day.year:
        return (f"规划期 {doc['plan_start_year']}–{doc['plan_end_year']} 已结束 · "
                f"plan period {doc['plan_start_year']}–{doc['plan_end_year']} has ended")
    return "已印发,文本未载明失效日期 · issued; the text states no end date"


# ---------------------------------------------------------------- document pages


def metadata_card(doc: dict, data: SiteData) -> str:
    repairs = data.repairs.get(doc["document_id"], Counter())
    repair_text = (", ".join(f"{esc(data.title('repair_step', s)[0])} {n}" for s, n in sorted(repairs.items()))
                   or "无 none")
    issuer = esc(doc["issuer"]) + (" <em>(推定 inferred)</em>" if doc["issuer_inferred"] else "")
    items = [
        ("发文机关 Issuer", f"{issuer}<br>{esc(doc['issuer_en'])}"),
        ("文号 Document number", esc(doc["doc_number"] or "—") +
         (f" · {esc(doc['normative_doc_number'])}" if doc["normative_doc_number"] else "")),
        ("日期 Dates", "<br>".join(esc(x) for x in [
            f"成文/发布 issued {doc['issued_date'] or '—'}",
            f"施行 effective {doc['effective_from'] or '—'} → {doc['effective_to'] or '—'}",
            (f"规划期 plan {doc['plan_start_year']}–{doc['plan_end_year']}" if doc["plan_start_year"] else ""),
        ] if x)),
        ("层级 Level", code_label(data, "admin_level", doc["admin_level"]) + " · " +
         code_label(data, "doc_type", doc["doc_type"])),
        ("地区 Region", f"{esc(doc['region_name'])} {esc(doc['region_name_en'])} ({esc(doc['region_code'])})"),
        (f"状态({data.release_date}) Status", esc(status_as_of(doc, data))),
        ("来源文件 Source", f"<code>{esc(doc['source_path'])}</code><br>SHA-256 "
                          f"<code class=\"zjtx-hash\">{esc(doc['source_sha256'])}</code>"),
        ("文本修复 Text repairs", repair_text + " · " +
         link(href(document_page(doc["document_id"]), "normalisation.md"), "规范化说明 how")),
    ]
    notes = [(label, esc(doc[key])) for key, label in
             (("dates_note", "日期说明 Dates note"), ("issuer_note", "机关说明 Issuer note"),
              ("capture_note", "采集说明 Capture note")) if doc[key]]
    return el("div", definition_list(items + notes), {"class": "zjtx-card"})


def outline(doc: dict, page: str) -> str:
    """Nested list of the provisions (levels come from the data, so the nesting is the document's)."""
    lines, depth = [], 0
    for p in doc["provisions"]:
        level = p["level"]
        while depth < level:
            lines.append("<ul>")
            depth += 1
        while depth > level:
            lines.append("</ul>")
            depth -= 1
        lines.append(el("li", link(href(page, page, anchor(p["provision_id"])), esc(provision_label(p)))))
    lines += ["</ul>"] * depth
    return el("nav", "".join(lines), {"class": "zjtx-outline", "aria-label": "outline"})


def marked(text: str, offset: int, spans: list[tuple[int, int]]) -> str:
    """Verbatim text with the quotes of its targets and amounts marked (overlapping spans merged)."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, cursor = [], 0
    for s, e in merged:
        s, e = max(s - offset, 0), min(e - offset, len(text))
        if s >= e or s < cursor:
            continue
        out += [paragraphs(text[cursor:s]), el("mark", paragraphs(text[s:e]))]
        cursor = e
    out.append(paragraphs(text[cursor:]))
    return "".join(out)


def fact_anchor(p: dict, fact_id: str) -> str:
    """Anchor of a target or amount inside its provision: p-9-a1."""
    return anchor(p["provision_id"]) + "-" + fact_id.rsplit("/", 1)[1]


def target_item(t: dict, data: SiteData) -> str:
    year = f" · {esc(t['target_year'])}" if t["target_year"] else ""
    tier = f" · {code_label(data, 'enterprise_tier', t['tier'])}" if t["tier"] else ""
    return (f"{esc(t['indicator'])}: <strong>{esc(target_value(t))}</strong>{year}"
            f" · {code_label(data, 'target_period', t['period'])}{tier}")


def amount_item(a: dict, data: SiteData) -> str:
    as_wan, as_yuan = amount_text(a)
    tier = f" · {code_label(data, 'enterprise_tier', a['tier'])}" if a["tier"] else ""
    return (f"{esc(a['purpose'])}: <strong>{esc(as_wan)}</strong> <span class=\"zjtx-en\">{esc(as_yuan)}</span>"
            f" · {code_label(data, 'amount_type', a['amount_type'])}{tier}")


def facts_aside(p: dict, data: SiteData, page: str, doc: dict) -> str:
    parts = []
    classes = [code_label(data, "provision_kind", p["kind"])]
    if p["policy_area"]:
        classes.append(link(href(page, area_page(p["policy_area"])), code_label(data, "policy_area", p["policy_area"])))
    parts.append(el("p", " · ".join(classes), {"class": "zjtx-class"}))
    if p["instruments"]:
        names = ", ".join(code_label(data, "instrument", i) for i in p["instruments"])
        parts.append(el("p", f"工具 Instruments: {names}", {"class": "zjtx-class"}))
    if p["classification_note"]:
        parts.append(el("p", esc(p["classification_note"]), {"class": "zjtx-note"}))
    if p["targets"]:
        items = "".join(el("li", target_item(t, data), {"id": fact_anchor(p, t["target_id"])}) for t in p["targets"])
        parts.append(el("p", "目标 Targets", {"class": "zjtx-facts-h"}) + el("ul", items))
    if p["amounts"]:
        items = "".join(el("li", amount_item(a, data), {"id": fact_anchor(p, a["amount_id"])}) for a in p["amounts"])
        parts.append(el("p", "金额 Amounts", {"class": "zjtx-facts-h"}) + el("ul", items))
    if p["responsibilities"]:
        items = ", ".join(
            link(href(page, UNITS, unit_anchor(r["agency_id"])), esc(r["name_as_written"]),
                 {"title": r["agency_name"]}) +
            (f" ({esc(data.title('role', r['role'])[0])})" if r["role"] != "unspecified" else "")
            for r in p["responsibilities"])
        parts.append(el("p", "责任单位 Units: " + items, {"class": "zjtx-units"}))
    cite = (f"{esc(doc['title'])}{'(' + esc(doc['doc_number']) + ')' if doc['doc_number'] else ''} "
            f"{esc(provision_label(p))}. zhuanjingtexin-policies v{esc(data.package['version'])}, "
            f"provision <code>{esc(p['provision_id'])}</code>.")
    parts.append(el("p", "引用 Cite: " + cite, {"class": "zjtx-cite"}))
    # kept out of the search index: the comparison pages index the same facts, and the index is
    # downloaded with every first page view
    return el("aside", "".join(parts), {"class": "zjtx-facts", "data-search-exclude": ""})


def heading_line(p: dict, own: str) -> str:
    """The provision's own text, without its first line when that line is just the heading."""
    first, _, rest = own.partition("\n")
    return rest if first.strip() == provision_label(p) and rest else own


def full_text(doc: dict, data: SiteData, page: str) -> list[str]:
    """The whole normalised text in order: every provision under an anchored heading, the text between
    and around provisions (cover letters, signatures, web remnants) in plain blocks."""
    text = data.texts[doc["document_id"]]
    provisions = sorted(doc["provisions"], key=lambda p: (p["char_start"], p["level"]))
    out, cursor = [], 0
    for i, p in enumerate(provisions):
        if p["char_start"] > cursor and text[cursor:p["char_start"]].strip():
            out.append(el("div", paragraphs(text[cursor:p["char_start"]].strip("\n")), {"class": "zjtx-between"}))
        nxt = provisions[i + 1]["char_start"] if i + 1 < len(provisions) else len(text)
        own_end = min(p["char_end"], nxt)
        own = text[p["char_start"]:own_end]
        spans = [(f["char_start"], f["char_end"]) for f in p["targets"] + p["amounts"]]
        shown = heading_line(p, own)
        body = marked(shown.rstrip("\n"), p["char_start"] + len(own) - len(shown), spans)
        level = "#" * (p["level"] + 2)
        out.append(f"{level} {md_inline(provision_label(p))} {{#{anchor(p['provision_id'])}}}")
        out.append(block(el("div", el("div", body, {"class": "zjtx-text"}) + facts_aside(p, data, page, doc),
                            {"class": "zjtx-prov", "data-provision": p["provision_id"]})))
        cursor = own_end
    if text[cursor:].strip():
        out.append(el("div", paragraphs(text[cursor:].strip("\n")), {"class": "zjtx-between"}))
    return out


def document_markdown(doc: dict, data: SiteData) -> str:
    page = document_page(doc["document_id"])
    counts = (f"{len(doc['provisions'])} 条款 provisions · {sum(len(p['targets']) for p in doc['provisions'])} "
              f"目标 targets · {sum(len(p['amounts']) for p in doc['provisions'])} 金额 amounts · "
              f"{sum(len(p['responsibilities']) for p in doc['provisions'])} 责任 responsibilities")
    parts = [
        front_matter(title=doc["title"], search={"boost": 2}),  # the primary text ranks above comparisons
        f"# {md_inline(doc['title'])}",
        block(el("p", esc(doc["title_en"]), {"class": "zjtx-en zjtx-lead"}), el("p", counts)),
        block(metadata_card(doc, data)),
        "## 目录 Outline {#outline}",
        block(outline(doc, page)),
        "## 全文 Full text {#full-text}",
        block(el("p", "标记的文字是目标或金额的原文引语;右侧(窄屏在下方)列出每一条款的目标、金额、责任单位和分类。"
                      " <span class=\"zjtx-en\">Marked text is the verbatim quote of a target or amount; beside each "
                      "provision are its targets, amounts, responsible units and classification.</span>")),
        *full_text(doc, data, page),
    ]
    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------- listing and comparison pages


def documents_index(data: SiteData) -> str:
    page = DOCUMENTS
    rows = [[link(href(page, document_page(d["document_id"])), esc(d["title"])),
             esc(d["doc_number"] or "—"), code_label(data, "admin_level", d["admin_level"]),
             esc(d["issued_date"] or "—"), esc(status_as_of(d, data)),
             td(esc(len(d["provisions"])), len(d["provisions"]))]
            for d in data.documents.values()]
    body = table(["文件 Document", "文号 Number", "层级 Level", "日期 Date", f"状态({data.release_date}) Status",
                  "条款 Provisions"], rows, None)
    return front_matter(title="文件 Documents") + "# 文件 Documents\n\n" + block(body) + "\n"


def filter_select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    opts = el("option", "全部 all", {"value": ""}) + "".join(el("option", text, {"value": v}) for v, text in options)
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


def target_value(t: dict) -> str:
    comparator = "" if t["comparator"] == "=" else t["comparator"] + " "
    upper = f"–{t['value_max']}" if t["value_max"] is not None else ""
    return f"{comparator}{t['value']}{upper} {t['unit'] or ''}".strip()


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


def unit_anchor(agency_id: str) -> str:
    return "u-" + agency_id.replace("/", "-")


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


# ---------------------------------------------------------------- data pages


def dictionary_markdown(data: SiteData) -> str:
    page = DICTIONARY
    parts = [front_matter(title="数据字典 Data dictionary"), "# 数据字典 Data dictionary",
             block(el("p", "由 <code>schemas/model.yaml</code> 生成;同一定义也生成 datapackage.json 和 JSON Schema。"
                           " <span class=\"zjtx-en\">Generated from <code>schemas/model.yaml</code>, the single "
                           "definition that also generates datapackage.json and the JSON Schemas.</span>"))]
    for name, res in data.model["resources"].items():
        parts.append(f"## {md_inline(res.get('title', name))} {{#{name}}}")
        keys = ", ".join(res.get("primary_key", [])) or "—"
        rows = [[f"<code>{esc(f['name'])}</code>", esc(f["type"]),
                 "✔" if f.get("required") else "", esc(f.get("title", "")),
                 esc(f.get("description", "")) +
                 (" " + link(href(page, CODELISTS, f["codelist"]), f"codelist {esc(f['codelist'])}")
                  if f.get("codelist") else "") +
                 (f" <code>{esc(f['pattern'])}</code>" if f.get("pattern") else "")]
                for f in res["fields"]]
        parts.append(block(el("p", f"{esc(res.get('description', ''))} <code>{esc(res['path'])}</code> · "
                                   f"primary key: <code>{esc(keys)}</code>"),
                           table(["字段 Field", "类型 Type", "必填 Required", "标题 Title", "说明 Description"], rows,
                                 None)))
    return "\n\n".join(parts) + "\n"


def codelists_markdown(data: SiteData) -> str:
    parts = [front_matter(title="代码表 Codelists"), "# 代码表 Codelists",
             block(el("p", "代码表只在 <code>schemas/codelists/</code> 中定义一次。"
                           " <span class=\"zjtx-en\">Each codelist is defined once, in <code>schemas/codelists/</code>."
                           "</span>"))]
    for name, rows in data.codelists.items():
        parts.append(f"## {md_inline(name)} {{#{name}}}")
        extra = "stip_compass" in next(iter(rows.values()), {})
        body = [[f"<code>{esc(r['code'])}</code>", esc(r["title_zh"]), esc(r["title_en"]), esc(r["description"])] +
                ([esc(r.get("stip_compass", ""))] if extra else []) for r in rows.values()]
        parts.append(block(table(["代码 Code", "中文 Chinese", "English", "说明 Description"] +
                                 (["STIP Compass"] if extra else []), body, None)))
    return "\n\n".join(parts) + "\n"


def human_size(size: int) -> str:
    if size < 10_000:
        return f"{size:,} B"
    return f"{size / 1024:,.0f} KB" if size < 2_000_000 else f"{size / 1048576:.1f} MB"


def downloads_markdown(data: SiteData) -> str:
    page = DOWNLOADS
    pkg = data.package
    rows = [[link(file_href(page, f"{DOWNLOAD_DIR}/{d.path}"), f"<code>{esc(d.path)}</code>"),
             td(esc(human_size(d.size)), d.size), f"<code class=\"zjtx-hash\">{esc(d.sha256)}</code>"]
            for d in data.downloads]
    return "\n\n".join([
        front_matter(title="下载 Downloads"), "# 下载 Downloads",
        block(definition_list([
            ("版本 Version", f"{esc(pkg['version'])} ({esc(pkg['created'][:10])})"),
            ("许可 Licence", esc(", ".join(f"{lic['title']} ({lic['name']})" for lic in pkg["licenses"]))),
            ("引用 How to cite", esc(citation(pkg)) + " · <code>CITATION.cff</code>"),
            ("校验 Verify", "<code>sha256sum -c SHA256SUMS</code>"),
        ])),
        block(el("p", "CSV 包(Frictionless)、JSON、Excel、SQLite、Parquet 和包含全部内容的 zip。"
                      " <span class=\"zjtx-en\">The Frictionless CSV package, JSON (flat and nested per document), "
                      "Excel, SQLite, Parquet and a zip of everything.</span>"),
              table(["文件 File", "大小 Size", "SHA-256"], rows, {"data-sortable": "true"})),
    ]) + "\n"


def home_markdown(data: SiteData) -> str:
    page = HOME
    rows = []
    for d in data.documents.values():
        provs = d["provisions"]
        rows.append([link(href(page, document_page(d["document_id"])), esc(d["title"])),
                     code_label(data, "admin_level", d["admin_level"]),
                     esc(d["issued_date"] or "—"),
                     td(esc(len(provs)), len(provs)),
                     td(esc(sum(len(p["targets"]) for p in provs)), 0),
                     td(esc(sum(len(p["amounts"]) for p in provs)), 0),
                     td(esc(len({r["agency_id"] for p in provs for r in p["responsibilities"]})), 0)])
    cards = [(MONEY, "金额比较 Money", "各文件给小巨人、专精特新、创新型企业的奖励与补助"),
             (TARGETS, "目标比较 Targets", "到2025年培育多少家企业:按层级和指标"),
             (UNITS, "责任单位 Units", "哪个部门负责哪些措施"),
             (AREAS, "政策领域 Policy areas", "五份文件同一领域的条款并排阅读"),
             (DOWNLOADS, "下载 Downloads", "CSV、JSON、Excel、SQLite、Parquet")]
    tiles = (el("a", el("strong", esc(title)) + el("span", esc(blurb)),
                {"href": href(page, target), "class": "zjtx-tile"}) for target, title, blurb in cards)
    grid = el("div", "".join(tiles), {"class": "zjtx-tiles"})
    return "\n\n".join([
        front_matter(title="专精特新政策数据 Zhuanjingtexin policy data"),
        "# 专精特新中小企业政策数据 SME policy data",
        block(el("p", esc(data.package["description"]), {"class": "zjtx-lead"}),
              el("p", "每一条事实都附有原文引语及其在规范化文本中的字符位置,并由校验器核对。"
                      " <span class=\"zjtx-en\">Every fact carries its verbatim quote and character span in the "
                      "normalised text, checked by the validator.</span>")),
        block(grid),
        "## 五份文件 The five documents {#documents}",
        block(table(["文件 Document", "层级 Level", "日期 Date", "条款 Provisions", "目标 Targets", "金额 Amounts",
                     "单位 Units"], rows, None)),
    ]) + "\n"


def passthrough(title: str, markdown: str) -> str:
    """A repository Markdown file (CHANGELOG, CONTRIBUTING) as a page, so it is written once."""
    return front_matter(title=title) + (markdown or f"# {title}\n\n(not yet written)\n")


# ---------------------------------------------------------------- the whole site


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


# Every page carries the whole sidebar: listing each document there makes the site grow with the square of
# the number of documents, so past this many only the documents page (a table of all of them) is listed.
NAV_DOCUMENTS_MAX = 30


def build_nav(data: SiteData) -> list:
    listed = list(data.documents.values()) if len(data.documents) <= NAV_DOCUMENTS_MAX else []
    return [
        {"首页 Home": HOME},
        {"文件 Documents": [{"全部 All": DOCUMENTS}] +
         [{short_name(d): document_page(d["document_id"])} for d in listed]},
        {"比较 Compare": [{"金额 Money": MONEY}, {"目标 Targets": TARGETS}, {"责任单位 Units": UNITS},
                          {"政策领域 Policy areas": AREAS}]},
        {"数据 Data": [{"下载 Downloads": DOWNLOADS}, {"数据字典 Dictionary": DICTIONARY},
                       {"代码表 Codelists": CODELISTS}, {"规范化 Normalisation": "normalisation.md"}]},
        {"参与 Contribute": CONTRIBUTING},
        {"更新日志 Changelog": CHANGELOG},
    ]
