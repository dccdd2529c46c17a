"""Pages a reader can quote safely, in both editions: honest comparisons, both languages with the same anchors,
phones without sideways scrolling, no serious accessibility failure (axe-core), and a finder whose address
holds its state. Uses the site built once by tests/test_site.py's fixtures."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.test_site import PAGE_TYPES
from zjtx import paths
from zjtx.site import pages as pages_module
from zjtx.site.pages import common

AXE = paths.ROOT / "node_modules" / "axe-core" / "axe.min.js"
EDITION_PAGES = {**PAGE_TYPES, **{f"en-{k}": f"en/{v}" for k, v in PAGE_TYPES.items() if k != "normalisation"},
                 "finder": "finder/", "glossary": "glossary/", "problems": "data/problems/",
                 "search": "search/?q=%E5%B0%8F%E5%B7%A8%E4%BA%BA", "en-search": "en/search/?q=land",
                 "use": "data/use/"}


# ---------------------------------------------------------------- pages that would grow with the corpus


def test_lists_that_grow_with_the_corpus_are_paged_and_each_fact_is_on_one_page(site_data, monkeypatch) -> None:
    """With two documents to a page (the site uses paging.PAGE_DOCUMENTS), five documents make three pages of
    each list, siblings of page 1 at its depth; every amount, document and provision appears on exactly one
    page; each page's title, pager and edition switch name its own number."""
    from zjtx.site.pages import build_pages, paging

    monkeypatch.setattr(paging, "PAGE_DOCUMENTS", 2)
    pages = build_pages(site_data)
    for path in ("compare/money.md", "compare/targets.md", "compare/units.md", "documents/index.md",
                 "compare/policy-areas.md", "compare/policy-areas/talent.md"):
        for edition in ("", "en/"):
            numbered = [paging.numbered(edition + path, n) for n in (1, 2, 3)]
            assert all(p in pages for p in numbered) and paging.numbered(edition + path, 4) not in pages, path
            assert numbered[1].count("/") == numbered[0].count("/") - path.endswith("/index.md"), numbered
    money = [pages[paging.numbered("compare/money.md", n)] for n in (1, 2, 3)]
    for amount in site_data.records["amounts"]:
        mark = f'data-document="{amount["document_id"]}"'
        assert sum(mark in page for page in money) == 1, amount["amount_id"]
    docs = [pages[paging.numbered("documents/index.md", n)] for n in (1, 2, 3)]
    for doc in site_data.documents:
        assert sum(f'href="{doc}/"' in page or f'href="../documents/{doc}/"' in page for page in docs) == 1, doc
    second = pages["en/compare/money-2.md"]
    assert "title: Money compared (page 2)" in second and "# Money compared (page 2)" in second
    assert 'href="../../../compare/money-2/"' in second  # the switch leads to the same page of the other edition
    assert 'aria-current="page">2<' in second and 'href="../money-3/"' in second and 'href="../money/"' in second
    assert '<a href="../money/" rel="prev">Previous</a>' in second and 'rel="next">Next</a>' in second


@pytest.mark.parametrize(("n", "total", "shown"), [
    (1, 1, [1]), (2, 3, [1, 2, 3]), (1, 100, [1, 2, 3, None, 100]), (50, 100, [1, None, 48, 49, 50, 51, 52, None, 100]),
    (100, 100, [1, None, 98, 99, 100]), (4, 7, [1, 2, 3, 4, 5, 6, 7])])
def test_a_pager_links_the_first_last_and_nearby_pages(n: int, total: int, shown: list) -> None:
    """However many pages a list has at national scale, its pager stays short (a phone's line or two)."""
    from zjtx.site.pages.paging import shown_pages

    assert shown_pages(n, total) == shown


