"""Read the single definition of the package: schemas/model.yaml and the codelists."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from scripts import paths

CODELIST_HEADER = ["code", "title_zh", "title_en", "description"]


@dataclass(frozen=True)
class Codelist:
    name: str
    path: Path
    rows: tuple[dict[str, str], ...]

    @property
    def codes(self) -> list[str]:
        return [r["code"] for r in self.rows]


@cache
def load_model(path: Path = paths.MODEL) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def resources(model: dict | None = None) -> dict[str, dict]:
    return (model or load_model())["resources"]


def field_names(resource: str) -> list[str]:
    return [f["name"] for f in resources()[resource]["fields"]]


@cache
def load_codelists(folder: Path = paths.CODELISTS) -> dict[str, Codelist]:
    out = {}
    for p in sorted(folder.glob("*.csv")):
        with p.open(encoding="utf-8", newline="") as fh:
            rows = tuple(csv.DictReader(fh))
        out[p.stem] = Codelist(p.stem, p, rows)
    return out
