"""Hostile input cannot hurt readers or machines: a pull request's text reaches the site only as text, the
release writes only into its own folder, and paths in the data never leave the repository."""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support import build_site, read_rows, served, stage_repo, write_rows
from zjtx import model, package, paths
from zjtx.release import RefusedOutput, build_release

HOSTILE = ("\"'><script>alert(1)</script><img src=x onerror=alert(1)>"
           "<a href=\"javascript:alert(1)\">x</a><svg onload=alert(1)>{#id .cls} **b** [x](javascript:alert(1))")
MODEL = model.load(paths.ROOT)
# the site's path on its host (a project site's): 404.html, served at any address, loads the theme from there
SITE_PATH = re.escape(urlparse(json.loads(paths.HERE.datapackage.read_text(encoding="utf-8"))["homepage"])
                      .path.rstrip("/"))


def free_text_fields(resource: dict) -> list[str]:
    """Fields a contributor writes as free text: strings without a pattern or codelist (ids, codes, paths and
    hashes have patterns the validator enforces), and not the quotes, which must equal the text."""
    return [f["name"] for f in resource["fields"]
            if f["type"] == "string" and not f.get("pattern") and not f.get("codelist")
            and f["name"] not in ("quote", "text", "name_as_written", "value_as_written", "figure_as_written")]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = stage_repo(tmp_path_factory.mktemp("hostile"))
    for res in MODEL.resources.values():
        fields = free_text_fields(res)
        header, rows = read_rows(root / res["path"])
        for row in rows:
            for f in fields:
                row[f] = (row[f] + " " if row[f] else "") + HOSTILE
        write_rows(root / res["path"], header, rows)
    for cl in MODEL.codelists.values():
        header, rows = read_rows(root / cl.path)
        for row in rows:
            for f in ("title_zh", "title_en", "description"):
                row[f] = row[f] + " " + HOSTILE
        write_rows(root / cl.path, header, rows)
    return build_site(root)


