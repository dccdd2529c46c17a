"""What every page family shares: the two editions (Chinese at the root, English under en/), page paths, links
between pages, and the small formats of the data (places, statuses, amounts, targets)."""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from decimal import Decimal

import yaml

from zjtx.site.data import SiteData
from zjtx.site.html import el, esc

Pages = dict[str, str]

HOME = "index.md"
DOCUMENTS = "documents/index.md"
MONEY = "compare/money.md"
TARGETS = "compare/targets.md"
UNITS = "compare/units.md"
AREAS = "compare/policy-areas.md"  # not index.md: Material would take it for the Compare section's own page
FINDER = "finder/index.md"
SEARCH = "search/index.md"
GLOSSARY = "glossary.md"
DICTIONARY = "data/dictionary.md"
CODELISTS = "data/codelists.md"
PROBLEMS = "data/problems.md"
DOWNLOADS = "data/downloads.md"
USE = "data/use.md"
CHANGELOG = "changelog.md"
CONTRIBUTING = "contributing.md"
NORMALISATION = "normalisation.md"
DOWNLOAD_DIR = "downloads"
LATEST_ZIP = "latest/zhuanjingtexin-policies.zip"  # under downloads/: the newest release, at an address that stays
UNOFFICIAL = "Unofficial translation"
NOT_YET_TRANSLATED = "Not yet translated: the Chinese text below is the provision as published."


@dataclass(frozen=True)
class Lang:
    """One edition of the site: Chinese at the root, English under en/. Pages are built once per edition."""

    code: str  # "zh" | "en"

    @property
    def prefix(self) -> str:
        return "" if self.code == "zh" else "en/"

    @property
    def hreflang(self) -> str:
        """The edition's language as a page's alternate links and the sitemap name it (BCP 47)."""
        return "zh-Hans" if self.code == "zh" else "en"

    @property
    def other(self) -> Lang:
        return EN if self.code == "zh" else ZH

    def t(self, zh: str, en: str) -> str:
        return zh if self.code == "zh" else en

    def page(self, path: str) -> str:
        """The path of a page in this edition: documents/x.md -> en/documents/x.md."""
        return self.prefix + path

    def field(self, row: dict, name: str) -> str:
        """The value of a bilingual field in this edition: title or title_en, name or name_en …"""
        return (row.get(f"{name}_en") or row.get(name) or "") if self.code == "en" else (row.get(name) or "")


ZH = Lang("zh")
EN = Lang("en")
EDITIONS = (ZH, EN)


def en(text: str) -> str:
    """English text inside a Chinese page, marked as English for screen readers and hyphenation."""
    return el("span", esc(text), {"lang": "en", "class": "zjtx-en"}) if text else ""


# ---------------------------------------------------------------- paths and links


def document_page(document_id: str) -> str:
    return f"documents/{document_id}.md"


def province_page(code: str) -> str:
    """The documents of one province (a code of the province codelist). No document id ends in six digits,
    so the page never takes a document page's address."""
    return f"documents/province-{code}.md"


def area_page(code: str) -> str:
    return f"compare/policy-areas/{code}.md"


def anchor(provision_id: str) -> str:
    """Stable permalink id of a provision: changchun-2022/1.3.d1 -> p-1-3-d1 (no dots: CSS-safe)."""
    return "p-" + provision_id.split("/", 1)[1].replace(".", "-")


def unit_anchor(agency_id: str) -> str:
    return "u-" + agency_id.replace("/", "-")


