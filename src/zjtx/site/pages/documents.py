"""Document pages: a summary, the metadata card, the outline, and the full text with every provision anchored
(`#p-<numbering>`, the same in both editions) and its facts beside it, compact, details on demand."""

from __future__ import annotations

from collections import Counter

from zjtx.intervals import merge
from zjtx.regions import province_code
from zjtx.site.data import SiteData
from zjtx.site.html import block, definition_list, el, esc, link, md_inline, paragraphs, table, td
from zjtx.site.pages.common import (
    AREAS,
    DOCUMENTS,
    NORMALISATION,
    NOT_YET_TRANSLATED,
    UNITS,
    UNOFFICIAL,
    ZH,
    Lang,
    amount_sort_key,
    amount_text,
    anchor,
    area_page,
    badge,
    code_label,
    display_title,
    document_page,
    en,
    front_matter,
    href,
    place,
    province_label,
    province_page,
    provision_label,
    short_name,
    status_as_of,
    switch,
    target_value,
    unit_anchor,
)


def summary(doc: dict, data: SiteData, lang: Lang) -> str:
    """Who issued it, when, its status, how much it holds, and its largest money figures."""
    provs = doc["provisions"]
    measures = sum(1 for p in provs if p["kind"] in ("measure", "safeguard"))
    targets = sum(len(p["targets"]) for p in provs)
    amounts = [a for p in provs for a in p["amounts"] if a["basis"] not in ("eligibility", "tax_or_finance")]
    largest = sorted(amounts, key=amount_sort_key, reverse=True)[:3]
    top = lang.t("、", "; ").join(
        f"{amount_text(a, lang)}({lang.field(a, 'purpose')})"
        if lang is ZH
        else f"{amount_text(a, lang)} ({lang.field(a, 'purpose')})"
        for a in largest
    )
    issued = doc["issued_date"] or lang.t("日期未载明", "undated")
    number = f"({doc['doc_number']})" if doc["doc_number"] else ""
    if lang is ZH:
        text = (
            f"{doc['issuer']}{'(推定)' if doc['issuer_inferred'] else ''}于 {issued} 发布{number}。"
            f"状态({data.release_date}):{status_as_of(doc, lang)}。共 {measures} 条措施、{targets} 项量化目标、"
            f"{len(amounts)} 项奖补金额" + (f";金额最大的是:{top}。" if top else "。")
        )
    else:
        text = (
            f"Issued by the {doc['issuer_en']}{' (inferred)' if doc['issuer_inferred'] else ''} on {issued}"
            f"{' ' + number if number else ''}. Status on {data.release_date}: {status_as_of(doc, lang)}. "
            f"{measures} measures, {targets} quantified targets, {len(amounts)} money amounts"
            + (f"; the largest: {top}." if top else ".")
        )
    return el("p", esc(text), {"class": "zjtx-summary"})


def metadata_card(doc: dict, data: SiteData, lang: Lang, page: str) -> str:
    t = lang.t
    repairs = data.repairs.get(doc["document_id"], Counter())
    repair_text = ", ".join(f"{code_label(data, 'repair_step', s, lang)} {n}" for s, n in sorted(repairs.items())) or t(
        "无", "none"
    )
    issuer = esc(lang.field(doc, "issuer")) + (esc(t("(推定)", " (inferred)")) if doc["issuer_inferred"] else "")
    source = (
        link(esc(doc["source_url"]), esc(doc["source_url"]), {"rel": "nofollow noopener"}) if doc["source_url"] else ""
    )
    items = [
        (t("发文机关", "Issuer"), issuer + (f"<br>{en(doc['issuer_en'])}" if lang is ZH else "")),
        (
            t("文号", "Document number"),
            esc(doc["doc_number"] or "—")
            + (f" · {esc(doc['normative_doc_number'])}" if doc["normative_doc_number"] else ""),
        ),
        (
            t("日期", "Dates"),
            "<br>".join(
                esc(x)
                for x in [
                    t("成文/发布 ", "issued ") + (doc["issued_date"] or "—"),
                    t("施行 ", "in effect ") + f"{doc['effective_from'] or '—'} → {doc['effective_to'] or '—'}",
                    (
                        t("规划期 ", "plan period ") + f"{doc['plan_start_year']}–{doc['plan_end_year']}"
                        if doc["plan_start_year"]
                        else ""
                    ),
                ]
                if x
            ),
        ),
        (
            t("层级", "Level"),
            code_label(data, "admin_level", doc["admin_level"], lang)
            + " · "
            + code_label(data, "doc_type", doc["doc_type"], lang),
        ),
        (t("地区", "Region"), f"{esc(place(doc, lang))} ({esc(doc['region_code'])})"),
        (t(f"状态({data.release_date})", f"Status ({data.release_date})"), esc(status_as_of(doc, lang))),
        (t("发布来源", "Published at"), source or esc(doc["source_note"] or "—")),
        (
            t("来源文件", "Source file"),
            f"<code>{esc(doc['source_path'])}</code><br>SHA-256 "
            f'<code class="zjtx-hash">{esc(doc["source_sha256"])}</code>',
        ),
        (
            t("文本修复", "Text repairs"),
            repair_text
            + " · "
            + link(href(page, lang.page(NORMALISATION)), t("规范化说明", "how the text was normalised")),
        ),
    ]
    notes = [
        (label, esc(doc[key]))
        for key, label in (
            ("dates_note", t("日期说明", "Dates note")),
            ("issuer_note", t("机关说明", "Issuer note")),
            ("capture_note", t("采集说明", "Capture note")),
        )
        if doc[key]
    ]
    return el("div", definition_list(items + notes), {"class": "zjtx-card"})


