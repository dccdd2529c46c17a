"""Everything the site shows, read once: the typed package and the release's file list (the I/O edge)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from zjtx import package as package_module
from zjtx.model import Model
from zjtx.package import Package
from zjtx.regions import province_code

# GitHub Pages publishes a site of at most 1 GB. Past that size of release files copied into downloads/ (the zip
# counted twice: once more as the latest), the large ones are linked from the version's GitHub release instead.
PAGES_LIMIT = 1_000_000_000
LARGE_FILES = (".zip", ".sqlite", ".xlsx")  # the archive, the database, the workbook (at the top of dist/)


@dataclass(frozen=True)
class Download:
    path: str  # relative to dist/, e.g. "data/targets.csv"
    size: int
    sha256: str
    url: str = ""  # when the site links it from the version's GitHub release instead of copying it: that address


@dataclass
class SiteData:
    source: Package
    downloads: list[Download]
    changelog: str
    contributing: str
    repairs: dict[str, Counter] = field(default_factory=dict)  # document -> repair step -> count
    by_provision: dict[str, dict] = field(default_factory=dict)
    codelists: dict[str, dict[str, dict]] = field(default_factory=dict)  # codelist -> code -> row
    translations: dict[str, str] = field(default_factory=dict)  # provision_id -> unofficial English text
    agencies: dict[str, dict] = field(default_factory=dict)  # agency_id -> agency row
    # province code -> the ids of its documents, for the provinces that have any (the codelist's order); of the
    # whole package even when a page sees some documents only (paging.DocumentsSlice passes it through)
    provinces: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.codelists = {name: self.source.codelist(name) for name in self.model.codelists}
        self.translations = {r["provision_id"]: r["text_en"] for r in self.records.get("provision_translations", [])}
        self.agencies = {a["agency_id"]: a for a in self.records["agencies"]}
        self.by_provision = {p["provision_id"]: p for d in self.documents.values() for p in d["provisions"]}
        by_province: dict[str, list[str]] = {code: [] for code in self.codelists["province"]}
        for d in self.documents.values():  # the validator (unknown-province) keeps every region in the list
            by_province.setdefault(province_code(d["region_code"]), []).append(d["document_id"])
        self.provinces = {code: ids for code, ids in by_province.items() if ids}
        repairs: dict[str, Counter] = defaultdict(Counter)
        for r in self.source.rows("text_repairs", ("document_id", "step")):
            repairs[r["document_id"]][r["step"]] += 1
        self.repairs = dict(repairs)

    @property
    def package(self) -> dict:
        """The descriptor (datapackage.json)."""
        return self.source.descriptor

    @property
    def records(self) -> dict[str, list[dict]]:
        return self.source.records

    @property
    def documents(self) -> dict[str, dict]:
        return self.source.documents

    @property
    def texts(self) -> dict[str, str]:
        return self.source.texts

    @property
    def model(self) -> Model:
        return self.source.model

    @property
    def release_date(self) -> dt.date:
        return self.source.created.date()

    def title(self, codelist: str, code: str | None) -> tuple[str, str]:
        """(Chinese, English) title of a code; the code itself when the list does not know it."""
        row = self.source.codelist(codelist).get(code or "")
        return (row["title_zh"], row["title_en"]) if row else (code or "", "")


class MissingRelease(SystemExit):
    pass


def release_url(descriptor: dict) -> str:
    """Where the version's GitHub release serves its files (the release workflow attaches them)."""
    return f"{descriptor['repository'].rstrip('/')}/releases/download/v{descriptor['version']}/"


def linked_from_release(downloads: list[Download], release: str, limit: int = PAGES_LIMIT) -> list[Download]:
    """The downloads, the large files given their address in the release when copying them all would pass
    `limit` bytes."""
    copied = sum(d.size for d in downloads) + sum(d.size for d in downloads if d.path.endswith(".zip"))
    if copied <= limit:
        return downloads
    return [dataclasses.replace(d, url=release + d.path) if "/" not in d.path and d.path.endswith(LARGE_FILES)
            else d for d in downloads]


def read_downloads(dist: Path) -> list[Download]:
    sums = dist / "SHA256SUMS"
    if not sums.is_file():
        raise MissingRelease(f"site: {sums} not found; the downloads page lists the release, so run "
                             "`make release` (or `zjtx release`) before building the site")
    out = []
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, rel = line.split("  ", 1)
        out.append(Download(rel, (dist / rel).stat().st_size, digest))
    out.append(Download("SHA256SUMS", sums.stat().st_size, ""))
    return out


def read_optional(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def load_site_data(root: Path, dist: Path, limit: int = PAGES_LIMIT) -> SiteData:
    """The package as its release has it (derived fields, the texts table): the site shows what it offers for
    download (its large files linked from the GitHub release past `limit`), and its JSON API serves the
    release's records."""
    from zjtx.release.derive import release_package

    source = release_package(package_module.load(root))
    downloads = linked_from_release(read_downloads(dist), release_url(source.descriptor), limit)
    return SiteData(source=source, downloads=downloads,
                    changelog=read_optional(root / "CHANGELOG.md"),
                    contributing=read_optional(root / "CONTRIBUTING.md"))