def test_past_one_page_an_area_lists_only_the_documents_with_a_provision_in_it(site_data, monkeypatch) -> None:
    """At scale a policy area's pages are the documents that have a provision in it (a thousand "no provision in
    this area" columns help no one), each on one page, and the page says how many of all documents that is."""
    from zjtx.site.pages import build_pages, paging

    monkeypatch.setattr(paging, "PAGE_DOCUMENTS", 2)
    pages = build_pages(site_data)
    for code in site_data.codelists["policy_area"]:
        having = {d for d, doc in site_data.documents.items()
                  if any(p["policy_area"] == code for p in doc["provisions"])}
        paths = [paging.numbered(f"en/compare/policy-areas/{code}.md", n) for n in range(1, 5)]
        area = [pages[p] for p in paths if p in pages]
        shown = [d for page in area for d in site_data.documents if f"documents/{d}/#" in page]
        assert sorted(shown) == sorted(having), code  # each document with a provision once, no other
        assert len(area) == max(1, -(-len(having) // 2)), code
        assert f"{len(having)} of the {len(site_data.documents)} documents have a provision in this area" in area[0], \
            code
    assert "no provision in this area" not in "".join(p for path, p in pages.items() if "policy-areas/" in path)


def test_up_to_one_page_an_area_shows_every_document_side_by_side(site_data) -> None:
    from zjtx.site.pages import build_pages

    page = build_pages(site_data)["en/compare/policy-areas/fiscal_rewards.md"]
    without = [d for d, doc in site_data.documents.items()
               if not any(p["policy_area"] == "fiscal_rewards" for p in doc["provisions"])]
    assert without and page.count("no provision in this area") == len(without)
    assert "documents have a provision" not in page


def test_past_one_page_home_glossary_and_downloads_stay_bounded(site_data, monkeypatch) -> None:
    from zjtx.site.pages import build_pages, paging, reference

    monkeypatch.setattr(paging, "PAGE_DOCUMENTS", 2)
    monkeypatch.setattr(reference, "GLOSSARY_LINKS", 1)
    pages = build_pages(site_data)
    home = pages["index.md"]
    listed = [d for d in site_data.documents if f"documents/{d}/" in home]
    assert len(listed) == 2 and 'href="documents/"' in home and f"全部 {len(site_data.documents)} 个文件" in home
    glossary = pages["en/glossary.md"]
    assert "more: search" in glossary and "search/?q=" in glossary
    downloads = pages["data/downloads.md"]
    assert f"<code>json/documents/</code> · {len(site_data.documents)} 个文件" in downloads
    assert "json/documents/hubei-2023.json" not in downloads and "zhuanjingtexin-policies.sqlite" in downloads


def test_up_to_one_page_of_documents_nothing_is_paged(site_data) -> None:
    from zjtx.site.pages import build_pages, paging

    assert len(site_data.documents) <= paging.PAGE_DOCUMENTS
    assert not [p for p in build_pages(site_data) if re.search(r"-\d{1,3}\.md$", p)]


def nav_paths(nav: list) -> set[str]:
    """Every page path a nav (build_nav's form) lists."""
    out: set[str] = set()
    for item in nav:
        for value in item.values():
            out |= nav_paths(value) if isinstance(value, list) else {value}
    return out


def test_past_the_nav_limit_the_sidebar_lists_provinces_and_every_page_finds_its_place(site_data, monkeypatch) -> None:
    """At national scale the sidebar lists the provinces (never the documents); each province's page lists its
    documents; and every page the sidebar does not list names, by `nav_page`, a page that leads to one it does
    (a document -> its province, page n -> page 1, a policy area -> the areas page)."""
    from zjtx.site.pages import build_nav, build_pages, paging

    monkeypatch.setattr(pages_module, "NAV_DOCUMENTS_MAX", 2)
    monkeypatch.setattr(paging, "PAGE_DOCUMENTS", 2)
    nav, built = build_nav(site_data), build_pages(site_data)
    listed = nav_paths(nav)
    documents = next(v for item in nav[0]["中文"] for k, v in item.items() if k == "文件")
    labels = [next(iter(i)) for i in documents]  # 全部, then each province with its count of documents
    counts = {label.rsplit(" (", 1)[0]: int(label.rsplit("(", 1)[1].rstrip(")")) for label in labels[1:]}
    assert labels[0] == "全部" and sum(counts.values()) == len(site_data.documents)
    assert {"内蒙古自治区", "吉林省", "浙江省", "山东省", "湖北省"} <= set(counts)
    assert not [p for p in listed if re.fullmatch(r"(en/)?documents/[a-z].*-\d{4}\.md", p)]
    hubei = built["documents/province-420000.md"]
    assert "# 湖北省的文件" in hubei and 'href="../hubei-2023/"' in hubei and "changchun-2022" not in hubei
    assert "Documents of Hubei" in built["en/documents/province-420000.md"]
    unlisted = [p for p in built if p not in listed]
    assert unlisted and len(listed) < len(built)
    for path in unlisted:
        seen = path
        for _ in range(4):
            text = built.get(seen, "")
            meta = yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else {}
            seen = meta.get("nav_page", "")
            if seen in listed:
                break
        assert seen in listed, f"{path}: no nav page stands for it (reached {seen!r})"
        assert seen.startswith("en/") == path.startswith("en/"), f"{path}: its nav page is of the other edition"


def test_page_n_of_a_list_is_placed_at_its_page_1() -> None:
    """Page n names page 1 as its place in the nav, even when page 1 names another (a province's page 1 names the
    documents page while the nav does not list it): page 1, where the nav lists it, is where the reader is."""
    from zjtx.site.pages.common import ZH, front_matter
    from zjtx.site.pages.paging import paged

    data = type("Data", (), {"documents": {f"d{i}-2020": {} for i in range(25)}})()
    pages = paged("documents/province-220000.md", ZH, data,
                  lambda part: front_matter(title="吉林省的文件", nav_page="documents/index.md") + "# 吉林省的文件\n")
    metas = {path: yaml.safe_load(text.split("---\n", 2)[1]) for path, text in pages.items()}
    assert metas["documents/province-220000.md"]["nav_page"] == "documents/index.md"
    assert metas["documents/province-220000-2.md"]["nav_page"] == "documents/province-220000.md"
    assert metas["documents/province-220000-3.md"]["nav_page"] == "documents/province-220000.md"


def test_a_region_outside_every_province_is_no_page(site_data) -> None:
    """The province pages cover every document exactly once (the validator's unknown-province keeps it so)."""
    ids = [i for docs in site_data.provinces.values() for i in docs]
    assert sorted(ids) == sorted(site_data.documents)
    assert set(site_data.provinces) <= set(site_data.codelists["province"])


# ---------------------------------------------------------------- honest comparisons


def test_every_money_row_and_tier_cell_names_place_level_and_status(site: Path, site_data) -> None:
    html = (site / "compare" / "money" / "index.html").read_text(encoding="utf-8")
    money = html.split('id="money"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr data-document[^>]*>.*?</tr>", money, re.S)
    assert len(rows) == len(site_data.records["amounts"])
    assert all("zjtx-status" in row for row in rows)
    tiers = html.split('id="tiers"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<td data-label=\"[^\"]+\">(<a .*?)</td>", tiers, re.S)
    assert cells and all("zjtx-status" in cell for cell in cells)


def test_the_tier_table_holds_only_awards_for_reaching_a_tier(site: Path, site_data) -> None:
    html = (site / "compare" / "money" / "index.html").read_text(encoding="utf-8")
    tiers = html.split('id="tiers"', 1)[1].split("</table>", 1)[0]
    linked = set(re.findall(r'href="[^"]*#(p-[^"]+)"', tiers))
    awards = {common.anchor(a["provision_id"]) for a in site_data.records["amounts"]
              if a["basis"] == "tier_recognition"}
    assert linked == awards
    assert "门槛" not in tiers and "%" not in tiers


@pytest.mark.parametrize("path", ["compare/money/", "en/compare/money/"])
def test_hide_drafts_removes_the_draft_rows(page, server, site_data, path: str) -> None:
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    drafts = sum(1 for a in site_data.records["amounts"] if a["document_id"] == "baotou-2023")
    total = len(site_data.records["amounts"])
    page.check("input[data-hide=status]")
    visible = page.locator("#money tbody tr:not([hidden])")
    assert visible.count() == total - drafts
    assert visible.evaluate_all("rows => rows.filter(r => r.dataset.document === 'baotou-2023').length") == 0
    assert "status=draft" in page.url  # the filter state is in the address


def test_targets_are_charted_by_level_each_bar_with_its_own_indicator(site: Path) -> None:
    html = (site / "compare" / "targets" / "index.html").read_text(encoding="utf-8")
    for figure in re.findall(r"<figure.*?</figure>", html, re.S):
        caption = re.search(r"<figcaption>(.*?)</figcaption>", figure).group(1)
        assert caption.count("·") == 2, caption  # tier · period · level
        labels = re.findall(r'zjtx-bar-label">(.*?)</span>', figure)
        assert labels and len(set(labels)) == len(labels), labels  # no two bars with the same label
    assert "zjtx-chart" not in html and "<figure" in html  # HTML bars: text stays text on a phone


# ---------------------------------------------------------------- both editions


class Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if values.get("id", "") and values["id"].startswith("p-"):
            self.ids.add(values["id"])


def parse(path: Path) -> Anchors:
    parser = Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_has_its_english_counterpart_with_the_same_anchors(site: Path) -> None:
    chinese = [p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in ("en", "downloads",
                                                                                          "search")]
    assert len(chinese) > 20
    for page_path in chinese:
        rel = page_path.relative_to(site)
        english = site / "en" / rel
        assert english.is_file(), f"no English page for {rel}"
        zh, en = parse(page_path), parse(english)
        assert (zh.lang, en.lang) == ("zh", "en"), rel
        assert zh.ids == en.ids, rel


def test_every_provision_has_its_translation_marked_unofficial(site: Path, site_data) -> None:
    for doc_id, doc in site_data.documents.items():
        html = (site / "en" / "documents" / doc_id / "index.html").read_text(encoding="utf-8")
        assert html.count(common.UNOFFICIAL) == len(doc["provisions"]), doc_id
        for p in doc["provisions"]:
            translation = site_data.translations.get(p["provision_id"])
            assert translation, p["provision_id"]


def test_english_text_on_chinese_pages_is_marked_english(site: Path) -> None:
    html = (site / "documents" / "hubei-2023" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span lang="en" class="zjtx-en">', html)


# ---------------------------------------------------------------- the finder


def test_the_finders_places_are_grouped_by_province(site_data) -> None:
    """A thousand places in one list stay findable: the place list groups them by province, each place once."""
    from zjtx.site.pages import build_pages

    pages = build_pages(site_data)
    for path, provinces in (("finder/index.md", ["内蒙古自治区", "吉林省", "浙江省", "山东省", "湖北省"]),
                            ("en/finder/index.md", ["Inner Mongolia", "Jilin", "Zhejiang", "Shandong", "Hubei"])):
        groups = dict(re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', pages[path]))
        assert list(groups) == provinces
        values = [v for body in groups.values() for v in re.findall(r'value="([^"]+)"', body)]
        assert sorted(values) == sorted(site_data.documents)
        assert 'value="changchun-2022"' in groups[provinces[1]]


def test_finder_lists_the_little_giant_awards_from_its_address(page, server) -> None:
    page.goto(server + "finder/?tier=little_giant")
    page.wait_for_selector("[data-finder-results] [data-provision]")
    found = page.locator("[data-finder-results] [data-provision]").evaluate_all(
        "items => items.map(i => [i.dataset.provision, i.textContent])")
    by_id = dict(found)
    assert "baotou-2023/3.1.2" in by_id and "hubei-2023/9" in by_id
    assert "100 万元" in by_id["baotou-2023/3.1.2"] and "50 万元" in by_id["hubei-2023/9"]
    assert "市工信局" in by_id["baotou-2023/3.1.2"]  # its responsible units
    results = page.locator("[data-finder-results]").inner_text()
    assert "征求意见稿" in results  # Baotou's status
    page.goto(server + "en/finder/?tier=little_giant")
    page.wait_for_selector("[data-finder-results] [data-provision]")
    english = page.locator("[data-finder-results]").inner_text()
    assert "1,000,000 yuan" in english and "draft for comment" in english


def test_the_finder_fetches_only_the_chosen_places(page, server) -> None:
    """Its data is one file per document: the reader's browser fetches those of the places chosen."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/finder/data/" in r.url else None)
    page.goto(server + "finder/?place=hubei-2023&tier=little_giant")
    page.wait_for_selector("[data-finder-results] [data-provision]")
    ids = page.locator("[data-finder-results] [data-provision]").evaluate_all("i => i.map(x => x.dataset.provision)")
    assert ids and all(i.startswith("hubei-2023/") for i in ids)
    assert fetched == [server + "finder/data/hubei-2023.json"]


def test_the_finder_asks_for_places_past_its_limit(page, server) -> None:
    """With more documents than one page's worth and no place chosen, it fetches nothing and says what to do
    (the limit lowered to 2 in the page as served, as if the corpus were larger)."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/finder/data/" in r.url else None)

    def lowered(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace('data-limit="10"', 'data-limit="2"'))

    page.route(server + "en/finder/*", lowered)
    page.goto(server + "en/finder/?tier=little_giant")
    assert "Choose at most 2 places (of 5)" in page.locator(".zjtx-finder-results").inner_text()
    assert fetched == []
    page.goto(server + "en/finder/?tier=little_giant&place=baotou-2023&place=hubei-2023")
    page.wait_for_selector("[data-finder-results] [data-provision]")
    assert sorted(fetched) == [server + f"en/finder/data/{d}.json" for d in ("baotou-2023", "hubei-2023")]


# ---------------------------------------------------------------- phones and accessibility


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    yield context
    context.close()


@pytest.mark.parametrize("name", EDITION_PAGES)
def test_no_page_scrolls_sideways_on_a_phone(phone, server, name: str) -> None:
    pg = phone.new_page()
    pg.goto(server + EDITION_PAGES[name])
    pg.wait_for_load_state("networkidle")
    overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    small = pg.evaluate("""() => [...document.querySelectorAll('.md-content *')].filter(e => e.childNodes.length &&
        [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && e.offsetParent !== null &&
        parseFloat(getComputedStyle(e).fontSize) < 11).map(e => e.tagName + ': ' + e.textContent.slice(0, 30))""")
    pg.close()
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 390px"
    assert small == [], small[:5]


@pytest.fixture(scope="module")
def axe_pages(browser):
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: `make test` installs it from package-lock.json (npm ci)")
    contexts = {"light": browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900}),
                "dark": browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900},
                                            color_scheme="dark"),
                "phone": browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844}, is_mobile=True)}
    # the dark scheme as the theme's own switch leaves it: stored before the page loads, so no colour transition
    # is under way while axe measures contrast
    contexts["dark"].add_init_script("""localStorage.setItem(new URL('/', location).pathname + '.__palette',
        JSON.stringify({index: 1, color: {media: '', scheme: 'slate', primary: 'custom', accent: 'custom'}}))""")
    yield contexts
    for context in contexts.values():
        context.close()