def url_of(page: str) -> str:
    """The URL path MkDocs gives a page (directory URLs): documents/x.md -> documents/x/."""
    stem = page[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


@functools.lru_cache(maxsize=1 << 16)
def relative_url(to_url: str, from_url: str) -> str:
    """Kept: a page links to the same few pages many times (posixpath.relpath asks the OS for the working
    directory on every call: 13 s of the pages at 1,000 documents)."""
    return posixpath.relpath(to_url or ".", from_url or ".")


def href(from_page: str, to_page: str, fragment: str = "") -> str:
    """Relative link between generated pages (raw HTML links are not rewritten by MkDocs)."""
    rel = relative_url(url_of(to_page), url_of(from_page))
    return ("./" if rel == "." else rel + "/") + (f"#{fragment}" if fragment else "")


def file_href(from_page: str, path: str) -> str:
    """Relative link from a page to a static file of the site."""
    return posixpath.relpath(path, url_of(from_page) or ".")


def provision_href(from_page: str, provision_id: str, lang: Lang) -> str:
    return href(from_page, lang.page(document_page(provision_id.split("/", 1)[0])), anchor(provision_id))


def front_matter(**meta: object) -> str:
    """YAML front matter. The theme writes a page's title into <title>, the header and the nav as HTML, so
    the title is escaped here, like every other data string. `nav_page` names the page (its path under docs/)
    that the nav shows as current for a page the nav does not list (hooks.nav_stand_in)."""
    if "title" in meta:
        meta["title"] = esc(meta["title"])
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


def switch(page: str, lang: Lang) -> str:
    """The link to the same page in the other edition."""
    other = lang.other
    target = other.page(page[len(lang.prefix):])
    label = "English" if other.code == "en" else "中文"
    return el("p", el("a", label, {"href": href(page, target), "hreflang": other.code, "lang": other.code,
                                    "class": "zjtx-switch"}), {"class": "zjtx-switch-line"})


# ---------------------------------------------------------------- places, levels, statuses


def place(doc: dict, lang: Lang) -> str:
    return lang.field(doc, "region_name")


def short_name(doc: dict, lang: Lang = None) -> str:  # type: ignore[assignment]
    """A short label for tables and the nav: 包头 2023 / Baotou 2023."""
    if lang is EN:
        return f"{doc['region_name_en'].split(' (')[0]} {doc['document_id'][-4:]}"
    name = doc["region_name"]
    for suffix in ("市", "县", "省"):
        name = name.removesuffix(suffix)
    return f"{name} {doc['document_id'][-4:]}"


def display_title(doc: dict, lang: Lang) -> str:
    """The title shown to readers, always with its place: 湖北省 关于促进… (the Hubei notice names no place)."""
    if lang is EN:
        return doc["title_en"]
    title = doc["title"]
    stem = doc["region_name"][:2]
    return title if stem in title else f"{doc['region_name']} {title}"


STATUS_SHORT = {"draft": ("征求意见稿", "draft for comment"), "expired": ("已过有效期", "expired"),
                "ended": ("规划期已结束", "plan period ended"), "no_end_stated": ("未载明失效日期", "no end date stated")}


def status_short(doc: dict, lang: Lang) -> str:
    """The document's status on the release date, as the release's data says (documents.status_at_release)."""
    return lang.t(*STATUS_SHORT[doc["status_at_release"]])


def status_as_of(doc: dict, lang: Lang = EN) -> str:
    """The document's status on the release date (documents.status_at_release), in full."""
    code = doc["status_at_release"]
    if code == "draft":
        to = doc["effective_to"]
        return lang.t(f"征求意见稿,未生效(草案拟有效期至 {to})" if to else "征求意见稿,未生效",
                      f"draft for comment, not in force (draft validity to {to})" if to
                      else "draft for comment, not in force")
    if code == "expired":
        return lang.t(f"已过有效期({doc['effective_to']})", f"expired on {doc['effective_to']}")
    if code == "ended":
        years = f"{doc['plan_start_year']}–{doc['plan_end_year']}"
        return lang.t(f"规划期 {years} 已结束", f"plan period {years} has ended")
    return lang.t("已印发,文本未载明失效日期", "issued; the text states no end date")


def badge(doc: dict, data: SiteData, lang: Lang) -> str:
    """Place · level · status, with drafts marked: what every comparison row carries."""
    level = data.title("admin_level", doc["admin_level"])[0 if lang is ZH else 1]
    code = doc["status_at_release"]
    status = el("span", esc(status_short(doc, lang)), {"class": f"zjtx-status zjtx-status-{code}"})
    return f"{esc(place(doc, lang))} · {esc(level)} · {status}"


def code_label(data: SiteData, codelist: str, code: str | None, lang: Lang) -> str:
    if not code:
        return ""
    zh, en_title = data.title(codelist, code)
    return esc(zh) if lang is ZH else esc(en_title or zh)


def province_label(data: SiteData, code: str, lang: Lang) -> str:
    """A province with its number of documents, as HTML (the sidebar's entry, the documents page's link)."""
    return f"{code_label(data, 'province', code, lang)} ({len(data.provinces[code])})"


def provision_label(p: dict, lang: Lang = ZH) -> str:
    if lang is EN:
        return f"{p['label']} {p['heading_en']}".strip()
    return f"{p['label']}{p['heading'] or ''}"


# ---------------------------------------------------------------- money and targets


def wan(yuan: int | float) -> str:
    """Yuan as 万元 without float noise: 1000000 -> 100, 50000 -> 5."""
    text = format(Decimal(str(yuan)) / 10000, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def yuan(value: int | float) -> str:
    return f"{value:,}"


def amount_text(a: dict, lang: Lang) -> str:
    """One amount as a reader says it: 最高 100 万元 / up to 1,000,000 yuan (100 万元)."""
    lo, hi, ratio = a["min_cny"], a["max_cny"], a["ratio_percent"]
    kind = a["amount_type"]

    def money(value: int) -> str:
        return lang.t(f"{wan(value)} 万元", f"{yuan(value)} yuan ({wan(value)} 万元)")

    if kind == "ratio":
        base = lang.t(a["ratio_base"] or "", "")
        cap = lang.t(f",最高 {money(hi)}", f", up to {money(hi)}") if hi is not None else ""
        return lang.t(f"{ratio}%({base}){cap}" if base else f"{ratio}%{cap}", f"{ratio}%{cap}")
    if kind == "range" or (lo is not None and hi is not None and lo != hi):
        return lang.t(f"{wan(lo)}–{wan(hi)} 万元", f"{yuan(lo)}–{yuan(hi)} yuan ({wan(lo)}–{wan(hi)} 万元)")
    if kind == "max":
        return lang.t(f"最高 {money(hi)}", f"up to {money(hi)}")
    if kind == "min":
        return lang.t(f"不低于 {money(lo)}", f"at least {money(lo)}")
    value = lo if lo is not None else hi
    if value is None:
        return ""
    if kind == "threshold":
        return lang.t(f"门槛 {money(value)}", f"threshold {money(value)}")
    return money(value)


def amount_sort_key(a: dict) -> int | float:
    return next((v for v in (a["max_cny"], a["min_cny"]) if v is not None), 0)


_TITLE_SYMBOL = re.compile(r"\(([^()\s]+)\)$")


def comparator_symbol(data: SiteData, code: str) -> str:
    """The sign a comparator's codelist title ends with ('at least (≥)' → '≥'): the codelist is its one
    definition; a bare figure (=) shows none."""
    m = _TITLE_SYMBOL.search(data.title("comparator", code)[1])
    symbol = m.group(1) if m else code
    return "" if symbol == "=" else symbol


def target_value(t: dict, data: SiteData, lang: Lang = ZH) -> str:
    symbol = comparator_symbol(data, t["comparator"])
    comparator = f"{symbol} " if symbol else ""
    upper = f"–{t['value_max']}" if t["value_max"] is not None else ""
    value = f"{t['value']}".removesuffix(".0")
    return f"{comparator}{value}{upper} {t['unit'] or ''}".strip()