def markers(p: dict, lang: Lang) -> str:
    """What an outline entry holds: money, targets, responsible units."""
    found = [
        (p["amounts"], lang.t("金额", "money")),
        (p["targets"], lang.t("目标", "targets")),
        (p["responsibilities"], lang.t("单位", "units")),
    ]
    return "".join(el("span", esc(label), {"class": "zjtx-marker"}) for rows, label in found if rows)


def outline(doc: dict, page: str, lang: Lang) -> str:
    """Nested list of the provisions: each sub-list inside its parent's item, as HTML requires."""
    parts: list[str] = []
    depth = 0
    for p in doc["provisions"]:
        level = p["level"]
        if level > depth:
            parts += ["<ul>"] * (level - depth)
        else:
            parts.append("</li>")
            parts += ["</ul></li>"] * (depth - level)
        depth = level
        parts.append(
            "<li>" + link(href(page, page, anchor(p["provision_id"])), esc(provision_label(p, lang))) + markers(p, lang)
        )
    if depth:
        parts.append("</li>")
        parts += ["</ul></li>"] * (depth - 1)
        parts.append("</ul>")
    label = lang.t("目录", "Outline")
    return el("nav", "".join(parts), {"class": "zjtx-outline", "aria-label": label})


def marked(text: str, offset: int, spans: list[tuple[int, int]]) -> str:
    """Verbatim text with the quotes of its targets and amounts marked (overlapping spans merged)."""
    out, cursor = [], 0
    for s, e in merge(spans):
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


def target_item(t: dict, data: SiteData, lang: Lang) -> str:
    year = f" · {esc(t['target_year'])}" if t["target_year"] else ""
    return (
        f"{esc(lang.field(t, 'indicator'))}: <strong>{esc(target_value(t, data, lang))}</strong>{year}"
        f" · {code_label(data, 'target_period', t['period'], lang)}"
    )


def amount_item(a: dict, data: SiteData, lang: Lang) -> str:
    tier = f" · {code_label(data, 'enterprise_tier', a['tier'], lang)}" if a["tier"] else ""
    return (
        f"<strong>{esc(amount_text(a, lang))}</strong> · {esc(lang.field(a, 'purpose'))}"
        f" · {code_label(data, 'amount_basis', a['basis'], lang)}{tier}"
    )


def citation(doc: dict, p: dict | None, data: SiteData, lang: Lang) -> str:
    """How to cite a document (or one of its provisions) in this edition."""
    title = display_title(doc, lang)
    number = f" ({doc['doc_number']})" if doc["doc_number"] else ""
    where = f" {provision_label(p, lang)} [{p['provision_id']}]" if p else ""
    return (
        f"{title}{number}{where}. zhuanjingtexin-policies v{data.package['version']} "
        f"({data.release_date}). {data.package['homepage']}"
    )


def report_link(p: dict, doc: dict, data: SiteData, lang: Lang) -> str:
    """A prefilled issue on the repository's tracker (the form in .github/ISSUE_TEMPLATE/data-error.yml)."""
    from urllib.parse import urlencode

    repository = data.package.get("repository")
    if not repository:
        return ""
    quote = p["text"][:300]
    query = urlencode(
        {
            "template": "data-error.yml",
            "title": f"[data] {p['provision_id']}",
            "provision": p["provision_id"],
            "quote": quote,
        }
    )
    return link(
        f"{repository}/issues/new?{query}",
        lang.t("报告错误", "Report an error"),
        {"class": "zjtx-report", "rel": "nofollow noopener"},
    )


