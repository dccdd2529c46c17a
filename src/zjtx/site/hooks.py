"""MkDocs hooks (mkdocs.yml `hooks:`): read the package once, set the nav, add the generated pages and the
release files to the build. Nothing is written into docs/; the pages exist only inside the build.

The site is two MkDocs builds, one per edition, each with its own theme language (mkdocs.yml: Chinese at the
site's root; mkdocs.en.yml: English, joined under en/ by editions.py), so that Material's own interface is in
the page's language. The build's edition is its theme language; the pages are generated with their place in the
joined site (en/…) and added to the English build without the en/ prefix, so their relative links hold. What
both editions share is built once: the search index's records, the downloads, the schemas and the API's agencies
by the Chinese build, the rest of the JSON API by the English one (which has less else to do), into a folder that
editions.py moves to the root."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section

from zjtx import fileio
from zjtx.paths import UnsafePath, relative_parts
from zjtx.site import csp, editions, jsonld, raw_html, search_index
from zjtx.site.api import SCHEMAS, agency_files, api_files
from zjtx.site.data import Download as SiteDownload
from zjtx.site.data import SiteData, load_site_data
from zjtx.site.html import esc
from zjtx.site.pages import build_nav, edition_pages
from zjtx.site.pages.common import DOWNLOAD_DIR, EN, HOME, LATEST_ZIP, NORMALISATION, ZH, Lang
from zjtx.site.pages.finder import finder_files
from zjtx.site.pages.search import OPENSEARCH, SHORT_NAME, header_box, opensearch_xml, root_from
from zjtx.site.search_records import search_records

_data: SiteData | None = None
_theme_scripts: list = []
_edition: list[Lang] = []  # the build's edition (on_config)
_files: list[Files] = []  # the build's files (on_nav), to find the page a `nav_page` names
_standing_in: list = []  # the nav pages marked current for the page being rendered (on_page_context)


def root_of(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def edition(config: MkDocsConfig) -> Lang:
    """The build's edition: its theme language (mkdocs.yml: zh; mkdocs.en.yml: en)."""
    return EN if config.theme["language"] == EN.code else ZH


def own(path: str, lang: Lang) -> str:
    """A page's path in its edition's build: en/documents/x.md -> documents/x.md in the English build."""
    return path.removeprefix(lang.prefix)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _data  # MkDocs calls hooks as plain functions; the data read here is used by on_files
    _data = load_site_data(root_of(config), root_of(config) / "dist")
    _theme_scripts[:] = csp.theme_script_patterns(list(config.theme.dirs))
    lang = edition(config)
    _edition[:] = [lang]
    config.nav = [{title: strip_prefix(items, lang)} for title, items in build_nav(_data)[lang is EN].items()]
    config.site_url = _data.package["homepage"] + lang.prefix  # one setting: schemas/package.yaml
    return config


def strip_prefix(nav, lang: Lang):
    """The nav of pages.build_nav (paths in the joined site) with the paths of this edition's build."""
    if isinstance(nav, str):
        return own(nav, lang)
    if isinstance(nav, list):
        return [strip_prefix(item, lang) for item in nav]
    return {title: strip_prefix(item, lang) for title, item in nav.items()}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _data is not None, "on_config runs before on_files"
    lang = edition(config)
    normalisation = (Path(config.docs_dir) / NORMALISATION).read_text(encoding="utf-8")
    for path, content in edition_pages(_data, lang, normalisation).items():
        if files.get_file_from_path(own(path, lang)) is None:  # docs/normalisation.md is in both builds
            files.append(File.generated(config, own(path, lang), content=content))
    site_dir = Path(config.site_dir)
    # the finder's data: the site's own JSON, one file per document, read by finder.js
    write_now(site_dir, ((own(path, lang), content) for path, content in finder_files(_data, lang)))
    if lang is EN:  # the static JSON API (api/v1/, thousands of files) but the agencies': the English build has
        # the fewer pages to write (the Chinese one writes the search records, the downloads and the agencies)
        write_now(site_dir / editions.FOR_THE_ROOT, api_files(_data))
        return files
    # the search index's records, indexed by Pagefind once both builds are done (editions.py)
    search_index.write_records(search_records(_data), search_index.records_folder(site_dir))
    files.append(File.generated(config, OPENSEARCH, content=opensearch_xml(_data)))
    write_now(site_dir, agency_files(_data))
    for schema in sorted(_data.source.layout.json_schemas.glob("*.json")):  # served at their $id
        files.append(Download.generated(config, f"{SCHEMAS}/{schema.name}", abs_src_path=str(schema)))
    dist = root_of(config) / "dist"
    for dest, src in copied_downloads(_data.downloads):
        files.append(ReleaseFile.generated(config, dest, abs_src_path=str(dist / src)))
    return files


