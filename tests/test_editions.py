"""The two editions (issue 29): every title, heading, table-of-contents entry and nav label shows the data's
text exactly; Material's interface is in each edition's language; every page names both editions (hreflang)
and the sitemap carries the same alternates."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support import build_site, read_rows, stage_repo, write_rows
from tests.test_site import PAGE_TYPES
from zjtx.site.data import load_site_data
from zjtx.site.pages.common import EDITIONS, EN, ZH, display_title, provision_label

# Text that Markdown or HTML would read as syntax if it reached either unescaped: apostrophe, quotes, a colon
# (once backslash-escaped, shown with its backslash), brackets, a link's form, emphasis, a tag, an ampersand,
# an attribute list and a heading's closing hash. The guillemets delimit it, so a cut one is seen.
TRICKY = "«firms' \"best\" a:b [c](d) {e} *f* _g_ x<y & z <b> #h»"
TOC_DEPTH = 4  # mkdocs.yml: toc_depth
ENTITY_TEXT = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def with_tricky(value: str) -> str:
    return f"{value} {TRICKY}" if value else value


@pytest.fixture(scope="module")
def tricky(tmp_path_factory) -> Path:
    """The package with TRICKY in every document title, provision heading, unit name and place name (both
    languages), built."""
    root = stage_repo(tmp_path_factory.mktemp("tricky"))
    fields = {"data/documents.csv": ("title", "title_en", "region_name_en"),
              "data/provisions.csv": ("heading", "heading_en"),
              "data/agencies.csv": ("name", "name_en")}
    for rel, names in fields.items():
        header, rows = read_rows(root / rel)
        for row in rows:
            for name in names:
                row[name] = with_tricky(row[name])
        write_rows(root / rel, header, rows)
    build_site(root)
    return root


class Texts(HTMLParser):
    """The rendered text of a page's <title>, headings (without their permalink) and Material's labels
    (span.md-ellipsis: the header's title, the nav and the table of contents)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, list[str]] = {"title": [], "heading": [], "label": []}
        self.ids: dict[str, str] = {}  # heading id -> text
        self.levels: dict[str, int] = {}  # heading id -> its level (1 for <h1>)
        self._open: list[tuple[str, str, str | None]] = []  # (tag, kind, id) of the elements being collected
        self._text: list[list[str]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and "headerlink" in (values.get("class") or ""):
            self._skip += 1
            self._open.append((tag, "skip", None))
            return
        kind = ("title" if tag == "title" else "heading" if re.fullmatch(r"h[1-6]", tag)
                else "label" if tag == "span" and "md-ellipsis" in (values.get("class") or "") else None)
        if kind:
            self._open.append((tag, kind, values.get("id")))
            self._text.append([])

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1][0] != tag:
            return
        _, kind, element_id = self._open.pop()
        if kind == "skip":
            self._skip -= 1
            return
        text = " ".join("".join(self._text.pop()).split())
        self.found[kind].append(text)
        if kind == "heading" and element_id:
            self.ids[element_id] = text
            self.levels[element_id] = int(tag[1])

    def handle_data(self, data: str) -> None:
        if self._text and not self._skip:
            self._text[-1].append(data)


def texts(path: Path) -> Texts:
    parser = Texts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in ("downloads", "api")]


def test_titles_headings_toc_and_nav_show_the_datas_text_exactly(tricky: Path) -> None:
    site = tricky / "site"
    seen = {(lang.code, kind): 0 for lang in EDITIONS for kind in ("title", "heading", "label")}
    for path in pages(site):
        lang = EN if path.relative_to(site).parts[0] == "en" else ZH
        page = texts(path)
        for kind, values in page.found.items():
            for text in values:
                where = f"{path.relative_to(site)} {kind}: {text!r}"
                assert not ENTITY_TEXT.search(text), where  # an entity shown as text ("firms&#x27;")
                assert "\\" not in text, where  # a Markdown escape shown ("专精特新\\:")
                if "«" in text or "»" in text:
                    assert TRICKY in text, where
                    seen[(lang.code, kind)] += 1
    assert all(seen.values()), seen  # each kind of text of each edition held the tricky text somewhere


def test_document_titles_and_provision_headings_equal_the_data(tricky: Path) -> None:
    site = tricky / "site"
    data = load_site_data(tricky, tricky / "dist")
    name = next(line.split(":", 1)[1].strip() for line in (tricky / "mkdocs.yml").read_text(encoding="utf-8")
                .splitlines() if line.startswith("site_name:"))
    for doc in data.documents.values():
        for lang in EDITIONS:
            page = texts(site / lang.prefix / "documents" / doc["document_id"] / "index.html")
            title = display_title(doc, lang)
            assert page.found["title"] == [f"{title} - {name}"]
            assert page.found["heading"][0] == title
            assert title in page.found["label"]  # the header's title
            for p in doc["provisions"]:
                anchor = "p-" + p["provision_id"].split("/", 1)[1].replace(".", "-")
                assert page.ids[anchor] == " ".join(provision_label(p, lang).split()), (lang.code, anchor)
                if p["heading"] and page.levels[anchor] <= TOC_DEPTH:
                    assert " ".join(provision_label(p, lang).split()) in page.found["label"]  # its TOC entry


# ---------------------------------------------------------------- alternates


