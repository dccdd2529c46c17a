"""MkDocs hooks (mkdocs.yml `hooks:`): read the package once, set the nav, add the generated pages and the
release files to the build. Nothing is written into docs/; the pages exist only inside the build."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from zjtx.site import csp
from zjtx.site.data import SiteData, load_site_data
from zjtx.site.pages import build_nav, build_pages
from zjtx.site.pages.common import DOWNLOAD_DIR, EDITIONS, EN, NORMALISATION
from zjtx.site.pages.finder import DATA_FILE as FINDER_DATA
from zjtx.site.pages.finder import finder_json

_data: SiteData | None = None
_theme_scripts: list = []


def root_of(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    import jieba  # the search plugin's segmenter: it logs its dictionary loading on stderr at every build

    jieba.setLogLevel(logging.WARNING)
    global _data  # MkDocs calls hooks as plain functions; the data read here is used by on_files
    _data = load_site_data(root_of(config), root_of(config) / "dist")
    _theme_scripts[:] = csp.theme_script_patterns(list(config.theme.dirs))
    config.nav = build_nav(_data)
    config.site_url = _data.package["homepage"]  # one setting: schemas/package.yaml
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _data is not None, "on_config runs before on_files"
    normalisation = (Path(config.docs_dir) / NORMALISATION).read_text(encoding="utf-8")
    for path, content in build_pages(_data, normalisation).items():
        files.append(File.generated(config, path, content=content))
    for lang in EDITIONS:  # the finder's data: the site's own JSON, read by finder.js
        files.append(File.generated(config, lang.page(FINDER_DATA), content=finder_json(_data, lang)))
    dist = root_of(config) / "dist"
    for d in _data.downloads:
        files.append(File.generated(config, f"{DOWNLOAD_DIR}/{d.path}", abs_src_path=str(dist / d.path)))
    return files


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """Every page gets its Content-Security-Policy (see csp.py); pages of the English edition say they are
    English (the theme writes the site's language, Chinese, on every page)."""
    if page.file.src_uri.startswith(EN.prefix):
        output = output.replace('<html lang="zh"', '<html lang="en"', 1)
    return csp.with_policy(output, _theme_scripts, page.file.src_uri)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Static templates (404.html) get the same policy."""
    return csp.with_policy(output, _theme_scripts, template_name) if template_name.endswith(".html") else output


def on_post_build(config: MkDocsConfig) -> None:
    """Material writes the search index with every CJK character escaped (\\u4e13, six bytes instead of
    three); the same JSON with the characters themselves is half the size for every reader to download."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
