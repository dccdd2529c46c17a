"""MkDocs hooks (mkdocs.yml `hooks:`): read the package once, set the nav, add the generated pages and the
release files to the build. Nothing is written into docs/; the pages exist only inside the build."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section

from zjtx.site import csp, jsonld, raw_html, search_index
from zjtx.site.api import SCHEMAS, api_files
from zjtx.site.data import Download as SiteDownload
from zjtx.site.data import SiteData, load_site_data
from zjtx.site.pages import build_nav, build_pages
from zjtx.site.pages.common import DOWNLOAD_DIR, EDITIONS, EN, HOME, LATEST_ZIP, NORMALISATION, ZH, Lang
from zjtx.site.pages.finder import finder_files
from zjtx.site.pages.search import OPENSEARCH, SHORT_NAME, header_box, opensearch_xml, root_from
from zjtx.site.search_records import search_records

_data: SiteData | None = None
_theme_scripts: list = []
_indexing: list[search_index.Indexing] = []  # the search index being written while the pages are rendered
_edition_navs: dict[str, Navigation] = {}  # the nav each edition's pages carry (on_nav), by edition prefix
_files: list[Files] = []  # the build's files (on_nav), to find the page a `nav_page` names
_standing_in: list = []  # the nav pages marked current for the page being rendered (on_page_context)


def root_of(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _data  # MkDocs calls hooks as plain functions; the data read here is used by on_files
    _data = load_site_data(root_of(config), root_of(config) / "dist")
    _theme_scripts[:] = csp.theme_script_patterns(list(config.theme.dirs))
    config.nav = build_nav(_data)
    config.site_url = _data.package["homepage"]  # one setting: schemas/package.yaml
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _data is not None, "on_config runs before on_files"
    # MkDocs has emptied site_dir by now: Pagefind writes site/pagefind/ while the pages are rendered
    cancel_indexing()
    _indexing.append(search_index.start(search_records(_data), Path(config.site_dir)))
    normalisation = (Path(config.docs_dir) / NORMALISATION).read_text(encoding="utf-8")
    for path, content in build_pages(_data, normalisation).items():
        files.append(File.generated(config, path, content=content))
    for lang in EDITIONS:  # the finder's data: the site's own JSON, one file per document, read by finder.js
        for path, content in finder_files(_data, lang).items():
            files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, OPENSEARCH, content=opensearch_xml(_data)))
    for path, content in api_files(_data).items():  # the static JSON API, api/v1/
        files.append(File.generated(config, path, content=content))
    for schema in sorted(_data.source.layout.json_schemas.glob("*.json")):  # served at their $id
        files.append(Download.generated(config, f"{SCHEMAS}/{schema.name}", abs_src_path=str(schema)))
    dist = root_of(config) / "dist"
    for dest, src in copied_downloads(_data.downloads):
        files.append(ReleaseFile.generated(config, dest, abs_src_path=str(dist / src)))
    return files


def copied_downloads(downloads: list[SiteDownload]) -> list[tuple[str, str]]:
    """(path in the site, path in dist/) of each release file the site serves: not those linked from the
    version's GitHub release (data.PAGES_LIMIT), and the zip once more under a name that never changes."""
    out = []
    for d in downloads:
        if d.url:
            continue
        out.append((f"{DOWNLOAD_DIR}/{d.path}", d.path))
        if d.path.endswith(".zip"):
            out.append((f"{DOWNLOAD_DIR}/{LATEST_ZIP}", d.path))
    return out