class Alternates(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}
        self.canonical = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "").split() == ["alternate"] and values.get("hreflang"):
            self.links[values["hreflang"] or ""] = values.get("href") or ""
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href") or ""


def test_every_page_of_both_editions_names_both_as_alternates(site: Path, site_data) -> None:
    home = site_data.package["homepage"].rstrip("/") + "/"
    checked = 0
    for path in site.rglob("index.html"):
        rel = path.relative_to(site)
        if rel.parts[0] in ("downloads", "api"):
            continue
        parser = Alternates()
        parser.feed(path.read_text(encoding="utf-8"))
        inside = "/".join(rel.parts[1:-1] if rel.parts[0] == "en" else rel.parts[:-1])
        inside = inside + "/" if inside else ""
        assert parser.links == {"zh-Hans": home + inside, "en": home + "en/" + inside,
                                "x-default": home + inside}, rel
        assert parser.canonical in (parser.links["zh-Hans"], parser.links["en"]), rel
        for url in parser.links.values():  # each alternate is a page of the site
            assert (site / url.removeprefix(home) / "index.html").is_file(), (rel, url)
        checked += 1
    assert checked == sum(1 for _ in site.rglob("index.html")) - sum(
        1 for p in site.rglob("index.html") if p.relative_to(site).parts[0] in ("downloads", "api"))
    assert checked > 2 * len(site_data.documents)


def test_the_sitemap_lists_every_page_of_both_editions_with_its_alternates(site: Path, site_data) -> None:
    home = site_data.package["homepage"].rstrip("/") + "/"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    listed = {}
    for url in root.findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        listed[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
    pages_on_disk = {home + "/".join(p.relative_to(site).parts[:-1]) + ("/" if len(p.relative_to(site).parts) > 1
                                                                       else "")
                     for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in ("downloads", "api")}
    assert set(listed) == pages_on_disk
    for loc, links in listed.items():
        assert loc in links.values() and set(links) == {"zh-Hans", "en", "x-default"}, loc
        assert links["x-default"] == links["zh-Hans"] and links["en"] == links["zh-Hans"].replace(home, home + "en/", 1)
    assert not (site / "en" / "sitemap.xml").exists() and not (site / "en" / "404.html").exists()
    assert html.unescape((site / "sitemap.xml").read_text(encoding="utf-8")).count("<url>") == len(listed)


# ---------------------------------------------------------------- the interface, in a browser

EDITION_PAGE_TYPES = {**PAGE_TYPES, "search": "search/", "finder": "finder/", "glossary": "glossary/"}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# What Material writes around the content, as a reader or a screen reader meets it; each (selector, what).
INTERFACE = {
    "skip link": ("a.md-skip", "text"),
    "back to top": ("button.md-top", "text"),
    "header": ("header.md-header", "aria-label"),
    "tabs": ("nav.md-tabs", "aria-label"),
    "nav": ("nav.md-nav--primary", "aria-label"),
    "palette toggle": ("form[data-md-component=palette] label", "title"),
    "search box": ("form.zjtx-header-search input", "aria-label"),
    "search box placeholder": ("form.zjtx-header-search input", "placeholder"),
    "search button": ("form.zjtx-header-search button", "text"),
}


def interface_strings(page) -> dict[str, list[str]]:
    """Every interface string of the open page: INTERFACE, the table of contents' title and label where the
    page has one, and the strings the theme's scripts show (copy buttons, search dialog, …: __config)."""
    out: dict[str, list[str]] = {}
    for name, (selector, what) in INTERFACE.items():
        script = ("els => els.map(e => e.textContent.trim())" if what == "text"
                  else f"els => els.map(e => e.getAttribute('{what}') || '')")
        out[name] = page.locator(selector).evaluate_all(script)
    out["toc"] = page.locator("nav.md-nav--secondary").evaluate_all(
        "els => els.flatMap(e => [e.getAttribute('aria-label'), "
        "(e.querySelector(':scope > label.md-nav__title') || {textContent: ''}).textContent.trim()])")
    out["theme scripts"] = page.evaluate(
        "() => Object.values(JSON.parse(document.getElementById('__config').textContent).translations || {})")
    return out


@pytest.mark.parametrize("name", EDITION_PAGE_TYPES)
def test_materials_interface_is_in_each_editions_language(page, server, name: str) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    for lang in EDITIONS:
        page.goto(server + lang.prefix + EDITION_PAGE_TYPES[name])
        page.wait_for_load_state("networkidle")
        strings = interface_strings(page)
        for what in ("skip link", "back to top", "search box", "search button", "theme scripts"):
            assert strings[what] and all(strings[what]), (lang.code, name, what, strings[what])
        if name == "document":
            assert [s for s in strings["toc"] if s], (lang.code, "the document page has a table of contents")
        flat = [(what, s) for what, values in strings.items() for s in values if s]
        if lang is EN:
            assert not [f for f in flat if CJK.search(f[1])], (name, [f for f in flat if CJK.search(f[1])])
            assert strings["skip link"] == ["Skip to content"] and strings["back to top"] == ["Back to top"]
        else:
            assert strings["skip link"] == ["跳转至"] and strings["back to top"] == ["回到页面顶部"]
            assert all(CJK.search(s) for s in strings["search box"] + strings["toc"] if s), strings
    # the theme's script takes no alternate link for its language selector's (it would fetch a sitemap beside it)
    assert page.external_requests == [] and not [u for u in requested if "sitemap" in u], requested
