"""The "use the data" page, per edition: each tool's one line (the recipes of src/zjtx/release/recipes.py, the
same the release's README shows and the tests run), the address of the newest release, and the static JSON
API with curl and pandas examples."""

from __future__ import annotations

from zjtx.release.recipes import rendered
from zjtx.site.api import API, ENDPOINTS
from zjtx.site.data import SiteData
from zjtx.site.html import block, el, esc, link, table
from zjtx.site.pages.common import DOWNLOAD_DIR, LATEST_ZIP, USE, Lang, file_href, front_matter, switch


def code_block(language: str, code: str) -> str:
    return f"```{language}\n{code}\n```"


def use_markdown(data: SiteData, lang: Lang) -> str:
    page = lang.page(USE)
    t = lang.t
    pkg = data.package
    home = pkg["homepage"]
    stem = pkg["name"]
    title = t("使用数据", "Use the data")
    recipes = "\n\n".join(f"**{esc(recipe.tool)}**\n\n{code_block(recipe.language, code)}"
                          for recipe, code in rendered(stem))
    latest = f"{home}{DOWNLOAD_DIR}/{LATEST_ZIP}"
    latest_href = file_href(page, f"{DOWNLOAD_DIR}/{LATEST_ZIP}")
    if any(d.url for d in data.downloads if d.path.endswith(".zip")):  # not on the site: the newest release's page
        latest = latest_href = f"{pkg['repository'].rstrip('/')}/releases/latest"
    endpoints = table([t("地址", "Address"), t("内容", "What it holds")],
                      [[el("code", esc(f"{API}/{path}")), esc(what)] for path, what, _ in ENDPOINTS])
    curl = (f"curl -s {home}{API}/index.json\n"
            f"curl -s {home}{API}/provisions/baotou-2023/3.1.2.json")
    pandas = ("import pandas as pd\n"
              f'provisions = pd.json_normalize(pd.read_json("{home}{API}/documents/hubei-2023.json", typ="series")'
              '["provisions"])\n'
              f'little_giants = pd.DataFrame(pd.read_json("{home}{API}/tiers/little_giant.json", typ="series")'
              '["amounts"])')
    return "\n\n".join([
        front_matter(title=title),
        f"# {title}",
        block(switch(page, lang), el("p", esc(t(
            "最新版本的完整压缩包地址不变:", "The newest release, always at the same address: ")) + link(
                latest_href, el("code", esc(latest))))),
        f"## {t('一行读取', 'Load it in one line')}",
        block(el("p", esc(t("路径相对于解压后的文件夹;网站上同样的文件位于 downloads/ 下。Parquet 在所有工具中保留类型。",
                            "Paths are relative to the unzipped release; on this site the same files are under "
                            "downloads/. Parquet keeps every type in every tool.")))),
        recipes,
        f"## {t('静态 JSON 接口', 'Static JSON API')}",
        block(el("p", esc(t("只读的 JSON 文件,任何网页都可以跨域读取;结构由 OpenAPI 3.1 文档描述:",
                            "Read-only JSON files that any web page may fetch across origins, described by an "
                            "OpenAPI 3.1 document: ")) + link(file_href(page, f"{API}/openapi.json"),
                                                              el("code", f"{API}/openapi.json"))), endpoints),
        code_block("sh", curl),
        code_block("python", pandas),
    ]) + "\n"
