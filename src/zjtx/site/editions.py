"""The site's two editions as two MkDocs builds side by side, the way Material builds a site in several
languages (one project per language, each with its own `theme.language`): mkdocs.yml builds the Chinese
edition at the site's root, mkdocs.en.yml the English one, joined under en/. Each build is its own process, so
the two run at once on two cores; both read the same package and release (the hooks), and what they share is
built once (the search index's records, downloads, schemas and the API's agencies by the Chinese build; the rest of
the JSON API by the English one, moved to the root here). Pagefind indexes the records once both builds are done.

The addresses are those of one site: a page's path is the same in both editions, the English one under en/.
Every page names both (hreflang, `alternates`), and so does the one sitemap of the joined site."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from zjtx.site import search_index
from zjtx.site.html import esc
from zjtx.site.pages.common import EDITIONS, EN, ZH, Lang

CONFIGS = {ZH: "mkdocs.yml", EN: "mkdocs.en.yml"}
SITEMAP = "sitemap.xml"
# What the English build writes that the joined site has once, at its root: the 404 page (served at any
# address) and the sitemap (written for both editions by `write_sitemap`).
NOT_JOINED = ("404.html", SITEMAP, SITEMAP + ".gz")
_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# What the English build writes for the site's root (the JSON API: hooks.on_files), moved there when joined,
# so that the two builds share the work of the files both editions serve.
FOR_THE_ROOT = "_for-the-root"
# The rel of a page's links to its editions: the link relation "alternate" (rel is a set of space-separated
# tokens, so browsers and crawlers read this value as exactly that), written so that Material's script, which
# selects link[rel=alternate] by its whole value, does not take these links for its language selector's:
# it fetches a sitemap.xml beside each of those (a request to the published host, or a 404, on every page).
ALTERNATE_REL = "alternate "


def alternates(homepage: str, path: str) -> dict[str, str]:
    """hreflang -> address of the page at `path` (its URL path within an edition, e.g. documents/x/) in each
    edition; the Chinese edition, the original texts' language, is the default."""
    home = homepage.rstrip("/") + "/"
    urls = {lang.hreflang: home + lang.prefix + path for lang in EDITIONS}
    return {**urls, "x-default": urls[ZH.hreflang]}


def relative_home(lang: Lang) -> str:
    """The other edition's home page, relative to this edition's root (the nav's tab for it)."""
    return EN.prefix if lang is ZH else "../"


@dataclass(frozen=True)
class Built:
    returncode: int
    errors: str  # the failed builds' output, by edition


def build(root: Path, site: Path, homepage: str, env: dict[str, str]) -> Built:
    """Both editions, side by side, then their search index, into `site` (replaced only once all succeeded);
    `homepage` is the package's (the builds' site_url)."""
    work = site.with_name(f".{site.name}.building")
    outs = {ZH: work, EN: work.with_name(work.name + "-en")}
    records = search_index.records_folder(work)  # written by the Chinese build (hooks.on_files)
    for folder in (*outs.values(), records):
        shutil.rmtree(folder, ignore_errors=True)
    runs = {lang: subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / CONFIGS[lang]),
         "-d", str(out)], env={**env, search_index.LATER: "1"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)
        for lang, out in outs.items()}
    output = {lang: run.communicate()[0] for lang, run in runs.items()}
    failed = {f"[{lang.code} edition]\n{output[lang]}" for lang, run in runs.items() if run.returncode != 0}
    if not failed:
        # the search index once the builds are done, not beside them (search_index.py says why)
        try:
            search_index.index(records, outs[ZH])
        except search_index.SearchIndexFailed as exc:
            failed = {str(exc)}
    if failed:
        for folder in (*outs.values(), records):
            shutil.rmtree(folder, ignore_errors=True)
        return Built(1, "\n".join(sorted(failed)))
    for name in NOT_JOINED:
        (outs[EN] / name).unlink(missing_ok=True)
    shared = outs[EN] / FOR_THE_ROOT
    if shared.is_dir():
        move_into(shared, outs[ZH])
    outs[EN].rename(outs[ZH] / EN.prefix.rstrip("/"))
    write_sitemap(work, homepage)
    old = site.with_name(f".{site.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    work.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return Built(0, "")


def move_into(source: Path, target: Path) -> None:
    """Every file of `source` moved to the same place under `target` (folders both have are merged; the two
    builds never write the same file); `source` is removed."""
    for part in sorted(source.iterdir()):
        if part.is_dir() and (target / part.name).is_dir():
            move_into(part, target / part.name)
        else:
            part.rename(target / part.name)
    source.rmdir()


def sitemap_paths(sitemap: Path, homepage: str) -> list[str]:
    """The page paths (documents/x/) a build's sitemap lists."""
    home = homepage.rstrip("/") + "/"
    locs = [loc.text or "" for loc in ET.parse(sitemap).getroot().iter(f"{{{_NS}}}loc")]
    return [loc.removeprefix(home) for loc in locs]


def write_sitemap(site: Path, homepage: str) -> None:
    """One sitemap for the joined site: every page of both editions, each with its alternates (the Chinese
    build's sitemap lists the pages; every page is in both editions)."""
    home = homepage.rstrip("/") + "/"
    paths = sitemap_paths(site / SITEMAP, homepage)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="{_NS}" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path in paths:
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{code}" href="{esc(url)}"/>'
                        for code, url in alternates(homepage, path).items())
        for lang in EDITIONS:
            lines.append(f"  <url><loc>{esc(home + lang.prefix + path)}</loc>{links}</url>")
    lines.append("</urlset>")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (site / SITEMAP).write_bytes(data)
    (site / (SITEMAP + ".gz")).write_bytes(gzip.compress(data, mtime=0))