def write_now(folder: Path, files: Iterable[tuple[str, str]]) -> None:
    """Generated files that are not pages (the JSON API, the finder's data), written into the build's output as
    they are made. Given to MkDocs, each would stay in memory until the build's end, since MkDocs writes files
    after rendering every page: at 1,000 documents the API's 280 MB held the English build at 2 GB, of the 3 GB
    the two builds may take together. MkDocs empties its output folder before on_files and writes none of these
    paths. A path that could leave the folder (an id holding "..") ends the build in one line."""
    for path, content in files:
        try:
            parts = relative_parts(path)
        except UnsafePath as exc:
            raise PluginError(f"site: the generated file {path!r} would be written outside the site; "
                              "run `make validate`") from exc
        fileio.write_text(folder.joinpath(*parts), content)


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
    """The edition's nav, and a tab for the other edition (its home page, outside this build)."""
    other = edition(config).other
    home = editions.relative_home(edition(config))
    title = "English" if other is EN else "中文"
    tab = Section(title, [Link(title, home)])
    if other is ZH:  # the tabs read 中文 | English on both editions
        nav.items.insert(0, tab)
    else:
        nav.items.append(tab)
    _files[:] = [files]
    return nav


def nav_stand_in(page):
    """The page of the nav that stands for a page it does not list, following the pages' `nav_page` (a
    document's -> its province's page; page n of a list -> page 1; a policy area -> the areas page), so that
    a reader on such a page sees its edition's sidebar open there instead of an empty one."""
    seen = page
    for _ in range(4):  # the longest chain is two: page n of an area -> page 1 -> the areas page
        if seen.parent is not None:  # listed in the nav (every nav page sits in an edition's section)
            return seen
        target = seen.meta.get("nav_page")
        found = _files[0].get_file_from_path(own(target, edition_of(seen))) if target and _files else None
        if found is None or found.page is None:
            return None
        seen = found.page
    return None


def edition_of(page) -> Lang:
    """The edition being built (every page of a build is of its edition)."""
    return _edition[0] if _edition else ZH


def on_page_context(context: dict, page, config: MkDocsConfig, nav: Navigation) -> dict:
    if edition_of(page) is EN:  # the reader's settings (colour scheme …) are the site's, not one edition's:
        # Material keeps them under its scope, the build's root unless `extra.scope` says otherwise
        config.extra["scope"] = f"{context['base_url']}/.."
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
    """Every page gets its Content-Security-Policy (see csp.py), the search box in its header, the link to
    the OpenSearch description and the links to itself in both editions (hreflang, editions.alternates)."""
    while _standing_in:
        _standing_in.pop().active = False
    lang = edition_of(page)
    assert _data is not None, "on_config runs first"
    output = with_search_box(output, root_from(lang.prefix + page.url), lang)
    alternates = editions.alternates(_data.package["homepage"], own(page.url, lang))
    links = "".join(f'<link rel="{editions.ALTERNATE_REL}" hreflang="{code}" href="{esc(url)}">\n  '
                    for code, url in alternates.items())
    output = output.replace("</head>", f"  {links}</head>", 1)
    if page.file.src_uri == HOME:  # the dataset's description for search engines and catalogues
        output = output.replace("</head>", f"  {jsonld.script(_data)}\n  </head>", 1)
    return csp.with_policy(output, _theme_scripts, lang.page(page.file.src_uri))


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


def on_post_build(config: MkDocsConfig) -> None:
    """A plain `mkdocs build` of the Chinese edition indexes its records now; `zjtx site` does it once both
    editions are built (editions.build)."""
    if edition(config) is ZH and not os.environ.get(search_index.LATER):
        search_index.index(search_index.records_folder(Path(config.site_dir)), Path(config.site_dir))


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Static templates (404.html, served at any address, so its links start at the site's root path) get the
    same policy and search box."""
    if not template_name.endswith(".html"):
        return output
    output = with_search_box(output, urlparse(config.site_url or "/").path or "/", ZH)
    return csp.with_policy(output, _theme_scripts, template_name)