AXE_PAGES = list(EDITION_PAGES)  # every page type of both editions


@pytest.mark.parametrize("scheme", ["light", "dark", "phone"])
@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violation(axe_pages, server, name: str, scheme: str) -> None:
    pg = axe_pages[scheme].new_page()
    pg.goto(server + EDITION_PAGES[name])
    pg.wait_for_load_state("networkidle")
    if scheme == "dark":
        assert pg.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    pg.close()
    serious = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)[:1500]


# ---------------------------------------------------------------- questions across places (agency functions, money)


def test_the_units_page_groups_every_unit_by_its_function(site_data) -> None:
    """"Which kind of agency leads most measures, across places?": the units page counts responsibilities per
    function (one row per function in use, its count the sum of its units'), in both editions."""
    from zjtx.site.pages import build_pages

    pages = build_pages(site_data)
    rows = site_data.records["responsibilities"]
    function_of = {a["agency_id"]: a["function"] for a in site_data.records["agencies"]}
    expected = {f: sum(function_of[r["agency_id"]] == f for r in rows) for f in set(function_of.values())}
    for path, lang in (("compare/units.md", 0), ("en/compare/units.md", 1)):
        table = re.search(r'<table[^>]*id="functions".*?</table>', pages[path], re.S)
        assert table, path
        shown = {}
        for row in re.findall(r"<tr>(.*?)</tr>", table.group(0), re.S)[1:]:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            shown[re.sub(r"<[^>]+>", "", cells[0]).strip()] = int(re.sub(r"<[^>]+>", "", cells[3]))
        titles = {site_data.title("agency_function", f)[lang]: n for f, n in expected.items() if n}
        assert shown == titles, path


