"""What every page family shares: page paths, links between pages, and small formats of the data."""

from __future__ import annotations

import posixpath
from decimal import Decimal

import yaml

from zjtx.site.data import SiteData
from zjtx.site.html import esc

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
    """YAML front matter. The theme writes a page's title into <title>, the header and the nav as HTML, so
    the title is escaped here, like every other data string."""
    if "title" in meta:
        meta["title"] = esc(meta["title"])
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


def target_value(t: dict) -> str:
    comparator = "" if t["comparator"] == "=" else t["comparator"] + " "
    upper = f"–{t['value_max']}" if t["value_max"] is not None else ""
    return f"{comparator}{t['value']}{upper} {t['unit'] or ''}".strip()


def unit_anchor(agency_id: str) -> str:
    return "u-" + agency_id.replace("/", "-")
