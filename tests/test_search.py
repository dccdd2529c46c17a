"""Search finds the provision: the readers' queries of tests/search_queries.csv (a copy of the project's
shared list) through search/?q=…, English words, filters held in the address, nothing fetched before a search,
nothing from another host, and records that carry the data only as text. Uses the site built once by the
fixtures of tests/conftest.py."""

from __future__ import annotations

import csv
import json
import posixpath
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from zjtx.site.pages import common
from zjtx.site.search_records import (
    GROUP_SIZE,
    glossary_hits,
    group_record,
    provision_section,
    search_records,
    short_forms,
)

QUERIES = list(csv.DictReader((Path(__file__).parent / "search_queries.csv").open(encoding="utf-8")))
RESULTS = "[data-search-results] li[data-provision]"


def search(page, server: str, query: str = "", edition: str = "", **filters: str | list[str]) -> list[str]:
    """The provision ids of every result shown (first page of results), in rank order."""
    params = [("q", query)] if query else []
    for name, value in filters.items():
        params += [(name, v) for v in (value if isinstance(value, list) else [value])]
    page.goto(server + edition + "search/?" + "&".join(f"{k}={quote(v)}" for k, v in params))
    page.wait_for_selector(".zjtx-search[data-state=done]")
    return page.locator(RESULTS).evaluate_all("items => items.map(i => i.dataset.provision)")


def search_results(page) -> list[str]:
    return page.locator(RESULTS).evaluate_all("items => items.map(i => i.dataset.provision)")


def shown_count(page) -> int:
    text = page.locator(".zjtx-search-status").inner_text()
    numbers = re.findall(r"\d+", text)
    return int(numbers[0]) if numbers else 0


# ---------------------------------------------------------------- the records (no browser)


def test_every_provision_is_one_section_of_one_record_with_its_permalink_id(site: Path, site_data) -> None:
    records = search_records(site_data)
    provisions = [p for d in site_data.documents.values() for p in d["provisions"]]
    assert [pid for r in records for pid in r.provisions] == [p["provision_id"] for p in provisions]
    assert all(0 < len(r.provisions) <= GROUP_SIZE and len({pid.split("/")[0] for pid in r.provisions}) == 1
               for r in records)
    for record in records:
        doc = record.provisions[0].split("/")[0]
        assert record.url == f"documents/{doc}/"
        page = (site / record.url / "index.html").read_text(encoding="utf-8")
        items = json.loads(re.search(r'data-pagefind-meta="items\[data-value\]" data-value="([^"]*)"',
                                     record.html).group(1).replace("&quot;", '"').replace("&amp;", "&"))
        assert [i["provision"] for i in items] == list(record.provisions)
        for item in items:  # the section's heading carries the permalink's id, which exists on the page
            assert item["id"] == common.anchor(item["provision"])
            assert f'<h2 id="{item["id"]}">' in record.html and f'id="{item["id"]}"' in page, item
            # the provision's texts are words of the record, between markers, not meta (which Pagefind indexes
            # and stores again): the English page cuts them out (test below)
            assert not {"text", "text_en"} & item.keys()
            provision = site_data.by_provision[item["provision"]]
            assert f'<span id="{item["id"]}:zh"></span>' in record.html
            assert (f'<span id="{item["id"]}:en"></span>' in record.html) == bool(provision["text_en"])
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] == len(records) < len(provisions)


def test_a_records_filters_are_its_documents_and_the_union_of_its_provisions(site_data) -> None:
    doc = site_data.documents["baotou-2023"]
    record = next(r for r in search_records(site_data) if r.provisions[0].startswith("baotou-2023/")
                  and any(p["amounts"] for p in doc["provisions"] if p["provision_id"] in r.provisions))
    filters = set(re.findall(r'data-pagefind-filter="(\w+)\[data-value\]" data-value="([^"]*)"', record.html))
    assert ("place", doc["region_code"]) in filters and ("status", "draft") in filters
    assert ("has", "amount") in filters


def test_records_carry_hostile_text_only_as_text(site_data) -> None:
    doc = next(iter(site_data.documents.values()))
    p = dict(doc["provisions"][0], heading="<script>alert(1)</script>", heading_en='"><img src=x onerror=alert(1)>')
    html = group_record(doc, [provision_section(p, doc, "<b>own</b>", site_data)], site_data).html
    assert "<script>alert" not in html and "<img" not in html and "<b>own" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_records_hold_the_forms_readers_type() -> None:
    assert short_forms(["市工信局", "市财政局", "县科技局", "工信局"]) == [
        "市工信局", "工信局", "市财政局", "财政局", "县科技局", "科技局"]
    glossary = [{"term_zh": "首台(套)", "zh_forms": ["首台(套)", "首台套"], "term_en": "first-of-its-kind"}]
    assert glossary_hits("支持首台(套)装备", glossary) == ["首台(套)", "首台套", "first-of-its-kind"]
    assert glossary_hits("支持装备", glossary) == []