def test_the_finder_filters_by_the_responsible_units_function(site_data) -> None:
    """The finder offers the functions of the units its provisions name, and each provision's file says which
    functions it names (finder.js keeps a provision when the chosen function is among them)."""
    import json

    from zjtx.site.pages import build_pages
    from zjtx.site.pages.common import ZH
    from zjtx.site.pages.finder import finder_files

    page = build_pages(site_data)["finder/index.md"]
    select = re.search(r'<select name="function">(.*?)</select>', page, re.S)
    assert select and 'value="industry_it"' in select.group(1)
    files = dict(finder_files(site_data, ZH))
    by_id = {p["id"]: p for body in files.values() for p in json.loads(body)["provisions"]}
    function_of = {a["agency_id"]: a["function"] for a in site_data.records["agencies"]}
    for r in site_data.records["responsibilities"]:
        assert function_of[r["agency_id"]] in by_id[r["provision_id"]]["functions"]


def test_the_money_page_separates_what_firms_are_paid_from_other_figures(site_data) -> None:
    """Thresholds and tax rules are listed apart from money paid to firms, by the amounts' paid_to_firm."""
    from zjtx.site.html import esc
    from zjtx.site.pages import build_pages

    page = build_pages(site_data)["en/compare/money.md"]
    paid_part, not_paid = page.split("{#not-paid}", 1)
    paid_part = paid_part.split("{#by-basis}", 1)[1]
    not_paid = not_paid.split("{#all-amounts}", 1)[0]
    for a in site_data.records["amounts"]:
        if a["basis"] == "tier_recognition":
            continue
        assert esc(a["purpose_en"]) in (paid_part if a["paid_to_firm"] else not_paid), a["amount_id"]