class Download(File):
    """A release file copied as it is: the release's README.md and CHANGELOG.md are downloads, not pages."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False


class ReleaseFile(Download):
    """A file of dist/, hard-linked into the site where the file system allows (a gigabyte at 1,000 documents):
    `zjtx release` never rewrites a file in place, it writes a new folder and renames it over the old one, so
    the site keeps the bytes it was built with. Copied where a link cannot be made (another file system)."""

    def copy_file(self, dirty: bool = False) -> None:
        dest = Path(self.abs_dest_path)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.unlink(missing_ok=True)
        try:
            os.link(self.abs_src_path, dest)
        except OSError:
            super().copy_file(dirty)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Each edition's pages carry their own edition's nav and, of the other, only its tab (its home page):
    every page renders the nav it is given, and the other edition's entries, hidden on its pages anyway, were
    half of it."""
    _edition_navs.clear()
    for own, lang in enumerate(EDITIONS):
        items = [section if i == own else Section(section.title, section.children[:1])
                 for i, section in enumerate(nav.items)]
        _edition_navs[lang.prefix] = Navigation(items, nav.pages)
    _files[:] = [files]
    return nav


def edition_of(page) -> Lang:
    return EN if page.file.src_uri.startswith(EN.prefix) else ZH


def nav_stand_in(page):
    """The page of the nav that stands for a page it does not list, following the pages' `nav_page` (a
    document's -> its province's page; page n of a list -> page 1; a policy area -> the areas page), so that
    a reader on such a page sees its edition's sidebar open there instead of an empty one."""
    seen = page
    for _ in range(4):  # the longest chain is two: page n of an area -> page 1 -> the areas page
        if seen.parent is not None:  # listed in the nav (every nav page sits in an edition's section)
            return seen
        target = seen.meta.get("nav_page")
        found = _files[0].get_file_from_path(target) if target and _files else None
        if found is None or found.page is None:
            return None
        seen = found.page
    return None


def on_page_context(context: dict, page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["nav"] = _edition_navs[edition_of(page).prefix]
    if page.parent is None and not page.is_homepage:
        stand_in = nav_stand_in(page)
        if stand_in is not None:
            stand_in.active = True  # and its sections: MkDocs resets the rendered page's own flag only
            _standing_in.append(stand_in)
    return context


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    """The ids inside the pages' raw HTML blocks, for MkDocs' check of links to #anchors (raw_html.py)."""
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= raw_html.anchor_ids(page.markdown or "")
    return html


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """Every page gets its Content-Security-Policy (see csp.py), the search box in its header and the link to
    the OpenSearch description; pages of the English edition say they are English (the theme writes the site's
    language, Chinese, on every page)."""
    while _standing_in:
        _standing_in.pop().active = False
    lang = edition_of(page)
    if lang is EN:
        output = output.replace('<html lang="zh"', '<html lang="en"', 1)
    output = with_search_box(output, root_from(page.url), lang)
    if page.file.src_uri == lang.page(HOME):  # the dataset's description for search engines and catalogues
        output = output.replace("</head>", f"  {jsonld.script(_data)}\n  </head>", 1)
    return csp.with_policy(output, _theme_scripts, page.file.src_uri)


def with_search_box(output: str, root: str, lang) -> str:
    """The header's search form, last in the header bar, and the OpenSearch link in <head>."""
    header = output.find('<header class="md-header"')
    end = output.find("</nav>", header)
    if header < 0 or end < 0:
        return output
    output = output[:end] + header_box(root, lang) + "\n  " + output[end:]
    link = (f'<link rel="search" type="application/opensearchdescription+xml" '
            f'title="{SHORT_NAME}" href="{root}{OPENSEARCH}">')
    return output.replace("</head>", f"  {link}\n  </head>", 1)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Static templates (404.html, served at any address, so its links start at the site's root path) get the
    same policy and search box."""
    if not template_name.endswith(".html"):
        return output
    output = with_search_box(output, urlparse(config.site_url or "/").path or "/", ZH)
    return csp.with_policy(output, _theme_scripts, template_name)


def on_post_build(config: MkDocsConfig) -> None:
    """The search index (site/pagefind/), started in on_files, is complete once the pages are written."""
    assert _indexing, "on_files starts the search index"
    _indexing.pop().finish()


def on_build_error(error: Exception) -> None:
    cancel_indexing()


def cancel_indexing() -> None:
    while _indexing:
        _indexing.pop().cancel()
