"""Where things live in the repository (one place, so a move is a one-line change)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = DATA / "sources"
TEXTS = DATA / "texts"
NORMALISATION = SOURCES / "normalisation.yaml"
SCHEMAS = ROOT / "schemas"
MODEL = SCHEMAS / "model.yaml"
CODELISTS = SCHEMAS / "codelists"
JSON_SCHEMAS = SCHEMAS / "json"
DATAPACKAGE = ROOT / "datapackage.json"
PACKAGE_META = SCHEMAS / "package.yaml"
