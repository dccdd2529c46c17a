"""The home page."""

from __future__ import annotations

from zjtx.site.data import SiteData
from zjtx.site.html import block, el, esc, link, table, td
from zjtx.site.pages.common import (
    AREAS,
    DOWNLOADS,
    HOME,
    MONEY,
    TARGETS,
    UNITS,
    code_label,
    document_page,
    front_matter,
    href,
)


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