def test_a_provision_not_yet_translated_shows_its_chinese_with_a_mark_and_the_home_page_counts_coverage(
        site_data) -> None:
    """Translations may follow a document (translation_status pending): the English edition shows such a
    provision's Chinese text under a clear mark, and its home page says how many provisions are translated."""
    import copy

    from zjtx.site.pages import build_pages
    from zjtx.site.pages.common import NOT_YET_TRANSLATED

    pending = copy.copy(site_data)
    pending.translations = {k: v for k, v in site_data.translations.items() if not k.startswith("qingdao-2018/")}
    pages = build_pages(pending)
    qingdao = pages["en/documents/qingdao-2018.md"]
    count = sum(p["document_id"] == "qingdao-2018" for p in site_data.records["provisions"])
    assert qingdao.count(esc_text(NOT_YET_TRANSLATED)) == count
    assert esc_text(NOT_YET_TRANSLATED) not in pages["en/documents/hubei-2023.md"]
    total = len(site_data.records["provisions"])
    assert f'data-coverage="{total - count}/{total}"' in pages["en/index.md"]
    assert f'data-coverage="{total}/{total}"' in build_pages(site_data)["en/index.md"]
    assert "data-coverage" not in pages["index.md"]


def esc_text(text: str) -> str:
    from zjtx.site.html import esc

    return esc(text)
