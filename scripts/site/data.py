"""Everything the site shows, read once from the package and the release (the I/O edge of the site)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from scripts import release
from scripts.model import load_codelists, load_model


@dataclass(frozen=True)
class Download:
    path: str  # relative to dist/, e.g. "csv/data/targets.csv"
    size: int
    sha256: str


@dataclass
class SiteData:
    package: dict
    records: dict[str, list[dict]]
    documents: dict[str, dict]  # nested: document -> provisions -> facts
    texts: dict[str, str]
    codelists: dict[str, dict[str, dict[str, str]]]  # codelist -> code -> row
    model: dict
    repairs: dict[str, Counter]  # document -> repair step -> count
    downloads: list[Download]
    changelog: str
    contributing: str
    by_provision: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_provision = {p["provision_id"]: p for d in self.documents.values() for p in d["provisions"]}

    @property
    def release_date(self) -> dt.date:
        return release.created_datetime(self.package).date()

    def title(self, codelist: str, code: str | None) -> tuple[str, str]:
        """(Chinese, English) title of a code; the code itself when the list does not know it."""
        row = self.codelists.get(codelist, {}).get(code or "")
        return (row["title_zh"], row["title_en"]) if row else (code or "", "")


class MissingRelease(SystemExit):
    pass


def read_downloads(dist: Path) -> list[Download]:
    sums = dist / "SHA256SUMS"
    if not sums.is_file():
        raise MissingRelease(f"site: {sums} not found; the downloads page lists the release, so run "
                             "`make release` (or `python -m scripts.release`) before building the site")
    out = []
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, rel = line.split("  ", 1)
        out.append(Download(rel, (dist / rel).stat().st_size, digest))
    out.append(Download("SHA256SUMS", sums.stat().st_size, ""))
    return out


def read_optional(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def load_site_data(root: Path, dist: Path) -> SiteData:
    package = release.load_package(root)
    tables = release.load_tables(package, root)
    records = release.json_records(tables)
    documents = release.nested_documents(records)
    texts = {d["document_id"]: (root / d["text_path"]).read_text(encoding="utf-8") for d in records["documents"]}
    repairs: dict[str, Counter] = defaultdict(Counter)
    for r in records["text-repairs"]:
        repairs[r["document_id"]][r["step"]] += 1
    codelists = {name: {row["code"]: row for row in cl.rows} for name, cl in load_codelists().items()}
    return SiteData(package=package, records=records, documents=documents, texts=texts, codelists=codelists,
                    model=load_model(), repairs=dict(repairs), downloads=read_downloads(dist),
                    changelog=read_optional(root / "CHANGELOG.md"),
                    contributing=read_optional(root / "CONTRIBUTING.md"))
