"""What makes the release self-contained: README.md (Chinese and English: what each file is, how to load it,
the licence, how to cite), LICENSE.md, CITATION.cff, CHANGELOG.md and the JSON Schemas, written beside the data
so that dist/, the zip and the site's downloads explain themselves."""

from __future__ import annotations

from pathlib import Path

from zjtx.fileio import write_bytes, write_text
from zjtx.package import Package
from zjtx.release.recipes import questions_markdown, rendered

LICENCE = """# Licence · 许可

**Data** (`data/` except `data/sources/` and `data/texts/`, `schemas/codelists/`, `json/`, `parquet/`, the
SQLite and Excel files): Creative Commons Attribution 4.0 International (CC BY 4.0),
https://creativecommons.org/licenses/by/4.0/ . Give credit as `CITATION.cff` says.

数据(除 `data/sources/` 与 `data/texts/` 外的全部数据文件):知识共享署名 4.0 国际许可协议(CC BY 4.0)。

**Source texts** (`data/sources/`, `data/texts/`, the `texts` table): official documents of state organs.
Article 5 of the Copyright Law of the People's Republic of China excludes "laws, regulations, resolutions,
decisions and orders of state organs, other documents of a legislative, administrative or judicial nature, and
their official translations" from copyright protection; they are republished unchanged (and, separately,
normalised) so that every fact can be checked against its source.

原始文本:国家机关的文件。依《中华人民共和国著作权法》第五条,法律、法规,国家机关的决议、决定、命令和其他具有
立法、行政、司法性质的文件及其官方正式译文不受著作权法保护。

**English translations** (`provision_translations`, `*_en` columns) are unofficial, ours, under CC BY 4.0;
the Chinese text is the authority.
"""

FILES = (
    ("datapackage.json", "the Frictionless Data Package (v2) descriptor: every table, field, key and licence",
     "数据包描述文件(Frictionless Data Package v2):所有表、字段、键与许可"),
    ("data/*.csv, schemas/codelists/*.csv", "the tables as CSV (UTF-8, no BOM), codes as text",
     "CSV 表格(UTF-8,无 BOM)"),
    ("data/texts.csv, data/texts/*.txt", "the normalised texts that every char_start/char_end counts in",
     "规范化文本(所有字符位置均以此计算)"),
    ("data/sources/*.txt", "the texts as received", "收到的原始文本"),
    ("json/*.json, json/documents/*.json", "every table as a JSON array; one nested file per document",
     "每个表的 JSON 数组;每份文件一个嵌套 JSON"),
    ("parquet/<table>/part-*.parquet", "every table as typed Parquet, one folder per table (dates as dates, codes as "
     "strings); DuckDB, pandas, polars, Spark and Trino read a folder as one table",
     "每个表一个 Parquet 文件夹(类型化)"),
    ("{stem}.sqlite, metadata.json", "every table in SQLite, with keys, full-text search and Datasette metadata",
     "SQLite 数据库(含键、全文检索)与 Datasette 元数据"),
    ("{stem}.xlsx", "every table as a sheet but text_repairs (in every other format), for Excel and LibreOffice",
     "Excel 工作簿,每表一页(text_repairs 除外,见其他格式)"),
    ("schemas/json/*.schema.json", "JSON Schemas (2020-12) of the JSON files", "JSON 文件的 JSON Schema"),
    ("README.md, LICENSE.md, CITATION.cff, CHANGELOG.md", "this file, the licences, how to cite, what changed",
     "说明、许可、引用方式、更新日志"),
)


def readme(package: Package, stem: str) -> str:
    meta = package.descriptor
    files = "\n".join(f"| `{name.format(stem=stem)}` | {en} · {zh} |" for name, en, zh in FILES)
    recipes = "\n\n".join(f"**{recipe.tool}**\n\n```{recipe.language}\n{code}\n```" for recipe, code in rendered(stem))
    return f"""# {meta['title']}

Version {meta['version']} · {meta['created'][:10]} · {meta['homepage']}

{" ".join(meta['description'].split())}

专精特新中小企业政策数据:五份地方政府文件承诺的每一项措施、量化目标、金额和责任单位,每项均可追溯到规范化文本中的原文引语
与字符位置。

## Files · 文件

| file | what it is · 内容 |
|---|---|
{files}

Every file's SHA-256 is in `SHA256SUMS` (on the site, beside the files). Excel and LibreOffice users: open the
`.xlsx` (the CSVs are UTF-8 without a byte-order mark, which their CSV import may misread).

Excel/LibreOffice 用户请直接打开 `.xlsx` 文件(CSV 为无 BOM 的 UTF-8,直接导入可能出现乱码)。

## Load it · 读取

Paths are relative to this folder; on the website the same files are under `{meta['homepage']}downloads/`.
Parquet keeps every type (codes such as region_code stay text, dates are dates) in every tool.

{recipes}

## Questions in one query · 一条查询回答的问题

Run each in `sqlite3 {stem}.sqlite`, in Datasette's SQL box, or in DuckDB over the Parquet folders (first
`CREATE VIEW amounts AS FROM 'parquet/amounts/*.parquet'`, and so for each table the query names).
`paid_to_firm` (amounts) says whether a figure is money a firm receives; `function` (agencies) compares the
same government function across places; Datasette's `?_search=` on provisions finds any Chinese word of 2 to
12 characters (a single character or a longer text: the canned query `provisions_containing`).

{questions_markdown()}

## Licence · 许可

Data CC BY 4.0; the source texts are official documents outside copyright (PRC Copyright Law, Article 5):
see `LICENSE.md`.

## Cite · 引用

{package.citation}

`CITATION.cff` holds the same for citation managers (GitHub, Zotero, `cffconvert`).
"""


def write_documentation(out: Path, package: Package, stem: str) -> None:
    root = package.layout.root
    write_text(out / "README.md", readme(package, stem))
    write_text(out / "LICENSE.md", LICENCE)
    for name in ("CITATION.cff", "CHANGELOG.md"):
        write_bytes(out / name, (root / name).read_bytes())
    for schema in sorted(package.layout.json_schemas.glob("*.json")):
        write_bytes(out / "schemas" / "json" / schema.name, schema.read_bytes())