def facts(p: dict, data: SiteData, page: str, doc: dict, lang: Lang) -> str:
    """The facts of a provision, compact: amounts and targets one line each, units in one line; the
    classification behind a toggle; a copy-citation button and a report-an-error link."""
    t = lang.t
    parts = []
    if p["amounts"]:
        parts.append(
            el(
                "ul",
                "".join(
                    el("li", amount_item(a, data, lang), {"id": fact_anchor(p, a["amount_id"])}) for a in p["amounts"]
                ),
                {"class": "zjtx-facts-list", "aria-label": t("金额", "Money")},
            )
        )
    if p["targets"]:
        parts.append(
            el(
                "ul",
                "".join(
                    el("li", target_item(x, data, lang), {"id": fact_anchor(p, x["target_id"])}) for x in p["targets"]
                ),
                {"class": "zjtx-facts-list", "aria-label": t("目标", "Targets")},
            )
        )
    if p["responsibilities"]:
        units = ", ".join(
            link(
                href(page, lang.page(UNITS), unit_anchor(r["agency_id"])),
                esc(r["name_as_written"] if lang is ZH else data.agencies[r["agency_id"]]["name_en"]),
            )
            + (f" ({code_label(data, 'role', r['role'], lang)})" if r["role"] == "lead" else "")
            for r in p["responsibilities"]
        )
        parts.append(el("p", t("责任单位:", "Responsible: ") + units, {"class": "zjtx-units"}))
    classes = [code_label(data, "provision_kind", p["kind"], lang)]
    if p["policy_area"]:
        classes.append(
            link(
                href(page, lang.page(area_page(p["policy_area"]))),
                code_label(data, "policy_area", p["policy_area"], lang),
            )
        )
    if p["instruments"]:
        classes.append(
            t("工具:", "instruments: ") + ", ".join(code_label(data, "instrument", i, lang) for i in p["instruments"])
        )
    note = (
        el("p", esc(p["classification_note"]), {"class": "zjtx-note", "lang": "en"}) if p["classification_note"] else ""
    )
    parts.append(
        el(
            "details",
            el("summary", t("分类与说明", "Classification notes")) + el("p", " · ".join(classes)) + note,
            {"class": "zjtx-class"},
        )
    )
    actions = el(
        "button",
        t("复制引用", "Copy citation"),
        {"type": "button", "class": "zjtx-cite", "data-cite": citation(doc, p, data, lang)},
    )
    parts.append(el("p", actions + " " + report_link(p, doc, data, lang), {"class": "zjtx-actions"}))
    return el("div", "".join(parts), {"class": "zjtx-facts"})


def heading_line(p: dict, own: str) -> str:
    """The provision's own text, without its first line when that line is just the heading."""
    first, _, rest = own.partition("\n")
    return rest if first.strip() == provision_label(p) and rest else own


def provision_block(p: dict, own: str, offset: int, data: SiteData, page: str, doc: dict, lang: Lang) -> list[str]:
    """A provision's heading (anchored) and its text and facts. In the English edition the translation
    comes first, marked unofficial, with the Chinese text below it."""
    level = "#" * min(p["level"] + 2, 6)
    heading = f"{level} {md_inline(provision_label(p, lang))} {{#{anchor(p['provision_id'])}}}"
    spans = [(f["char_start"], f["char_end"]) for f in p["targets"] + p["amounts"]]
    shown = heading_line(p, own)
    chinese = marked(shown.rstrip("\n"), offset + len(own) - len(shown), spans)
    if lang is ZH:
        body = el("div", chinese, {"class": "zjtx-text"})
    else:
        translation = data.translations.get(p["provision_id"])
        if translation is None:  # the document's translations follow it (translation_status pending)
            english = el("p", esc(NOT_YET_TRANSLATED), {"class": "zjtx-unofficial zjtx-pending"})
        else:
            english = el("p", esc(UNOFFICIAL), {"class": "zjtx-unofficial"}) + paragraphs(translation)
        body = el("div", english, {"class": "zjtx-text zjtx-translation"}) + el(
            "div", chinese, {"class": "zjtx-text zjtx-original", "lang": "zh"})
    return [
        heading,
        block(
            el(
                "div",
                body + facts(p, data, page, doc, lang),
                {"class": "zjtx-prov", "data-provision": p["provision_id"]},
            )
        ),
    ]


