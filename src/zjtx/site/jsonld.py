"""schema.org Dataset metadata for the home pages (search engines and dataset catalogues such as Google Dataset
Search read it): name, description, licence, version, creator, and every download with its address, format
and size. JSON inside <script type="application/ld+json">, with "<" escaped so no data can close the element."""

from __future__ import annotations

import json

from zjtx.site.data import SiteData
from zjtx.site.pages.common import DOWNLOAD_DIR

FORMATS = {".csv": "text/csv", ".json": "application/json", ".parquet": "application/vnd.apache.parquet",
           ".sqlite": "application/vnd.sqlite3", ".zip": "application/zip", ".md": "text/markdown",
           ".txt": "text/plain", ".cff": "application/x-yaml",
           ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# The files a catalogue lists: the archive and the one-file formats (the per-table files are inside them)
LISTED = (".zip", ".sqlite", ".xlsx")


def dataset(data: SiteData) -> dict:
    pkg = data.package
    home = pkg["homepage"]
    downloads = [d for d in data.downloads if d.path.endswith(LISTED) or d.path == "datapackage.json"]
    return {
        "@context": "https://schema.org/", "@type": "Dataset", "name": pkg["title"],
        "description": " ".join(pkg["description"].split()), "url": home, "version": pkg["version"],
        "dateModified": pkg["created"][:10], "license": pkg["licenses"][0]["path"],
        "keywords": pkg["keywords"], "inLanguage": ["zh-CN", "en"], "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": pkg["contributors"][0]["title"]},
        "citation": data.source.citation, "spatialCoverage": "China",
        "distribution": [{"@type": "DataDownload", "contentUrl": d.url or f"{home}{DOWNLOAD_DIR}/{d.path}",
                          "encodingFormat": FORMATS.get("." + d.path.rsplit(".", 1)[-1], "application/octet-stream"),
                          "contentSize": f"{d.size} B", "name": d.path} for d in downloads],
    }


def script(data: SiteData) -> str:
    text = json.dumps(dataset(data), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>'
