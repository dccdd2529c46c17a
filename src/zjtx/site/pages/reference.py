"""Reference pages: the data dictionary, codelists, downloads, and repository files shown as pages."""

from __future__ import annotations

from zjtx.site.data import SiteData
from zjtx.site.html import block, definition_list, el, esc, link, md_inline, table, td
from zjtx.site.pages.common import (
    CODELISTS,
    DICTIONARY,
    DOWNLOAD_DIR,
    DOWNLOADS,
    file_href,
    front_matter,
    href,
)


def dictionary_markdown(data: SiteData) -> str:
    page = DICTIONARY
    parts = [front_matter(title="数据字典 Data dictionary"), "# 数据字典 Data dictionary",
             block(el("p", "由 <code>schemas/model.yaml</code> 生成;同一定义也生成 datapackage.json 和 JSON Schema。"
                           " <span class=\"zjtx-en\">Generated from <code>schemas/model.yaml</code>, the single "
                           "definition that also generates datapackage.json and the JSON Schemas.</span>"))]
    for name, res in data.model.resources.items():
        parts.append(f"## {md_inline(res.get('title', name))} {{#{name}}}")
        keys = ", ".join(res.get("primary_key", [])) or "—"
        rows = [[f"<code>{esc(f['name'])}</code>", esc(f["type"]),
                 "✔" if f.get("required") else "", esc(f.get("title", "")),
                 esc(f.get("description", "")) +
                 (" " + link(href(page, CODELISTS, f["codelist"]), f"codelist {esc(f['codelist'])}")
                  if f.get("codelist") else "") +
                 (f" <code>{esc(f['pattern'])}</code>" if f.get("pattern") else "")]
                for f in res["fields"]]
        parts.append(block(el("p", f"{esc(res.get('description', ''))} <code>{esc(res['path'])}</code> · "
                                   f"primary key: <code>{esc(keys)}</code>"),
                           table(["字段 Field", "类型 Type", "必填 Required", "标题 Title", "说明 Description"], rows,
                                 None)))
    return "\n\n".join(parts) + "\n"


def codelists_markdown(data: SiteData) -> str:
    parts = [front_matter(title="代码表 Codelists"), "# 代码表 Codelists",
             block(el("p", "代码表只在 <code>schemas/codelists/</code> 中定义一次。"
                           " <span class=\"zjtx-en\">Each codelist is defined once, in <code>schemas/codelists/</code>."
                           "</span>"))]
    for name, rows in data.codelists.items():
        parts.append(f"## {md_inline(name)} {{#{name}}}")
        extra = "stip_compass" in next(iter(rows.values()), {})
        body = [[f"<code>{esc(r['code'])}</code>", esc(r["title_zh"]), esc(r["title_en"]), esc(r["description"])] +
                ([esc(r.get("stip_compass", ""))] if extra else []) for r in rows.values()]
        parts.append(block(table(["代码 Code", "中文 Chinese", "English", "说明 Description"] +
                                 (["STIP Compass"] if extra else []), body, None)))
    return "\n\n".join(parts) + "\n"


def human_size(size: int) -> str:
    if size < 10_000:
        return f"{size:,} B"
    return f"{size / 1024:,.0f} KB" if size < 2_000_000 else f"{size / 1048576:.1f} MB"


def downloads_markdown(data: SiteData) -> str:
    page = DOWNLOADS
    pkg = data.package
    rows = [[link(file_href(page, f"{DOWNLOAD_DIR}/{d.path}"), f"<code>{esc(d.path)}</code>"),
             td(esc(human_size(d.size)), d.size), f"<code class=\"zjtx-hash\">{esc(d.sha256)}</code>"]
            for d in data.downloads]
    return "\n\n".join([
        front_matter(title="下载 Downloads"), "# 下载 Downloads",
        block(definition_list([
            ("版本 Version", f"{esc(pkg['version'])} ({esc(pkg['created'][:10])})"),
            ("许可 Licence", esc(", ".join(f"{lic['title']} ({lic['name']})" for lic in pkg["licenses"]))),
            ("引用 How to cite", esc(data.source.citation) + " · <code>CITATION.cff</code>"),
            ("校验 Verify", "<code>sha256sum -c SHA256SUMS</code>"),
        ])),
        block(el("p", "CSV 包(Frictionless)、JSON、Excel、SQLite、Parquet 和包含全部内容的 zip。"
                      " <span class=\"zjtx-en\">The Frictionless CSV package, JSON (flat and nested per document), "
                      "Excel, SQLite, Parquet and a zip of everything.</span>"),
              table(["文件 File", "大小 Size", "SHA-256"], rows, {"data-sortable": "true"})),
    ]) + "\n"


def passthrough(title: str, markdown: str) -> str:
    """A repository Markdown file (CHANGELOG, CONTRIBUTING) as a page, so it is written once."""
    return front_matter(title=title) + (markdown or f"# {title}\n\n(not yet written)\n")