def test_every_page_has_the_header_search_box_leading_to_the_search_page(site: Path, site_data) -> None:
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts and "downloads" not in p.parts]
    assert len(pages) > 50
    for path in pages:
        source = path.read_text(encoding="utf-8")
        form = re.search(r'<form class="zjtx-header-search"[^>]*action="([^"]+)"', source)
        assert form, path
        edition = "en/" if path.relative_to(site).parts[0] == "en" else ""
        if path.name == "404.html":  # served at any address: its links start at the site's root path
            assert form.group(1) == urlparse(site_data.package["homepage"]).path + "search/"
            continue
        target = posixpath.normpath(posixpath.join(path.parent.relative_to(site).as_posix(), form.group(1)))
        assert target == edition + "search", (path, form.group(1))
        assert 'rel="search" type="application/opensearchdescription+xml"' in source, path
    assert not (site / "search" / "search_index.json").exists()  # Material's whole-site index is gone


def test_opensearch_description_points_at_the_search_page(site: Path, site_data) -> None:
    root = ET.fromstring((site / "opensearch.xml").read_text(encoding="utf-8"))
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    url = root.find("os:Url", ns)
    assert url is not None and url.get("type") == "text/html"
    assert url.get("template") == site_data.package["homepage"] + "search/?q={searchTerms}"
    assert 0 < len(root.findtext("os:ShortName", namespaces=ns)) <= 16  # the spec's limit


# ---------------------------------------------------------------- the readers' queries (browser)


@pytest.mark.parametrize("row", QUERIES, ids=[q["query"] for q in QUERIES])
def test_readers_query_finds_the_provisions_it_should(page, server, row: dict) -> None:
    """One expected provision in the first five results, all of them in the first ten."""
    found = search(page, server, row["query"])
    expected = row["relevant_provisions"].split()
    assert any(p in found[:5] for p in expected), (row["query"], found[:10])
    assert all(p in found[:10] for p in expected), (row["query"], found[:10])
    assert page.external_requests == [] and page.csp_violations == []


@pytest.mark.parametrize("query, expected", [
    ("R&D", "baotou-2023/3.2.4"), ("patent", "hubei-2023/3"), ("listing", "changchun-2022/2.6.17"),
    ("subsidy", "qingdao-2018/3.2"), ("little giant", "baotou-2023/3.1.2"), ("IPO", "qingdao-2018/3.6")])
def test_english_words_find_provisions_on_the_english_page(page, server, query: str, expected: str) -> None:
    found = search(page, server, query, edition="en/")
    assert expected in found[:10], found[:10]
    first = page.locator(f"{RESULTS} h2 a").first.get_attribute("href")
    assert "/en/documents/" in first  # English results lead to the English edition


@pytest.mark.parametrize("query, expected", [
    ("工信局", "baotou-2023/3.3.7"), ("财政局", "baotou-2023/3.4.11"), ("上云", "changchun-2022/2.4.10"),
    ("首台", "changchun-2022/2.2.6"), ("担保", "hubei-2023/9")])
def test_short_names_and_terms_of_art_find_provisions(page, server, site_data, query: str,
                                                         expected: str) -> None:
    """Results whose text holds the words as typed come before results that only hold parts of them, and the
    expected provision is among the results."""
    first = search(page, server, query)[:10]
    holds = [query in site_data.by_provision[pid]["text"] for pid in first]
    assert holds[0] and holds == sorted(holds, reverse=True), (query, list(zip(first, holds, strict=True)))
    assert expected in first or expected in all_results(page), (query, first)


def test_a_result_shows_place_level_status_heading_snippet_and_links_to_the_permalink(page, server,
                                                                                      site_data) -> None:
    found = search(page, server, "小巨人 奖励")
    first = page.locator(RESULTS).first
    doc = site_data.documents[found[0].split("/")[0]]
    badge = first.locator(".zjtx-search-badge").inner_text()
    assert doc["region_name"] in badge and "地市级" in badge and "征求意见稿" in badge
    assert first.locator("mark").count() >= 1  # the query is highlighted in the snippet
    first.locator("h2 a").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"documents/{doc['document_id']}/#{common.anchor(found[0])}")
    assert page.locator(f"#{common.anchor(found[0])}").count() == 1


