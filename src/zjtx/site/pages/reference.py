"""Reference pages: the data dictionary, codelists, problem codes, glossary, downloads, and repository files
shown as pages. Each is generated from the one definition of what it shows."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from zjtx.outline import own_texts
from zjtx.problems import CATALOGUE, FAMILIES
from zjtx.site.data import SiteData
from zjtx.site.html import block, definition_list, el, esc, link, md_inline, table, td
from zjtx.site.pages import paging
from zjtx.site.pages.common import (
    CODELISTS,
    DICTIONARY,
    DOWNLOAD_DIR,
    DOWNLOADS,
    GLOSSARY,
    PROBLEMS,
    SEARCH,
    ZH,
    Lang,
    file_href,
    front_matter,
    href,
    provision_href,
    short_name,
    switch,
)


def dictionary_markdown(data: SiteData, lang: Lang) -> str:
    page = lang.page(DICTIONARY)
    t = lang.t
    title = t("数据字典", "Data dictionary")
    parts = [
        front_matter(title=title),
        f"# {title}",
        block(
            switch(page, lang),
            el(
                "p",
                t(
                    "由 <code>schemas/model.yaml</code> 生成;同一定义也生成 "
                    "datapackage.json 和 JSON Schema。字段说明为英文。",
                    "Generated from <code>schemas/model.yaml</code>, the single definition "
                    "that also generates datapackage.json and the JSON Schemas.",
                ),
            ),
        ),
    ]
    for name, res in data.model.resources.items():
        parts.append(f"## {md_inline(res.get('title', name))} (`{name}`) {{#{name}}}")
        keys = ", ".join(res.get("primary_key", [])) or "—"
        rows = [
            [
                f"<code>{esc(f['name'])}</code>",
                esc(f["type"]),
                "✔" if f.get("required") else "",
                el("span", esc(f.get("title", "")), {"lang": "en"}),
                el("span", esc(f.get("description", "")), {"lang": "en"})
                + (
                    " " + link(href(page, lang.page(CODELISTS), f["codelist"]), f"codelist {esc(f['codelist'])}")
                    if f.get("codelist")
                    else ""
                )
                + (f" <code>{esc(f['pattern'])}</code>" if f.get("pattern") else ""),
            ]
            for f in res["fields"]
        ]
        parts.append(
            block(
                el(
                    "p",
                    el("span", esc(" ".join(res.get("description", "").split())), {"lang": "en"})
                    + f" <code>{esc(res['path'])}</code> · {t('主键', 'primary key')}: <code>{esc(keys)}</code>",
                ),
                table(
                    [
                        t("字段", "Field"),
                        t("类型", "Type"),
                        t("必填", "Required"),
                        t("标题", "Title"),
                        t("说明", "Description"),
                    ],
                    rows,
                    {"data-cards": ""},
                ),
            )
        )
    return "\n\n".join(parts) + "\n"


def codelists_markdown(data: SiteData, lang: Lang) -> str:
    page = lang.page(CODELISTS)
    t = lang.t
    title = t("代码表", "Codelists")
    parts = [
        front_matter(title=title),
        f"# {title}",
        block(
            switch(page, lang),
            el(
                "p",
                t(
                    "代码表只在 <code>schemas/codelists/</code> 中定义一次。",
                    "Each codelist is defined once, in <code>schemas/codelists/</code>.",
                ),
            ),
        ),
    ]
    for name, rows in data.codelists.items():
        parts.append(f"## {md_inline(name)} {{#{name}}}")
        extra = "stip_compass" in next(iter(rows.values()), {})
        body = [
            [
                f"<code>{esc(r['code'])}</code>",
                el("span", esc(r["title_zh"]), {"lang": "zh"}),
                el("span", esc(r["title_en"]), {"lang": "en"}),
                el("span", esc(r["description"]), {"lang": "en"}),
            ]
            + ([el("span", esc(r.get("stip_compass") or ""), {"lang": "en"})] if extra else [])
            for r in rows.values()
        ]
        parts.append(
            block(
                table(
                    [t("代码", "Code"), t("中文", "Chinese"), "English", t("说明", "Description")]
                    + (["STIP Compass"] if extra else []),
                    body,
                    {"data-cards": ""},
                )
            )
        )
    return "\n\n".join(parts) + "\n"


def problems_markdown(lang: Lang) -> str:
    """Every problem code the validator can report, from the catalogue (zjtx.problems)."""
    page = lang.page(PROBLEMS)
    t = lang.t
    title = t("校验问题代码", "Validator problem codes")
    parts = [
        front_matter(title=title),
        f"# {title}",
        block(
            switch(page, lang),
            el(
                "p",
                esc(
                    t(
                        "校验器报告的每一种问题:何时出现、如何修正、示例(英文)。",
                        "Every problem the validator reports: when, how to fix it, and an example.",
                    )
                ),
            ),
        ),
    ]
    for family, family_title in FAMILIES.items():
        types = [x for x in CATALOGUE.values() if x.family == family]
        if not types:
            continue
        parts.append(f"## {md_inline(family_title)} {{#{family}}}")
        rows = [
            [
                f'<code id="{esc(x.code)}">{esc(x.code)}</code>',
                esc(x.severity),
                el("span", esc(x.description), {"lang": "en"}),
                el("span", esc(x.fix), {"lang": "en"}),
                el("span", esc(x.example), {"lang": "en"}),
            ]
            for x in types
        ]
        parts.append(
            block(
                table(
                    [
                        t("代码", "Code"),
                        t("级别", "Severity"),
                        t("何时", "When"),
                        t("修正", "Fix"),
                        t("示例", "Example"),
                    ],
                    rows,
                    {"data-cards": ""},
                )
            )
        )
    return "\n\n".join(parts) + "\n"


# Past one page of documents (paging.PAGE_DOCUMENTS) a term's entry links its first provisions and the search
# for the others, so the glossary does not grow with the corpus.
GLOSSARY_LINKS = 12


def glossary_occurrences(data: SiteData) -> dict[str, list[str]]:
    """term_id -> the provisions whose own text holds one of its Chinese forms, in document order."""
    own = own_texts(data.records["provisions"])
    found: dict[str, list[str]] = defaultdict(list)
    for term in data.records.get("glossary", []):
        for pid, text in own.items():
            if any(form in text for form in term["zh_forms"]):
                found[term["term_id"]].append(pid)
    return found


def glossary_markdown(data: SiteData, lang: Lang) -> str:
    page = lang.page(GLOSSARY)
    t = lang.t
    title = t("词汇表", "Glossary")
    occurrences = glossary_occurrences(data)
    parts = [
        front_matter(title=title),
        f"# {title}",
        block(
            switch(page, lang),
            el(
                "p",
                esc(
                    t(
                        "专精特新政策的术语:中文写法、本数据统一使用的英文译名和中英文释义。校验器检查每个英文字段都按此翻译。",
                        "The terms of art of 专精特新 (SRDI) policy: their Chinese forms, the one English rendering every "
                        "English field of the data uses, and a definition in both languages. The validator checks every "
                        "English field against it.",
                    )
                ),
            ),
        ),
    ]
    for term in data.records.get("glossary", []):
        parts.append(f"## {md_inline(term['term_zh'])} · {md_inline(term['term_en'])} {{#{term['term_id']}}}")
        pids = occurrences.get(term["term_id"], [])
        shown = pids if len(data.documents) <= paging.PAGE_DOCUMENTS else pids[:GLOSSARY_LINKS]
        places = ", ".join(
            link(
                provision_href(page, pid, lang),
                esc(f"{short_name(data.documents[pid.split('/')[0]], lang)} {pid.split('/', 1)[1]}"),
            )
            for pid in shown
        )
        if len(shown) < len(pids):  # at scale: the first ones, and the search for the rest
            more = t(f"另 {len(pids) - len(shown):,} 个条款:搜索", f"{len(pids) - len(shown):,} more: search")
            places += " … " + link(href(page, lang.page(SEARCH)) + "?q=" + quote(term["term_zh"]), esc(more))
        items = [
            (t("中文写法", "Chinese forms"), el("span", esc("、".join(term["zh_forms"])), {"lang": "zh"})),
            (t("英文译名", "English"), el("span", esc(term["term_en"]), {"lang": "en"})),
            (t("释义", "Definition (Chinese)"), el("span", esc(term["definition_zh"]), {"lang": "zh"})),
            (t("英文释义", "Definition"), el("span", esc(term["definition_en"]), {"lang": "en"})),
            (t(f"出现于 {len(pids)} 个条款", f"In {len(pids)} provisions"), places or "—"),
        ]
        parts.append(block(el("div", definition_list(items), {"class": "zjtx-card"})))
    return "\n\n".join(parts) + "\n"


def human_size(size: int) -> str:
    if size < 10_000:
        return f"{size:,} B"
    return f"{size / 1024:,.0f} KB" if size < 2_000_000 else f"{size / 1048576:.1f} MB"


def downloads_markdown(data: SiteData, lang: Lang) -> str:
    page = lang.page(DOWNLOADS)
    pkg = data.package
    t = lang.t
    def per_document(d) -> str | None:
        """The folder of a file named after a document (json/documents/<id>.json, data/texts/<id>.txt …)."""
        folder, _, name = d.path.rpartition("/")
        return folder if name.rsplit(".", 1)[0] in data.documents else None

    folders: dict[str, list] = defaultdict(list)
    for d in data.downloads:
        folder = per_document(d)
        if folder is not None:
            folders[folder].append(d)
    collapse = len(data.documents) > paging.PAGE_DOCUMENTS  # past one page: one row per folder of such files
    rows = []
    for d in data.downloads:
        folder = per_document(d)
        if collapse and folder is not None:
            many = folders[folder]
            if d is many[0]:
                size = sum(x.size for x in many)
                rows.append([f"<code>{esc(folder)}/</code> · {esc(t(f'{len(many):,} 个文件', f'{len(many):,} files'))}",
                             td(esc(human_size(size)), size), "<code>SHA256SUMS</code>"])
            continue
        rows.append([link(d.url or file_href(page, f"{DOWNLOAD_DIR}/{d.path}"), f"<code>{esc(d.path)}</code>"),
                     td(esc(human_size(d.size)), d.size), f'<code class="zjtx-hash">{esc(d.sha256)}</code>'])
    title = t("下载", "Downloads")
    return (
        "\n\n".join(
            [
                front_matter(title=title),
                f"# {title}",
                block(
                    switch(page, lang),
                    definition_list(
                        [
                            (
                                t("版本", "Version"),
                                f"{esc(pkg['version'])} ({t('数据截至', 'data as of')} {esc(pkg['created'][:10])})",
                            ),
                            (
                                t("许可", "Licence"),
                                esc(", ".join(f"{lic['title']} ({lic['name']})" for lic in pkg["licenses"])),
                            ),
                            (t("引用", "How to cite"), esc(data.source.citation) + " · <code>CITATION.cff</code>"),
                            (t("校验", "Verify"), "<code>sha256sum -c SHA256SUMS</code>"),
                        ]
                    ),
                ),
                block(
                    el(
                        "p",
                        esc(
                            t(
                                "CSV 包(Frictionless)、JSON、Excel、SQLite、Parquet 和包含全部内容的 zip。",
                                "The Frictionless CSV package, JSON (flat and nested per document), Excel, SQLite, Parquet "
                                "and a zip of everything.",
                            )
                        ),
                    ),
                    release_note(data, lang),
                    table(
                        [t("文件", "File"), t("大小", "Size"), "SHA-256"],
                        rows,
                        {"data-sortable": "true", "data-cards": ""},
                    ),
                ),
            ]
        )
        + "\n"
    )


def release_note(data: SiteData, lang: Lang) -> str:
    """Why some files are not on the site (GitHub Pages' size limit), and where they are; nothing otherwise."""
    linked = [d for d in data.downloads if d.url]
    if not linked:
        return ""
    version = f"v{data.package['version']}"
    names = ", ".join(f"<code>{esc(d.path)}</code>" for d in linked)
    release = link(linked[0].url.rsplit("/", 1)[0].replace("/releases/download/", "/releases/tag/"),
                   esc(lang.t(f"GitHub 上的 {version} 发布", f"the {version} release on GitHub")))
    return el("p", lang.t(f"大文件({names})若复制到本站,网站将超过 GitHub Pages 的 1 GB 上限,因此链接到{release}:"
                          "文件及其 SHA-256 相同。",
                          f"The large files ({names}) would take this site past the 1 GB GitHub Pages publishes: "
                          f"they link to {release}, the same files with the same SHA-256."))


def passthrough(title: str, markdown: str, page: str, lang: Lang) -> str:
    """A repository Markdown file (CHANGELOG, CONTRIBUTING) as a page, so it is written once."""
    body = markdown or f"# {title}\n\n(not yet written)\n"
    return front_matter(title=title) + block(switch(page, lang)) + "\n\n" + body


def contributing_part(markdown: str, lang: Lang) -> str:
    """CONTRIBUTING.md holds both languages ('## English', '## 中文'): each edition shows its own."""
    head, sep, rest = markdown.partition("## English")
    english, sep2, chinese = rest.partition("## 中文")
    if not sep or not sep2:
        return markdown
    # the head's links to the two sections ([English](#english) · [中文](#中文)): each edition has one of
    # them, and its switch links to the other edition's page
    head = "\n".join(line for line in head.split("\n") if "](#english)" not in line and "](#中文)" not in line)
    return head + (f"## 中文{chinese}" if lang is ZH else f"## English{english}")