def full_text(doc: dict, data: SiteData, page: str, lang: Lang) -> list[str]:
    """The whole normalised text in order: every provision under an anchored heading, the text between and
    around provisions (cover letters, signatures, web remnants) in plain blocks."""
    text = data.texts[doc["document_id"]]
    provisions = sorted(doc["provisions"], key=lambda p: (p["char_start"], p["level"]))
    out, cursor = [], 0
    between = {"class": "zjtx-between", "lang": "zh"}
    for i, p in enumerate(provisions):
        if p["char_start"] > cursor and text[cursor : p["char_start"]].strip():
            out.append(block(el("div", paragraphs(text[cursor : p["char_start"]].strip("\n")), between)))
        nxt = provisions[i + 1]["char_start"] if i + 1 < len(provisions) else len(text)
        own_end = min(p["char_end"], nxt)
        out += provision_block(p, text[p["char_start"] : own_end], p["char_start"], data, page, doc, lang)
        cursor = own_end
    if text[cursor:].strip():
        out.append(block(el("div", paragraphs(text[cursor:].strip("\n")), between)))
    return out


def document_markdown(doc: dict, data: SiteData, lang: Lang = ZH) -> str:
    page = lang.page(document_page(doc["document_id"]))
    t = lang.t
    cite = el(
        "p",
        el("strong", t("引用本文件", "Cite this document"))
        + " "
        + esc(citation(doc, None, data, lang))
        + " "
        + el(
            "button",
            t("复制", "Copy"),
            {"type": "button", "class": "zjtx-cite", "data-cite": citation(doc, None, data, lang)},
        ),
        {"class": "zjtx-cite-line"},
    )
    intro = t(
        "标记的文字是目标或金额的原文;每一条款下列出其金额、目标和责任单位,分类说明可展开。",
        "Each provision shows its unofficial English translation, then the Chinese text (the authority), "
        "with the quotes of its targets and amounts marked; below it, its money, targets and responsible units.",
    )
    parts = [
        front_matter(title=display_title(doc, lang),
                     nav_page=lang.page(province_page(province_code(doc["region_code"])))),
        f"# {md_inline(display_title(doc, lang))}",
        block(
            switch(page, lang),
            el("p", en(doc["title_en"]), {"class": "zjtx-lead"}) if lang is ZH else "",
            el("p", badge(doc, data, lang)),
            summary(doc, data, lang),
            cite,
        ),
        block(metadata_card(doc, data, lang, page)),
        f"## {t('目录', 'Outline')} {{#outline}}",
        block(outline(doc, page, lang)),
        f"## {t('全文', 'Full text')} {{#full-text}}",
        block(el("p", esc(intro), {"class": "zjtx-small"})),
        *full_text(doc, data, page, lang),
    ]
    return "\n\n".join(parts) + "\n"


def province_links(data: SiteData, page: str, lang: Lang) -> str:
    """A line linking the page of each province, with its number of documents."""
    t = lang.t
    items = [link(href(page, lang.page(province_page(code))), province_label(data, code, lang)) for code in data.provinces]
    return el("p", esc(t("按省份:", "By province: ")) + " · ".join(items), {"class": "zjtx-provinces"})


def province_title(data: SiteData, code: str, lang: Lang) -> str:
    zh, en_name = data.title("province", code)
    return lang.t(f"{zh}的文件", f"Documents of {en_name or zh}")


def documents_index(data: SiteData, lang: Lang, province: str = "") -> str:
    """The table of the documents (all of them, or one province's): title, number, place, date, provisions."""
    page = lang.page(province_page(province) if province else DOCUMENTS)
    t = lang.t
    rows = [
        [
            link(href(page, lang.page(document_page(d["document_id"]))), esc(display_title(d, lang))),
            esc(d["doc_number"] or "—"),
            badge(d, data, lang),
            esc(d["issued_date"] or "—"),
            td(esc(len(d["provisions"])), len(d["provisions"])),
        ]
        for d in data.documents.values()
    ]
    body = table(
        [
            t("文件", "Document"),
            t("文号", "Number"),
            t("地区 · 层级 · 状态", "Place · level · status"),
            t("日期", "Date"),
            t("条款", "Provisions"),
        ],
        rows,
        {"data-cards": ""},
    )
    if province:
        title = province_title(data, province, lang)
        around = el("p", link(href(page, lang.page(DOCUMENTS)), esc(t("全部文件", "All documents"))))
    else:
        title = t("文件", "Documents")
        around = province_links(data, page, lang)
    meta = {"nav_page": lang.page(DOCUMENTS)} if province else {}  # listed in the nav at national scale only
    return (front_matter(title=title, **meta) + f"# {md_inline(title)}\n\n" + block(switch(page, lang), around, body)
            + "\n")


__all__ = ["AREAS", "document_markdown", "documents_index", "short_name"]