@pytest.mark.parametrize("query", ["融资", "小巨人", "R&D", "贷款贴息"])
def test_a_chinese_snippet_never_starts_on_the_punctuation_that_closed_the_words_before_it(page, server,
                                                                                           query: str) -> None:
    """Pagefind's excerpt starts at a word, and ")" "、" "。" are words to it: "(六)加强直接融资对接服务" came out
    as ")加强直接融资对接服务 …". The page starts a passage that Pagefind cut there after that punctuation."""
    assert search(page, server, query)
    snippets = page.locator(f"{RESULTS} .zjtx-search-snippet").all_inner_texts()
    assert snippets
    for text in snippets:
        assert not re.match(r"[)）\]】」』”’、,，.。;；:：!！?？]", text), text


@pytest.mark.parametrize("query", ['""', "%", "？！", "<>"])
def test_a_query_without_words_finds_nothing_and_says_so(page, server, query: str) -> None:
    assert search(page, server, query) == []
    assert page.locator(".zjtx-search").get_attribute("data-state") == "done"
    assert "没有找到条款" in page.locator(".zjtx-search-status").inner_text()


# ---------------------------------------------------------------- filters, in the address


def provisions(site_data) -> list[dict]:
    return [p for d in site_data.documents.values() for p in d["provisions"]]


def all_results(page) -> list[str]:
    """Every result, after asking for more until the page says it has listed them all."""
    while page.locator(".zjtx-search-more").is_visible():
        page.click(".zjtx-search-more")
        page.wait_for_selector(".zjtx-search[data-state=done]")
    return search_results(page)


def test_filters_alone_list_exactly_the_matching_provisions(page, server, site_data) -> None:
    for has, wanted in (("amount", lambda p: p["amounts"]), ("target", lambda p: p["targets"]),
                        (["amount", "target"], lambda p: p["amounts"] and p["targets"])):
        search(page, server, has=has)
        found = all_results(page)
        expected = [p["provision_id"] for p in provisions(site_data) if wanted(p)]
        assert sorted(found) == sorted(expected) and shown_count(page) == len(expected), has
    search(page, server, status="draft")
    assert sorted(all_results(page)) == sorted(p["provision_id"] for p in provisions(site_data)
                                               if p["document_id"] == "baotou-2023")
    tier = [p for p in provisions(site_data) if any(x["tier"] == "little_giant" for x in p["amounts"] + p["targets"])]
    search(page, server, tier="little_giant")
    assert sorted(all_results(page)) == sorted(p["provision_id"] for p in tier)
    assert re.search(r"共 \d+ 项条款", page.locator(".zjtx-search-status").inner_text())


def test_more_results_continue_the_list_without_repeating(page, server) -> None:
    first = search(page, server, "企业")
    assert len(first) == 10 and page.locator(".zjtx-search-more").is_visible()
    everything = all_results(page)
    assert everything[:10] == first and len(everything) == len(set(everything)) > 10


def test_query_and_filters_combine_and_the_form_keeps_them(page, server, site_data) -> None:
    found = search(page, server, "数字化", level="county")
    county = {d["document_id"] for d in site_data.documents.values() if d["admin_level"] == "county"}
    assert found and all(p.split("/")[0] in county for p in found)
    assert page.locator(".zjtx-search-form select[name=level]").input_value() == "county"
    assert page.locator(".zjtx-search-form input[name=q]").input_value() == "数字化"
    page.select_option("select[name=area]", "digitalisation")
    page.click(".zjtx-search-form button[type=submit]")
    page.wait_for_selector(".zjtx-search[data-state=done]")
    assert "level=county" in page.url and "area=digitalisation" in page.url and "q=" in page.url
    assert set(search_results(page)) <= set(found)


# ---------------------------------------------------------------- what is fetched, and when


def pagefind_requests(page, server: str, path: str) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if "/pagefind/" in urlparse(r.url).path else None)
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    return seen


@pytest.mark.parametrize("path", ["", "en/", "documents/baotou-2023/", "search/", "en/search/"])
def test_nothing_of_the_index_is_fetched_before_a_search(page, server, path: str) -> None:
    assert pagefind_requests(page, server, path) == []


def test_the_header_box_searches_from_any_page(page, server) -> None:
    page.goto(server + "documents/hubei-2023/")
    page.fill(".zjtx-header-search input[name=q]", "融资")
    page.press(".zjtx-header-search input[name=q]", "Enter")
    page.wait_for_selector(".zjtx-search[data-state=done]")
    assert urlparse(page.url).path.endswith("/search/") and "q=%E8%9E%8D%E8%B5%84" in page.url
    assert page.external_requests == [] and page.csp_violations == []


def fake_pagefind(tmp_path: Path, monkeypatch, script: str) -> None:
    from zjtx.site import search_index

    exe = tmp_path / "pagefind"
    exe.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    exe.chmod(0o755)
    monkeypatch.setattr(search_index, "executable", lambda: exe)


