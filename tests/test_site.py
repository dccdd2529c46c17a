"""The site as a reader meets it: built from the package with `--strict`, self-contained, searchable in
Chinese, every provision anchored, and driven in Debian's chromium through Playwright (no browser download).

Screenshots of every page type are written to screenshots/ (git-ignored) for a human to look at."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import markdown
import pytest
import yaml

from zjtx import paths
from zjtx.site.pages import common as pages
from zjtx.site.pages.documents import document_markdown, fact_anchor

SCREENSHOTS = paths.ROOT / "screenshots"
EXTERNAL_REF = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
CSS_EXTERNAL = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:https?:)?//""", re.I)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# ---------------------------------------------------------------- the build


def test_every_document_page_anchors_every_provision_and_fact(site: Path, site_data) -> None:
    for doc in site_data.documents.values():
        html = (site / "documents" / doc["document_id"] / "index.html").read_text(encoding="utf-8")
        for p in doc["provisions"]:
            assert f'id="{pages.anchor(p["provision_id"])}"' in html, p["provision_id"]
            for fact in p["targets"] + p["amounts"]:
                fact_id = fact.get("target_id") or fact["amount_id"]
                assert f'id="{pages.anchor(p["provision_id"])}-{fact_id.rsplit("/", 1)[1]}"' in html, fact_id


def test_document_page_shows_the_whole_normalised_text(site: Path, site_data) -> None:
    """Every line of the text (provisions, cover letter, signature) is on the page, in order."""
    import html as html_lib

    for doc_id, text in site_data.texts.items():
        page_html = (site / "documents" / doc_id / "index.html").read_text(encoding="utf-8")
        visible = html_lib.unescape(re.sub(r"<[^>]+>", "", page_html))
        position = 0
        for line in (ln.strip() for ln in text.splitlines()):
            if not line:
                continue
            found = visible.find(line, position)
            assert found >= 0, f"{doc_id}: line not on the page (or out of order): {line[:40]}"
            position = found


LINK = re.compile(r'(?:href|src)="([^"#?][^"]*)"')


def test_every_local_link_and_anchor_resolves(site: Path, site_data) -> None:
    """No broken link: generated pages link with hand-computed relative URLs, which MkDocs cannot check."""
    import html as html_lib
    from urllib.parse import unquote, urljoin

    ids_of: dict[Path, set[str]] = {}
    broken = []
    # 404.html, served at any address, links from the site's path on its host (a project site's /<name>/)
    site_path = urlparse(site_data.package["homepage"]).path
    for page in html_pages(site):
        base = "/" + page.relative_to(site).as_posix()
        for raw in LINK.findall(page.read_text(encoding="utf-8")):
            url = urlparse(urljoin(base, html_lib.unescape(raw)))
            if url.scheme or url.netloc:
                continue
            path = unquote(url.path)
            if page.name == "404.html" and path.startswith(site_path):
                path = "/" + path.removeprefix(site_path)
            target = site / path.lstrip("/")
            if target.is_dir() or url.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {raw}")
                continue
            if url.fragment and target.suffix == ".html":
                if target not in ids_of:
                    ids_of[target] = set(re.findall(r'id="([^"]+)"', target.read_text(encoding="utf-8")))
                if url.fragment not in ids_of[target]:
                    broken.append(f"{page.relative_to(site)} -> {raw} (no such anchor)")
    assert broken == [], broken[:20]


NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link')


def test_each_page_carries_its_own_editions_nav_open_where_it_stands(site: Path) -> None:
    """Every page's sidebar lists its own edition and, of the other, only the home page (the other edition's
    entries were half of each page's nav); one tab is current; and a page the sidebar does not list (a policy
    area, page n of a list, a document at national scale) has the sidebar open at the page that stands for it."""
    from urllib.parse import urljoin

    problems = []
    pages_seen = 0
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        if rel == "404.html" or rel.startswith(("api/", "pagefind/", "downloads/")):
            continue
        html = page.read_text(encoding="utf-8")
        if "md-nav--primary" not in html:
            continue
        pages_seen += 1
        english = rel.startswith("en/")
        other = {urljoin("/" + rel, href) for href in NAV_LINK.findall(html)} - {"/en/" if not english else "/"}
        foreign = sorted(u for u in other if u.startswith("/en/") != english)
        if foreign:
            problems.append(f"{rel}: nav links the other edition's {foreign[:3]}")
        if html.count("md-tabs__item--active") != 1:
            problems.append(f"{rel}: {html.count('md-tabs__item--active')} current tabs")
        if "md-nav__item--active" not in html:
            problems.append(f"{rel}: the sidebar is open nowhere")
    assert pages_seen > 50 and problems == [], problems[:10]