class LiveMarkup(html.parser.HTMLParser):
    """Collects what would run or navigate: script elements that are not the site's own, event-handler
    attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key, value in attrs:
            if key.startswith("on"):
                self.found.append(f"<{tag} {key}=…>")
            if key in ("href", "src", "action", "xlink:href") and (value or "").strip().lower().startswith(
                    "javascript:"):
                self.found.append(f"<{tag} {key}={value}>")
        if tag == "script":
            src = values.get("src") or ""
            if src and not re.fullmatch(rf"({SITE_PATH})?/?(\.\./)*(\./)?(assets|search|pagefind)/[\w./-]+", src):
                self.found.append(f"<script src={src}>")
        if tag in ("img", "svg") and "x" == values.get("src"):
            self.found.append(f"<{tag} src=x>")


def test_hostile_text_in_every_field_renders_as_text(hostile_site: Path) -> None:
    pages = [p for p in hostile_site.rglob("*.html") if "downloads" not in p.relative_to(hostile_site).parts]
    assert pages
    for page in pages:
        source = page.read_text(encoding="utf-8")
        parser = LiveMarkup()
        parser.feed(source)
        assert parser.found == [], (page.relative_to(hostile_site), parser.found[:5])
    # the text is there, escaped: the reader sees exactly what the contributor wrote
    document = (hostile_site / "documents" / "hubei-2023" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document


def test_every_page_carries_a_content_security_policy(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head)
        assert policy, page
        assert "script-src 'self'" in policy.group(1) and "'unsafe-inline'" not in policy.group(1).split(
            "style-src")[0], page


# ---------------------------------------------------------------- the release's folder


def test_release_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "SHA256SUMS").write_text("not a release\n", encoding="utf-8")
    (out / "notes.txt").write_text("keep me\n", encoding="utf-8")
    with pytest.raises(RefusedOutput):
        build_release(out, package.load(paths.ROOT))
    assert sorted(p.name for p in out.iterdir()) == ["SHA256SUMS", "notes.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name != "mine"], "nothing written beside the folder"


def test_a_failed_release_leaves_the_previous_one_intact(tmp_path: Path, monkeypatch) -> None:
    from zjtx import release

    out = tmp_path / "dist"
    source = package.load(paths.ROOT)
    build_release(out, source)
    before = (out / "SHA256SUMS").read_bytes()

    def broken(*args: object) -> None:
        raise ValueError("disk full")

    monkeypatch.setattr(release, "write_parquet", broken)
    with pytest.raises(SystemExit, match="disk full"):
        build_release(out, source)
    assert (out / "SHA256SUMS").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"], "no temporary folder left behind"


def test_a_document_id_that_leaves_its_folder_is_refused_before_anything_is_written(package_copy: Path,
                                                                                     tmp_path: Path) -> None:
    header, rows = read_rows(package_copy / "data" / "documents.csv")
    rows[0]["document_id"] = "../../escaped-2022"
    write_rows(package_copy / "data" / "documents.csv", header, rows)
    with pytest.raises(SystemExit, match="does not match"):
        build_release(tmp_path / "dist", package.load(package_copy))
    assert not (tmp_path / "dist").exists() and not list(tmp_path.parent.glob("escaped*"))


def test_a_control_character_that_skipped_validation_fails_the_release_cleanly(package_copy: Path,
                                                                              tmp_path: Path) -> None:
    header, rows = read_rows(package_copy / "data" / "agencies.csv")
    rows[0]["note"] = "pasted\x0bfrom Word"
    write_rows(package_copy / "data" / "agencies.csv", header, rows)
    out = tmp_path / "releases" / "dist"
    refused = r"agencies record 1, field note, holds the control character U\+000B.*make validate"
    with pytest.raises(SystemExit, match=refused):
        build_release(out, package.load(package_copy))
    assert not out.parent.exists() or list(out.parent.iterdir()) == []  # nothing written, no temporary folder


@pytest.mark.parametrize(("field", "value", "refused"), [
    ("reason", "pasted\x0bfrom Word", r"text_repairs record 1, field reason, holds the control character U\+000B"),
    ("seq", "first", r"data/text_repairs.csv does not read cleanly \(record 1: 'first' is not of its field's "
                     r"type\); run `make validate`"),
], ids=["control-character", "not-a-number"])
def test_a_streamed_table_that_skipped_validation_fails_the_release_cleanly(package_copy: Path, tmp_path: Path,
                                                                          field: str, value: str,
                                                                          refused: str) -> None:
    """text_repairs is read row by row while the formats are written (package.STREAMED): a bad row found there
    still ends the release with one line and leaves nothing behind, the second process stopped."""
    header, rows = read_rows(package_copy / "data" / "text_repairs.csv")
    rows[0][field] = value
    write_rows(package_copy / "data" / "text_repairs.csv", header, rows)
    out = tmp_path / "releases" / "dist"
    with pytest.raises(SystemExit, match=refused):
        build_release(out, package.load(package_copy))
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_a_streamed_table_with_another_header_is_refused_when_the_package_is_read(package_copy: Path) -> None:
    path = package_copy / "data" / "text_repairs.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("document_id,", "doc,", 1), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"data/text_repairs.csv does not read cleanly \(its header is not "):
        package.load(package_copy)


def test_a_symlinked_source_is_refused_by_the_validator_and_the_release(package_copy: Path, tmp_path: Path) -> None:
    from zjtx.validate import validate

    secret = tmp_path / "secret.txt"
    secret.write_text("outside the package\n", encoding="utf-8")
    source = package_copy / "data" / "sources" / "baotou-2023.txt"
    source.unlink()
    source.symlink_to(secret)
    report = validate(package_copy)
    (problem,) = [p for p in report.errors if p.code == "unsafe-path"]
    assert (problem.file, problem.field) == ("data/documents.csv", "source_path")
    with pytest.raises(SystemExit):
        build_release(tmp_path / "dist", package.load(package_copy))
    assert not (tmp_path / "dist").exists()


def test_hostile_text_found_by_search_is_shown_as_text(hostile_site: Path, browser) -> None:
    """The search page builds its results from the index: meta as text, Pagefind's excerpt reduced to its text
    and <mark> elements. A result for the hostile words runs nothing and adds no element but those."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        with served(hostile_site) as base:
            for path in ("search/?q=alert", "en/search/?q=onerror"):
                page.goto(base + path)
                page.wait_for_selector(".zjtx-search[data-state=done]")
                tags = page.locator("[data-search-results] *").evaluate_all(
                    "nodes => [...new Set(nodes.map(n => n.tagName.toLowerCase()))].sort()")
                assert set(tags) <= {"li", "p", "span", "h2", "a", "mark"}, tags
                assert "<script>alert(1)</script>" in page.locator("[data-search-results]").inner_text()
                assert page.locator("[data-search-results] a[href^=javascript]").count() == 0
            assert dialogs == []
    finally:
        page.close()


def test_a_generated_file_of_the_site_never_leaves_it(tmp_path: Path) -> None:
    """The API and the finder's files are written by the hooks themselves (hooks.write_now), named by ids from
    the package: a name that would leave the site ends the build in one line and writes nothing outside."""
    from mkdocs.exceptions import PluginError

    from zjtx.site.hooks import write_now

    site = tmp_path / "site"
    write_now(site, [("api/v1/agencies/baotou/finance-bureau.json", "{}\n")])
    assert (site / "api/v1/agencies/baotou/finance-bureau.json").read_bytes() == b"{}\n"
    for path in ("api/v1/agencies/../../../../escaped.json", "/tmp/escaped.json", "", "api\\..\\..\\escaped.json",
                 "api/v1/agencies/a\0b.json"):
        with pytest.raises(PluginError, match="outside the site"):
            write_now(site, [(path, "{}\n")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"] and not Path("/tmp/escaped.json").exists()