def test_a_failing_indexer_fails_the_build_with_its_message(site_data, tmp_path: Path, monkeypatch) -> None:
    from zjtx.site import search_index

    fake_pagefind(tmp_path, monkeypatch, "echo 'no space left' >&2; exit 3")
    records = tmp_path / "records"
    search_index.write_records(search_records(site_data)[:3], records)
    with pytest.raises(search_index.SearchIndexFailed, match=r"Pagefind failed \(3\): no space left"):
        search_index.index(records, tmp_path / "site")
    assert not records.exists()


def test_a_failing_indexer_fails_zjtx_site_in_one_line_and_leaves_the_old_site(tmp_path: Path, monkeypatch) -> None:
    """Pagefind runs once both editions are built (editions.build): its failure ends the build with its message,
    and nothing of the new build is left beside the site it was to replace."""
    from zjtx.site import editions, search_index

    fake_pagefind(tmp_path, monkeypatch, "echo 'no space left' >&2; exit 3")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    calls = []
    popen = subprocess.Popen

    def builds(command, **kwargs):  # the two MkDocs builds, each having written its edition (the Chinese one
        if "mkdocs" not in command:  # also the records); Pagefind (the fake) is run
            return popen(command, **kwargs)
        out = Path(command[command.index("-d") + 1])
        out.mkdir(parents=True)
        if command[command.index("-f") + 1].endswith("mkdocs.yml"):
            search_index.write_records([], search_index.records_folder(out))
        calls.append(out)
        return popen(["true"], **kwargs)

    monkeypatch.setattr(subprocess, "Popen", builds)
    done = editions.build(tmp_path, site, "https://example.org/", {})
    assert done.returncode == 1 and "Pagefind failed (3): no space left" in done.errors
    assert len(calls) == 2 and sorted(p.name for p in tmp_path.iterdir()) == ["pagefind", "site"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"


@pytest.mark.parametrize("later", [True, False])
def test_a_plain_mkdocs_build_indexes_its_records_and_zjtx_site_later(tmp_path: Path, monkeypatch, later: bool) -> None:
    """`mkdocs build -f mkdocs.yml` (README: one edition per run) still gets its search index, from the Chinese
    build's own records; under `zjtx site` (editions.build sets LATER) the index waits for both editions."""
    from types import SimpleNamespace

    from zjtx.site import hooks, search_index

    indexed = []
    monkeypatch.setattr(search_index, "index", lambda folder, site: indexed.append((folder, site)))
    if later:
        monkeypatch.setenv(search_index.LATER, "1")
    else:
        monkeypatch.delenv(search_index.LATER, raising=False)
    site = tmp_path / "site"
    for language in ("zh", "en"):
        hooks.on_post_build(SimpleNamespace(theme={"language": language}, site_dir=str(site)))
    assert indexed == ([] if later else [(search_index.records_folder(site), site)])


def collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("query", ["little giant reward", "小巨人", "R&D"])
def test_an_english_result_shows_the_english_text_first_the_chinese_beneath_cut_between_words(
        page, server, site_data, query: str) -> None:
    found = search(page, server, query, edition="en/")
    assert found
    snippets = page.locator(RESULTS).evaluate_all(
        "items => items.map(i => Array.from(i.querySelectorAll('.zjtx-search-snippet'), "
        "p => [p.lang, p.textContent, Array.from(p.querySelectorAll('mark'), m => m.textContent)]))")
    marked = 0
    for pid, shown in zip(found, snippets, strict=True):
        english, chinese = site_data.translations.get(pid, ""), site_data.by_provision[pid]["text"]
        langs = [lang for lang, _, _ in shown]  # the Chinese beneath, where the provision has text of its own
        assert langs in ((["en", "zh"], ["en"]) if english else (["zh"],)), (pid, shown)
        for lang, text, marks in shown:
            # as a reader sees it: a run of white space (a line break of the text) shows as one space
            passage = collapsed(text.removeprefix("… ").removesuffix(" …"))
            whole = collapsed(english if lang == "en" else chinese)
            assert passage and passage in whole, (pid, lang, text)  # a passage of the provision's own text
            if lang == "en":  # cut between words: where the passage starts and ends, a space or the text's end
                at = whole.index(passage)
                assert at == 0 or whole[at - 1] == " ", (pid, text)
                assert at + len(passage) == len(whole) or whole[at + len(passage)] == " ", (pid, text)
                assert not re.search(r"[\u4e00-\u9fff]", passage) or re.search(r"[\u4e00-\u9fff]", english)
            marked += len(marks)
    assert marked  # the searched words are marked