NAV_ENTRY = re.compile(r'<a href="([^"]*)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*([^<]*?)\s*<')


@pytest.mark.parametrize("home", ["index.html", "en/index.html"])
def test_the_sidebar_shows_every_entry_of_the_nav_under_its_own_name(site: Path, site_data, home: str) -> None:
    """Each entry of the nav (pages.build_nav) is a link of the sidebar with its own title, except a section's
    first entry when it is an index.md: that is the section's own link, under its title (Material's
    navigation.indexes: the edition's home, all documents). Material takes any index.md of a section for it,
    which hid "Policy areas" (compare/policy-areas/index.md, the fourth entry) behind "Compare"."""
    from urllib.parse import urljoin

    from zjtx.site.pages import build_nav

    def entries(nav: list, section: str) -> list[tuple[str, str]]:
        out = []
        for position, item in enumerate(nav):
            for title, value in item.items():
                if isinstance(value, list):
                    out += entries(value, title)
                else:  # a section's first entry, if an index.md, is the section's link (and only then, by design)
                    out.append((section if position == 0 and value.endswith("index.md") else title, value))
        return out

    nav = build_nav(site_data)[1 if home.startswith("en/") else 0]
    html = (site / home).read_text(encoding="utf-8")
    shown = {(title, urljoin("/" + home, href)) for href, title in NAV_ENTRY.findall(html)}
    def url(path: str) -> str:  # documents/index.md -> /documents/, glossary.md -> /glossary/
        stem = path.removesuffix(".md").removesuffix("index")
        return "/" + (stem + "/" if stem and not stem.endswith("/") else stem)

    (edition, items), = nav.items()
    wanted = {(title, url(path)) for title, path in entries(items, edition)}
    assert wanted - shown == set()


