"""Document pages: metadata, outline and the full text with every provision anchored and its facts beside it."""

from __future__ import annotations

from collections import Counter

from zjtx.intervals import merge
from zjtx.site.data import SiteData
from zjtx.site.html import block, definition_list, el, esc, link, md_inline, paragraphs, table, td
from zjtx.site.pages.common import (
    DOCUMENTS,
    UNITS,
    amount_text,
    anchor,
    area_page,
    code_label,
    document_page,
    front_matter,
    href,
    provision_label,
    status_as_of,
    target_value,
    unit_anchor,
)


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
