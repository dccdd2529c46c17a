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


# Folders of one file per table, listed as one distribution each (the catalogue's "CSV" and "Parquet")
FOLDERS = (("data/", "text/csv", "CSV: one file per table, described by datapackage.json (Data Package)"),
           ("parquet/", "application/vnd.apache.parquet", "Parquet: one folder per table, read as one table"))


def temporal_coverage(documents: list[dict]) -> str:
    """The period the documents speak of, as an ISO 8601 interval of years: from the earliest plan year or date
    to the latest (issued, effective and plan dates alike)."""
    years = [y for d in documents for y in (d["plan_start_year"], d["plan_end_year"]) if y]
    years += [int(str(v)[:4]) for d in documents for v in (d["issued_date"], d["effective_from"], d["effective_to"])
              if v]
    return f"{min(years)}/{max(years)}" if years else ""


def place(doc: dict) -> dict:
    """A document's area as a schema.org Place with its GB/T 2260 code."""
    return {"@type": "Place", "name": doc["region_name_en"], "alternateName": doc["region_name"],
            "identifier": {"@type": "PropertyValue", "propertyID": "GB/T 2260", "value": doc["region_code"]},
            "containedInPlace": {"@type": "Country", "name": "China"}}


def dataset(data: SiteData) -> dict:
    pkg = data.package
    home = pkg["homepage"]
    downloads = [d for d in data.downloads if d.path.endswith(LISTED) or d.path == "datapackage.json"]
    documents = data.records["documents"]
    return {
        "@context": "https://schema.org/", "@type": "Dataset", "name": pkg["title"],
        "description": " ".join(pkg["description"].split()), "url": home, "version": pkg["version"],
        "dateModified": pkg["created"][:10], "license": pkg["licenses"][0]["path"],
        "keywords": pkg["keywords"], "inLanguage": ["zh-CN", "en"], "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": pkg["contributors"][0]["title"]},
        "citation": data.source.citation,
        "temporalCoverage": temporal_coverage(documents),
        "spatialCoverage": [place(d) for d in {d["region_code"]: d for d in documents}.values()],
        "distribution": [{"@type": "DataDownload", "contentUrl": d.url or f"{home}{DOWNLOAD_DIR}/{d.path}",
                          "encodingFormat": FORMATS.get("." + d.path.rsplit(".", 1)[-1], "application/octet-stream"),
                          "contentSize": f"{d.size} B", "name": d.path} for d in downloads]
        + [{"@type": "DataDownload", "contentUrl": f"{home}{DOWNLOAD_DIR}/{folder}", "encodingFormat": fmt,
            "name": folder, "description": what}
           for folder, fmt, what in FOLDERS if any(d.path.startswith(folder) for d in data.downloads)],
    }


def script(data: SiteData) -> str:
    text = json.dumps(dataset(data), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>'