class ElementIds(HTMLParser):
    """The ids of the elements of an HTML fragment, headings apart (Markdown writes those)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if not re.fullmatch(r"h[1-6]", tag):
            self.ids |= {v for k, v in attrs if k == "id"}


def markdown_extensions() -> list[str]:
    config = yaml.safe_load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]


def test_raw_blocks_render_as_markdown_renders_them(site_data) -> None:
    """Every generated page renders the same with the raw-HTML extension (blocks stored unparsed) as Markdown
    renders it without the extension and the marks (blank lines apart), and the anchors the hooks add for
    MkDocs' link check are the ids of the page's elements."""
    from zjtx.site.pages import build_pages
    from zjtx.site.raw_html import MARK, anchor_ids

    fast = markdown_extensions()
    slow = [e for e in fast if e != "zjtx.site.raw_html"]
    assert slow != fast, "mkdocs.yml loads zjtx.site.raw_html"

    def render(source: str, extensions: list[str]) -> str:
        return "\n".join(line for line in markdown.markdown(source, extensions=extensions).split("\n") if line.strip())

    pages_seen = blocks = 0
    for path, page in build_pages(site_data, "# x\n").items():
        source = page.split("---\n", 2)[2] if page.startswith("---\n") else page
        if MARK not in source:
            continue
        pages_seen += 1
        blocks += source.count(MARK)
        fast_html = render(source, fast)
        assert fast_html == render(source.replace(MARK, ""), slow), path
        parser = ElementIds()
        parser.feed(fast_html)
        assert anchor_ids(source) == parser.ids, path
    assert pages_seen > 40 and blocks > 500


def test_the_anchors_inside_raw_blocks_reach_mkdocs_link_check(site_data) -> None:
    """MkDocs checks Markdown links to #anchors (strict) against the ids it saw; the blocks it no longer parses
    give theirs through the hooks, so a link from CHANGELOG or CONTRIBUTING to an amount or target still passes."""
    from types import SimpleNamespace

    from zjtx.site import hooks

    doc = site_data.documents["hubei-2023"]
    page = SimpleNamespace(present_anchor_ids={"full-text"}, markdown=document_markdown(doc, site_data))
    assert hooks.on_page_content("<p>x</p>", page, None, None) == "<p>x</p>"
    facts = {fact_anchor(p, f[key]) for p in doc["provisions"]
             for kind, key in (("amounts", "amount_id"), ("targets", "target_id")) for f in p[kind]}
    assert len(facts) > 10 and facts <= page.present_anchor_ids and "full-text" in page.present_anchor_ids


def test_amounts_shown_in_wan_and_yuan(site: Path) -> None:
    html = (site / "documents" / "hubei-2023" / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "documents" / "hubei-2023" / "index.html").read_text(encoding="utf-8")
    # 国家认定的专精特新“小巨人”企业,省财政给予一次性50万元奖励 (hubei-2023/9/a1, 500000 yuan)
    assert "50 万元" in html and "500,000 yuan (50 万元)" in english


class Loads(HTMLParser):
    """Every reference a page makes that the browser fetches (scripts, styles, images, frames, forms …);
    links a reader may follow (<a href>) are not fetches."""

    FETCHED = frozenset({("script", "src"), ("img", "src"), ("img", "srcset"), ("link", "href"), ("iframe", "src"),
               ("source", "src"), ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"),
               ("object", "data"), ("embed", "src"), ("form", "action")})

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "link" and (dict(attrs).get("rel") or "").split() in (["canonical"], ["alternate"]):
            return  # the page's own published address: named, never fetched
        for key, value in attrs:
            if (tag, key) in self.FETCHED and re.match(r"\s*(https?:)?//", value or ""):
                self.found.append(f"<{tag} {key}={value}>")


def test_no_page_references_another_host(site: Path) -> None:
    """The site works offline and from mainland China: nothing it loads comes from another host."""
    offenders = []
    for page in html_pages(site):
        parser = Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(site)}: {x}" for x in parser.found]
    offenders += [f"{p.relative_to(site)}: {m.group(0)}" for p in site.rglob("*.css")
                  for m in CSS_EXTERNAL.finditer(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_nothing_published_names_a_placeholder_host(site: Path, built: Path) -> None:
    for folder in (site, built / "dist"):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".md", ".cff", ".csv", ".yaml"):
                assert "example.invalid" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_downloads_are_the_release_files(site: Path, built: Path) -> None:
    sums = (built / "dist" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    downloads_html = (site / "data" / "downloads" / "index.html").read_text(encoding="utf-8")
    for line in sums:
        digest, rel = line.split("  ", 1)
        assert hashlib.sha256((site / "downloads" / rel).read_bytes()).hexdigest() == digest, rel
        assert digest in downloads_html and rel in downloads_html


def test_status_is_read_from_the_text_on_the_release_date(site_data) -> None:
    docs = site_data.documents
    assert "draft for comment" in pages.status_as_of(docs["baotou-2023"])
    assert "has ended" in pages.status_as_of(docs["qingdao-2018"])  # plan 2018–2021
    assert "states no end date" in pages.status_as_of(docs["changchun-2022"])


def test_untrusted_text_renders_as_text(site_data) -> None:
    """A heading or purpose holding HTML or Markdown is shown literally, never executed or formatted."""
    doc = json.loads(json.dumps(site_data.documents["hubei-2023"]))
    evil = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) {#id .cls}"
    first = doc["provisions"][0]
    first["heading"] = evil
    first["classification_note"] = evil
    next(p for p in doc["provisions"] if p["amounts"])["amounts"][0]["purpose"] = evil
    source = document_markdown(doc, site_data).split("---\n", 2)[2]
    html = markdown.markdown(source, extensions=markdown_extensions())
    assert "<script>" not in html and "<strong>bold</strong>" not in html and 'href="javascript' not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3
    assert "**bold**" in html


# ---------------------------------------------------------------- in the browser

PAGE_TYPES = {
    "home": "",
    "documents": "documents/",
    "document": "documents/baotou-2023/",
    "money": "compare/money/",
    "targets": "compare/targets/",
    "units": "compare/units/",
    "policy-areas": "compare/policy-areas/",
    "policy-area": "compare/policy-areas/fiscal_rewards/",
    "dictionary": "data/dictionary/",
    "codelists": "data/codelists/",
    "downloads": "data/downloads/",
    "changelog": "changelog/",
    "contributing": "contributing/",
    "normalisation": "normalisation/",
}


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_type_loads_from_this_host_only(page, server, name: str) -> None:
    response = page.goto(server + PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    assert response is not None and response.ok
    assert page.locator("h1").first.is_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    assert page.external_requests == []
    assert page.csp_violations == [], page.csp_violations  # the policy allows everything the site itself runs


def reward_provisions(site_data) -> set[str]:
    """Provisions that pay a one-off amount to a 小巨人 (little giant) firm: Baotou 3.1.2 and Hubei 9."""
    return {a["provision_id"] for d in site_data.documents.values() for p in d["provisions"]
            for a in p["amounts"] if a["tier"] == "little_giant"}


def test_search_finds_the_little_giant_rewards_and_lands_on_the_provision(page, server, site_data) -> None:
    wanted = reward_provisions(site_data)
    assert {pid.split("/")[0] for pid in wanted} == {"baotou-2023", "hubei-2023"}
    page.goto(server)
    page.wait_for_load_state("networkidle")
    page.fill(".zjtx-header-search input[name=q]", "小巨人 奖励")  # the header's box, as a reader starts
    page.press(".zjtx-header-search input[name=q]", "Enter")
    page.wait_for_selector(".zjtx-search[data-state=done]")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search.png"))
    found = page.locator("[data-search-results] li[data-provision]").evaluate_all(
        "items => items.map(i => i.dataset.provision)")
    assert wanted <= set(found[:5]), found
    target = sorted(wanted)[-1]
    link = page.locator(f'[data-search-results] li[data-provision="{target}"] h2 a')
    assert link.get_attribute("href").endswith(f"documents/{target.split('/')[0]}/#{pages.anchor(target)}")
    link.click()
    page.wait_for_url("**#" + pages.anchor(target))
    page.wait_for_load_state("networkidle")
    box = page.locator(f"#{pages.anchor(target)}").bounding_box()
    assert box is not None and 0 <= box["y"] < 300, box
    assert page.external_requests == []


def test_permalink_lands_on_its_provision(page, server, site_data) -> None:
    provision = site_data.by_provision["baotou-2023/3.1.2"]
    page.goto(server + "documents/baotou-2023/#p-3-1-2")
    page.wait_for_load_state("networkidle")
    heading = page.locator("#p-3-1-2")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 300, box
    assert provision["label"] + provision["heading"] in heading.inner_text()


def test_money_table_filters_and_sorts(page, server, site_data) -> None:
    page.goto(server + "compare/money/")
    page.wait_for_load_state("networkidle")
    total = len(site_data.records["amounts"])
    expected = sum(1 for a in site_data.records["amounts"] if a["tier"] == "little_giant")
    page.select_option("select[data-filter=tier]", "little_giant")
    rows = page.locator("#money tbody tr:not([hidden])")
    assert rows.count() == expected
    assert page.locator(".zjtx-count").inner_text() == f"{expected} / {total}"
    page.select_option("select[data-filter=tier]", "")
    page.locator("#money thead th").nth(5).click()  # 金额 Amount: ascending
    keys = [float(v) for v in page.locator("#money tbody tr td:nth-child(6)").evaluate_all(
        "cells => cells.map(c => c.dataset.sort)")]
    assert keys == sorted(keys) and len(keys) == total


@pytest.mark.parametrize("path", ["documents/hubei-2023/", "compare/money/"])
def test_pages_fit_a_phone_screen(browser, server, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    pg = context.new_page()
    pg.goto(server + path)
    pg.wait_for_load_state("networkidle")
    overflow = pg.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    SCREENSHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"phone-{path.strip('/').replace('/', '-')}.png"))
    context.close()
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"


def test_the_preview_server_says_nothing_when_a_browser_leaves_a_page_mid_file(tmp_path: Path, capfd) -> None:
    """A page closed while a file is still being sent (what browsers do) is no error: no traceback in the output
    of the tests, the benchmark or `make serve`; the next request is served."""
    import socket
    import struct
    import time
    import urllib.request

    from zjtx.site.preview import served

    (tmp_path / "big.txt").write_bytes(b"x" * 20_000_000)
    with served(tmp_path) as base:
        port = int(base.rstrip("/").rsplit(":", 1)[1])
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(b"GET /big.txt HTTP/1.1\r\nHost: localhost\r\n\r\n")
        client.recv(1000)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, as a closed tab
        client.close()
        time.sleep(0.5)
        assert urllib.request.urlopen(base + "big.txt").read(3) == b"xxx"
    assert "Exception occurred" not in capfd.readouterr().err
